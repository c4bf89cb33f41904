import { diagnostic, quote, type Diagnostic } from '../../diagnostics/message.js';
import { walk, type Rule } from './rule.js';

/** An HTML tag (not a comment, not an autolink like <https://…> or <a@b.eu>). */
const TAG = /<\/?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?\/?>/g;
const AUTOLINK = /<(?:[a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^<>\s]*|[^\s<>@]+@[^\s<>]+)>/g;

export const noRawHtml: Rule = {
  id: 'no-raw-html',
  description: 'Raw HTML is not allowed in notes; it is left out of the report (write Markdown instead). `<br>` is read as a line break.',
  check: ({ notes, locateText }) => {
    const out: Diagnostic[] = [];
    for (const { value, path } of walk(notes)) {
      if (typeof value !== 'string' || path[path.length - 1] === 'email') continue;
      // Opening tags only (a closing tag belongs to one already reported), each at its own place.
      const text = value.replace(AUTOLINK, (m) => ' '.repeat(m.length));
      const seen = new Set<string>();
      for (const match of text.matchAll(TAG)) {
        const tag = match[0];
        // `<br>` is read as a line break (src/render/rich-text.ts), not left out.
        if (/^<br\s*\/?>$/i.test(tag)) continue;
        if (tag.startsWith('</') && out.length && seen.size) continue;
        if (seen.has(tag)) continue;
        seen.add(tag);
        out.push(diagnostic('no-raw-html', `Raw HTML is not allowed and is left out: ${quote(tag)}`, locateText(path, tag), { severity: 'warning' }));
      }
    }
    return out;
  },
};
