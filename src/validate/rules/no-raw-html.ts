import { diagnostic, quote } from '../../diagnostics/message.js';
import { walk, type Rule } from './rule.js';

/** An HTML tag (not a comment, not an autolink like <https://…> or <a@b.eu>). */
const TAG = /<\/?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?\/?>/;

export const noRawHtml: Rule = {
  id: 'no-raw-html',
  description: 'Raw HTML is not allowed in notes; it is left out of the report (write Markdown instead).',
  check: ({ notes, locateText }) =>
    [...walk(notes)]
      .filter(({ value, path }) => typeof value === 'string' && path[path.length - 1] !== 'email' && TAG.test(value.replace(/<(?:https?:|mailto:)[^>]*>|<[^\s<>@]+@[^\s<>]+>/g, '')))
      .map(({ value, path }) =>
        diagnostic('no-raw-html', `Raw HTML is not allowed and is left out: ${quote((value as string).match(TAG)![0])}`, locateText(path, (value as string).match(TAG)![0]), {
          severity: 'warning',
        }),
      ),
};
