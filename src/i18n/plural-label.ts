/**
 * A count in words, in the form the number takes in the language: `1 event`, `2 events`; `1 wydarzenie`,
 * `2 wydarzenia`, `5 wydarzeń`. The label packs hold one form per plural category of the language
 * (`eventCount.one`, `eventCount.few`...), chosen by `Intl.PluralRules`; English when the pack has none.
 */
import { labelPack } from './locales.js';

export function pluralLabel(n: number, language: string, key: string): string {
  const labels = labelPack(language).labels;
  const category = new Intl.PluralRules(language).select(n);
  const form = labels[`${key}.${category}`] ?? labels[`${key}.other`] ?? labelPack('en').labels[`${key}.other`] ?? '{n}';
  return form.replace('{n}', new Intl.NumberFormat(language).format(n));
}
