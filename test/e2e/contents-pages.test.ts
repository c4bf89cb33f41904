/**
 * Contents page numbers are the pages the headings really land on, whatever
 * the length of the notes: checked by reading each page's text back.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES, runCli, tempDir, type CliResult } from '../helpers/cli.js';
import { contentsEntries, headingPage } from '../helpers/contents.js';
import { pdfPages } from '../helpers/pdf.js';

const example = readFileSync(join(EXAMPLES, 'vilnius-2024.md'), 'utf8');

/** The example with every theme, topic and recommendation group repeated `times` times. */
function longer(times: number): string {
  const [front, body] = [example.slice(0, example.indexOf('\n---', 4) + 4), example.slice(example.indexOf('\n---', 4) + 4)];
  const repeatSubsections = (section: string) => {
    const parts = section.split(/\n(?=### )/);
    const head = parts.shift()!;
    const nested = parts.filter((p) => /^### (Stay tuned|Policy Learning|Participation)/.test(p));
    const own = parts.filter((p) => !nested.includes(p));
    const copies: string[] = [];
    for (let i = 1; i <= times; i++) for (const p of own) copies.push(i === 1 ? p : p.replace(/^### (.*)$/m, `### $1 (${i})`).replace(/^#### (.*)$/gm, `#### $1 (${i})`));
    return [head, ...copies, ...nested].join('\n');
  };
  const sections = body.split(/\n(?=## )/).map((s) => (/^## \d\./.test(s) ? repeatSubsections(s) : s));
  // A free section before the contacts: numbered, and listed in the contents.
  return front + sections.join('\n').replace('\n## Contacts', '\n## Site visit\n\nParticipants visited the GovTech Lab.\n\n## Contacts');
}

describe('contents page numbers', () => {
  const dir = tempDir();
  afterAll(() => dir.cleanup());

  const cases: Array<[string, string]> = [
    ['the example', example],
    ['notes three times as long', longer(3)],
    ['a one-page note', '---\ntitle: Short\ndate: 2024-01-10\n---\n\n## Highlights\n\n### One\n\nShort text.\n\n## Next steps\n\n### A) Do\n\n- This.\n'],
  ];

  const fileOf = (name: string) => join(dir.path, name.replace(/\W+/g, '-') + '.md');
  const runReport = join(dir.path, 'run.json');
  let result: CliResult;
  // The three printed in one run (one browser).
  beforeAll(() => {
    for (const [name, text] of cases) writeFileSync(fileOf(name), text);
    result = runCli(['build', ...cases.map(([name]) => fileOf(name)), '--out', dir.path, '--format', 'pdf', '--no-cache', '--no-catalogue', '--report', runReport]);
  });

  it.each(cases)('match the printed pages for %s', (name) => {
    const file = fileOf(name);
    expect(result.stderr).not.toMatch(/ error /);
    expect(result.code).toBe(0);
    const pages = pdfPages(file.replace(/\.md$/, '.pdf').replace(dir.path, dir.path));
    const entries = contentsEntries(pages[0]! + (pages[1] ?? ''));
    expect(entries.length).toBeGreaterThanOrEqual(2);
    for (const entry of entries) expect(headingPage(pages, entry), `${entry.number}. ${entry.title}`).toBe(entry.page);
    // The pages guessed from the layout hold for the example, so it is printed once.
    const reported = (JSON.parse(readFileSync(runReport, 'utf8')).files as Array<{ path: string; pdfPasses: number }>).find((f) => file.endsWith(f.path.replace(/^.*\//, '/')))!;
    if (name === 'the example') expect(reported.pdfPasses).toBe(1);
    if (name.includes('three')) {
      expect(pages.length).toBeGreaterThan(12);
      expect(entries.map((e) => e.title)).toContain('Site visit');
    }
  });
});
