import type { Diagnostic } from '../../diagnostics/message.js';
import { dateOrder } from './date-order.js';
import { imageAlt } from './image-alt.js';
import { noPlaceholder } from './no-placeholder.js';
import { noRawHtml } from './no-raw-html.js';
import { noBidiControl } from './no-bidi-control.js';
import { noEmptySection } from './no-empty-section.js';
import type { Rule, RuleContext } from './rule.js';
import { uniquePractice } from './unique-practice.js';
import { validDate } from './valid-date.js';
import { validEmail } from './valid-email.js';
import { validLanguage } from './valid-language.js';
import { validUrl } from './valid-url.js';

export const RULES: readonly Rule[] = [validDate, dateOrder, validEmail, validUrl, validLanguage, uniquePractice, noEmptySection, noBidiControl, imageAlt, noRawHtml, noPlaceholder];

export function runRules(context: RuleContext): Diagnostic[] {
  return RULES.flatMap((rule) => rule.check(context));
}
