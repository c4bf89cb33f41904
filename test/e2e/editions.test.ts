/**
 * Editions (docs/editions.md): one notes file (test/fixtures/editions/workshop-2024.md) plants a marker ending in
 * `7f3a` in every place an author can mark internal (a part, a theme and its speaker and image, an event speaker,
 * practices inline, referenced internally and in a file that says it is internal, a topic, a paragraph in a fence,
 * a list item, a figure, a group, an activity, a resource, a contact, free sections), and a public marker beside
 * each. A batch with a second, public file builds HTML, PDF and JSON with the archive site, and `report compendium`
 * writes its four files; both in each edition, with real Chromium, read back with pdftotext and pdf.js.
 */
import { cpSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCliConcurrently, tempDir, type CliResult } from '../helpers/cli.js';
import { pdfInfo, pdfOutline, pdfPages } from '../helpers/pdf.js';
import { nonStandardTypes, readPdf, unmarkedPainting } from '../helpers/pdf-rules.js';

const FIXTURE = join(ROOT, 'test', 'fixtures', 'editions');
const NOTES = readFileSync(join(FIXTURE, 'workshop-2024.md'), 'utf8');
const PRACTICE_FILES = ['secret-reference.yaml', 'internal-file.yaml'].map((f) => readFileSync(join(FIXTURE, 'practices', f), 'utf8')).join('\n');

/** Every internal marker planted, and the names of the internal speakers and contact (no marker in them). */
const SECRETS = [...new Set((NOTES + PRACTICE_FILES).match(/SECRET-[a-z-]+-7f3a|secret-contact-7f3a/g))];
const SECRET_NAMES = ['Octavia Hushwell', 'Ferdinand Whisperton', 'Zenobia Quillfeather', 'Silas Backroom'];
/** The public text beside them. */
const PUBLIC = [...new Set(NOTES.match(/PUBLIC-[a-z-]+/g))];
const NOTICE = 'Internal edition — not for publication';

/** Letters and digits only: a marker hyphenated across lines in a PDF is still found. */
const squash = (text: string) => text.replace(/[^\p{L}\p{N}]+/gu, '');

function filesBelow(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesBelow(join(dir, e.name)) : [join(dir, e.name)]));
}

/** What a reader of the PDF sees or its metadata tells: every page's text, the document info and the bookmarks. */
async function pdfText(path: string): Promise<string> {
  const info = pdfInfo(path);
  return [...pdfPages(path, 'reading'), info.Title, info.Subject, info.Keywords, info.Author, ...(await pdfOutline(path))].join('\n');
}

