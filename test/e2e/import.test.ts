/**
 * `report import`: the reference report's text imports with all its facts; every example built to PDF imports
 * back to the same model (fields that do not survive the printed page are listed); bad files fail alone.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, runMain, tempDir, type CliResult } from '../helpers/cli.js';
import { EXAMPLE_FILES, exampleBuilds, type Template } from '../helpers/shared-builds.js';

const dir = tempDir('report-import-');
afterAll(() => dir.cleanup());
const REFERENCE = '/work/shared/reference/000_55a025825a56fd50.txt';

/** Paths (a.b.0.c) where two JSON values differ. */
function differences(a: unknown, b: unknown, path: string[] = [], out: string[] = []): string[] {
  if (a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b) && (!Array.isArray(a) || a.length === (b as unknown[]).length)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) differences((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], [...path, key], out);
  } else if (JSON.stringify(a) !== JSON.stringify(b)) out.push(path.join('.'));
  return out;
}

describe('the reference report as plain text', () => {
  const txt = join(dir.path, 'reference.txt');
  const notes = join(dir.path, 'ref', 'reference.md');
  let imported: CliResult;
  beforeAll(async () => {
    copyFileSync(REFERENCE, txt);
    imported = await runMain(['import', txt, '--out', join(dir.path, 'ref')]);
  });

  it('imports, says what needs a look, and builds', async () => {
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).toMatch(/contents page was left out/);
    expect(imported.stderr).toMatch(/17 links lost their address/);
    const built = await runMain(['build', notes, '-f', 'json', '-o', join(dir.path, 'ref-out')]);
    expect(built.code, built.stderr).toBe(0);
  });

  it('holds every name, figure, recommendation and contact', () => {
    const model = JSON.parse(readFileSync(join(dir.path, 'ref-out', 'reference.json'), 'utf8'));
    expect(model).toMatchObject({ title: 'Digital Transformation of Public Sector Services', subtitle: 'An Interreg Europe Policy Learning Platform event', date: '2024-06-05', place: { city: 'Vilnius', country: 'Lithuania' } });
    expect(model.url).toBe('https://www.interregeurope.eu/event/digital-transformation-public-sector');
    expect(model.website).toBe('https://www.interregeurope.eu/policylearning');
    expect(model.summary).toMatch(/^The thematic workshop, co-designed by Interreg Europe/);
    expect(model.highlights.themes.map((t: { title: string }) => t.title)).toEqual(['Interoperability', 'GovTech', 'Artificial Intelligence', 'MeetUp with innovative GovTech Start Ups and GovTech Lab Lithuania']);
    const speakers = model.highlights.themes.flatMap((t: { speakers?: Array<{ name: string }> }) => (t.speakers ?? []).map((s) => s.name));
    expect(speakers).toEqual(['Alina Brenebel', 'Marina Manzoni', 'Margaret Quinn', 'Kamila Gasinska']);
    const practices = model.practices.topics.flatMap((t: { practices: unknown[] }) => t.practices);
    expect(model.practices.topics.map((t: { title: string }) => t.title)).toEqual(['Enhancing AI skills of public servants', 'Digital apps to drive local development and enhance tourist experience', 'Integrating Open Data in regional digital strategies', 'Leveraging EDIH for public services']);
    expect(practices.map((p: { presenter?: { name: string } }) => p.presenter?.name)).toEqual([undefined, 'Silvana Perazzo', 'Roberto Sandrini', 'Álvaro Gil']);
    expect(practices[0]).toMatchObject({ project: 'ENAIBLER', title: 'AI Foundation Certificate for Public Servants' });
    const text = JSON.stringify(model);
    for (const fact of ['61 civil and public servants', '12-week training program', '234 Digital Facilitation Centers', '138,000 citizens', 'OD4GROWTH', 'BESTDIH', 'Ukraine, Montenegro, and Bosnia-Herzegovina']) expect(text).toContain(fact);
    expect(model.nextSteps.groups.map((g: { title: string; items: unknown[] }) => [g.title, g.items.length])).toEqual([
      ['Digital skills for public administrations', 7],
      ['Policy experimentation of digital solutions', 6],
    ]);
    expect(model.nextSteps.groups[1].items[5]).toMatch(/^The environment thematic/);
    expect(model.upcoming.items.map((a: { title: string }) => a.title)).toHaveLength(3);
    expect(model.resources.items.map((r: { title: string }) => r.title)).toContain('Bridging rural communities through digitalisation');
    expect(model.contacts).toEqual([
      { name: 'Laura Varisco', email: 'l.varisco@policylearning.eu' },
      { name: 'Marc Pattinson', email: 'm.pattinson@policylearning.eu' },
    ]);
  });
});

