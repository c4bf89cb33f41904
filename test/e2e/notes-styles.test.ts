/**
 * Notes as people really write them (issue 13): each file of test/fixtures/notes-styles/ is built by the real
 * executable, and everything its `<name>.facts.yaml` lists must be in the model (`-f json`); for the files in
 * PDF_FILES also in the printed PDF, read back with pdftotext (text) and pdf.js (link annotations).
 *
 * A facts file says what the report must hold, never how the reader gets there:
 *   title, date, endDate, kind, place  equal to the model's
 *   names                              each a person's `name` (a speaker, a presenter or a contact)
 *   figures                            each in a practice's `figures`
 *   recommendations                    each phrase inside an item of a next steps' group
 *   links                              each an address of the model (a `url`, or a link in a text), https form
 *   contacts                           each a contact's `email`
 *   projects                           each a practice's `project`
 *   countries, regions                 each a practice's `country` / `region`
 *   counts                             themes, practices, groups, contacts (and activities, resources)
 *   texts                              phrases that must be kept, `{ in: part, text }` inside that part
 *   absent                             phrases that must not be there (a pasted contents list), or not in a part
 *
 * Beside the facts, `<name>.model.json` is the whole expected model, reviewed by a person: any change to what the
 * reader makes of these notes shows as a diff there. After a deliberate change, rewrite them with
 * `UPDATE_MODELS=1 npx vitest run test/e2e/notes-styles.test.ts` and review the diff.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, tempDir } from '../helpers/cli.js';
import { pdfPages } from '../helpers/pdf.js';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'notes-styles');
/** Printed too (a PDF costs a Chromium print): one per kind of source: a language, a Word export, hand-typed YAML, contacts under no heading. */
const PDF_FILES = new Set(['interreg-europe-hamburg-2024-de.md', 'interreg-europe-word-export.md', 'interreg-fwvl-webinar.yaml', 'interreg-europe-porto-2024.md', 'interreg-europe-tartu-2025-pasted.md']);

type Part = 'summary' | 'highlights' | 'practices' | 'nextSteps' | 'upcoming' | 'resources' | 'contacts' | 'sections';
interface Facts {
  title: string;
  date: string;
  endDate?: string;
  kind?: string;
  place?: Record<string, string | boolean>;
  names?: string[];
  figures?: string[];
  recommendations?: string[];
  links?: string[];
  contacts?: string[];
  projects?: string[];
  countries?: string[];
  regions?: string[];
  counts?: Partial<Record<'themes' | 'practices' | 'groups' | 'contacts' | 'activities' | 'resources', number>>;
  texts?: Array<string | { in: Part; text: string }>;
  absent?: Array<string | { in: Part; text: string }>;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Model = { [key: string]: Json };

const cases = readdirSync(FIXTURES)
  .filter((name) => name.endsWith('.facts.yaml'))
  .sort()
  .map((factsName) => {
    const base = factsName.slice(0, -'.facts.yaml'.length);
    const notes = readdirSync(FIXTURES).find((name) => name !== factsName && name.startsWith(`${base}.`) && /\.(md|markdown|ya?ml)$/.test(name));
    if (!notes) throw new Error(`${factsName}: no notes file ${base}.md or ${base}.yaml beside it`);
    return { notes, base, facts: parse(readFileSync(join(FIXTURES, factsName), 'utf8')) as Facts };
  });

// --- what the model holds -------------------------------------------------------------------------------------

/** Whitespace as typed (non-breaking spaces, line breaks) does not matter; words do. */
const spaced = (text: string) => text.replace(/[\s\u00a0\u202f]+/g, ' ').trim();
const href = (url: string) => {
  try {
    return new URL(url).href;
  } catch {
    return url;
  }
};

function strings(value: Json | undefined, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) strings(item, out);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) strings(item, out);
  return out;
}

/** Every person's name: objects in `speakers` and `contacts` lists, and `presenter`s, wherever they sit. */
function personNames(value: Json | undefined, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) personNames(item, out);
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const people = key === 'presenter' ? [item] : key === 'speakers' || key === 'contacts' ? (Array.isArray(item) ? item : []) : [];
      for (const person of people) if (person && typeof person === 'object' && !Array.isArray(person) && typeof person.name === 'string') out.push(spaced(person.name));
      personNames(item, out);
    }
  }
  return out;
}

/** Arrays under `key`, wherever they sit, flattened. */
function listsUnder(value: Json | undefined, key: string, out: Json[] = []): Json[] {
  if (Array.isArray(value)) for (const item of value) listsUnder(item, key, out);
  else if (value && typeof value === 'object')
    for (const [k, item] of Object.entries(value)) {
      if (k === key && Array.isArray(item)) out.push(...item);
      listsUnder(item, key, out);
    }
  return out;
}

