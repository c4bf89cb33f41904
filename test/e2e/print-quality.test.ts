/**
 * The PDF as a reader meets it: bookmarks, page size, scripts used in Europe,
 * logos and images, and the look of every page against golden images.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, runMain, tempDir } from '../helpers/cli.js';
import { flat, pdfInfo, pdfPages, pdfOutline as outline } from '../helpers/pdf.js';
import { difference, readPgm, renderPages, toPgm } from '../helpers/pgm.js';
import { batchBuild } from '../helpers/batch.js';
import { exampleBuilds } from '../helpers/shared-builds.js';

const dir = tempDir();
afterAll(() => dir.cleanup());

const PNG_1x1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/**
 * The notes of the scripts and images cases, printed in one `report build` (one browser; pdf and html, as each case
 * asks): each case's own folder below the batch, its status read from the run report (`--report`).
 */
const BATCH = join(dir.path, 'batch');
const BATCH_OUT = join(dir.path, 'batch-out');
const printed = batchBuild([BATCH, '--out', BATCH_OUT, '--format', 'pdf,html', '--no-cache', '--no-catalogue'], join(dir.path, 'batch-report.json'));

const SAMPLES = {
  lt: 'Ąžuolynė, Šiauliai ir Klaipėda — ėčęįšųūž',
  pl: 'Zażółć gęślą jaźń w Łodzi',
  el: 'Ψηφιακός μετασχηματισμός στη Θεσσαλονίκη',
  bg: 'Цифрова трансформация в Пловдив',
  uk: 'Ґенеза: їжак, єдність і Київ',
};
mkdirSync(join(BATCH, 'scripts'), { recursive: true });
writeFileSync(
  join(BATCH, 'scripts', 'scripts.md'),
  `---\ntitle: ${SAMPLES.el}\ndate: 2024-06-05\nlanguage: el\n---\n\n## Highlights\n\n` +
    Object.entries(SAMPLES).map(([k, v]) => `### ${k}\n\n${v}\n`).join('\n'),
);
mkdirSync(join(BATCH, 'images', 'img'), { recursive: true });
writeFileSync(join(BATCH, 'images', 'img', 'logo.png'), PNG_1x1);
writeFileSync(join(BATCH, 'images', 'img', 'photo.png'), PNG_1x1);
writeFileSync(
  join(BATCH, 'images', 'n.md'),
  '---\ntitle: With images\ndate: 2024-06-05\nlogo: { src: img/logo.png, alt: Programme logo }\n---\n\n## Highlights\n\n### Visit\n\n![Participants at the lab](img/photo.png)\n',
);

describe('the example PDF', () => {
  // `report build examples/… --format pdf,json --no-cache`, printed once for the run's test files.
  let pdf: string;
  beforeAll(async () => {
    pdf = (await exampleBuilds('default')).pdf('vilnius-2024.md');
  });

  it('has bookmarks for the title, every section and every theme, practice and group', async () => {
    const titles = await outline(pdf);
    expect(titles[0]).toBe('Digital Transformation of Public Sector Services');
    for (const t of ['  1. Highlights', '    GovTech', '  2. Good practices and examples from projects', '      OD4GROWTH – Integrating open data in the Veneto digital strategy', '  3. Next steps', '    B) Policy experimentation of digital solutions', '  Contacts']) {
      expect(titles).toContain(t);
    }
  });

  it('looks like the golden pages (layout regressions fail here)', () => {
    const pages = renderPages(pdf, join(dir.path, 'page'));
    const goldenDir = join(ROOT, 'test', 'golden');
    if (process.env.UPDATE_GOLDEN) {
      mkdirSync(goldenDir, { recursive: true });
      pages.forEach((page, i) => writeFileSync(join(goldenDir, `vilnius-page-${i + 1}.pgm`), toPgm(page)));
    }
    const expectedCount = [1, 2, 3, 4, 5, 6, 7, 8, 9].filter((n) => existsSync(join(goldenDir, `vilnius-page-${n}.pgm`))).length;
    expect(pages.length).toBe(expectedCount);
    pages.forEach((page, i) => {
      const golden = readPgm(readFileSync(join(goldenDir, `vilnius-page-${i + 1}.pgm`)));
      expect(difference(page, golden), `page ${i + 1}`).toBeLessThan(0.02);
    });
  });

  it('embeds its own fonts only (no system fallback), subset', () => {
    const fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(0);
    for (const line of fonts) expect(line).toMatch(/^[A-Z]{6}\+NotoSans-\S+\s+CID TrueType\s+Identity-H\s+yes yes yes/);
  });
});

