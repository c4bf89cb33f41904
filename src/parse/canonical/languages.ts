/** A language written as its name, in English or in itself (`French`, `français`), read as its tag. */
import { EU_LANGUAGES, foldText } from './dates.js';

let names: Map<string, string> | undefined;

function table(): Map<string, string> {
  if (names) return names;
  names = new Map();
  for (const tag of EU_LANGUAGES) {
    for (const locale of ['en', tag]) {
      try {
        const name = new Intl.DisplayNames([locale], { type: 'language' }).of(tag);
        if (name && name !== tag) names.set(foldText(name), tag);
      } catch {
        // no names for this locale
      }
    }
  }
  return names;
}

export function languageOfName(value: string): string | undefined {
  const word = foldText(value.trim());
  if (/^[a-z]{2,3}([-_][a-z0-9]+)*$/i.test(value.trim())) return undefined; // a tag (or nearly one): the rule checks it
  return table().get(word);
}
