/**
 * The text each marked-content sequence of a page shows, by MCID, decoded
 * with the fonts' ToUnicode maps: what a link's structure element reads as,
 * for its annotation's `/Contents`.
 */
import { PDFArray, PDFDict, PDFName, PDFRawStream, PDFStream, decodePDFRawStream, type PDFPage } from '@cantoo/pdf-lib';
import { inflateSync } from 'node:zlib';
import { contentOperations, markedContentOutline, operandsOf, type ContentOperation, type MarkedContentOutline } from './content-operations.js';

const SHOWS_TEXT = new Set(['Tj', 'TJ', "'", '"']);

export function streamBytes(stream: PDFStream): Uint8Array {
  // zlib is several times faster than the library's own inflate, and Chromium's streams are all Flate.
  const filter = stream.dict.get(PDFName.of('Filter'))?.toString();
  const bytes =
    stream instanceof PDFRawStream && filter === '/FlateDecode' && !stream.dict.has(PDFName.of('DecodeParms'))
      ? inflateSync(stream.getContents())
      : stream instanceof PDFRawStream
        ? decodePDFRawStream(stream).decode()
        : stream.getContents();
  return bytes;
}

export function streamText(stream: PDFStream): string {
  const bytes = streamBytes(stream);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

interface ParsedStream {
  bytes: Uint8Array;
  text: string;
  /** Where its marked-content sequences are (undefined: the stream needs the full walk). */
  outline: MarkedContentOutline | undefined;
}
const parsed = new WeakMap<PDFStream, ParsedStream>();

/** A content stream's bytes, text and outline, read once for every step that needs them. */
export function parsedStream(stream: PDFStream): ParsedStream {
  let known = parsed.get(stream);
  if (!known) {
    const bytes = streamBytes(stream);
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    parsed.set(stream, (known = { bytes, text, outline: markedContentOutline(text) }));
  }
  return known;
}

/** The page's content streams, in order. */
export function pageStreams(page: PDFPage): PDFStream[] {
  const contents = page.node.Contents();
  if (!contents) return [];
  if (contents instanceof PDFStream) return [contents];
  return (contents as PDFArray).asArray().map((ref) => page.doc.context.lookup(ref)).filter((s): s is PDFStream => s instanceof PDFStream);
}

interface FontDecoder {
  bytesPerCode: 1 | 2;
  map: Map<number, string>;
}

/** Pages share their fonts: each ToUnicode map is read once. */
const toUnicodeMaps = new WeakMap<PDFStream, Map<number, string>>();
const toUnicodeOf = (stream: PDFStream) => {
  let map = toUnicodeMaps.get(stream);
  if (!map) toUnicodeMaps.set(stream, (map = parseToUnicode(streamText(stream))));
  return map;
};

/** `<41> <0041>` entries and `<03> <05> <0020>` ranges of a ToUnicode CMap. */
export function parseToUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const unicode = (hex: string) => {
    let s = '';
    for (let i = 0; i + 4 <= hex.length; i += 4) s += String.fromCharCode(parseInt(hex.slice(i, i + 4), 16));
    return s;
  };
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>/g)) map.set(parseInt(m[1]!, 16), unicode(m[2]!));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(<[0-9a-fA-F]*>|\[[^\]]*\])/g)) {
      const lo = parseInt(m[1]!, 16);
      const hi = Math.min(parseInt(m[2]!, 16), lo + 0xffff);
      const target = m[3]!;
      if (target.startsWith('[')) {
        const items = [...target.matchAll(/<([0-9a-fA-F]*)>/g)].map((x) => unicode(x[1]!));
        items.forEach((item, k) => lo + k <= hi && map.set(lo + k, item));
      } else {
        const base = target.slice(1, -1);
        const last = parseInt(base.slice(-4), 16);
        for (let code = lo; code <= hi; code++) map.set(code, unicode(base.slice(0, -4)) + String.fromCharCode(last + code - lo));
      }
    }
  }
  return map;
}

function stringBytes(operand: string): number[] {
  if (operand.startsWith('<')) {
    const hex = operand.slice(1, -1).replace(/\s+/g, '');
    const bytes: number[] = [];
    for (let i = 0; i < hex.length; i += 2) bytes.push(parseInt(hex.slice(i, i + 2).padEnd(2, '0'), 16));
    return bytes;
  }
  const body = operand.slice(1, -1);
  const bytes: number[] = [];
  const escapes: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12 };
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      bytes.push(c.charCodeAt(0) & 0xff);
      continue;
    }
    const next = body[++i] ?? '';
    if (/[0-7]/.test(next)) {
      const octal = /^[0-7]{1,3}/.exec(body.slice(i))![0];
      bytes.push(parseInt(octal, 8) & 0xff);
      i += octal.length - 1;
    } else if (next === '\r' || next === '\n') {
      if (next === '\r' && body[i + 1] === '\n') i++;
    } else bytes.push(Object.hasOwn(escapes, next) ? escapes[next]! : next.charCodeAt(0));
  }
  return bytes;
}

