import { diagnostic, quote } from '../../diagnostics/message.js';
import { walk, type Rule } from './rule.js';

const DATE_KEYS = new Set(['date', 'endDate']);

export function isRealDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return true; // the schema reports the shape
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export const validDate: Rule = {
  id: 'valid-date',
  description: 'Dates must exist in the calendar (`2024-02-30` does not).',
  check: ({ notes, locate }) =>
    [...walk(notes)]
      .filter(({ value, path }) => typeof value === 'string' && DATE_KEYS.has(String(path[path.length - 1])) && !isRealDate(value))
      .map(({ value, path }) => diagnostic('valid-date', `Expected ${quote(path.join('.').replace(/\.(\d+)/g, '[$1]'))} to be a real calendar date, not ${quote(value)}`, locate(path))),
};
