import type { Point, Position } from './message.js';

/** Line starts of a text, computed once per text. */
const lineStarts = new WeakMap<object, number[]>();
const boxes = new Map<string, { starts: number[] }>();

function starts(text: string): number[] {
  // Strings cannot key a WeakMap; keep the last few texts.
  let entry = boxes.get(text);
  if (!entry) {
    const list = [0];
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) list.push(i + 1);
    entry = { starts: list };
    boxes.set(text, entry);
    if (boxes.size > 8) boxes.delete(boxes.keys().next().value!);
  }
  void lineStarts;
  return entry.starts;
}

/** 1-based line and column (in characters, not UTF-16 units) of an offset. */
export function pointAt(text: string, offset: number): Point {
  const list = starts(text);
  let lo = 0;
  let hi = list.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (list[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  const lineStart = list[lo]!;
  let column = 1;
  for (const _ of text.slice(lineStart, offset)) column++;
  return { line: lo + 1, column, offset };
}

export function rangeAt(text: string, start: number, end: number): Position {
  return { start: pointAt(text, start), end: pointAt(text, Math.max(start, end)) };
}
