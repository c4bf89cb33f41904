import type { Point, Position } from './message.js';

/** The offsets at which the lines of `text` start. */
export function lineStartsOf(text: string): number[] {
  const list = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) list.push(i + 1);
  return list;
}

/** The 0-based index of the line holding `offset`, given the text's line starts. */
export function lineIndexOf(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Line starts of the last few texts asked about (strings cannot key a WeakMap). */
const recent = new Map<string, number[]>();

function cachedLineStarts(text: string): number[] {
  let list = recent.get(text);
  if (!list) {
    list = lineStartsOf(text);
    recent.set(text, list);
    if (recent.size > 8) recent.delete(recent.keys().next().value!);
  }
  return list;
}

/** 1-based line and column (in characters, not UTF-16 units) of an offset. */
export function pointAt(text: string, offset: number): Point {
  const list = cachedLineStarts(text);
  const line = lineIndexOf(list, offset);
  let column = 1;
  for (const _ of text.slice(list[line]!, offset)) column++;
  return { line: line + 1, column, offset };
}

export function rangeAt(text: string, start: number, end: number): Position {
  return { start: pointAt(text, start), end: pointAt(text, Math.max(start, end)) };
}
