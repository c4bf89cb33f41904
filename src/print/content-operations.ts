/**
 * The operations of a PDF content stream, each with where it starts and ends
 * in the stream's bytes (operands included), so that a caller can insert
 * operators between them without re-serialising anything it did not change.
 *
 * The text is the stream decoded as latin1: one character per byte. A page
 * holds tens of thousands of operations, nearly all of them with numbers
 * only; operands are read only when asked for (`operandsOf`), which keeps
 * the walk from allocating a string per number.
 */

export interface ContentOperation {
  /** The operator, e.g. `Tj`, `re`, `BDC`. */
  operator: string;
  /** Offset of the first operand (or of the operator when there is none). */
  start: number;
  /** Offset of the operator itself. */
  operatorStart: number;
  /** Offset just past the operator (past `EI` for an inline image). */
  end: number;
}

/** Character classes by byte: 1 whitespace, 2 delimiter, 0 regular (a lookup table: this loop runs per byte). */
const CLASS = new Uint8Array(256);
for (const c of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) CLASS[c] = 1;
for (const c of '()<>[]{}/%') CLASS[c.charCodeAt(0)] = 2;

/** Words that are operands, not operators. */
const KEYWORD_OPERANDS = new Set(['true', 'false', 'null']);

const isWhitespace = (code: number) => CLASS[code & 0xff] === 1;
const isRegular = (code: number) => code === code && CLASS[code & 0xff] === 0;

const lineEnd = (text: string, at: number): number => {
  let k = at;
  while (k < text.length && text.charCodeAt(k) !== 0x0a && text.charCodeAt(k) !== 0x0d) k++;
  return k;
};

/** Offset just past the object (string, array, dictionary, name, number or keyword) starting at `at`. */
function skipObject(text: string, at: number): number {
  const n = text.length;
  const c = text.charCodeAt(at);
  if (c === 0x28 /* ( */) {
    let depth = 0;
    for (let k = at; k < n; k++) {
      const ch = text.charCodeAt(k);
      if (ch === 0x5c /* \ */) k++;
      else if (ch === 0x28) depth++;
      else if (ch === 0x29 && --depth === 0) return k + 1;
    }
    return n;
  }
  if (c === 0x3c /* < */) {
    if (text.charCodeAt(at + 1) === 0x3c) return skipNested(text, at + 2, '>>');
    const close = text.indexOf('>', at);
    return close < 0 ? n : close + 1;
  }
  if (c === 0x5b /* [ */) return skipNested(text, at + 1, ']');
  let k = at + 1;
  while (k < n && isRegular(text.charCodeAt(k))) k++;
  return k;
}

/** Past the `close` ending a container whose contents start at `at`. */
function skipNested(text: string, at: number, close: string): number {
  let k = at;
  while (k < text.length) {
    const c = text.charCodeAt(k);
    if (isWhitespace(c)) k++;
    else if (c === 0x25 /* % */) k = lineEnd(text, k);
    else if (text.startsWith(close, k)) return k + close.length;
    else k = skipObject(text, k);
  }
  return text.length;
}

const startsOperand = (c: number) => c === 0x28 || c === 0x3c || c === 0x5b || c === 0x2f || (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e;

/** The operations of `text`, or of its stretch [from, to) (offsets stay those of `text`). */
export function contentOperations(text: string, from = 0, to = text.length): ContentOperation[] {
  const operations: ContentOperation[] = [];
  const n = to;
  let operandsStart = -1;
  let i = from;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isWhitespace(c)) {
      i++;
      continue;
    }
    if (c === 0x25) {
      i = lineEnd(text, i);
      continue;
    }
    if (startsOperand(c)) {
      if (operandsStart < 0) operandsStart = i;
      i = skipObject(text, i);
      continue;
    }
    // An operator (or a stray delimiter, taken as one so that the walk always moves on).
    let end = i;
    while (end < n && isRegular(text.charCodeAt(end))) end++;
    if (end === i) end = i + 1;
    const operator = text.slice(i, end);
    if (KEYWORD_OPERANDS.has(operator)) {
      if (operandsStart < 0) operandsStart = i;
      i = end;
      continue;
    }
    const start = operandsStart < 0 ? i : operandsStart;
    if (operator === 'BI') {
      // Inline image: key/value pairs, `ID`, one whitespace byte, binary data, then `EI` standing alone.
      const id = text.indexOf('ID', end);
      let k = id < 0 ? n : id + 3;
      let after = n;
      while (k < n) {
        const ei = text.indexOf('EI', k);
        if (ei < 0) break;
        if (isWhitespace(text.charCodeAt(ei - 1)) && (ei + 2 >= n || isWhitespace(text.charCodeAt(ei + 2)))) {
          after = ei + 2;
          break;
        }
        k = ei + 2;
      }
      operations.push({ operator: 'BI', start, operatorStart: i, end: after });
      i = after;
    } else {
      operations.push({ operator, start, operatorStart: i, end });
      i = end;
    }
    operandsStart = -1;
  }
  return operations;
}

