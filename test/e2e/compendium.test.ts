/**
 * `report compendium`: three events (test/fixtures/compendium) sharing one practice file and a Markdown practice
 * file, with inline practices besides -> compendium.html and .pdf (real Chromium, read back with pdftotext and
 * pdf.js), practices.json and practices.csv (parsed back with csv-parse, an RFC 4180 parser).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvCell } from '../../src/render/practices-table.js';
import { ROOT, runCli, runMain, tempDir } from '../helpers/cli.js';
import { flat, pdfInfo, pdfPages, pdfOutline as outline } from '../helpers/pdf.js';

const FIXTURE = join(ROOT, 'test', 'fixtures', 'compendium');

const count = (text: string, needle: string) => text.split(needle).length - 1;

describe('report compendium on three events sharing practices', () => {
  const dir = tempDir('report-compendium-');
  const out = join(dir.path, 'out');
  let result: ReturnType<typeof runCli>;
  beforeAll(async () => {
    cpSync(FIXTURE, join(dir.path, 'events'), { recursive: true });
    result = runCli(['compendium', 'events', '--out', 'out'], { cwd: dir.path });
  });
  afterAll(() => dir.cleanup());

  it('succeeds and says what it wrote', () => {
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/5 practices from 3 events -> out\/compendium\.html, out\/compendium\.pdf, out\/practices\.json, out\/practices\.csv/);
  });

  it('prints each practice once in the PDF, with the events where it was presented, and a contents with pages', () => {
    const pdf = join(out, 'compendium.pdf');
    const pages = pdfPages(pdf, 'reading');
    const text = flat(pages.join('\n'));
    // The shared practice file: presented at all three events, printed once.
    expect(count(text, 'Open data for growth in Veneto')).toBe(1);
    expect(count(text, 'AI Foundation Certificate for Public Servants')).toBe(1);
    expect(count(text, 'Regional data on reused materials')).toBe(1);
    const veneto = text.slice(text.indexOf('Open data for growth in Veneto'));
    const presented = veneto.slice(veneto.indexOf('Presented at:'), veneto.indexOf('Presented at:') + 260);
    expect(presented).toContain('5 June 2024 Digital transformation of public services (Vilnius, Lithuania)');
    expect(presented).toContain('12 March 2025 Data for regional development (Lille, France)');
    expect(presented).toContain('1 October 2025 Smart public services (Kaunas, Lithuania)');
    // Contents on the first page: topics (alphabetical) with countries under them, each with the page it starts on.
    const contents = flat(pages[0]!);
    expect(contents).toMatch(/Contents 1\. Enhancing AI skills of public servants (\d+) Ireland \1 Lithuania \1 2\. Open data (\d+) Estonia \2 France \d+ Italy \d+/);
    const [, aiPage, openDataPage] = /Enhancing AI skills of public servants (\d+) .* Open data (\d+)/.exec(contents)!;
    expect(flat(pages[Number(aiPage) - 1]!)).toContain('1. Enhancing AI skills of public servants');
    expect(flat(pages[Number(openDataPage) - 1]!)).toContain('2. Open data');
    expect(pdfInfo(pdf)).toMatchObject({ Title: 'Good practices', Subject: '5 good practices · 3 events · 2024–2025', Tagged: 'yes', 'Page size': expect.stringContaining('A4') });
  });

  it('has bookmarks for topics, countries and practices', async () => {
    const titles = await outline(join(out, 'compendium.pdf'));
    expect(titles).toContain('  1. Enhancing AI skills of public servants');
    expect(titles).toContain('    Ireland');
    expect(titles).toContain('      ENAIBLER – AI Foundation Certificate for Public Servants');
    expect(titles).toContain('  2. Open data');
    expect(titles).toContain('      OD4GROWTH – Open data for growth in Veneto');
  });

  it('writes a self-contained HTML page with each practice once and its image embedded', () => {
    const html = readFileSync(join(out, 'compendium.html'), 'utf8');
    expect(count(html, '<article class="practice-card"')).toBe(5);
    expect(html).toMatch(/<img src="data:image\/png;base64,[^"]+" alt="The Veneto open data portal">/);
    expect(html).not.toMatch(/(src|href)="(?!data:|#|https:)/);
  });

  it('writes practices.json with the practice fields, the practice file and the events', () => {
    const json = JSON.parse(readFileSync(join(out, 'practices.json'), 'utf8'));
    expect(json.practiceCount).toBe(5);
    expect(json.eventCount).toBe(3);
    const veneto = json.practices.find((p: { id: string }) => p.id === 'open-data-veneto');
    expect(veneto).toMatchObject({
      topic: 'Open data',
      project: 'OD4GROWTH',
      title: 'Open data for growth in Veneto',
      presenter: { name: 'Maria Rossi', role: 'Project officer', organisation: 'Veneto Region' },
      region: 'Veneto',
      country: 'Italy',
      practiceFile: join('events', 'practices', 'open-data-veneto.yaml'),
    });
    expect(veneto.presentedAt.map((e: { date: string }) => e.date)).toEqual(['2024-06-05', '2025-03-12', '2025-10-01']);
    const inline = json.practices.find((p: { title: string }) => p.title === 'Regional data on reused materials');
    expect(inline.practiceFile).toBeUndefined();
    // Written in two events' notes (same project and title): one practice, the earliest event's wording, both events.
    expect(inline.description).toBe('A regional platform that lists reused building materials.');
    expect(inline.presentedAt).toEqual([
      { title: 'Data for regional development', date: '2025-03-12', city: 'Lille', country: 'France', kind: 'Thematic workshop', notes: join('events', 'lille-2025.yaml') },
      { title: 'Smart public services', date: '2025-10-01', city: 'Kaunas', country: 'Lithuania', kind: 'Online workshop', notes: join('events', 'kaunas-2025.md') },
    ]);
  });

  it('writes practices.csv that a spreadsheet opens as written: BOM, CRLF, quoting, no formulas', () => {
    const bytes = readFileSync(join(out, 'practices.csv'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.endsWith('\r\n')).toBe(true);
    // Every line break outside a quoted cell is CRLF.
    expect(text.replace(/"(?:[^"]|"")*"/g, '').replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const rows = parseCsv(text, { bom: true, columns: true, record_delimiter: '\r\n' }) as Record<string, string>[];
    expect(rows).toHaveLength(5);
    const veneto = rows.find((r) => r.id === 'open-data-veneto')!;
    expect(veneto).toMatchObject({ project: 'OD4GROWTH', country: 'Italy', first_presented: '2024-06-05', last_presented: '2025-10-01' });
    expect(veneto.events!.split('\n')).toHaveLength(3);
    expect(veneto.figures!.split('\n')).toEqual(['120 datasets opened', '=SUM(A1:A9) reusers counted by formula']);
    const lab = rows.find((r) => r.country === 'Estonia')!;
    expect(lab.project).toBe("'+OpenGov");
    expect(lab.title).toBe('Citizens\' data "lab", Tallinn');
    const certificate = rows.find((r) => r.project === 'ENAIBLER')!;
    expect(certificate.description).toContain('"free of charge"');
    expect(certificate.presenter).toBe('Seán Murphy');
  });
});

describe('CSV cells', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+31 20 555', "'+31 20 555"],
    ['-5', "'-5"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', `"'\rx"`],
    ['a, b', '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['plain', 'plain'],
  ])('%j -> %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });
});

describe('report compendium with a broken event', () => {
  it('reports the broken file, leaves it out, still writes the compendium of the others, and exits 1', async () => {
    const dir = tempDir('report-compendium-broken-');
    try {
      cpSync(FIXTURE, dir.path, { recursive: true });
      writeFileSync(join(dir.path, 'broken.yaml'), 'title: Broken\ndate: 2025-13-40\nplace: { city: X, country: Y }\npractices:\n  topics:\n    - title: T\n      practices:\n        - ref: practices/missing.yaml\n');
      const result = await runMain(['compendium', '.', '--out', 'out', '--format', 'json,csv'], { cwd: dir.path });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/broken\.yaml:8:16 error The practice file `practices\/missing\.yaml` does not exist/);
      expect(result.stderr).toMatch(/5 practices from 3 events, 1 file failed and left out/);
      expect(JSON.parse(readFileSync(join(dir.path, 'out', 'practices.json'), 'utf8')).eventCount).toBe(3);
    } finally {
      dir.cleanup();
    }
  });

  it('refuses an unknown output format and inputs that match nothing (exit 2)', async () => {
    expect((await runMain(['compendium', 'test/fixtures/compendium', '--format', 'docx'])).stderr).toMatch(/Unknown output format `docx`; expected html, pdf, json or csv/);
    const none = await runMain(['compendium', 'no/such/folder', '--format', 'json']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/No such file or folder/);
  });
});

describe('the compendium in the language chosen for it', () => {
  const dir = tempDir('report-compendium-language-');
  beforeAll(() => cpSync(FIXTURE, join(dir.path, 'events'), { recursive: true }));
  afterAll(() => dir.cleanup());

  it('is in French with --language fr: title, contents, "presented at", countries not given, dates and counts', () => {
    const r = runCli(['compendium', 'events', '--out', 'fr', '--format', 'pdf,html', '--language', 'fr'], { cwd: dir.path });
    expect(r.code, r.stderr).toBe(0);
    const pdf = join(dir.path, 'fr', 'compendium.pdf');
    const pages = pdfPages(pdf, 'reading');
    const text = flat(pages.join('\n'));
    expect(flat(pages[0]!)).toMatch(/^Bonnes pratiques 5 bonnes pratiques · 3 événements · 2024–2025 Sommaire 1\./);
    expect(text).toContain('Présentée lors de:');
    expect(text).toContain('5 juin 2024 Digital transformation of public services (Vilnius, Lithuania)');
    expect(text).toMatch(/Événements 5 juin 2024/);
    expect(text).not.toMatch(/Presented at|Contents|Good practices|Events/);
    expect(pdfInfo(pdf)).toMatchObject({ Title: 'Bonnes pratiques', Subject: '5 bonnes pratiques · 3 événements · 2024–2025' });
    expect(readFileSync(join(dir.path, 'fr', 'compendium.html'), 'utf8')).toContain('<html lang="fr"');
  });
});


describe('report build --compendium: the compendium of the run, from the same models, in the same browser', () => {
  const dir = tempDir('report-build-compendium-');
  let build: ReturnType<typeof runCli>;
  let alone: ReturnType<typeof runCli>;
  beforeAll(async () => {
    cpSync(FIXTURE, join(dir.path, 'events'), { recursive: true });
    // (three pages printing at once, each report with the same picture: a page printing in the background used to
    // wait for its picture's decode() until the time limit)
    build = runCli(['build', 'events', '--out', 'site', '--format', 'html,pdf', '--compendium', '--no-cache', '--concurrency', '3'], { cwd: dir.path });
    alone = await runMain(['compendium', 'events', '--out', 'alone', '--format', 'html,json,csv'], { cwd: dir.path });
  });
  afterAll(() => dir.cleanup());

  it('builds the reports, the site and the compendium, and says what it wrote', () => {
    expect(build.code, build.stderr).toBe(0);
    expect(build.stderr).toMatch(/compendium: 5 practices from 3 events -> site\/compendium\.html, site\/compendium\.pdf, site\/practices\.json, site\/practices\.csv/);
    for (const name of ['index.html', 'search-index.js', 'catalogue.json', 'vilnius-2024.pdf', 'kaunas-2025.html']) expect(existsSync(join(dir.path, 'site', name)), name).toBe(true);
    // Each report shows the practice file's picture (printed by pages working at the same time).
    for (const name of ['vilnius-2024.pdf', 'kaunas-2025.pdf', 'lille-2025.pdf']) {
      const images = spawnSync('pdfimages', ['-list', join(dir.path, 'site', name)], { encoding: 'utf8' }).stdout.split('\n').slice(2).filter((l) => /\bimage\b/.test(l));
      expect(images.length, name).toBeGreaterThan(0);
    }
  });

  it('writes the same compendium as `report compendium` on the same notes', () => {
    expect(alone.code, alone.stderr).toBe(0);
    for (const name of ['compendium.html', 'practices.json', 'practices.csv']) {
      expect(readFileSync(join(dir.path, 'site', name), 'utf8'), name).toBe(readFileSync(join(dir.path, 'alone', name), 'utf8'));
    }
    // (the practice file's image, embedded from where the events' notes name it)
    expect(readFileSync(join(dir.path, 'site', 'compendium.html'), 'utf8')).toContain('data:image/png;base64,');
  });

  it('prints the compendium PDF: each practice once, where it was presented, contents with pages', () => {
    const pdf = join(dir.path, 'site', 'compendium.pdf');
    const pages = pdfPages(pdf, 'reading');
    const text = flat(pages.join('\n'));
    expect(count(text, 'Open data for growth in Veneto')).toBe(1);
    expect(count(text, 'AI Foundation Certificate for Public Servants')).toBe(1);
    expect(text).toContain('12 March 2025 Data for regional development (Lille, France)');
    expect(flat(pages[0]!)).toMatch(/Contents 1\. Enhancing AI skills of public servants (\d+) Ireland \1 Lithuania \1 2\. Open data/);
    expect(pdfInfo(pdf)).toMatchObject({ Title: 'Good practices', Subject: '5 good practices · 3 events · 2024–2025', Tagged: 'yes' });
  });

  it('refuses notes whose report would replace a compendium file (exit 2)', async () => {
    writeFileSync(join(dir.path, 'practices.md'), '---\ntitle: T\ndate: 2024-01-01\n---\n');
    const r = await runMain(['build', 'practices.md', 'events/vilnius-2024.md', '--out', 'clash', '--format', 'json', '--compendium', '--no-cache'], { cwd: dir.path });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('practices.md would write clash/practices.json, where the compendium goes; rename the notes file, or build without --compendium');
  });
});