/**
 * Text shown inside each MCID's sequence on the page (nested sequences count
 * for the innermost MCID); only the MCIDs in `wanted` when it is given.
 */
export function textByMcid(page: PDFPage, wanted?: ReadonlySet<number>): Map<number, string> {
  const fonts = page.node.Resources()?.lookupMaybe(PDFName.of('Font'), PDFDict);
  const decoders = new Map<string, FontDecoder>();
  const decoder = (name: string): FontDecoder => {
    const known = decoders.get(name);
    if (known) return known;
    const font = fonts?.lookupMaybe(PDFName.of(name), PDFDict);
    const type0 = font?.get(PDFName.of('Subtype'))?.toString() === '/Type0';
    const toUnicode = font?.lookupMaybe(PDFName.of('ToUnicode'), PDFStream);
    const made: FontDecoder = { bytesPerCode: type0 ? 2 : 1, map: toUnicode ? toUnicodeOf(toUnicode) : new Map() };
    decoders.set(name, made);
    return made;
  };
  const texts = new Map<number, string>();
  const stack: Array<number | undefined> = [];
  let font: FontDecoder = { bytesPerCode: 1, map: new Map() };
  for (const stream of pageStreams(page)) {
    const { text, outline: known } = parsedStream(stream);
    // With `wanted`, only the wanted sequences are walked when they can be found quickly.
    const outline = wanted ? known : undefined;
    const pieces = outline
      ? outline.sequences.filter((s) => wanted!.has(s.mcid)).map((s) => ({ mcid: s.mcid, ops: contentOperations(text, s.start, s.end), text, font: lastFont(text, s.start) }))
      : [{ mcid: undefined, ops: contentOperations(text), text, font: undefined }];
    for (const piece of pieces) {
      stack.length = 0;
      if (piece.mcid !== undefined) stack.push(piece.mcid);
      if (piece.font) font = decoder(piece.font);
      walk(piece.text, piece.ops, piece.mcid);
    }
  }
  for (const [mcid, text] of texts) texts.set(mcid, text.replace(/\s+/g, ' '));
  return texts;

  /** `only`: a sequence walked on its own adds its own text only (a nested one is walked on its own too). */
  function walk(text: string, operations: ContentOperation[], only?: number): void {
    for (const op of operations) {
      if (op.operator === 'BDC' || op.operator === 'BMC') {
        const mcid = op.operator === 'BDC' ? /\/MCID\s+(\d+)/.exec(text.slice(op.start, op.operatorStart))?.[1] : undefined;
        stack.push(mcid === undefined ? stack[stack.length - 1] : Number(mcid));
      } else if (op.operator === 'EMC') stack.pop();
      else if (op.operator === 'Tf') font = decoder(operandsOf(text, op)[0]?.slice(1) ?? '');
      else if (SHOWS_TEXT.has(op.operator)) {
        const mcid = stack[stack.length - 1];
        if (mcid === undefined || (wanted && !wanted.has(mcid)) || (only !== undefined && mcid !== only)) continue;
        const operands = operandsOf(text, op);
        const strings = op.operator === 'TJ' ? [...(operands[0] ?? '').matchAll(/\((?:\\.|[^\\)])*\)|<[^>]*>/g)].map((m) => m[0]) : [operands[operands.length - 1] ?? ''];
        let shown = '';
        for (const s of strings) {
          const bytes = stringBytes(s);
          for (let i = 0; i + font.bytesPerCode <= bytes.length; i += font.bytesPerCode) {
            const code = font.bytesPerCode === 2 ? (bytes[i]! << 8) | bytes[i + 1]! : bytes[i]!;
            shown += font.map.get(code) ?? '';
          }
        }
        texts.set(mcid, (texts.get(mcid) ?? '') + shown);
      }
    }
  }
}

/** The font name of the last `Tf` before `at`, for a sequence that starts inside a text object. */
function lastFont(text: string, at: number): string | undefined {
  const before = text.slice(Math.max(0, at - 4096), at);
  const all = [...before.matchAll(/\/([^\s/<>[\]()]+)\s+[\d.+-]+\s+Tf\b/g)];
  return all.length ? all[all.length - 1]![1] : undefined;
}
