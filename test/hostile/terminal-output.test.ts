/**
 * What reporters print carries text from the notes and their file names: no escape sequence or bidi control
 * reaches a terminal raw, JUnit stays well-formed XML 1.0, and catalogue links never start with a scheme.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { GOOD_MD, writeFiles } from './fixtures.js';

const dir = tempDir('report-terminal-');
afterAll(() => dir.cleanup());

/** What must never reach a terminal raw: C0 but tab and newline, DEL, C1, bidi controls and marks. */
const RAW = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;

/** Notes whose values end up quoted in messages: an OSC window title, a screen clear, a C1 CSI, an RLO. */
const HOSTILE = [
  '---',
  'title: "Clear \\e[2J\\e]0;pwned\\a title \\x9b31m red \\u202Eevil"',
  'date: "2024-02-30\\e[31m\\u2066"',
  'language: "e\\e[1mn"',
  '---',
  '',
  '## Summary',
  '',
  'Text.',
  '',
].join('\n');

describe('terminal output', () => {
  const folder = join(dir.path, 'tty');
  writeFiles(folder, { 'evil\u202Egnp.md': HOSTILE, 'good.md': GOOD_MD() });

  it('escapes control and bidi characters from notes and file names in stylish output, progress and summary', () => {
    const result = runCli(['build', '.', '--format', 'html', '--no-cache', '--no-catalogue'], { cwd: folder });
    expect(result.code).toBe(1);
    expect(result.stderr).not.toMatch(RAW);
    expect(result.stderr).toContain('evil\\u202egnp.md');
    expect(result.stderr).toContain('\\u001b[31m');
    const validate = runCli(['validate', '.'], { cwd: folder });
    expect(validate.stderr).not.toMatch(RAW);
    expect(validate.stderr).toMatch(/^evil\\u202egnp\.md:3:7 error /m);
  });

  it('prints github annotations and json without raw escapes (json parses to the same data)', () => {
    const github = runCli(['validate', '.', '--format', 'github'], { cwd: folder });
    expect(github.stdout).toMatch(/^::error file=evil\\u202egnp\.md,line=\d+/m);
    expect(github.stdout).not.toMatch(RAW);
    const json = runCli(['validate', '.', '--format', 'json'], { cwd: folder });
    expect(json.stdout).not.toMatch(RAW);
    const parsed = JSON.parse(json.stdout) as Array<{ path: string; messages: Array<{ message: string }> }>;
    expect(parsed.map((f) => f.path)).toContain('evil\\u202egnp.md');
  });

  it('writes JUnit that is well-formed XML 1.0 even with U+FFFE, U+FFFF and controls in the notes', () => {
    const junitDir = join(dir.path, 'junit');
    writeFiles(junitDir, { 'n.md': '---\ntitle: "x\\uFFFE\\uFFFF\\e[2J\\x85"\ndate: "2024-13-01\\uFFFF"\n---\n' });
    const result = runCli(['validate', 'n.md', '--format', 'junit'], { cwd: junitDir });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('<failure');
    expect(result.stdout).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
    expect(result.stdout).not.toMatch(RAW);
    // A strict XML 1.0 parser (expat) reads it.
    writeFileSync(join(junitDir, 'out.xml'), result.stdout);
    const parse = spawnSync('python3', ['-c', 'import sys, xml.dom.minidom as m; d = m.parse(sys.argv[1]); print(len(d.getElementsByTagName("failure")))', join(junitDir, 'out.xml')], { encoding: 'utf8' });
    expect(parse.stderr).toBe('');
    expect(Number(parse.stdout.trim())).toBeGreaterThan(0);
  });

  it('links the catalogue with relative paths only: a file named `javascript:alert(1).md` gets `./javascript%3Aalert(1).html`', () => {
    const cat = join(dir.path, 'cat');
    writeFiles(cat, { 'javascript:alert(1).md': GOOD_MD('Scheme'), 'data:text,x.md': GOOD_MD('Data'), 'plain.md': GOOD_MD('Plain') });
    const result = runCli(['build', '.', '--format', 'html', '--no-cache'], { cwd: cat });
    expect(result.code, result.stderr).toBe(0);
    const html = readFileSync(join(cat, 'index.html'), 'utf8');
    // (the reports' links; the page's own style sheet and scripts are ./assets/... and ./search-index.js)
    const hrefs = [...html.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1]!);
    expect(hrefs.length).toBe(3);
    for (const own of html.matchAll(/(?:<link [^>]*href|<script src)="([^"]*)"/g)) expect(own[1]).toMatch(/^\.\/(assets\/[a-z]+\.(css|js)|search-index\.js)$/);
    for (const href of hrefs) {
      expect(href).toMatch(/^\.\//);
      expect(href).not.toMatch(/^[a-z][a-z0-9+.-]*:/i);
    }
    expect(hrefs).toContain('./javascript%3Aalert(1).html');
  });
});