describe('scripts used in Europe', () => {
  it('print with real glyphs from the shipped font: Lithuanian, Polish, Greek, Bulgarian and Ukrainian Cyrillic', () => {
    expect(printed.status('scripts/scripts.md'), printed.output()).toBe('built');
    const pdf = join(BATCH_OUT, 'scripts', 'scripts.pdf');
    const text = flat(pdfPages(pdf, 'reading').join(' '));
    for (const sample of Object.values(SAMPLES)) expect(text).toContain(sample);
    const fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' });
    expect(fonts).not.toMatch(/DejaVu|Liberation|Noto Sans CJK|FreeSans/);
    // The HTML embeds the Greek and Cyrillic subsets it needs.
    const html = readFileSync(join(BATCH_OUT, 'scripts', 'scripts.html'), 'utf8');
    expect(html).toContain('U+0370-0377'.slice(0, 6));
  });
});

describe('page size, logos and images', () => {
  it('prints Letter with --page-size letter', () => {
    const result = runCli(['build', 'examples/vilnius-2024.md', '--out', join(dir.path, 'letter'), '--format', 'pdf', '--page-size', 'letter', '--no-cache']);
    expect(result.code, result.stderr).toBe(0);
    expect(pdfInfo(join(dir.path, 'letter', 'vilnius-2024.pdf'))['Page size']).toMatch(/612 x 792 pts \(letter\)/);
  });

  it('embeds a logo set in the notes and an image in the text, relative to the notes', () => {
    expect(printed.status('images/n.md'), printed.output()).toBe('built');
    const html = readFileSync(join(BATCH_OUT, 'images', 'n.html'), 'utf8');
    expect(html).toMatch(/<img class="logo" src="data:image\/png;base64,[^"]+" alt="Programme logo">/);
    expect(html).toMatch(/<img src="data:image\/png;base64,[^"]+" alt="Participants at the lab">/);
    expect(execFileSync('pdfimages', ['-list', join(BATCH_OUT, 'images', 'n.pdf')], { encoding: 'utf8' }).split('\n').filter((l) => /^\s+\d/.test(l)).length).toBeGreaterThanOrEqual(2);
  });

  it('uses the template’s logo when the notes set none', async () => {
    const template = join(dir.path, 'branded');
    mkdirSync(join(template, 'assets'), { recursive: true });
    writeFileSync(join(template, 'assets', 'logo.png'), PNG_1x1);
    writeFileSync(join(template, 'template.json'), JSON.stringify({ name: 'branded', description: 'x', logo: { src: 'assets/logo.png', alt: 'Branded programme' } }));
    const result = await runMain(['build', 'examples/vilnius-2024.md', '--out', join(dir.path, 'branded-out'), '--format', 'html', '--template', template, '--no-cache']);
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(join(dir.path, 'branded-out', 'vilnius-2024.html'), 'utf8')).toMatch(/<img class="logo" src="data:image\/png;base64,[^"]+" alt="Branded programme">/);
  });

  it('reports a missing image at its line instead of printing a broken icon', async () => {
    const folder = join(dir.path, 'missing');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'n.md'), '---\ntitle: Missing\ndate: 2024-06-05\n---\n\n## Highlights\n\n### Visit\n\nSee ![The lab](img/none.png) here.\n');
    const result = await runMain(['build', join(folder, 'n.md'), '--format', 'html', '--no-cache']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/n\.md:10:16 error The image `img\/none\.png` does not exist/);
    expect(existsSync(join(folder, 'n.html'))).toBe(false);
  });
});
