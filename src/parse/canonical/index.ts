/**
 * Notes as people write them -> the shapes of schemas/event.schema.json:
 * key synonyms, short forms (a string for a one-item list, `Name` for
 * `{ name }`, `City, Country` for a place …), dates in words and addresses
 * without a scheme. Runs after either parser and before validation; every
 * change is an `info` message (an error when it cannot choose), a `Rewrite`
 * for `report fix`, and an entry in `locate` so that messages about a
 * canonical path point where the author wrote the value.
 */
import { pathKey, type ParsedNotes } from '../parsed-notes.js';
import { Canonicaliser } from './canonicaliser.js';
import { isMapping } from './wording.js';

export type { Rewrite } from './rewrite.js';

/** Canonical notes, with the messages, rewrites and positions that say how they were read. */
export function canonicalise(parsed: ParsedNotes): ParsedNotes {
  if (!isMapping(parsed.data)) return parsed;
  const canon = new Canonicaliser(parsed, parsed.data);
  const data = canon.event(parsed.data);
  if (canon.rewrites.length === 0 && canon.messages.length === 0 && canon.origin.size === 0) return { ...parsed, rewrites: [] };
  const base = parsed.locate;
  const origin = canon.origin;
  const locate: ParsedNotes['locate'] = (path, target = 'value') => {
    for (let n = path.length; n > 0; n--) {
      const written = origin.get(pathKey(path.slice(0, n)));
      if (!written) continue;
      const full = [...written, ...path.slice(n)];
      for (let m = full.length; m >= 0; m--) {
        const at = base(full.slice(0, m), m === full.length ? target : 'value');
        if (at) return at;
      }
      return undefined;
    }
    return base(path, target);
  };
  return { ...parsed, data, messages: [...parsed.messages, ...canon.messages], locate, rewrites: canon.rewrites };
}
