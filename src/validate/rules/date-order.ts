import { diagnostic, quote } from '../../diagnostics/message.js';
import type { Rule } from './rule.js';
import { isRealDate } from './valid-date.js';

export const dateOrder: Rule = {
  id: 'date-order',
  description: 'An `endDate` must not come before the `date`.',
  check: ({ notes, locate }) => {
    const { date, endDate } = notes;
    // Only dates that are themselves well formed are compared; the others are reported by the schema and valid-date.
    const wellFormed = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && isRealDate(v);
    if (wellFormed(date) && wellFormed(endDate) && endDate < date) {
      return [diagnostic('date-order', `Expected \`endDate\` ${quote(endDate)} to be on or after \`date\` ${quote(date)}`, locate(['endDate']))];
    }
    return [];
  },
};
