/**
 * People written as one line of text, wherever notes name them: a theme's `Speakers:` line, a practice's
 * presenter, a speaker or presenter written as a string in YAML. One reader for all, so that the same words give
 * the same person in Markdown and in YAML.
 */
import { isCountryName } from './place.js';

export type Person = { name: string; role?: string; organisation?: string };

const JOINING_WORDS = new Set(['and', '&', 'und', 'et', 'e', 'y', 'i', 'en', 'og', 'och', 'ja', 'és', 'a', 'și', 'in', 'ir', 'un', 'ja', 'и', 'και', 'agus', 'u']);

/**
 * The people on one `Speakers:` line: split at `;`, at a joining word between two names (`Jean Dupont (ADEME)
 * and Anna Kowalska`), and at a comma after a bracket (`Jean Dupont (ADEME), Anna Kowalska (Lubelskie)`);
 * never inside brackets, so `(Director, City of Genoa)` stays one speaker's.
 */
export function splitPeople(line: string): string[] {
  const people: string[] = [];
  let depth = 0;
  let current = '';
  const words = line.split(/(\s+)/);
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const next = words.slice(i + 1).find((w) => w.trim());
    if (depth === 0 && JOINING_WORDS.has(word.toLowerCase()) && current.trim() && next && /^\p{Lu}/u.test(next)) {
      people.push(current);
      current = '';
      continue;
    }
    for (const ch of word) {
      if (ch === '(') depth++;
      else if (ch === ')') depth = Math.max(0, depth - 1);
      if (depth === 0 && (ch === ';' || (ch === ',' && /\)\s*$/.test(current)))) {
        people.push(current);
        current = '';
        continue;
      }
      current += ch;
    }
  }
  people.push(current);
  return people.map((p) => p.trim()).filter(Boolean);
}

/**
 * One person as written on a `Speakers:` line or as a string: `Jane Doe (Director, City of Genoa)`, `Jane Doe, Director at City
 * of Genoa`, `Jane Doe, Director, City of Genoa`, `Jane Doe (City of Genoa)`, `Jane Doe – City of Genoa`; one word after the name is the
 * organisation, as in parentheses.
 */
export function readPerson(value: string): Person {
  const plain = value.replace(/\*\*|__/g, '').replace(/\s+/g, ' ').trim();
  // `Klaus Weber – KfW`: a spaced dash after a name of a few words, before any comma or bracket.
  const dashed = /^([^,(–—]+?)\s+(?:[–—]|-)\s+(.+)$/.exec(plain);
  const dash = dashed && dashed[1]!.split(' ').length <= 5 ? dashed : undefined;
  const paren = dash ? undefined : /^([^(]+?)\s*\(([^)]*)\)\s*$/.exec(plain);
  const comma = dash ? undefined : /^([^,]+?)\s*,\s*(.+)$/.exec(plain);
  const name = (dash?.[1] ?? paren?.[1] ?? comma?.[1] ?? plain).trim();
  const rest = (dash?.[2] ?? paren?.[2] ?? comma?.[2] ?? '').trim();
  if (!rest) return { name };
  const at = paren || rest.includes(',') ? undefined : /^(.+?)\s+(?:at|from|with)\s+(.+)$/.exec(rest);
  const parts = at ? [at[1]!, at[2]!] : rest.split(/\s*,\s*/);
  // `(ADEME, France)`: an organisation and its country, not a role and an organisation.
  if (parts.length === 1 || (parts.length === 2 && isCountryName(parts[1]!))) return { name, organisation: parts.join(', ') };
  return { name, role: parts[0]!, organisation: parts.slice(1).join(', ') };
}