describe('editions: what notes mark internal', () => {
  const dir = tempDir('report-editions-');
  const run = (...args: string[]) => runCliConcurrently(args, { cwd: dir.path });
  const results: Record<string, CliResult> = {};
  beforeAll(async () => {
    cpSync(FIXTURE, join(dir.path, 'notes'), { recursive: true });
    // The four runs at once: each writes its own folder (the builds theirs, with their cache; the compendiums theirs
    // below them), and none reads what another writes.
    [results.public, results.compendium, results.internal, results.internalCompendium] = await Promise.all([
      run('build', 'notes', '--out', 'public', '-f', 'html,pdf,json'),
      run('compendium', 'notes', '--out', 'public/compendium'),
      run('build', 'notes', '--out', 'internal', '-f', 'html,pdf,json', '--edition', 'internal'),
      run('compendium', 'notes', '--out', 'internal/compendium', '--edition', 'internal'),
    ]);
  });
  afterAll(() => dir.cleanup());

  it('plants every marker the test looks for', () => {
    expect(SECRETS).toHaveLength(19);
    expect(PUBLIC.length).toBeGreaterThanOrEqual(13);
    for (const [name, result] of Object.entries(results)) expect(result.code, `${name}: ${result.stderr}`).toBe(0);
  });

  describe('public edition (the default)', () => {
    it('writes no internal marker or name into any file: reports, JSON, site, search index, catalogue, compendium', () => {
      const files = filesBelow(join(dir.path, 'public'));
      expect(files.map((f) => f.slice(dir.path.length + 1)).sort()).toEqual(
        expect.arrayContaining(['public/catalogue.json', 'public/index.html', 'public/search-index.js', 'public/workshop-2024.json', 'public/workshop-2024.pdf', 'public/compendium/practices.csv']),
      );
      for (const file of files) {
        const bytes = readFileSync(file);
        // (the search index holds words in lower case; PDF strings may be UTF-16)
        const lower = bytes.toString('latin1').toLowerCase();
        // (`7f3a` alone only in text files: a PDF's ids and a font's bytes may hold it by chance, and so may the
        // hashes the build cache's records are made of)
        const text = /\.(html|json|js|csv|css)$/.test(file) && !file.includes('/.report-cache/');
        for (const secret of [...SECRETS, ...SECRET_NAMES, ...SECRET_NAMES.flatMap((n) => n.split(' ')), ...(text ? ['7f3a'] : [])]) {
          expect(bytes.includes(Buffer.from(secret, 'utf8')), `${file}: ${secret}`).toBe(false);
          expect(bytes.includes(Buffer.from(secret, 'utf16le').swap16()), `${file}: ${secret} in UTF-16`).toBe(false);
          if (!['Octavia', 'Silas', 'Ferdinand', 'Zenobia'].includes(secret)) expect(lower.includes(secret.toLowerCase()), `${file}: ${secret} in lower case`).toBe(false);
        }
      }
    });

    it('prints none of it in the PDFs: page text, document info, bookmarks', async () => {
      for (const pdf of ['workshop-2024.pdf', 'public-2025.pdf', 'compendium/compendium.pdf']) {
        const text = squash(await pdfText(join(dir.path, 'public', pdf)));
        for (const secret of [...SECRETS, ...SECRET_NAMES]) expect(text, `${pdf}: ${secret}`).not.toContain(squash(secret));
        expect(text).not.toContain('7f3a');
        expect(text, pdf).not.toContain(squash(NOTICE));
      }
    });

    it('keeps the public text around it, in every output', async () => {
      const html = readFileSync(join(dir.path, 'public', 'workshop-2024.html'), 'utf8');
      const json = readFileSync(join(dir.path, 'public', 'workshop-2024.json'), 'utf8');
      const pdf = squash(await pdfText(join(dir.path, 'public', 'workshop-2024.pdf')));
      for (const marker of PUBLIC) {
        expect(html, marker).toContain(marker);
        expect(json, marker).toContain(marker);
        expect(pdf, marker).toContain(squash(marker));
      }
      expect(html).toContain('Paula Openfield');
      expect(html).not.toContain(NOTICE);
      expect(readFileSync(join(dir.path, 'public', 'index.html'), 'utf8')).not.toContain(NOTICE);
      expect(readFileSync(join(dir.path, 'public', 'search-index.js'), 'utf8')).toMatch(/"openfield"/);
      const catalogue = JSON.parse(readFileSync(join(dir.path, 'public', 'catalogue.json'), 'utf8')) as unknown;
      expect(JSON.stringify(catalogue)).toContain('Reuse hubs in cities');
      const practices = readFileSync(join(dir.path, 'public', 'compendium', 'practices.csv'), 'utf8');
      expect(practices).toContain('PUBLIC-practice reuse centre');
      expect(practices).toContain('PUBLIC-ref-practice material passports');
    });
  });

  describe('internal edition', () => {
    it('keeps every marked item and text', async () => {
      const html = readFileSync(join(dir.path, 'internal', 'workshop-2024.html'), 'utf8');
      const json = readFileSync(join(dir.path, 'internal', 'workshop-2024.json'), 'utf8');
      const pdf = squash(await pdfText(join(dir.path, 'internal', 'workshop-2024.pdf')));
      const compendium = readFileSync(join(dir.path, 'internal', 'compendium', 'practices.json'), 'utf8');
      for (const secret of SECRETS) {
        expect(json, secret).toContain(secret);
        expect(html, secret).toContain(secret);
        // (an image's alt text is in the PDF's tags, not in its text)
        if (secret !== 'SECRET-alt-7f3a') expect(pdf, secret).toContain(squash(secret));
      }
      for (const secret of SECRETS.filter((s) => /practice|figure|topic/.test(s))) expect(compendium, secret).toContain(secret);
      expect(JSON.parse(json)).toMatchObject({ edition: 'internal' });
    });

    it('says so at the top of the HTML and on every page of the PDFs', () => {
      for (const html of ['workshop-2024.html', 'compendium/compendium.html', 'index.html']) {
        expect(readFileSync(join(dir.path, 'internal', html), 'utf8'), html).toMatch(new RegExp(`<body[^>]*>\\s*<p class="edition-notice" role="note">${NOTICE}</p>`));
      }
      for (const pdf of ['workshop-2024.pdf', 'public-2025.pdf', 'compendium/compendium.pdf']) {
        const pages = pdfPages(join(dir.path, 'internal', pdf));
        expect(pages.length, pdf).toBeGreaterThan(pdf === 'public-2025.pdf' ? 0 : 1);
        pages.forEach((page, i) => expect(page, `${pdf} page ${i + 1}`).toContain(NOTICE));
      }
    });

    it('stays a tagged PDF: the notice in the running header is marked as an artifact', async () => {
      const pdf = join(dir.path, 'internal', 'workshop-2024.pdf');
      expect(await unmarkedPainting(pdf)).toEqual([]);
      expect(nonStandardTypes(await readPdf(pdf))).toEqual([]);
    });
  });
});
