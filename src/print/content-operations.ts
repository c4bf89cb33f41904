/**
 * The operations of a PDF content stream, each with where it starts and ends
 * in the stream's bytes (operands included), so that a caller can insert
 * operators between them without re-serialising anything it did not change.
 *
 * The text is the stream decoded as latin1: one character per byte.
 */

export interface ContentOperation {
  /** The operator, e.g. `Tj`, `re`, `BDC`. */
  operator: string;
  /** The operands' source text, in order (strings, names, numbers, arrays and dictionaries as written). */
  operands: string[];
  /** Offset of the first operand (or of the operator when there is none). */
  start: number;
  /** Offset just past the operator (past `EI` for an inline image). */
  end: number;
}

const WHITESPACE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIMITERS = new Set('()<>[]{}/%'.split('').map((c) => c.charCodeAt(0)));

/** Words that are operands, not operators. */
const KEYWORD_OPERANDS = ['true', 'false', 'null'];

const isRegular = (code: number) => !WHITESPACE.has(code) && !DELIMITERS.has(code);

export function contentOperations(text: string): ContentOperation[] {
  const operations: ContentOperation[] = [];
  const n = text.length;
  let operands: string[] = [];
  let operandsStart = -1;
  let i = 0;

  /** Offset just past the object (string, array, dictionary, name or number) starting at `at`. */
  const skipObject = (at: number): number => {
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
      if (text.charCodeAt(at + 1) === 0x3c) return skipNested(at + 2, '>>');
      const close = text.indexOf('>', at);
      return close < 0 ? n : close + 1;
    }
    if (c === 0x5b /* [ */) return skipNested(at + 1, ']');
    if (c === 0x2f /* / */) {
      let k = at + 1;
      while (k < n && isRegular(text.charCodeAt(k))) k++;
      return k;
    }
    let k = at;
    while (k < n && isRegular(text.charCodeAt(k))) k++;
    return Math.max(k, at + 1);
  };

  /** Past the `close` ending a container whose contents start at `at`. */
  const skipNested = (at: number, close: string): number => {
    let k = at;
    while (k < n) {
      const c = text.charCodeAt(k);
      if (WHITESPACE.has(c)) k++;
      else if (c === 0x25 /* % */) k = lineEnd(k);
      else if (text.startsWith(close, k)) return k + close.length;
      else k = skipObject(k);
    }
    return n;
  };

  const lineEnd = (at: number): number => {
    let k = at;
    while (k < n && text.charCodeAt(k) !== 0x0a && text.charCodeAt(k) !== 0x0d) k++;
    return k;
  };

  while (i < n) {
    const c = text.charCodeAt(i);
    if (WHITESPACE.has(c)) {
      i++;
      continue;
    }
    if (c === 0x25) {
      i = lineEnd(i);
      continue;
    }
    const isOperand =
      KEYWORD_OPERANDS.some((word) => text.startsWith(word, i) && !isRegular(text.charCodeAt(i + word.length))) ||
      c === 0x28 || c === 0x3c || c === 0x5b || c === 0x2f || (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e;
    if (isOperand) {
      const end = skipObject(i);
      if (operandsStart < 0) operandsStart = i;
      operands.push(text.slice(i, end));
      i = end;
      continue;
    }
    // An operator (or a stray delimiter, taken as one so that the walk always moves on).
    let end = i;
    while (end < n && isRegular(text.charCodeAt(end))) end++;
    if (end === i) end = i + 1;
    const operator = text.slice(i, end);
    const start = operandsStart < 0 ? i : operandsStart;
    if (operator === 'BI') {
      // Inline image: key/value pairs, `ID`, one whitespace byte, binary data, then `EI` standing alone.
      const id = text.indexOf('ID', end);
      let k = id < 0 ? n : id + 3;
      let after = n;
      while (k < n) {
        const ei = text.indexOf('EI', k);
        if (ei < 0) break;
        const before = text.charCodeAt(ei - 1);
        const next = ei + 2 < n ? text.charCodeAt(ei + 2) : 0x20;
        if (WHITESPACE.has(before) && (WHITESPACE.has(next) || ei + 2 >= n)) {
          after = ei + 2;
          break;
        }
        k = ei + 2;
      }
      operations.push({ operator: 'BI', operands, start, end: after });
      i = after;
    } else {
      operations.push({ operator, operands, start, end });
      i = end;
    }
    operands = [];
    operandsStart = -1;
  }
  return operations;
}
