import { diagnostic, quote, type Diagnostic } from '../../diagnostics/message.js';
import { asArray, asObject, type Rule } from './rule.js';

export const uniquePractice: Rule = {
  id: 'unique-practice',
  description: 'Two practices must not have the same title.',
  check: ({ notes, locate }) => {
    const seen = new Map<string, (string | number)[]>();
    const out: Diagnostic[] = [];
    asArray(asObject(notes.practices).topics).forEach((topic, t) => {
      asArray(asObject(topic).practices).forEach((practice, p) => {
        const title = asObject(practice).title;
        if (typeof title !== 'string') return;
        const key = title.trim().toLowerCase();
        const path = ['practices', 'topics', t, 'practices', p, 'title'];
        const first = seen.get(key);
        if (first) {
          const firstLine = locate(first)?.start.line;
          out.push(diagnostic('unique-practice', `The practice ${quote(title)} appears twice${firstLine ? ` (first on line ${firstLine})` : ''}`, locate(path)));
        } else seen.set(key, path);
      });
    });
    return out;
  },
};
