/**
 * Labels, dates and `lang` follow the notes' language; the config file sets
 * defaults, the notes override them, and flags override both.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { labelPacks } from '../../src/i18n/locales.js';
import { runMain, tempDir } from '../helpers/cli.js';
import { flat, pdfInfo, pdfPages } from '../helpers/pdf.js';
import { exampleBuilds } from '../helpers/shared-builds.js';

const dir = tempDir();
afterAll(() => dir.cleanup());

describe('label packs', () => {
  it('exist for the 24 official EU languages, each with every key', () => {
    const packs = labelPacks();
    expect([...packs.keys()].sort()).toEqual(
      ['bg', 'cs', 'da', 'de', 'el', 'en', 'es', 'et', 'fi', 'fr', 'ga', 'hr', 'hu', 'it', 'lt', 'lv', 'mt', 'nl', 'pl', 'pt', 'ro', 'sk', 'sl', 'sv'],
    );
    const english = packs.get('en')!;
    for (const [code, pack] of packs) {
      // (the numbers of events and practices have the plural forms of each language: test/unit/site-labels.test.ts)
      const common = (labels: Record<string, string>) => Object.keys(labels).filter((k) => !k.startsWith('eventCount.') && !k.startsWith('practiceCount.')).sort();
      expect(common(pack.labels), code).toEqual(common(english.labels));
      expect(Object.keys(pack.headings).sort(), code).toEqual(Object.keys(english.headings).sort());
      for (const [key, value] of Object.entries(pack.labels)) expect(value.trim(), `${code}.${key}`).not.toBe('');
      expect(pack.labels.page, code).toMatch(/\{page\}.*\{pages\}/);
    }
  });
});

describe('French and Lithuanian notes', () => {
  it('print localised labels, dates, page numbers and /Lang', async () => {
    // The PDFs: the examples as the run's test files share them (`report build` in the default template); the HTML
    // of the same notes built here.
    const printed = await exampleBuilds('default');
    const out = join(dir.path, 'lang');
    const result = await runMain(['build', 'examples/lille-2025-fr.md', 'examples/kaunas-2025-lt.md', '--out', out, '--format', 'html', '--no-catalogue']);
    expect(result.code, result.stderr).toBe(0);
    const fr = pdfPages(printed.pdf('lille-2025-fr.md'));
    expect(flat(fr[0]!)).toContain('Sommaire');
    expect(flat(fr[0]!)).toContain('12–13 mars 2025');
    expect(fr[0]).toMatch(/Page 1 sur \d/);
    expect(flat(fr.join(' '))).toContain('Présenté par');
    expect(readFileSync(printed.pdf('lille-2025-fr.md')).toString('latin1')).toMatch(/\/Lang \(fr\)/);
    expect(readFileSync(join(out, 'lille-2025-fr.html'), 'utf8')).toMatch(/<html lang="fr"/);
    const lt = pdfPages(printed.pdf('kaunas-2025-lt.md'));
    expect(flat(lt[0]!)).toContain('Turinys');
    expect(flat(lt[0]!)).toContain('2025 m. rugsėjo 18 d.');
    expect(lt[0]).toMatch(/1 psl\. iš \d/);
    expect(flat(lt.join(' '))).toContain('Rūta Žemaitytė');
    expect(pdfInfo(printed.pdf('kaunas-2025-lt.md')).Title).toBe('Skaitmeninės viešosios paslaugos regionuose');
  });

  it('--language overrides the notes for labels and dates', async () => {
    const out = join(dir.path, 'override');
    const result = await runMain(['build', 'examples/vilnius-2024.md', '--out', out, '--format', 'html', '--language', 'de']);
    expect(result.code).toBe(0);
    const html = readFileSync(join(out, 'vilnius-2024.html'), 'utf8');
    expect(html).toMatch(/<html lang="de"/);
    expect(html).toContain('5. Juni 2024');
    expect(html).toContain('>Inhalt<');
  });
});

describe('config file precedence', () => {
  const project = join(dir.path, 'project');
  const notes = join(project, 'notes');
  mkdirSync(notes, { recursive: true });
  writeFileSync(join(project, 'report.config.yaml'), 'formats: [html, json]\nlanguage: fr\nout: ./public\n');
  writeFileSync(join(notes, 'plain.md'), '---\ntitle: Sans langue\ndate: 2024-06-05\n---\n\n## Highlights\n\n### Un thème\n\nTexte.\n');
  writeFileSync(join(notes, 'lithuanian.md'), '---\ntitle: Su kalba\ndate: 2024-06-05\nlanguage: lt\n---\n\n## Highlights\n\n### Tema\n\nTekstas.\n');

  it('takes formats, output folder and default language from the config, resolved against its folder', async () => {
    const result = await runMain(['build', 'notes/plain.md', 'notes/lithuanian.md', '--no-catalogue'], { cwd: project });
    expect(result.code, result.stderr).toBe(0);
    const plain = readFileSync(join(project, 'public', 'plain.html'), 'utf8');
    expect(plain).toMatch(/<html lang="fr"/);
    expect(JSON.parse(readFileSync(join(project, 'public', 'plain.json'), 'utf8')).language).toBe('fr');
    // the notes' own language beats the config's
    expect(readFileSync(join(project, 'public', 'lithuanian.html'), 'utf8')).toMatch(/<html lang="lt"/);
  });

  it('lets flags override the config', async () => {
    const result = await runMain(['build', 'notes/plain.md', '--format', 'json', '--out', 'elsewhere', '--language', 'de'], { cwd: project });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(project, 'elsewhere', 'plain.json'), 'utf8')).language).toBe('fr');
  });

  it('reports an invalid config file at its line, exit 2', async () => {
    const bad = join(dir.path, 'bad');
    mkdirSync(bad, { recursive: true });
    writeFileSync(join(bad, 'report.config.yaml'), 'formats: [html]\npagesize: A4\n');
    writeFileSync(join(bad, 'n.md'), '---\ntitle: T\ndate: 2024-06-05\n---\n');
    const result = await runMain(['build', 'n.md'], { cwd: bad });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('report.config.yaml:2:1 error Unknown key `pagesize` at the top level [unknown-key]');
    expect(result.stderr).toContain('Did you mean `pageSize`?');
  });
});
