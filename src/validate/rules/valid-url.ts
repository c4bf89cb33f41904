import { diagnostic, quote, type Diagnostic } from '../../diagnostics/message.js';
import { walk, type Rule } from './rule.js';

/**
 * Links written inside rich text: `[title](target)`, not images `![alt](src)`;
 * the target may hold balanced parentheses, as CommonMark allows.
 */
const INLINE_LINK = /(?<!!)\[[^\]]*\]\(\s*<?((?:[^()\s<>]|\([^()\s]*\))*)>?(?:\s+"[^"]*")?\s*\)/g;

/** Link reference definitions: `[label]: target` (not a footnote's `[^1]: text`). */
const DEFINITION = /^[ \t]{0,3}\[(?!\^)[^\]]+\]:[ \t]*<?([^\s>]+)>?/gm;

/** Autolinks: `<https://…>`, `<mailto:…>`, and any other scheme someone might try. */
const AUTOLINK = /<([a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^<>\s]*)>/g;

export function isAllowedLink(target: string): boolean {
  if (target.startsWith('#')) return true;
  try {
    const url = new URL(target);
    return url.protocol === 'https:' || url.protocol === 'http:' || url.protocol === 'mailto:';
  } catch {
    return false;
  }
}

export const validUrl: Rule = {
  id: 'valid-url',
  description: 'Links must be `http:`, `https:` or `mailto:` addresses or `#anchors`; others would be removed.',
  check: ({ notes, locate, locateText }) => {
    const out: Diagnostic[] = [];
    for (const { value, path } of walk(notes)) {
      if (typeof value !== 'string') continue;
      const key = String(path[path.length - 1]);
      if (key === 'url') {
        if (/^(https?:\/\/|mailto:|#)/.test(value) && !isAllowedLink(value)) {
          out.push(diagnostic('valid-url', `Expected a well-formed web address, not ${quote(value)}`, locate(path)));
        }
        continue;
      }
      if (key === 'src') continue;
      const links = [...value.matchAll(INLINE_LINK)].map((m) => [m[0], m[1] ?? ''] as const);
      const autolinks = [...value.matchAll(AUTOLINK)].map((m) => [m[0], m[1]!] as const);
      const definitions = [...value.matchAll(DEFINITION)].map((m) => [m[0], m[1]!] as const);
      for (const [written, target] of [...links, ...autolinks, ...definitions]) {
        if (target && !isAllowedLink(target)) {
          out.push(
            diagnostic('valid-url', `Links may only use http, https or mailto, not ${quote(target)}; this link will be shown as plain text`, locateText(path, written), {
              severity: 'warning',
            }),
          );
        }
      }
    }
    return out;
  },
};
