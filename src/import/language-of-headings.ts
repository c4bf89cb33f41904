/**
 * The language of a report that does not say it (plain text, most Word files): the label pack whose part
 * headings (`Résumé`, `Faits marquants`, `Bonnes pratiques`) the report's short lines are. Its dates, places
 * and headings are then read in that language.
 */
import { labelPacks } from '../i18n/locales.js';
import { matchHeading } from '../parse/section-names.js';
import { blockText, plainOf, type TextBlock } from './blocks.js';

/** Lines longer than a heading are not looked at. */
const MAX_HEADING = 80;
/** Fewer part headings than this say too little to choose a language. */
const MIN_HEADINGS = 2;

/** A language tag (`fr`), or undefined when the headings are English or say too little. */
export function languageOfHeadings(blocks: readonly TextBlock[]): string | undefined {
  const lines: string[] = [];
  for (const block of blocks) {
    if (block.bullet || block.lines.length !== 1) continue;
    const text = plainOf(blockText(block)).replace(/:.*$/su, '');
    if (text && text.length <= MAX_HEADING && !matchHeading(text, 'en')) lines.push(text);
  }
  let best: { code: string; count: number } | undefined;
  for (const code of labelPacks().keys()) {
    if (code === 'en') continue;
    const count = lines.filter((line) => matchHeading(line, code)?.by === 'phrase').length;
    if (count >= MIN_HEADINGS && (!best || count > best.count)) best = { code, count };
  }
  return best?.code;
}
