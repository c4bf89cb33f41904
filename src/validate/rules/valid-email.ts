import { diagnostic, quote } from '../../diagnostics/message.js';
import { walk, type Rule } from './rule.js';

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[A-Za-z]{2,}$/;

export const validEmail: Rule = {
  id: 'valid-email',
  description: 'E-mail addresses must look like `name@example.org`.',
  check: ({ notes, locate }) =>
    [...walk(notes)]
      .filter(({ value, path }) => path[path.length - 1] === 'email' && typeof value === 'string' && !EMAIL.test(value))
      .map(({ value, path }) => diagnostic('valid-email', `Expected an e-mail address like \`name@example.org\`, not ${quote(value)}`, locate(path))),
};
