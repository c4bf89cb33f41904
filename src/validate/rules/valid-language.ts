import { diagnostic, quote } from '../../diagnostics/message.js';
import { labelPacks } from '../../i18n/locales.js';
import type { Rule } from './rule.js';

export const validLanguage: Rule = {
  id: 'valid-language',
  description: '`language` must be a BCP 47 tag such as `en`, `fr` or `pt-PT`.',
  check: ({ notes, locate }) => {
    const { language } = notes;
    if (typeof language !== 'string' || language === '') return [];
    try {
      const [canonical] = Intl.getCanonicalLocales(language);
      const primary = canonical!.split('-')[0]!;
      if (!labelPacks().has(primary)) {
        return [
          diagnostic('valid-language', `There are no labels for language ${quote(language)}; English labels are used`, locate(['language']), {
            severity: 'warning',
            note: `Labels exist for ${[...labelPacks().keys()].map((c) => '`' + c + '`').join(', ')}`,
          }),
        ];
      }
      return [];
    } catch {
      return [diagnostic('valid-language', `Expected \`language\` to be a language tag like \`en\` or \`fr-BE\`, not ${quote(language)}`, locate(['language']))];
    }
  },
};
