/**
 * Every face text can ask for is shipped and embedded: bold italic is a real
 * face (not a synthetic Type 3 font), code is in Noto Sans Mono (not the
 * system's DejaVu Sans Mono), in the PDF and in the self-contained HTML.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { batchBuild } from '../helpers/batch.js';
import { runCli, runMain, tempDir } from '../helpers/cli.js';

const dir = tempDir();
afterAll(() => dir.cleanup());

const FACES = '---\ntitle: Faces\ndate: 2024-06-05\n---\n\n## Highlights\n\n### Styles\n\nPlain, *italic*, **bold**, ***bold italic***, **bold with *italic* inside**, and `code` with **`bold code`**.\n\n```\npre-formatted block\n```\n';
const EMOJI = '---\ntitle: Pictographs ✅\ndate: 2024-06-05\n---\n\n## ✨ Highlights\n\n### 🚲 Cycling\n\nText with 💡 and *italic 🌍* and **bold 🔥**, digits 2024 and © stay Noto Sans.\n';
// The faces in the default template and the pictographs (default template too) are printed in one run, each file
// beside its notes as a single build would write it; the brief template's faces in a run of their own.
writeFileSync(join(dir.path, 'default.md'), FACES);
writeFileSync(join(dir.path, 'emoji.md'), EMOJI);
const defaultTemplate = batchBuild([join(dir.path, 'default.md'), join(dir.path, 'emoji.md'), '--format', 'html,pdf', '--no-cache', '--no-catalogue'], join(dir.path, 'default-report.json'));

describe.each(['default', 'brief'])('fonts in the %s template', (template) => {
  it('are only the package’s own, embedded, none Type 3: bold italic and code included', () => {
    const file = join(dir.path, `${template}.md`);
    if (template === 'default') {
      expect(defaultTemplate.status('default.md'), defaultTemplate.output()).toBe('built');
    } else {
      writeFileSync(file, FACES);
      const result = runCli(['build', file, '--format', 'html,pdf', '--template', template, '--no-cache']);
      expect(result.code, result.stderr).toBe(0);
    }
    const fonts = execFileSync('pdffonts', [file.replace(/\.md$/, '.pdf')], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    const names = fonts.map((line) => line.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, ''));
    for (const line of fonts) expect(line).toMatch(/^[A-Z]{6}\+NotoSans(Mono)?-\S+\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    expect(names).toEqual(expect.arrayContaining(['NotoSans-Regular', 'NotoSans-Italic', 'NotoSans-Bold', 'NotoSans-BoldItalic', 'NotoSansMono-Regular']));
    const html = readFileSync(file.replace(/\.md$/, '.html'), 'utf8');
    expect(html).toMatch(/font-family:"Report Mono";font-style:normal;font-weight:400/);
    expect(html).toMatch(/font-family:"Report Sans";font-style:italic;font-weight:700/);
  });
});

it('the HTML of notes without code or bold italic carries neither face', async () => {
  const result = await runMain(['build', 'examples/lille-2025-fr.md', '--out', join(dir.path, 'plain'), '--format', 'html', '--no-cache']);
  expect(result.code, result.stderr).toBe(0);
  const html = readFileSync(join(dir.path, 'plain', 'lille-2025-fr.html'), 'utf8');
  expect(html.includes('@font-face{font-family:"Report Mono"'), 'a Report Mono @font-face').toBe(false);
  expect(html.includes('@font-face{font-family:"Report Sans";font-style:italic;font-weight:700'), 'a bold italic @font-face').toBe(false);
});

it('pictographs print in the package’s Noto Emoji, bold and italic included, and the HTML carries it only when the text has them', () => {
  const file = join(dir.path, 'emoji.md');
  expect(defaultTemplate.status('emoji.md'), defaultTemplate.output()).toBe('built');
  const fonts = execFileSync('pdffonts', [file.replace(/\.md$/, '.pdf')], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
  for (const line of fonts) expect(line).toMatch(/^[A-Z]{6}\+Noto(Sans|Emoji)-\S+\s+CID TrueType\s+Identity-H\s+yes yes yes/);
  expect(fonts.some((line) => /NotoEmoji-Regular/.test(line))).toBe(true);
  expect(fonts.some((line) => /NotoEmoji-Bold/.test(line))).toBe(true);
  const html = readFileSync(file.replace(/\.md$/, '.html'), 'utf8');
  expect(html).toMatch(/unicode-range:[^;]*U\+1f6b2/);
  const plain = readFileSync(join(dir.path, 'plain', 'lille-2025-fr.html'), 'utf8');
  expect(plain.includes('U+1f6b2'), 'an emoji @font-face in notes without pictographs').toBe(false);
});
