/**
 * The label packs (locales/*.json) as a Markdown reader uses them: every part of a report has heading phrases and
 * every key line (`Country:`, `Kennzahlen:` ...) has words in each of the 24 languages, written in lower case, and no
 * phrase can send a heading to the wrong part. English is read alongside every language, so each pack is checked
 * together with en.json as well.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const PARTS = ['summary', 'highlights', 'participation', 'practices', 'nextSteps', 'upcoming', 'resources', 'contacts'] as const;
/** The key-line names of the interface between branches (interface 1), not read from en.json: en.json must have them too. */
const KEY_NAMES = ['project', 'title', 'presenter', 'role', 'organisation', 'region', 'country', 'link', 'figures', 'speakers'] as const;
/** A practice's presenter and a theme's speakers are read in different places, so one word may name both. */
const MAY_SHARE = new Set(['presenter speakers', 'speakers presenter']);

interface Pack {
  headings?: Record<string, unknown>;
  keys?: Record<string, unknown>;
}

const dir = join(ROOT, 'locales');
const packs = new Map<string, Pack>(
  readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => [name.slice(0, -5), JSON.parse(readFileSync(join(dir, name), 'utf8')) as Pack]),
);

const list = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
const own = (record: Record<string, unknown> | undefined, key: string) => (record && Object.hasOwn(record, key) ? record[key] : undefined);

/** Every (name, phrase) of a pack's `headings` or `keys`. */
function entries(pack: Pack | undefined, section: 'headings' | 'keys', names: readonly string[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const name of names) for (const phrase of list(own(pack?.[section], name))) out.push([name, phrase]);
  return out;
}

/** Phrases that name two different things: the same words, or one part's phrase starting another part's (`x` and `x y`). */
function clashes(all: Array<[string, string]>, mayShare: (a: string, b: string) => boolean = () => false): string[] {
  const found: string[] = [];
  for (const [a, p] of all)
    for (const [b, q] of all) {
      if (a === b || mayShare(a, b)) continue;
      if (p === q && a < b) found.push(`\`${p}\` is both ${a} and ${b}`);
      else if (q.startsWith(`${p} `)) found.push(`\`${p}\` (${a}) starts \`${q}\` (${b}): a heading \`${q} …\` would be read as ${a}`);
    }
  return [...new Set(found)];
}

describe.each([...packs.keys()])('locales/%s.json', (code) => {
  const pack = packs.get(code)!;
  const english = packs.get('en');

  it('has heading phrases for every part, in lower case, each once', () => {
    expect(Object.keys(pack.headings ?? {}).filter((name) => !(PARTS as readonly string[]).includes(name)), 'unknown parts').toEqual([]);
    for (const part of PARTS) {
      const phrases = list(own(pack.headings, part));
      expect(phrases.length, `headings.${part}`).toBeGreaterThan(0);
      for (const phrase of phrases) {
        expect(phrase, `headings.${part}`).toBe(phrase.toLocaleLowerCase(code).trim());
        expect(phrase.length, `headings.${part}`).toBeGreaterThan(0);
      }
      expect(new Set(phrases).size, `headings.${part} repeats a phrase`).toBe(phrases.length);
    }
  });

  it('sends no heading to the wrong part, alone or read together with English', () => {
    expect(clashes(entries(pack, 'headings', PARTS))).toEqual([]);
    if (code !== 'en') expect(clashes([...entries(english, 'headings', PARTS), ...entries(pack, 'headings', PARTS)])).toEqual([]);
  });

  it('has words for every key line, in lower case, each once', () => {
    expect(Object.keys(pack.keys ?? {}).filter((name) => !(KEY_NAMES as readonly string[]).includes(name)), 'unknown key names').toEqual([]);
    for (const name of KEY_NAMES) {
      const words = list(own(pack.keys, name));
      expect(words.length, `keys.${name}`).toBeGreaterThan(0);
      for (const word of words) {
        expect(word, `keys.${name}`).toBe(word.toLocaleLowerCase(code).trim());
        expect(word, `keys.${name}: the colon is the reader's`).not.toMatch(/:$/);
      }
      expect(new Set(words).size, `keys.${name} repeats a word`).toBe(words.length);
    }
  });

  it('gives no key word two meanings, alone or read together with English', () => {
    const share = (a: string, b: string) => MAY_SHARE.has(`${a} ${b}`);
    const sameWord = (all: Array<[string, string]>) => clashes(all, share).filter((clash) => clash.includes(' is both '));
    expect(sameWord(entries(pack, 'keys', KEY_NAMES))).toEqual([]);
    if (code !== 'en') expect(sameWord([...entries(english, 'keys', KEY_NAMES), ...entries(pack, 'keys', KEY_NAMES)])).toEqual([]);
  });
});

it('has the 24 official languages of the EU', () => {
  expect([...packs.keys()]).toEqual(['bg', 'cs', 'da', 'de', 'el', 'en', 'es', 'et', 'fi', 'fr', 'ga', 'hr', 'hu', 'it', 'lt', 'lv', 'mt', 'nl', 'pl', 'pt', 'ro', 'sk', 'sl', 'sv']);
});
