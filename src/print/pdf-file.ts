/**
 * Reading and rewriting a PDF of the simple shape Chromium (Skia) writes —
 * one classic cross-reference table, no cross-reference or object streams,
 * no incremental update, no encryption — parsing only the objects that are
 * looked at and copying every object that has not changed byte for byte
 * from the original file. pdf-lib's own parser reads each object asked for
 * (at the offset the table gives) and its own writer serialises the objects
 * that changed and the new ones; a fresh table and trailer follow. Any other
 * file is read and written whole by pdf-lib (`loadPdf` returns no layout).
 *
 * Why: the finishing (src/print/pdf-finishing.ts) changes a few dozen of a
 * file's ~300–400 objects; reading and writing all of them was about half
 * of its CPU, in a batch that shares two cores with Chromium (docs/performance.md).
 */
import { PDFArray, PDFDict, PDFDocument, PDFHeader, PDFName, PDFObject, PDFParser, PDFRef, PDFStream } from '@cantoo/pdf-lib';

/** Where each object of a simple file is, by object number: its first byte and the byte after its `endobj`. */
export interface ClassicLayout {
  spans: Map<number, { start: number; end: number }>;
  /** Where the table starts (the objects end there). */
  xrefAt: number;
  /** The trailer's `/Size`: object numbers below it are the file's own. */
  size: number;
}

/** How a rewrite went: for tests and the benchmark (the fast path must be seen to be taken). */
export interface RewriteCounts {
  /** Objects of the original file. */
  objects: number;
  /** Of those, parsed because something looked at them. */
  parsed: number;
  /** Copied byte for byte. */
  copied: number;
  /** Serialised (changed, or new). */
  written: number;
}

export interface LoadedPdf {
  doc: PDFDocument;
  /** Present when the file has the simple shape: then `savePdf` copies what did not change. */
  layout?: ClassicLayout;
  /** Objects as first parsed, and a shallow picture of their containers then, to tell what changed. */
  originals?: Map<number, PDFObject>;
  pictures?: WeakMap<PDFObject, readonly unknown[]>;
  parsed?: () => number;
}

const latin1 = (bytes: Uint8Array, start: number, end: number) => Buffer.from(bytes.buffer, bytes.byteOffset + start, Math.max(0, end - start)).toString('latin1');
const has = (bytes: Uint8Array, text: string) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(text, 0, 'latin1');

const startsWith = (bytes: Uint8Array, at: number, text: string) => {
  for (let i = 0; i < text.length; i++) if (bytes[at + i] !== text.charCodeAt(i)) return false;
  return true;
};
/** Whether the bytes from `start` to `end` end with `endobj` and white space. */
const endsWithEndobj = (bytes: Uint8Array, start: number, end: number) => {
  let at = end;
  while (at > start && (bytes[at - 1] === 0x20 || bytes[at - 1] === 0x0a || bytes[at - 1] === 0x0d || bytes[at - 1] === 0x09 || bytes[at - 1] === 0x0c || bytes[at - 1] === 0x00)) at--;
  return at - 6 >= start && startsWith(bytes, at - 6, 'endobj');
};

