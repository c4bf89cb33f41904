/**
 * Keys written in any of the 24 EU languages (`Titel:`, `Lieu :`, `Miejsce:`) are read as the canonical keys, from the
 * label packs' `fields`, with the same info as an English synonym. A word two languages read differently is read only
 * when the notes' language picks one of them.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { labelPacks } from '../../../src/i18n/locales.js';
import { parseNotes } from '../../../src/parse/index.js';
import { CANONICAL_KEYS, fieldWords, normaliseKey, resolveKey, type KeyContext } from '../../../src/parse/canonical/keys.js';
import { fixNotesText } from '../../../src/parse/canonical/apply-rewrites.js';
import { validateNotes } from '../../../src/validate/index.js';
import { ROOT, runMain, tempDir } from '../../helpers/cli.js';

const GERMAN = `Titel: Kreislaufwirtschaft in der Bauindustrie
Datum: 14.–15. Mai 2025
Ort: Linz, Österreich
Sprache: de
Veranstalter:
  - Interreg Europe
  - Land Oberösterreich (Gastgeber)
Zusammenfassung: >
  Rund 50 Teilnehmende aus 12 Ländern diskutierten, wie Baustoffe wiederverwendet werden können.
Highlights:
  - title: Urban Mining
    text: "**Eva Gruber**, Leiterin der Abteilung Umwelt beim Land Oberösterreich, stellte das Materialkataster vor."
Gute Praxis:
  - thema: Wiederverwendung
    projekt: BAUKREIS
    titel: Bauteilbörse Linz
    land: Österreich
    kennzahlen: 2.300 Tonnen Material wiederverwendet
Nächste Schritte:
  - Materialkataster in allen Partnerregionen einführen
Kontakt: Anna Huber <a.huber@example.at>
`;

const read = (text: string) => parseNotes(text, 'yaml');
const errors = (r: ReturnType<typeof read>) => [...r.messages, ...validateNotes(r)].filter((m) => m.severity === 'error').map((m) => m.reason);
const infos = (r: ReturnType<typeof read>) => r.messages.filter((m) => m.severity === 'info').map((m) => m.reason);

describe('keys written in the notes’ language', () => {
  const dir = tempDir('report-keys-');
  afterAll(() => dir.cleanup());

  it('reads German notes as the canonical model, with an info per key', () => {
    const r = read(GERMAN);
    expect(errors(r)).toEqual([]);
    expect(r.data).toEqual({
      title: 'Kreislaufwirtschaft in der Bauindustrie',
      date: '2025-05-14',
      endDate: '2025-05-15',
      place: { city: 'Linz', country: 'Österreich' },
      language: 'de',
      // The organiser's short form is its name as written: `(Gastgeber)` is not read as a role.
      organisers: [{ name: 'Interreg Europe' }, { name: 'Land Oberösterreich', role: 'Gastgeber' }],
      summary: 'Rund 50 Teilnehmende aus 12 Ländern diskutierten, wie Baustoffe wiederverwendet werden können.\n',
      highlights: { themes: [{ title: 'Urban Mining', text: '**Eva Gruber**, Leiterin der Abteilung Umwelt beim Land Oberösterreich, stellte das Materialkataster vor.' }] },
      practices: {
        topics: [
          { title: 'Wiederverwendung', practices: [{ project: 'BAUKREIS', title: 'Bauteilbörse Linz', country: 'Österreich', figures: ['2.300 Tonnen Material wiederverwendet'] }] },
        ],
      },
      nextSteps: { groups: [{ title: 'Empfehlungen', items: ['Materialkataster in allen Partnerregionen einführen'] }] },
      contacts: [{ name: 'Anna Huber', email: 'a.huber@example.at' }],
    });
    for (const [written, key] of [['Titel', 'title'], ['Datum', 'date'], ['Ort', 'place'], ['Sprache', 'language'], ['Veranstalter', 'organisers'], ['Zusammenfassung', 'summary'], ['Gute Praxis', 'practices'], ['Nächste Schritte', 'nextSteps'], ['Kontakt', 'contacts']])
      expect(infos(r)).toContain(`Key \`${written}\` read as \`${key}\``);
    expect(infos(r).some((m) => /`kennzahlen` in .* read as `figures`/.test(m))).toBe(true);
  });

  it('builds the German notes with exit 0', async () => {
    const file = join(dir.path, 'linz.yaml');
    writeFileSync(file, GERMAN);
    const result = await runMain(['build', file, '-f', 'json', '-o', dir.path]);
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.code).toBe(0);
    const json = readdirSync(dir.path).find((name) => name.endsWith('.json'))!;
    expect(readFileSync(join(dir.path, json), 'utf8')).toContain('Bauteilbörse Linz');
  });

  it('reads French keys, in the event, its place and a contact', () => {
    const r = read(`Titre: Villes intelligentes
Date: 12 mars 2025
Lieu:
  ville: Lyon
  pays: France
Langue: français
Organisateurs: Interreg Europe
Coordonnées:
  - nom: Claire Martin
    courriel: c.martin@example.fr
`);
    expect(errors(r)).toEqual([]);
    expect(r.data).toEqual({
      title: 'Villes intelligentes',
      date: '2025-03-12',
      place: { city: 'Lyon', country: 'France' },
      language: 'fr',
      organisers: [{ name: 'Interreg Europe' }],
      contacts: [{ name: 'Claire Martin', email: 'c.martin@example.fr' }],
    });
    expect(infos(r)).toContain('Key `Lieu` read as `place`');
  });

  it('reads Polish and Italian keys', () => {
    const pl = read(`Tytuł: Energia w miastach
Data: 2025-06-03
Miejsce: Online
Język: pl
Prelegenci:
  - Jan Kowalski
`);
    expect(errors(pl)).toEqual([]);
    expect(pl.data).toEqual({ title: 'Energia w miastach', date: '2025-06-03', place: { online: true }, language: 'pl', speakers: [{ name: 'Jan Kowalski' }] });
    const it = read(`Titolo: Mobilità sostenibile
Data: 2025-09-10
Luogo: Bologna, Italia
Organizzatori:
  - nome: Regione Emilia-Romagna
    ruolo: host
`);
    expect(errors(it)).toEqual([]);
    // (the notes do not say their language: their keys are Italian, so it is read as theirs: language-from-keys)
    expect(it.data).toEqual({ title: 'Mobilità sostenibile', date: '2025-09-10', place: { city: 'Bologna', country: 'Italia' }, organisers: [{ name: 'Regione Emilia-Romagna', role: 'host' }], language: 'it' });
  });

  it('reads a word two languages read differently only in the notes’ language', () => {
    // `kraj` is a practice's country in Polish and its region in Czech and Slovak.
    expect(resolveKey('practice', 'Kraj')).toBeUndefined();
    expect(resolveKey('practice', 'Kraj', 'pl')).toEqual({ key: 'country' });
    expect(resolveKey('practice', 'Kraj', 'cs')).toEqual({ key: 'region' });
    const practice = (language: string) =>
      read(`title: T\nlanguage: ${language}\npractices:\n  - topic: A\n    title: P\n    project: X\n    kraj: Mazowsze\n`).data as { practices: { topics: { practices: Record<string, unknown>[] }[] } };
    expect(practice('pl').practices.topics[0]!.practices[0]).toMatchObject({ country: 'Mazowsze' });
    expect(practice('cs').practices.topics[0]!.practices[0]).toMatchObject({ region: 'Mazowsze' });
    expect(practice('en').practices.topics[0]!.practices[0]).toMatchObject({ kraj: 'Mazowsze' });
  });

  it('reads keys in the notes’ language in Markdown front matter too', () => {
    const r = parseNotes(`---\nTitel: Kreislaufwirtschaft\nDatum: 2025-05-14\nOrt: Online\nSprache: Deutsch\n---\n\n# Zusammenfassung\n\nRund 50 Teilnehmende.\n`, 'markdown');
    expect(errors(r)).toEqual([]);
    expect(r.data).toMatchObject({ title: 'Kreislaufwirtschaft', date: '2025-05-14', place: { online: true }, language: 'de' });
  });

  it('reads the example of docs/notes-format.md, and fix writes its canonical keys', () => {
    const doc = readFileSync(join(ROOT, 'docs', 'notes-format.md'), 'utf8');
    const keys = doc.slice(doc.indexOf('### Keys'), doc.indexOf('### Short forms'));
    const example = /^```yaml\n([\s\S]*?)^```$/m.exec(keys)![1]!;
    const r = read(example);
    expect(errors(r)).toEqual([]);
    expect(r.data).toMatchObject({ title: 'Villes intelligentes et climat', date: '2025-03-12', language: 'fr', practices: { topics: [{ title: 'Rénovation', practices: [{ project: 'RENOV', country: 'France', figures: ['1 200 logements rénovés'] }] }] } });
    const fixed = fixNotesText(example, 'yaml').text;
    expect(fixed).toMatch(/^title: Villes/m);
    expect(read(fixed).data).toEqual(r.data);
    expect(read(fixed).rewrites).toEqual([]);
  });

  it('keeps English synonyms first', () => {
    // `to` is an English synonym of `endDate`; Dutch `tot` means the same, and no pack overrides English.
    expect(resolveKey('event', 'to', 'nl')).toEqual({ key: 'endDate' });
    expect(resolveKey('event', 'location', 'fr')).toEqual({ key: 'place' });
  });
});

/** The canonical keys every pack has words for (its own `fields`, or the headings and key lines they reuse). */
const FIELDS = [
  'title', 'subtitle', 'kind', 'date', 'endDate', 'place', 'city', 'country', 'venue', 'online', 'url', 'website', 'organisers', 'speakers', 'language',
  'summary', 'highlights', 'practices', 'nextSteps', 'upcoming', 'resources', 'contacts', 'topic', 'project', 'presenter', 'role', 'organisation',
  'region', 'description', 'figures', 'links', 'text', 'name', 'email', 'items', 'intro',
];

