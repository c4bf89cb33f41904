/**
 * Speakers from prose: a **bold name** is a speaker, and a role and an
 * organisation written next to it are picked up. The same function serves
 * Markdown and YAML notes, so the same text gives the same model.
 */
import type { Person } from './types.js';

const BOLD = /\*\*([^*\n]+?)\*\*|__([^_\n]+?)__/gu;
const NAME_WORD = /^\p{Lu}[\p{L}\p{M}'’.-]*$/u;
const CONNECTORS = new Set(['of', 'for', 'and', 'the', 'de', 'di', 'del', 'della', 'du', 'des', 'la', 'le', 'van', 'von', 'der', 'den', 'da', 'do', 'dos', 'y', 'e', 'in', '&']);
/** A capitalised phrase: `City of Genoa`, `DG DIGIT`, `Joint Research Centre`. */
const PHRASE_WORD = /^[\p{Lu}\p{N}][\p{L}\p{M}\p{N}'’&.-]*$/u;

/** `Margaret Quinn's` -> `Margaret Quinn`; undefined when the bold text is not a person's name. */
export function personName(bold: string): string | undefined {
  const name = bold.trim().replace(/['’]s$/u, '').trim();
  const words = name.split(/\s+/u);
  if (words.length < 2 || words.length > 5) return undefined;
  const capitalised = words.filter((w) => NAME_WORD.test(w)).length;
  const particles = words.filter((w) => CONNECTORS.has(w.toLowerCase())).length;
  if (capitalised + particles !== words.length || capitalised < 2) return undefined;
  if (!NAME_WORD.test(words[0]!) || !NAME_WORD.test(words[words.length - 1]!)) return undefined;
  return name;
}

/** The longest capitalised phrase at the start of `text`, skipping a leading "the". */
function leadingPhrase(text: string): string | undefined {
  const tokens = text.replace(/^the\s+/iu, '').split(/\s+/u);
  const taken: string[] = [];
  for (const raw of tokens) {
    const token = raw.replace(/[,.;:)!?]+$/u, '');
    const ends = token !== raw;
    if (PHRASE_WORD.test(token)) taken.push(token);
    else if (CONNECTORS.has(token.toLowerCase()) && taken.length) taken.push(token);
    else break;
    if (ends) break;
  }
  while (taken.length && CONNECTORS.has(taken[taken.length - 1]!.toLowerCase())) taken.pop();
  return taken.length ? taken.join(' ') : undefined;
}

/** Role and organisation written right after a bold name. */
export function affiliationAfter(rest: string): { role?: string; organisation?: string } {
  const paren = /^\s*\(([^)]+)\)/u.exec(rest);
  if (paren) {
    const parts = paren[1]!.split(/\s*,\s*/u);
    if (parts.length >= 2) return { role: parts[0]!, organisation: parts.slice(1).join(', ') };
    return { organisation: parts[0]! };
  }
  const from = /^\s*,?\s*(?:from|of)\s+(.*)$/su.exec(rest);
  if (from) {
    const organisation = leadingPhrase(from[1]!);
    return organisation ? { organisation } : {};
  }
  // `, Head of Procurement at the City of Kraków`: `at`/`from`/`with` end the role before `of` does, so a role
  // that holds `of` stays whole; `, Mayor of Genoa` (no `at`) still splits at `of`.
  for (const pattern of [/^\s*,\s*(.+?)\s+(?:at|from|with)\s+(.*)$/su, /^\s*,\s*(.+?)\s+of\s+(.*)$/su]) {
    const roleAt = pattern.exec(rest);
    if (!roleAt) continue;
    const role = leadingPhrase(roleAt[1]!);
    if (role && role === roleAt[1]!.trim()) {
      const organisation = leadingPhrase(roleAt[2]!);
      return organisation ? { role, organisation } : { role };
    }
  }
  return {};
}

export function speakersFromText(text: string | undefined): Person[] {
  if (!text) return [];
  const out: Person[] = [];
  for (const match of text.matchAll(BOLD)) {
    const name = personName(match[1] ?? match[2] ?? '');
    if (!name || out.some((p) => p.name === name)) continue;
    const rest = text.slice(match.index! + match[0].length, match.index! + match[0].length + 200);
    out.push({ name, ...affiliationAfter(rest) });
  }
  return out;
}
