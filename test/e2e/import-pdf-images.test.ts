/**
 * `report import` of a PDF: its figures are saved beside the notes as PNG files, referenced where the report had
 * them with the structure tree's alternative text, and the notes build again with the same pictures; a PDF made
 * by `report` keeps its capitals headings' own case in its bookmarks.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, runMain, tempDir } from '../helpers/cli.js';
import { pdfOutline } from '../helpers/pdf.js';
import { exampleBuilds } from '../helpers/shared-builds.js';

const dir = tempDir('report-import-pdf-images-');
afterAll(() => dir.cleanup());

/** A PNG's size and pixels as RGB rows (8-bit RGB or RGBA, any of the five row filters). */
function pixels(png: Buffer): { width: number; height: number; rgb: Buffer } {
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  let at = 8;
  let width = 0;
  let height = 0;
  let colour = 0;
  const idat: Buffer[] = [];
  while (at < png.length) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') [width, height, colour] = [data.readUInt32BE(0), data.readUInt32BE(4), data[9]!];
    if (type === 'IDAT') idat.push(data);
    at += 12 + length;
  }
  const channels = colour === 6 ? 4 : 3;
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x]!;
      const a = x >= channels ? out[y * stride + x - channels]! : 0;
      const b = y ? out[(y - 1) * stride + x]! : 0;
      const c = x >= channels && y ? out[(y - 1) * stride + x - channels]! : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      out[y * stride + x] = (v + [0, a, b, (a + b) >> 1, paeth][filter]!) & 0xff;
    }
  }
  const rgb = Buffer.alloc(width * height * 3);
  for (let i = 0; i < width * height; i++) out.copy(rgb, i * 3, i * channels, i * channels + 3);
  return { width, height, rgb };
}

describe('a PDF\'s figures', () => {
  it('are saved beside the notes with their alt text, where the report had them, and build again', async () => {
    // The Porto notes (test/fixtures/import/porto-2024-source) with an alt text for each picture, built to PDF.
    const source = join(ROOT, 'test', 'fixtures', 'import', 'porto-2024-source');
    const notes = join(dir.path, 'src');
    mkdirSync(notes);
    for (const file of ['portal.png', 'chart.png']) copyFileSync(join(source, file), join(notes, file));
    writeFileSync(join(notes, 'porto-2024.md'), readFileSync(join(source, 'porto-2024.md'), 'utf8').replace('![](chart.png)', '![Downloads per month](chart.png)'));
    const built = runCli(['build', join(notes, 'porto-2024.md'), '-o', join(dir.path, 'pdf'), '-f', 'pdf,json']);
    expect(built.code, built.stderr).toBe(0);

    const imported = await runMain(['import', join(dir.path, 'pdf', 'porto-2024.pdf'), '-o', join(dir.path, 'imp')]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).not.toMatch(/the PDF's image|no alternative text/);
    const md = readFileSync(join(dir.path, 'imp', 'porto-2024.md'), 'utf8');
    // Each where the notes had it: the portal under its theme's text, the chart under the practice's.
    expect(md).toMatch(/publishes transport data every day\.\n\n!\[The Porto open data portal\]\(porto-2024-images\/figure-1\.png\)\n\n## 2\. Good practices/u);
    expect(md).toMatch(/neighbourhood statistics\.\n\n!\[Downloads per month\]\(porto-2024-images\/figure-2\.png\)\n\n## Contacts/u);
    expect(readdirSync(join(dir.path, 'imp', 'porto-2024-images')).sort()).toEqual(['figure-1.png', 'figure-2.png']);
    // The same pictures, pixel for pixel (Chromium keeps a PNG's pixels; the file is written anew).
    for (const [figure, original] of [['figure-1.png', 'portal.png'], ['figure-2.png', 'chart.png']] as const) {
      expect(pixels(readFileSync(join(dir.path, 'imp', 'porto-2024-images', figure)))).toEqual(pixels(readFileSync(join(source, original))));
    }

    const back = await runMain(['build', join(dir.path, 'imp', 'porto-2024.md'), '-o', join(dir.path, 'back'), '-f', 'json']);
    expect(back.code, back.stderr).toBe(0);
    const original = JSON.parse(readFileSync(join(dir.path, 'pdf', 'porto-2024.json'), 'utf8'));
    const again = JSON.parse(readFileSync(join(dir.path, 'back', 'porto-2024.json'), 'utf8'));
    const moved = (text: string) => text.replace(/porto-2024-images\/figure-1\.png/u, 'portal.png').replace(/porto-2024-images\/figure-2\.png/u, 'chart.png');
    expect(moved(JSON.stringify(again))).toBe(JSON.stringify(original));
  }, 60_000);
});

describe('bookmarks as written', () => {
  it('the brief template prints topic titles in capitals; its bookmarks keep their case, and the import reads it', async () => {
    // The example as `report build examples/vilnius-2024.md -t brief` prints it (built once for the run).
    const pdf = (await exampleBuilds('brief')).pdf('vilnius-2024.md');
    const titles = await pdfOutline(pdf);
    expect(titles).toContain('    Integrating Open Data in regional digital strategies');
    expect(titles).toContain('  Highlights');
    const imported = await runMain(['import', pdf, '-o', join(dir.path, 'brief-imp')]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(readFileSync(join(dir.path, 'brief-imp', 'vilnius-2024.md'), 'utf8')).toContain('\n### Integrating Open Data in regional digital strategies\n');
  }, 60_000);
});
