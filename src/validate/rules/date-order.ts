import { diagnostic, quote } from '../../diagnostics/message.js';
import type { Rule } from './rule.js';

export const dateOrder: Rule = {
  id: 'date-order',
  description: 'An `endDate` must not come before the `date`.',
  check: ({ notes, locate }) => {
    const { date, endDate } = notes;
    if (typeof date === 'string' && typeof endDate === 'string' && endDate < date) {
      return [diagnostic('date-order', `Expected \`endDate\` ${quote(endDate)} to be on or after \`date\` ${quote(date)}`, locate(['endDate']))];
    }
    return [];
  },
};
