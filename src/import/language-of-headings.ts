/**
 * The language of a report that does not say it (plain text, most Word files): the label pack whose part
 * headings (`Résumé`, `Faits marquants`, `Bonnes pratiques`) the report's short lines are. Its dates, places
 * and headings are then read in that language.
 */
import { languageOfHeadingTexts } from '../parse/section-names.js';
import { blockText, plainOf, type TextBlock } from './blocks.js';

/** A language tag (`fr`), or undefined when the headings are English or say too little. */
export function languageOfHeadings(blocks: readonly TextBlock[]): string | undefined {
  const lines: string[] = [];
  for (const block of blocks) {
    if (block.bullet || block.lines.length !== 1) continue;
    lines.push(plainOf(blockText(block)).replace(/:.*$/su, ''));
  }
  return languageOfHeadingTexts(lines);
}