/**
 * What the printed page does not keep, per template and example (measured): nothing. The brief template's Vilnius
 * report sets its two recommendation groups side by side across a page (read from the lists the structure tree
 * shows continuing) and a topic title in capitals (its case read from the bookmarks `report` writes as written).
 */
const CANNOT_SURVIVE: Record<string, Record<string, string[]>> = {
  default: { 'vilnius-2024.md': [], 'vilnius-2024.yaml': [], 'lille-2025-fr.md': [], 'kaunas-2025-lt.md': [] },
  brief: {
    'vilnius-2024.md': [],
    'vilnius-2024.yaml': [],
    'lille-2025-fr.md': [],
    'kaunas-2025-lt.md': [],
  },
};

/**
 * Per template: the examples as printed (shared with the other test files of the run: one `report build` per
 * extension), then one `report import` of their PDFs and one `report build` of the imported notes per extension
 * (the .md and .yaml of Vilnius would write the same names).
 */
async function roundTrip(template: Template) {
  const built = await exampleBuilds(template);
  const base = join(dir.path, 'rt', template);
  const runs: Record<string, { imported: CliResult; back: CliResult }> = {};
  for (const ext of new Set(EXAMPLE_FILES.map((e) => e.split('.').pop()!))) {
    const names = EXAMPLE_FILES.filter((e) => e.endsWith(`.${ext}`)).map((e) => e.replace(/\.(md|yaml)$/u, ''));
    const imported = await runMain(['import', ...names.map((name) => join(built.folder(ext), `${name}.pdf`)), '-o', join(base, ext, 'imp')]);
    const back = await runMain(['build', ...names.map((name) => join(base, ext, 'imp', `${name}.md`)), '-o', join(base, ext, 'back'), '-f', 'json', '--no-catalogue']);
    runs[ext] = { imported, back };
  }
  return { built, base, runs };
}

for (const [template, examples] of Object.entries(CANNOT_SURVIVE)) {
  describe(`round trip: every example built to PDF (${template} template) imports back to the same model`, () => {
    let trip: Awaited<ReturnType<typeof roundTrip>>;
    beforeAll(async () => {
      trip = await roundTrip(template as Template);
    }, 180_000);
    for (const [example, allowed] of Object.entries(examples)) {
      it(example, () => {
        const ext = example.split('.').pop()!;
        const name = example.replace(/\.(md|yaml)$/u, '');
        const { imported, back } = trip.runs[ext]!;
        expect(existsSync(trip.built.pdf(example))).toBe(true);
        expect(imported.code, imported.stderr).toBe(0);
        expect(back.code, back.stderr).toBe(0);
        const original = JSON.parse(readFileSync(trip.built.json(example), 'utf8'));
        const again = JSON.parse(readFileSync(join(trip.base, ext, 'back', `${name}.json`), 'utf8'));
        expect(differences(original, again).sort()).toEqual([...allowed].sort());
      });
    }
  });
}

