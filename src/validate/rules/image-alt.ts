import { diagnostic, quote, type Diagnostic } from '../../diagnostics/message.js';
import { walk, type Rule } from './rule.js';

const IMAGE = /!\[([^\]]*)\]\(\s*<?([^)\s>]+)/g;

export const imageAlt: Rule = {
  id: 'image-alt',
  description: 'Every image needs alternative text for readers who cannot see it: `![Participants in Vilnius](photo.jpg)`.',
  check: ({ notes, locateText }) => {
    const out: Diagnostic[] = [];
    for (const { value, path } of walk(notes)) {
      if (typeof value !== 'string') continue;
      for (const match of value.matchAll(IMAGE)) {
        if (!match[1]!.trim()) out.push(diagnostic('image-alt', `The image ${quote(match[2])} has no alternative text; write it between the brackets: \`![what it shows](${match[2]})\``, locateText(path, match[0])));
      }
    }
    return out;
  },
};