/** The layout of a file of the simple shape, or undefined (then the whole file is parsed). */
export function classicLayout(bytes: Uint8Array): ClassicLayout | undefined {
  if (latin1(bytes, 0, 5) !== '%PDF-') return undefined;
  const tail = latin1(bytes, Math.max(0, bytes.length - 64), bytes.length);
  const start = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (!start) return undefined;
  const xrefAt = Number(start[1]);
  // One %%EOF (no update appended); no streams of objects or of cross-references, no encryption.
  const all = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (all.indexOf('%%EOF', 0, 'latin1') !== all.lastIndexOf('%%EOF', undefined, 'latin1')) return undefined;
  if (has(bytes, '/ObjStm') || has(bytes, '/XRef') || has(bytes, '/Encrypt')) return undefined;
  const section = latin1(bytes, xrefAt, bytes.length);
  const table = /^xref\r?\n/.exec(section);
  if (!table) return undefined;
  const offsets = new Map<number, number>();
  let at = table[0].length;
  // Subsections: `first count` then `count` entries of 20 bytes, `oooooooooo ggggg n` and an end of line.
  const digits = (from: number, length: number) => {
    let value = 0;
    for (let i = from; i < from + length; i++) {
      const c = section.charCodeAt(i) - 48;
      if (c < 0 || c > 9) return -1;
      value = value * 10 + c;
    }
    return value;
  };
  for (;;) {
    const head = /^(\d+) (\d+)[ \t]*\r?\n/.exec(section.slice(at, at + 32));
    if (!head) break;
    at += head[0].length;
    const first = Number(head[1]);
    const count = Number(head[2]);
    if (at + count * 20 > section.length) return undefined;
    for (let i = 0; i < count; i++, at += 20) {
      const offset = digits(at, 10);
      const kind = section[at + 17];
      if (offset < 0 || section[at + 10] !== ' ' || section[at + 16] !== ' ' || !/^[ \r][\r\n]$/.test(section.slice(at + 18, at + 20))) return undefined;
      if (kind === 'n') {
        if (digits(at + 11, 5) !== 0) return undefined;
        offsets.set(first + i, offset);
      } else if (kind !== 'f') return undefined;
    }
  }
  const trailer = /^trailer\s*<<([\s\S]*?)>>\s*startxref/.exec(section.slice(at));
  if (!trailer || /\/(Prev|XRefStm|Encrypt)\b/.test(trailer[1]!)) return undefined;
  const size = /\/Size\s+(\d+)/.exec(trailer[1]!);
  if (!size || offsets.size === 0) return undefined;
  // Each object from its offset to the next one's (or the table): it must start with its header and end with endobj.
  const sorted = [...offsets].sort((a, b) => a[1] - b[1]);
  const spans = new Map<number, { start: number; end: number }>();
  for (let i = 0; i < sorted.length; i++) {
    const [number, offset] = sorted[i]!;
    const next = i + 1 < sorted.length ? sorted[i + 1]![1] : xrefAt;
    if (number >= Number(size[1]) || !startsWith(bytes, offset, `${number} 0 obj`) || !endsWithEndobj(bytes, offset, next)) return undefined;
    // (the object and the line ends after it, up to the next one)
    spans.set(number, { start: offset, end: next });
  }
  return { spans, size: Number(size[1]), xrefAt };
}

interface ParserInternals {
  context: PDFDocument['context'];
  bytes: { moveTo(offset: number): void };
  parseIndirectObjectHeader(): PDFRef;
  skipWhitespaceAndComments(): void;
  parseObject(ref?: PDFRef): PDFObject;
  parseDict(): PDFDict;
}

/**
 * The context's objects, parsed when first asked for. Anything that enumerates them (none of the finishing's
 * calls does) gets them all parsed first, so that it sees the same as with a whole parse.
 */
class ObjectsOnDemand extends Map<PDFRef, PDFObject> {
  private loadAll: (() => void) | undefined;
  private readonly deleted = new Set<PDFRef>();
  /** Object numbers given an object by `set` (the context's `assign`, `register`), rather than parsed. */
  readonly assigned = new Set<number>();
  constructor(
    private readonly load: (ref: PDFRef) => PDFObject | undefined,
    private readonly refs: () => Iterable<PDFRef>,
  ) {
    super();
    this.loadAll = () => {
      this.loadAll = undefined;
      for (const ref of this.refs()) this.get(ref);
    };
  }
  override get(ref: PDFRef): PDFObject | undefined {
    const known = super.get(ref);
    if (known !== undefined || this.deleted.has(ref)) return known;
    const loaded = this.load(ref);
    if (loaded !== undefined) Map.prototype.set.call(this, ref, loaded);
    return loaded;
  }
  override has(ref: PDFRef): boolean {
    return this.get(ref) !== undefined;
  }
  override set(ref: PDFRef, object: PDFObject): this {
    this.assigned?.add(ref.objectNumber);
    return super.set(ref, object);
  }
  wasDeleted(ref: PDFRef): boolean {
    return this.deleted.has(ref);
  }
  override delete(ref: PDFRef): boolean {
    this.deleted.add(ref);
    return super.delete(ref);
  }
  override get size(): number {
    this.loadAll?.();
    return super.size;
  }
  override entries() {
    this.loadAll?.();
    return super.entries();
  }
  override keys() {
    this.loadAll?.();
    return super.keys();
  }
  override values() {
    this.loadAll?.();
    return super.values();
  }
  override forEach(callback: (value: PDFObject, key: PDFRef, map: Map<PDFRef, PDFObject>) => void, thisArg?: unknown) {
    this.loadAll?.();
    super.forEach(callback, thisArg);
  }
  override [Symbol.iterator]() {
    this.loadAll?.();
    return super[Symbol.iterator]();
  }
}