describe('Word: a .docx made from the example with pandoc imports to the same model', () => {
  it('vilnius-2024.docx', async () => {
    // Made with `pandoc -f commonmark_x+yaml_metadata_block-smart examples/vilnius-2024.md -o vilnius-2024.docx`.
    // pandoc writes only the title, subtitle and date of the front matter into the document: the rest cannot survive.
    const base = join(dir.path, 'docx');
    const imported = await runMain(['import', join(ROOT, 'test', 'fixtures', 'import', 'vilnius-2024.docx'), '-o', join(base, 'imp')]);
    expect(imported.code, imported.stderr).toBe(0);
    const back = await runMain(['build', join(base, 'imp', 'vilnius-2024.md'), '-o', join(base, 'back'), '-f', 'json']);
    expect(back.code, back.stderr).toBe(0);
    // The example's model as `report build examples/vilnius-2024.md -f json` writes it (built once for the run).
    const original = JSON.parse(readFileSync((await exampleBuilds('default')).json('vilnius-2024.md'), 'utf8'));
    const again = JSON.parse(readFileSync(join(base, 'back', 'vilnius-2024.json'), 'utf8'));
    expect(differences(original, again).sort()).toEqual(['kind', 'organisers', 'place.city', 'place.country', 'series', 'url', 'website']);
  }, 60_000);
});

describe('HTML: a saved event page', () => {
  it('imports its main content (no navigation, form, script or footer) to the example model', async () => {
    const base = join(dir.path, 'html');
    const imported = await runMain(['import', join(ROOT, 'test', 'fixtures', 'import', 'vilnius-2024-event-page.html'), '-o', join(base, 'imp')]);
    expect(imported.code, imported.stderr).toBe(0);
    const notes = readFileSync(join(base, 'imp', 'vilnius-2024-event-page.md'), 'utf8');
    for (const chrome of ['Home', 'Subscribe', 'tracker.example', '©']) expect(notes).not.toContain(chrome);
    const back = await runMain(['build', join(base, 'imp', 'vilnius-2024-event-page.md'), '-o', join(base, 'back'), '-f', 'json']);
    expect(back.code, back.stderr).toBe(0);
    // The example's model as `report build examples/vilnius-2024.md -f json` writes it (built once for the run).
    const original = JSON.parse(readFileSync((await exampleBuilds('default')).json('vilnius-2024.md'), 'utf8'));
    const again = JSON.parse(readFileSync(join(base, 'back', 'vilnius-2024-event-page.json'), 'utf8'));
    // The page does not say the kind, the series, the programme's website or the organisers.
    expect(differences(original, again).sort()).toEqual(['kind', 'organisers', 'series', 'website']);
  }, 60_000);
});