/** Every address: `url` and `website` values, Markdown links, autolinks and bare addresses in texts. */
function addresses(model: Model): Set<string> {
  const found = new Set<string>();
  const walk = (value: Json | undefined, key?: string) => {
    if (typeof value === 'string') {
      if ((key === 'url' || key === 'website') && /^https?:/.test(value)) found.add(href(value));
      for (const m of value.matchAll(/\]\(\s*<?([^)\s>]+)>?[^)]*\)|<(https?:[^>\s]+)>|(https?:\/\/[^\s)<>\]"]+)/g)) found.add(href((m[1] ?? m[2] ?? m[3])!));
    } else if (Array.isArray(value)) for (const item of value) walk(item);
    else if (value && typeof value === 'object') for (const [k, item] of Object.entries(value)) walk(item, k);
  };
  walk(model);
  return found;
}

const objectAt = (model: Model, key: string) => {
  const value = Object.hasOwn(model, key) ? model[key] : undefined;
  return value && typeof value === 'object' && !Array.isArray(value) ? value : {};
};
const arrayOf = (value: Json | undefined) => (Array.isArray(value) ? value : []);

function count(model: Model, what: keyof NonNullable<Facts['counts']>): number {
  switch (what) {
    case 'themes':
      return arrayOf(objectAt(model, 'highlights').themes).length;
    case 'practices':
      return arrayOf(objectAt(model, 'practices').topics).reduce<number>((sum, topic) => sum + arrayOf((topic as Model).practices).length, 0);
    case 'groups':
      return arrayOf(objectAt(model, 'nextSteps').groups).length;
    case 'contacts':
      return arrayOf(model.contacts).length;
    case 'activities':
      return arrayOf(objectAt(model, 'upcoming').items).length;
    case 'resources':
      return arrayOf(objectAt(model, 'resources').items).length;
  }
}

// --- what the PDF holds ---------------------------------------------------------------------------------------

/** Printed text compared without spaces, hyphens and case: lines wrap and hyphenate where the layout wants. */
const loose = (text: string) => text.normalize('NFC').replace(/[\s\u00a0\u202f\u00ad\-\u2010\u2011]+/g, '').toLowerCase();

async function pdfLinks(pdf: string): Promise<Set<string>> {
  const lib = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await lib.getDocument({ data: new Uint8Array(readFileSync(pdf)), verbosity: 0 }).promise;
  const found = new Set<string>();
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    for (const annotation of (await page.getAnnotations()) as Array<{ url?: string; unsafeUrl?: string }>) {
      const url = annotation.url ?? annotation.unsafeUrl;
      if (url) found.add(href(url));
    }
  }
  await doc.destroy();
  return found;
}

// --- the builds -----------------------------------------------------------------------------------------------

interface Build {
  /** The exit code of the batch the file was built in. */
  code: number | null;
  /** The file's status in the batch's run report (`--report`): `built` when it was. */
  status?: string;
  stderr: string;
  model?: Model;
  pdfText?: string;
  pdfLinks?: Set<string>;
}

const out = tempDir('report-notes-styles-');
const builds = new Map<string, Build>();

/** One `report build` of many notes files (one browser for all the PDFs); each file's status from its run report. */
function buildBatch(notes: string[], formats: string, dir: string): Promise<void> {
  const report = join(dir, 'run-report.json');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'build', ...notes.map((n) => join(FIXTURES, n)), '--out', dir, '--format', formats, '--no-cache', '--no-catalogue', '--report', report], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', async (code) => {
      const files = existsSync(report) ? (JSON.parse(readFileSync(report, 'utf8')) as { files: Array<{ path: string; status: string }> }).files : [];
      for (const name of notes) {
        const base = name.replace(/\.[^.]+$/u, '');
        const result: Build = { code, stderr, status: files.find((f) => f.path.endsWith(`/${name}`))?.status };
        const json = join(dir, `${base}.json`);
        if (existsSync(json)) result.model = JSON.parse(readFileSync(json, 'utf8')) as Model;
        const pdf = join(dir, `${base}.pdf`);
        if (existsSync(pdf)) {
          result.pdfText = pdfPages(pdf, 'reading').join('\n');
          result.pdfLinks = await pdfLinks(pdf);
        }
        builds.set(name, result);
      }
      resolve();
    });
  });
}

beforeAll(async () => {
  // Two batches at once (the machine has two cores): the files printed too, and the others.
  const names = cases.map((c) => c.notes);
  await Promise.all([
    buildBatch(names.filter((n) => PDF_FILES.has(n)), 'json,pdf', join(out.path, 'pdf')),
    buildBatch(names.filter((n) => !PDF_FILES.has(n)), 'json', join(out.path, 'json')),
  ]);
}, 300_000);
afterAll(() => out.cleanup());