describe.each([...labelPacks().keys()])('locales/%s.json fields', (code) => {
  const pack = labelPacks().get(code)!;
  const raw = JSON.parse(readFileSync(join(ROOT, 'locales', `${code}.json`), 'utf8')) as { fields?: Record<string, unknown> };

  it('has words for every canonical key, in lower case', () => {
    expect(Object.keys(raw.fields ?? {}).filter((k) => !FIELDS.includes(k)), 'unknown keys in fields').toEqual([]);
    for (const key of FIELDS) {
      const words = fieldWords(pack, key);
      expect(words.length, `fields.${key}`).toBeGreaterThan(0);
      for (const word of words) expect(word, `fields.${key}`).toBe(word.toLocaleLowerCase(code).trim());
    }
  });

  it('gives no word two keys in one kind of mapping', () => {
    for (const context of Object.keys(CANONICAL_KEYS) as KeyContext[]) {
      const seen = new Map<string, string>();
      for (const key of CANONICAL_KEYS[context])
        for (const word of fieldWords(pack, key)) {
          const before = seen.get(normaliseKey(word));
          expect(before === undefined || before === key, `\`${word}\` is both ${before} and ${key} in ${context}`).toBe(true);
          seen.set(normaliseKey(word), key);
        }
    }
  });
});

