/** A contents page (the report makes its own): its heading and the entries after it, which end in a page number. */
import { labelPack } from '../i18n/locales.js';
import { blockText, plainOf, type TextBlock } from './blocks.js';

const CONTENTS = ['contents', 'table of contents', 'toc'];

export function isContentsHeading(block: TextBlock, language: string | undefined): boolean {
  const words = plainOf(blockText(block)).toLowerCase().replace(/[:.]$/u, '').trim();
  const phrases = new Set([...CONTENTS, ...[labelPack('en'), labelPack(language)].map((p) => (p.labels.contents ?? '').toLowerCase())]);
  return block.lines.length === 1 && phrases.has(words);
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