describe('reports in other languages: dates, places and headings read in the report\'s language', () => {
  const fixtures = join(ROOT, 'test', 'fixtures', 'import');
  const importAndBuild = async (file: string) => {
    const name = file.replace(/\.\w+$/u, '');
    const imported = await runMain(['import', join(fixtures, file), '-o', join(dir.path, 'lang')]);
    expect(imported.code, imported.stderr).toBe(0);
    const built = await runMain(['build', join(dir.path, 'lang', `${name}.md`), '-f', 'json', '-o', join(dir.path, 'lang-out')]);
    expect(built.code, built.stderr).toBe(0);
    return { imported, notes: readFileSync(join(dir.path, 'lang', `${name}.md`), 'utf8'), model: JSON.parse(readFileSync(join(dir.path, 'lang-out', `${name}.json`), 'utf8')) };
  };

  it('French plain text: `16–17 octobre 2025` and `Lyon, France et en ligne`, the language from its headings', async () => {
    const { imported, notes, model } = await importAndBuild('lyon-2025-fr.txt');
    // The importer writes ISO dates itself: the notes need no rewriting by the canonical step.
    expect(notes).toMatch(/^date: 2025-10-16\nendDate: 2025-10-17\n/mu);
    expect(imported.stderr).toMatch(/the language was taken to be `fr` from the report's headings/);
    expect(imported.stderr).toMatch(/a contents page was left out/);
    expect(model).toMatchObject({ date: '2025-10-16', endDate: '2025-10-17', language: 'fr', place: { city: 'Lyon', country: 'France', online: true, hybrid: true } });
    expect(model.highlights.title).toBe('Faits marquants');
    expect(model.practices.topics[0].practices[0]).toMatchObject({ project: 'REUSE4LYON', title: 'Une plateforme de matériaux de réemploi' });
    expect(model.nextSteps.groups[0].items).toHaveLength(2);
    expect(model.contacts).toEqual([{ name: 'Claire Dubois', email: 'c.dubois@example.eu' }]);
  });

  it('a German event page: `19.–20. September 2024` in `<html lang="de">`', async () => {
    const { imported, notes, model } = await importAndBuild('leipzig-2024-de.html');
    expect(notes).toMatch(/^date: 2024-09-19\nendDate: 2024-09-20\n/mu);
    expect(imported.stderr).not.toMatch(/date` is missing|was not placed/);
    expect(model).toMatchObject({ date: '2024-09-19', endDate: '2024-09-20', language: 'de', place: { city: 'Leipzig', country: 'Deutschland' } });
    expect(model.highlights.themes.map((t: { title: string }) => t.title)).toEqual(['Interoperabilität']);
  });
});

describe('images: a Word document\'s and an event page\'s images are saved beside the notes', () => {
  const fixtures = join(ROOT, 'test', 'fixtures', 'import');
  const embedded = (html: string) => [...html.matchAll(/<img src="data:([^;"]+);base64,([^"]+)"[^>]*?alt="([^"]*)"/gu)].map((m) => ({ type: m[1], bytes: Buffer.from(m[2]!, 'base64'), alt: m[3] }));

  it('a .docx made with pandoc: its pictures become files the notes show with their alt text, and the HTML has them', async () => {
    // Made with `pandoc -f markdown-implicit_figures porto-2024.md -o porto-2024.docx` in porto-2024-source/.
    const source = join(fixtures, 'porto-2024-source');
    const out = join(dir.path, 'word-images');
    const imported = await runMain(['import', join(fixtures, 'porto-2024.docx'), '-o', out]);
    expect(imported.code, imported.stderr).toBe(0);
    const notesPath = join(out, 'porto-2024.md');
    const notes = readFileSync(notesPath, 'utf8');
    expect(notes).toContain('![The Porto open data portal](porto-2024-images/figure-1.png)');
    expect(notes).toContain('![](porto-2024-images/figure-2.png)');
    expect(readFileSync(join(out, 'porto-2024-images', 'figure-1.png'))).toEqual(readFileSync(join(source, 'portal.png')));
    expect(readFileSync(join(out, 'porto-2024-images', 'figure-2.png'))).toEqual(readFileSync(join(source, 'chart.png')));
    expect(imported.stderr).toMatch(/the image `porto-2024-images\/figure-2\.png` has no alternative text/);
    // The image without alt text stops the build at its line until a person writes what it shows.
    const refused = await runMain(['build', notesPath, '-f', 'html', '-o', join(dir.path, 'word-images-out')]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/porto-2024\.md:\d+:1 error The image `porto-2024-images\/figure-2\.png` has no alternative text/);
    writeFileSync(notesPath, notes.replace('![](', '![Downloads per month]('));
    const built = await runMain(['build', notesPath, '-f', 'html', '-o', join(dir.path, 'word-images-out')]);
    expect(built.code, built.stderr).toBe(0);
    const images = embedded(readFileSync(join(dir.path, 'word-images-out', 'porto-2024.html'), 'utf8'));
    expect(images.map((i) => [i.type, i.alt])).toEqual([
      ['image/png', 'The Porto open data portal'],
      ['image/png', 'Downloads per month'],
    ]);
    expect(images[0]!.bytes).toEqual(readFileSync(join(source, 'portal.png')));
  }, 60_000);

  it('an event page: data: URLs and files in its folder are kept; a file outside it, a link leading out and a remote image are not read', async () => {
    const base = join(dir.path, 'page-images');
    const site = join(base, 'site');
    mkdirSync(join(site, 'page_files'), { recursive: true });
    const png = readFileSync(join(fixtures, 'porto-2024-source', 'portal.png'));
    const photo = readFileSync(join(fixtures, 'porto-2024-source', 'chart.png'));
    writeFileSync(join(site, 'page_files', 'photo.png'), photo);
    writeFileSync(join(site, 'page_files', 'notes.txt'), 'not an image');
    // A secret beside the page's folder, reached by `../` and by a link inside the folder.
    const secret = Buffer.concat([png.subarray(0, 40), Buffer.from('SECRET')]);
    writeFileSync(join(base, 'secret.png'), secret);
    symlinkSync(join(base, 'secret.png'), join(site, 'page_files', 'link.png'));
    const svg = "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'><rect width='10' height='10'/></svg>";
    writeFileSync(
      join(site, 'tartu-2025.html'),
      `<!doctype html><html lang="en"><head><title>Smart Villages</title></head><body><main>
<h1>Smart Villages</h1><p>12 March 2025</p><p>Tartu, Estonia</p>
<h2>Summary</h2><p>Thirty participants discussed digital services for villages.</p>
<h2>Highlights</h2><p>Villages need services close to people.</p>
<h3>Village apps</h3><p><strong>Mari Tamm</strong> presented the village app.</p>
<p><img src="data:image/png;base64,${png.toString('base64')}" alt="A village app on a phone"></p>
<p><img src="page_files/photo.png" alt="Participants in Tartu"> <img src="page_files/photo.png?v=2" alt="Participants again"></p>
<p><img src="data:image/svg+xml,${encodeURIComponent(svg)}" alt="A square"></p>
<p><img src="../secret.png" alt="a"><img src="page_files/link.png" alt="b"><img src="https://tracker.example/pixel.png" alt="c"><img src="page_files/notes.txt" alt="d"><img src="/img/logo.png" alt="e"></p>
</main></body></html>`,
    );
    const imported = await runMain(['import', join(site, 'tartu-2025.html'), '-o', join(base, 'notes')]);
    expect(imported.code, imported.stderr).toBe(0);
    const notes = readFileSync(join(base, 'notes', 'tartu-2025.md'), 'utf8');
    expect(notes).toContain('![A village app on a phone](tartu-2025-images/figure-1.png)');
    expect(notes).toContain('![Participants in Tartu](tartu-2025-images/figure-2.png) ![Participants again](tartu-2025-images/figure-2.png)');
    expect(notes).toContain('![A square](tartu-2025-images/figure-3.svg)');
    expect(readdirSync(join(base, 'notes', 'tartu-2025-images')).sort()).toEqual(['figure-1.png', 'figure-2.png', 'figure-3.svg']);
    expect(readFileSync(join(base, 'notes', 'tartu-2025-images', 'figure-2.png'))).toEqual(photo);
    for (const name of readdirSync(join(base, 'notes', 'tartu-2025-images'))) expect(readFileSync(join(base, 'notes', 'tartu-2025-images', name)).includes('SECRET')).toBe(false);
    expect(imported.stderr).toMatch(/the image `\.\.\/secret\.png` is outside the page's folder; it was left out/);
    expect(imported.stderr).toMatch(/the image `page_files\/link\.png` is outside the page's folder; it was left out/);
    expect(imported.stderr).toMatch(/the image `https:\/\/tracker\.example\/pixel\.png` is not fetched \(nothing is\)/);
    expect(imported.stderr).toMatch(/the image `page_files\/notes\.txt` is not a PNG, JPEG, GIF, WebP or SVG image; it was left out/);
    expect(imported.stderr).toMatch(/the image `\/img\/logo\.png` is not a path relative to the page; it was left out/);
    const built = await runMain(['build', join(base, 'notes', 'tartu-2025.md'), '-f', 'html', '-o', join(base, 'out')]);
    expect(built.code, built.stderr).toBe(0);
    const images = embedded(readFileSync(join(base, 'out', 'tartu-2025.html'), 'utf8'));
    expect(images.map((i) => [i.type, i.alt])).toEqual([
      ['image/png', 'A village app on a phone'],
      ['image/png', 'Participants in Tartu'],
      ['image/png', 'Participants again'],
      ['image/svg+xml', 'A square'],
    ]);
    expect(images[0]!.bytes).toEqual(png);
  }, 60_000);

  it('notes and images are written all or none: an image file in the way fails the report without --force', async () => {
    const out = join(dir.path, 'word-images-again');
    mkdirSync(join(out, 'porto-2024-images'), { recursive: true });
    writeFileSync(join(out, 'porto-2024-images', 'figure-2.png'), 'mine');
    const result = await runMain(['import', join(fixtures, 'porto-2024.docx'), '-o', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/figure-2\.png exists; pass --force to replace it \[import-exists\]/);
    expect(existsSync(join(out, 'porto-2024.md'))).toBe(false);
    expect(existsSync(join(out, 'porto-2024-images', 'figure-1.png'))).toBe(false);
  });
});

describe('batch and failure', () => {
  it('a file that cannot be read fails alone, with why, and the run exits 1', async () => {
    const folder = join(dir.path, 'mixed');
    // The example as `report build examples/vilnius-2024.md -f pdf` prints it (built once for the run).
    mkdirSync(folder, { recursive: true });
    copyFileSync((await exampleBuilds('default')).pdf('vilnius-2024.md'), join(folder, 'vilnius-2024.pdf'));
    writeFileSync(join(folder, 'broken.pdf'), 'this is not a PDF');
    copyFileSync(REFERENCE, join(folder, 'reference.txt'));
    copyFileSync(join(ROOT, 'test', 'fixtures', 'import', 'vilnius-2024.docx'), join(folder, 'word.docx'));
    copyFileSync(join(ROOT, 'test', 'fixtures', 'import', 'vilnius-2024-event-page.html'), join(folder, 'page.html'));
    const result = runCli(['import', folder, '-o', join(dir.path, 'mixed-out')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/broken\.pdf error The file is not a valid PDF/);
    expect(result.stderr).toMatch(/4 imported, 1 failed/);
    for (const name of ['vilnius-2024', 'reference', 'word', 'page']) expect(readFileSync(join(dir.path, 'mixed-out', `${name}.md`), 'utf8')).toMatch(/^---\ntitle: Digital Transformation/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('an encrypted PDF and a scanned one (no text layer) are refused with why; OCR is suggested', async () => {
    const fixtures = join(ROOT, 'test', 'fixtures', 'import');
    const result = await runMain(['import', join(fixtures, 'encrypted.pdf'), join(fixtures, 'scanned.pdf'), '-o', join(dir.path, 'refused')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/encrypted\.pdf error The PDF is encrypted with a password; it cannot be read \[import-encrypted\]/);
    expect(result.stderr).toMatch(/scanned\.pdf error The PDF has no text layer \(a scanned document\?\); nothing to import \[import-no-text\]\n  hint: Run it through OCR/);
    expect(result.stderr).toMatch(/0 imported, 2 failed/);
  });

  it('never replaces notes that exist unless --force', async () => {
    const folder = join(dir.path, 'again');
    copyFileSync(REFERENCE, join(dir.path, 'again.txt'));
    expect((await runMain(['import', join(dir.path, 'again.txt'), '-o', folder])).code).toBe(0);
    const second = await runMain(['import', join(dir.path, 'again.txt'), '-o', folder]);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/exists; pass --force to replace it \[import-exists\]/);
    expect((await runMain(['import', join(dir.path, 'again.txt'), '-o', folder, '--force'])).code).toBe(0);
  });

  it('--build imports and builds in one run', async () => {
    const result = runCli(['import', (await exampleBuilds('default')).pdf('vilnius-2024.md'), '-o', join(dir.path, 'one-out'), '--build', '-f', 'json']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(dir.path, 'one-out', 'vilnius-2024.json'), 'utf8')).title).toBe('Digital Transformation of Public Sector Services');
  });
});
