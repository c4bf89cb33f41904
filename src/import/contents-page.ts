/** A contents page (the report makes its own): its heading and the entries after it, which end in a page number. */
import { isContentsHeading as isContentsTitle } from '../parse/markdown/left-out.js';
import { blockText, plainOf, type TextBlock } from './blocks.js';

/** A block of one line that is a contents heading, as the notes reader tells one (English or the report's language). */
export function isContentsHeading(block: TextBlock, language: string | undefined): boolean {
  return block.lines.length === 1 && isContentsTitle(plainOf(blockText(block)), language);
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