/** The operands' source text, in order (strings, names, numbers, arrays and dictionaries as written). */
export function operandsOf(text: string, op: ContentOperation): string[] {
  const operands: string[] = [];
  let i = op.start;
  while (i < op.operatorStart) {
    const c = text.charCodeAt(i);
    if (isWhitespace(c)) i++;
    else if (c === 0x25) i = lineEnd(text, i);
    else {
      const end = Math.min(skipObject(text, i), op.operatorStart);
      operands.push(text.slice(i, end));
      i = end;
    }
  }
  return operands;
}

/** Whether `BI` stands alone as a word somewhere (an inline image). */
function hasInlineImage(text: string): boolean {
  for (let at = text.indexOf('BI'); at >= 0; at = text.indexOf('BI', at + 2)) {
    if ((at === 0 || isWhitespace(text.charCodeAt(at - 1))) && (at + 2 >= text.length || isWhitespace(text.charCodeAt(at + 2)))) return true;
  }
  return false;
}

export interface MarkedContentOutline {
  /** Ranges of the text outside any marked-content sequence: [start, end) pairs. */
  untagged: Array<[number, number]>;
  /** Each sequence with an MCID: where its content starts and ends. */
  sequences: Array<{ mcid: number; start: number; end: number }>;
}

/** Offsets of the operators `BDC`, `BMC` and `EMC` (words standing alone), in order: indexOf is far faster than a regular expression here. */
function markedContentOperators(text: string): Array<[number, 'BDC' | 'BMC' | 'EMC']> {
  const found: Array<[number, 'BDC' | 'BMC' | 'EMC']> = [];
  for (const word of ['BDC', 'BMC', 'EMC'] as const) {
    for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 3)) {
      const before = at === 0 ? 0x20 : text.charCodeAt(at - 1);
      const after = at + 3 >= text.length ? 0x20 : text.charCodeAt(at + 3);
      if ((isWhitespace(before) || before === 0x5d || before === 0x3e || before === 0x29) && !isRegular(after)) found.push([at, word]);
    }
  }
  return found.sort((a, b) => a[0] - b[0]);
}

/**
 * Where the marked-content sequences of a stream are, found without walking
 * every operation: Chromium writes glyphs as hex strings and no inline
 * images, so outside literal strings, comments and inline images the words
 * `BDC`, `BMC` and `EMC` can only be operators. Undefined when the stream has
 * any of those, for the full walk to decide.
 */
export function markedContentOutline(text: string): MarkedContentOutline | undefined {
  if (text.includes('(') || text.includes('%') || hasInlineImage(text)) return undefined;
  const untagged: Array<[number, number]> = [];
  const sequences: Array<{ mcid: number; start: number; end: number }> = [];
  const open: Array<{ mcid?: number; start: number }> = [];
  let from = 0;
  for (const [at, word] of markedContentOperators(text)) {
    if (word === 'EMC') {
      const sequence = open.pop();
      if (sequence?.mcid !== undefined) sequences.push({ mcid: sequence.mcid, start: sequence.start, end: at });
      if (open.length === 0) from = at + 3;
      continue;
    }
    if (open.length === 0 && at > from) untagged.push([from, at]);
    const mcid = word === 'BDC' ? /\/MCID\s+(\d+)\s*>>\s*$/.exec(text.slice(Math.max(0, at - 40), at))?.[1] : undefined;
    open.push({ mcid: mcid === undefined ? undefined : Number(mcid), start: at + 3 });
  }
  if (open.length === 0 && from < text.length) untagged.push([from, text.length]);
  return { untagged, sequences };
}
