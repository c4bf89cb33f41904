import type { Diagnostic } from '../diagnostics/message.js';
import { locateText, type ParsedNotes } from '../parse/parsed-notes.js';
import { runRules } from './rules/index.js';
import { validateAgainstSchema } from './schema.js';

const CANONICAL_ERRORS = new Set(['date-ambiguous']);

/** Schema, then semantic rules; returns messages, never throws for document problems. */
export function validateNotes(parsed: ParsedNotes): Diagnostic[] {
  if (parsed.data === undefined) return [];
  // A value the canonical step already reported as an error (an ambiguous date) is not reported twice.
  const reported = new Set(parsed.messages.filter((m) => CANONICAL_ERRORS.has(m.ruleId)).map((m) => m.place?.start.offset));
  const schemaMessages = validateAgainstSchema(parsed).filter((m) => m.place?.start.offset === undefined || !reported.has(m.place.start.offset));
  const ruleMessages = runRules({
    notes: parsed.data as Record<string, unknown>,
    locate: parsed.locate,
    locateText: (path, needle) => locateText(parsed, path, needle),
  });
  return [...schemaMessages, ...ruleMessages];
}
