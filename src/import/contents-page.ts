/** A contents page (the report makes its own): its heading and the entries after it, which end in a page number. */
import { isContentsHeading as isContentsTitle } from '../parse/markdown/left-out.js';
import { plainOf, type TextBlock } from './blocks.js';

/**
 * A block that starts with a contents heading, as the notes reader tells one (English or the report's language),
 * alone or with its entries below it (plain text without a blank line after the heading).
 */
export function isContentsHeading(block: TextBlock, language: string | undefined): boolean {
  const [first, ...rest] = block.lines;
  return first !== undefined && isContentsTitle(plainOf(first), language) && rest.every(isContentsEntry);
}

/** `1. Highlights    3`, `3. Next steps.....`, `Highlights 2`: a contents entry. */
export function isContentsEntry(line: string): boolean {
  const t = plainOf(line);
  return t.length <= 140 && (/(?:\s|\.{2,}|…)\s*\d{1,3}$/u.test(t) || /\.{3,}$/u.test(t));
}

/** The index after the contents that start at `start` (its heading and every block of entries). */
export function skipContents(blocks: readonly TextBlock[], start: number): number {
  let i = start + 1;
  while (i < blocks.length && blocks[i]!.lines.every(isContentsEntry)) i++;
  return i;
}