describe('the language of notes that do not say theirs, from their keys', () => {
  it('reads French keys as French notes, says so, and fix writes `language`', () => {
    const text = 'titre: Atelier\ndate: 21 janvier 2025\nlieu: Clermont-Ferrand, France\norganisateurs:\n  - Région AURA (hôte)\nprochaines étapes:\n  - Agir.\n';
    const r = parseNotes(text, 'yaml');
    expect(r.data).toMatchObject({ language: 'fr', date: '2025-01-21', organisers: [{ name: 'Région AURA', role: 'hôte' }], nextSteps: { groups: [{ title: 'Recommandations' }] } });
    expect(r.messages.find((m) => m.ruleId === 'language-from-keys')?.place?.start.line).toBe(1);
    expect(fixNotesText(text, 'yaml').text).toMatch(/^title: Atelier\nlanguage: fr\n/);
  });
  it('guesses nothing from English or canonical keys, from one key alone, or when the notes say their language', () => {
    expect((parseNotes('title: T\ndate: 2025-01-21\nvenue: Lyon\n', 'yaml').data as { language?: string }).language).toBeUndefined();
    expect((parseNotes('titre: T\ndate: 2025-01-21\n', 'yaml').data as { language?: string }).language).toBeUndefined();
    expect((parseNotes('titre: T\nlieu: Lyon\ndate: 2025-01-21\nlanguage: en\n', 'yaml').data as { language?: string }).language).toBe('en');
  });
});
