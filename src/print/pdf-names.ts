/**
 * Names read once. A PDF of ~250 objects holds ~10,000 name tokens (`/Type`, `/K`, `/S`, ...) of a few dozen
 * kinds; pdf-lib builds each token's text a character at a time and then decodes `#xx` escapes with two
 * regular-expression passes (in the parser and again in `PDFName.of`) before finding its one interned instance.
 * That was ~8 % of the PDF finishing's CPU (docs/performance.md, "The PDF/UA and PDF/A post-processing"). Here a
 * token's bytes are looked up by their text and the interned instance comes straight back; the result is the
 * same object pdf-lib's own path returns (`PDFName.of` interns by decoded text, and that is still what makes a
 * name the first time it is seen).
 *
 * `installNameCache()` replaces `PDFObjectParser.prototype.parseName` with a method that gives the same result:
 * the same token end (white space or a delimiter), the same `#xx` decoding, the same instance. The finishing
 * installs it (in its thread, or in the process when there is no built bundle); from then on it serves every pdf-lib
 * parse of that thread, with the same results.
 */
import { CharCodes, PDFName, PDFObjectParser } from '@cantoo/pdf-lib';

/** The parser state the method reads: pdf-lib's `ByteStream` (its fields are not in its typings). */
interface ByteStreamState {
  bytes: Uint8Array;
  idx: number;
  length: number;
  column: number;
  assertNext(expected: number): number;
}

/** White space and delimiters: what ends a name token (ISO 32000-1, 7.2.2). */
const ENDS_NAME = new Uint8Array(256);
for (const c of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20, 0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]) ENDS_NAME[c] = 1;

const byText = new Map<string, PDFName>();
let installed = false;
type ParseName = (this: { bytes: ByteStreamState }) => PDFName;
const parserPrototype = PDFObjectParser.prototype as unknown as { parseName: ParseName };
/** pdf-lib's own method, as it was before `installNameCache` (the test compares the two). */
export const libraryParseName: ParseName = parserPrototype.parseName;
/** How many names were read, and how many of those by the cache (for the test that the path is taken). */
export const nameCacheCounts = { read: 0, cached: 0 };

/** A name token's text as pdf-lib's parser builds it: one character per byte. */
function tokenText(bytes: Uint8Array, start: number, end: number): string {
  if (end - start <= 64) return String.fromCharCode.apply(null, bytes.subarray(start, end) as unknown as number[]);
  let text = '';
  for (let i = start; i < end; i++) text += String.fromCharCode(bytes[i]!);
  return text;
}

function nameOf(text: string): PDFName {
  let name = byText.get(text);
  if (name === undefined) {
    // (pdf-lib's own decoding and interning, once per kind of token)
    name = PDFName.of(text.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))));
    if (byText.size < 100_000) byText.set(text, name);
  } else nameCacheCounts.cached++;
  nameCacheCounts.read++;
  return name;
}

export function installNameCache(): void {
  if (installed) return;
  installed = true;
  // `PDFName.of` is a pure function of its text (its pool is never emptied), so the same instance can be found
  // by the text as given, before pdf-lib decodes it again: the finishing asks for `/K`, `/S`, `/Type` ... by
  // name on every element it looks at.
  const libraryOf = PDFName.of;
  const byGiven = new Map<string, PDFName>();
  (PDFName as unknown as { of: (name: string) => PDFName }).of = (given: string) => {
    let name = byGiven.get(given);
    if (name === undefined) {
      name = libraryOf(given);
      if (byGiven.size < 100_000) byGiven.set(given, name);
    }
    return name;
  };
  parserPrototype.parseName = function parseName(this: { bytes: ByteStreamState }): PDFName {
    const stream = this.bytes;
    stream.assertNext(CharCodes.ForwardSlash);
    const { bytes, length } = stream;
    const start = stream.idx;
    let end = start;
    while (end < length && !ENDS_NAME[bytes[end]!]) end++;
    // (a name holds no line feed, so only the column moves, as with pdf-lib's byte-by-byte `next()`)
    stream.idx = end;
    stream.column += end - start;
    return nameOf(tokenText(bytes, start, end));
  };
}
