import { diagnostic } from '../../diagnostics/message.js';
import { walk, type Rule } from './rule.js';

/** Invisible characters that reorder text (Trojan Source, CVE-2021-42574). */
const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/u;

export const noBidiControl: Rule = {
  id: 'no-bidi-control',
  description: 'Invisible bidirectional control characters, which can make text read differently than it displays, are refused.',
  check: ({ notes, locateText }) =>
    [...walk(notes)]
      .filter(({ value }) => typeof value === 'string' && BIDI.test(value))
      .map(({ value, path }) => {
        const ch = (value as string).match(BIDI)![0]!;
        const code = 'U+' + ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
        return diagnostic('no-bidi-control', `Text contains the invisible bidirectional control character ${code}; remove it`, locateText(path, ch));
      }),
};
