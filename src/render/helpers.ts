/**
 * The fixed, documented set of template helpers (docs/templates.md). Pure
 * functions; registered once per template environment.
 */
import type HandlebarsNs from 'handlebars';
import { formatDate } from './view.js';

type Env = typeof HandlebarsNs;

export function registerHelpers(env: Env): void {
  /** `{{plusOne @index}}` -> 1-based position. */
  env.registerHelper('plusOne', (value: unknown) => Number(value) + 1);
  /** `{{toLetter @index}}` -> A, B, C … */
  env.registerHelper('toLetter', (value: unknown) => String.fromCharCode(65 + (Number(value) % 26)));
  /** `{{slugify title}}` -> `good-practices`. */
  env.registerHelper('slugify', (value: unknown) =>
    String(value ?? '')
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, ''),
  );
  /** `{{joinList list ", "}}` */
  env.registerHelper('joinList', (list: unknown, separator: unknown) =>
    Array.isArray(list) ? list.join(typeof separator === 'string' ? separator : ', ') : '',
  );
  /** `{{isEqual a b}}` for `{{#if (isEqual a b)}}`. */
  env.registerHelper('isEqual', (a: unknown, b: unknown) => a === b);
  /** `{{formatNumber 138000 lang}}` -> `138,000` / `138 000`. */
  env.registerHelper('formatNumber', (value: unknown, lang: unknown) =>
    new Intl.NumberFormat(typeof lang === 'string' ? lang : 'en').format(Number(value)),
  );
  /** `{{formatDate "2024-06-05" lang}}` -> `5 June 2024`. */
  env.registerHelper('formatDate', (iso: unknown, lang: unknown) => formatDate(String(iso), typeof lang === 'string' ? lang : 'en'));
}