describe.each(cases)('$notes', ({ notes, base, facts }) => {
  const built = () => builds.get(notes)!;
  const model = (): Model => {
    const { model, code, stderr } = built();
    if (!model) throw new Error(`no model: exit ${code}\n${stderr}`);
    return model;
  };

  it('builds on the first run (warnings allowed)', () => {
    expect(built().stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
    expect(built().status, built().stderr).toBe('built');
    expect(built().code, built().stderr).toBe(0);
  });

  it('gives exactly its expected model', () => {
    const expected = join(FIXTURES, `${base}.model.json`);
    const actual = JSON.stringify(model(), null, 2) + '\n';
    if (process.env.UPDATE_MODELS) writeFileSync(expected, actual);
    expect(actual).toBe(readFileSync(expected, 'utf8'));
  });

  it('has the title, dates and place', () => {
    const m = model();
    expect(m.title).toBe(facts.title);
    expect(m.date).toBe(facts.date);
    if (facts.endDate) expect(m.endDate).toBe(facts.endDate);
    if (facts.kind) expect(m.kind).toBe(facts.kind);
    for (const [key, value] of Object.entries(facts.place ?? {})) expect(objectAt(m, 'place')[key], `place.${key}`).toBe(value);
  });

  it('has every speaker, presenter and contact as a person', () => {
    const names = personNames(model());
    // `Dr. Katrin Vollmer` is Katrin Vollmer: a title written before the name may stay.
    for (const name of facts.names ?? []) expect(names.some((n) => n === name || n.endsWith(` ${name}`)), `${name} in ${JSON.stringify(names)}`).toBe(true);
  });

  it('has every key figure', () => {
    const figures = listsUnder(objectAt(model(), 'practices'), 'figures').map((f) => spaced(String(f)));
    for (const figure of facts.figures ?? []) expect(figures.some((f) => f.includes(spaced(figure))), `${figure} in ${JSON.stringify(figures)}`).toBe(true);
  });

  it('has every recommendation in a group of the next steps', () => {
    const items = listsUnder(objectAt(model(), 'nextSteps'), 'items').map((i) => spaced(strings(i).join(' ')));
    for (const phrase of facts.recommendations ?? []) expect(items.some((i) => i.includes(spaced(phrase))), phrase).toBe(true);
  });

  it('has every link, in its https form', () => {
    const found = addresses(model());
    for (const link of facts.links ?? []) expect([...found], link).toContain(href(link));
  });

  it('has every contact address, project, country, region and count', () => {
    const m = model();
    const emails = arrayOf(m.contacts).map((c) => String((c as Model).email ?? '').toLowerCase());
    for (const email of facts.contacts ?? []) expect(emails, email).toContain(email.toLowerCase());
    const practices = listsUnder(objectAt(m, 'practices'), 'practices') as Model[];
    for (const project of facts.projects ?? []) expect(practices.map((p) => p.project), project).toContain(project);
    for (const country of facts.countries ?? []) expect(practices.map((p) => p.country), country).toContain(country);
    for (const region of facts.regions ?? []) expect(practices.map((p) => p.region), region).toContain(region);
    for (const [what, n] of Object.entries(facts.counts ?? {})) expect(count(m, what as keyof NonNullable<Facts['counts']>), what).toBe(n);
  });

  it('keeps every text where it belongs, and nothing that does not belong', () => {
    const m = model();
    const holds = (entry: string | { in: Part; text: string }) => {
      const { in: part, text } = typeof entry === 'string' ? { in: undefined, text: entry } : entry;
      const scope = part === undefined ? m : Object.hasOwn(m, part) ? m[part] : undefined;
      return { found: strings(scope).some((s) => spaced(s).includes(spaced(text))), label: `${text} (in ${part ?? 'the report'})` };
    };
    for (const entry of facts.texts ?? []) {
      const { found, label } = holds(entry);
      expect(found, label).toBe(true);
    }
    for (const entry of facts.absent ?? []) {
      const { found, label } = holds(entry);
      expect(found, `not ${label}`).toBe(false);
    }
  });

  it.runIf(PDF_FILES.has(notes))('prints every name, figure, recommendation, link, contact and project', () => {
    const { pdfText, pdfLinks: links, code, stderr } = built();
    if (pdfText === undefined || !links) throw new Error(`no PDF: exit ${code}\n${stderr}`);
    const text = loose(pdfText);
    const phrases = [facts.title, ...(facts.names ?? []), ...(facts.recommendations ?? []), ...(facts.contacts ?? []), ...(facts.projects ?? []), ...(facts.countries ?? []), ...(facts.regions ?? [])];
    // A key figure prints as a tile, its number set large above its label, and tiles sit side by side: the number
    // and the label are looked for apart (a unit such as `million` may go with either).
    for (const figure of facts.figures ?? []) {
      const [, number, label] = /^([\d.,\s\u00a0\u202f]*\d[\d.,]*\s*%?)\s*(.*)$/u.exec(spaced(figure)) ?? [undefined, undefined, figure];
      const labelFound = text.includes(loose(label!)) || text.includes(loose(label!.replace(/^\S+\s+/u, '')));
      expect((number === undefined || text.includes(loose(number))) && labelFound, figure).toBe(true);
    }
    for (const entry of facts.texts ?? []) phrases.push(typeof entry === 'string' ? entry : entry.text);
    for (const phrase of phrases) expect(text.includes(loose(phrase)), phrase).toBe(true);
    for (const link of facts.links ?? []) expect([...links], link).toContain(href(link));
    for (const entry of facts.absent ?? []) if (typeof entry === 'string') expect(text.includes(loose(entry)), `not ${entry}`).toBe(false);
  });
});
