import type { Diagnostic } from '../diagnostics/message.js';
import type { ParsedNotes } from '../parse/parsed-notes.js';
import { rangeAt } from '../diagnostics/position.js';
import { runRules } from './rules/index.js';
import { validateAgainstSchema } from './schema.js';

/** Schema, then semantic rules; returns messages, never throws for document problems. */
export function validateNotes(parsed: ParsedNotes): Diagnostic[] {
  if (parsed.data === undefined) return [];
  const schemaMessages = validateAgainstSchema(parsed);
  const locateText = (path: readonly (string | number)[], needle: string) => {
    const place = parsed.locate(path);
    const from = place?.start.offset;
    if (!parsed.text || from === undefined || !needle) return place;
    const at = parsed.text.indexOf(needle, from);
    // Only inside the value itself: a needle folded across lines is not found, and the value's place is used.
    const end = place?.end?.offset ?? from;
    return at >= 0 && at + needle.length <= Math.max(end, from + needle.length) ? rangeAt(parsed.text, at, at + needle.length) : place;
  };
  const ruleMessages = runRules({ notes: parsed.data as Record<string, unknown>, locate: parsed.locate, locateText });
  return [...schemaMessages, ...ruleMessages];
}