/** The direct values of a container (keys and values of a dictionary, items of an array), as they are now. */
function shallow(object: PDFObject): unknown[] | undefined {
  if (object instanceof PDFDict) {
    const out: unknown[] = [];
    (object as unknown as { dict: Map<PDFName, PDFObject> }).dict.forEach((value, key) => out.push(key, value));
    return out;
  }
  if (object instanceof PDFArray) return (object as unknown as { array: PDFObject[] }).array.slice();
  if (object instanceof PDFStream) return [object.dict, (object as { contents?: unknown }).contents];
  return undefined;
}

/** Record the shallow picture of `object` and of every container directly inside it. */
function picture(object: PDFObject, into: WeakMap<PDFObject, readonly unknown[]>, depth = 0): void {
  const values = shallow(object);
  if (!values || depth > 64) return;
  into.set(object, values);
  for (const value of values) if (value instanceof PDFDict || value instanceof PDFArray) picture(value, into, depth + 1);
}

/** Whether `object` (or a container directly inside it) differs from its picture. */
function changed(object: PDFObject, pictures: WeakMap<PDFObject, readonly unknown[]>, depth = 0): boolean {
  const then = pictures.get(object);
  const now = shallow(object);
  if (!then || !now || depth > 64 || then.length !== now.length) return true;
  for (let i = 0; i < now.length; i++) {
    if (now[i] !== then[i]) return true;
    const value = now[i];
    if ((value instanceof PDFDict || value instanceof PDFArray) && changed(value, pictures, depth + 1)) return true;
  }
  return false;
}

export async function loadPdf(bytes: Uint8Array): Promise<LoadedPdf> {
  const layout = classicLayout(bytes);
  if (!layout) return { doc: await PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: Infinity }) };
  const parser = PDFParser.forBytesWithOptions(bytes) as unknown as ParserInternals;
  const context = parser.context;
  const originals = new Map<number, PDFObject>();
  const pictures = new WeakMap<PDFObject, readonly unknown[]>();
  const objects = new ObjectsOnDemand(
    (ref) => {
      const span = ref.generationNumber === 0 ? layout.spans.get(ref.objectNumber) : undefined;
      if (!span || originals.has(ref.objectNumber)) return undefined;
      parser.bytes.moveTo(span.start);
      parser.parseIndirectObjectHeader();
      parser.skipWhitespaceAndComments();
      const object = parser.parseObject(ref);
      originals.set(ref.objectNumber, object);
      picture(object, pictures);
      return object;
    },
    () => [...layout.spans.keys()].map((n) => PDFRef.of(n)),
  );
  (context as unknown as { indirectObjects: Map<PDFRef, PDFObject> }).indirectObjects = objects;
  // The trailer, read with the same parser.
  const xrefAt = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(latin1(bytes, Math.max(0, bytes.length - 64), bytes.length))![1]);
  const trailerAt = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf('trailer', xrefAt, 'latin1') + 'trailer'.length;
  parser.bytes.moveTo(trailerAt);
  parser.skipWhitespaceAndComments();
  const trailer = parser.parseDict();
  context.trailerInfo = { Root: trailer.get(PDFName.of('Root')), Info: trailer.get(PDFName.of('Info')), ID: trailer.get(PDFName.of('ID')) };
  context.largestObjectNumber = layout.size - 1;
  const version = /^%PDF-(\d)\.(\d)/.exec(latin1(bytes, 0, 16));
  context.header = PDFHeader.forVersion(Number(version?.[1] ?? 1), Number(version?.[2] ?? 7));
  // (what PDFDocument.load does after parsing; its constructor is not part of the typed API)
  const doc = new (PDFDocument as unknown as new (context: PDFDocument['context'], ignoreEncryption: boolean, updateMetadata: boolean) => PDFDocument)(context, false, false);
  return { doc, layout, originals, pictures, parsed: () => originals.size };
}

