import type { Diagnostic } from '../diagnostics/message.js';
import { locateText, type ParsedNotes } from '../parse/parsed-notes.js';
import { runRules } from './rules/index.js';
import { validateAgainstSchema } from './schema.js';

/** Schema, then semantic rules; returns messages, never throws for document problems. */
export function validateNotes(parsed: ParsedNotes): Diagnostic[] {
  if (parsed.data === undefined) return [];
  const schemaMessages = validateAgainstSchema(parsed);
  const ruleMessages = runRules({
    notes: parsed.data as Record<string, unknown>,
    locate: parsed.locate,
    locateText: (path, needle) => locateText(parsed, path, needle),
  });
  return [...schemaMessages, ...ruleMessages];
}
