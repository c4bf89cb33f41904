import { diagnostic, quote } from '../../diagnostics/message.js';
import { walk, type Rule } from './rule.js';

export const noPlaceholder: Rule = {
  id: 'no-placeholder',
  description: 'Placeholders (`TODO`) left from `report init` must be filled in.',
  check: ({ notes, locateText }) =>
    [...walk(notes)]
      .filter(({ value }) => typeof value === 'string' && /\bTODO\b/.test(value))
      .map(({ value, path }) => diagnostic('no-placeholder', `Placeholder not filled in: ${quote(value)}`, locateText(path, 'TODO'), { severity: 'warning' })),
};