/** The document as a file: unchanged objects copied from `original` when it had the simple shape, else pdf-lib's own save. */
export async function savePdf(loaded: LoadedPdf, original: Uint8Array): Promise<{ bytes: Uint8Array; counts?: RewriteCounts }> {
  const { doc, layout, originals, pictures } = loaded;
  if (!layout || !originals || !pictures) {
    return { bytes: await doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false, objectsPerTick: Infinity }) };
  }
  const context = doc.context;
  const objects = (context as unknown as { indirectObjects: ObjectsOnDemand }).indirectObjects;
  const counts: RewriteCounts = { objects: layout.spans.size, parsed: originals.size, copied: 0, written: 0 };
  // First what goes where: a span of the original, or an object to serialise (with its size), by object number.
  const size = context.largestObjectNumber + 1;
  const plan: Array<{ start: number; end: number } | PDFObject | undefined> = new Array(size);
  const underlying = Map.prototype.get;
  const header = context.header;
  let length = header.sizeInBytes() + 2;
  for (let number = 1; number < size; number++) {
    const span = layout.spans.get(number);
    const first = originals.get(number);
    let now: PDFObject | undefined = first;
    if (objects.assigned.has(number) || (first === undefined && !span)) {
      // (asked of the underlying map, so that asking does not parse it now)
      const ref = PDFRef.of(number);
      now = underlying.call(objects, ref) as PDFObject | undefined;
      if (now === undefined && (objects.wasDeleted(ref) || !span)) continue;
    }
    if (span && now === first && (first === undefined || !changed(first, pictures))) {
      plan[number] = span;
      length += span.end - span.start;
      counts.copied++;
    } else if (now !== undefined) {
      plan[number] = now;
      const bytes = String(number).length + ' 0 obj\n'.length + now.sizeInBytes() + '\nendobj\n'.length;
      length += bytes;
      counts.written++;
    }
  }
  const xrefAt = length;
  const trailer = context.obj({ Size: size, Root: context.trailerInfo.Root, Info: context.trailerInfo.Info, ID: context.trailerInfo.ID });
  const end = `trailer\n${trailer.toString()}\nstartxref\n${xrefAt}\n%%EOF\n`;
  const tableHead = `xref\n0 ${size}\n`;
  length += tableHead.length + 20 * size + end.length;

  // Then the file, in one buffer.
  const bytes = new Uint8Array(length);
  let at = header.copyBytesInto(bytes, 0);
  const ascii = (value: string) => {
    for (let i = 0; i < value.length; i++) bytes[at++] = value.charCodeAt(i);
  };
  ascii('\n\n');
  const offsets = new Array<number>(size).fill(-1);
  for (let number = 1; number < size; number++) {
    const entry = plan[number];
    if (entry === undefined) continue;
    offsets[number] = at;
    if (entry instanceof PDFObject) {
      ascii(`${number} 0 obj\n`);
      at += entry.copyBytesInto(bytes, at);
      ascii('\nendobj\n');
    } else {
      // (runs of consecutive objects in one copy)
      let last = entry.end;
      while (number + 1 < size && !(plan[number + 1] instanceof PDFObject) && plan[number + 1] !== undefined && (plan[number + 1] as { start: number }).start === last) {
        const next = plan[++number] as { start: number; end: number };
        offsets[number] = at + (next.start - entry.start);
        last = next.end;
      }
      bytes.set(original.subarray(entry.start, last), at);
      at += last - entry.start;
    }
  }
  ascii(tableHead);
  // Entries of 20 bytes: `oooooooooo ggggg n` and a space and a line feed.
  for (let number = 0; number < size; number++) {
    let offset = offsets[number]!;
    if (offset < 0) {
      ascii('0000000000 65535 f \n');
      continue;
    }
    for (let digit = 9; digit >= 0; digit--, offset = Math.floor(offset / 10)) bytes[at + digit] = 48 + (offset % 10);
    at += 10;
    ascii(' 00000 n \n');
  }
  ascii(end);
  if (at !== length) throw new Error(`The rewritten PDF came out at ${at} bytes, not the ${length} planned`);
  return { bytes, counts };
}
