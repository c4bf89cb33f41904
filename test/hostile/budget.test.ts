/**
 * The per-file budget: every stage of a file runs under its time limit
 * (--timeout) and its parsing, validation and rendering under a heap limit
 * (--max-memory), in a worker thread that is stopped and replaced when the
 * file goes over; the file fails alone with a diagnostic naming the stage,
 * the rest of the batch is built, and Ctrl-C is seen at once. Real
 * subprocesses, real files.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, runCliAsync, runMain, tempDir } from '../helpers/cli.js';
import { diagnosticLines, expectNoTempFiles, FRONT, GOOD_MD, listOutputs, writeFiles } from './fixtures.js';

/** The reports and the catalogue of a batch, without the site's shared files (assets/, the search index). */
const reportsIn = (out: string) => listOutputs(out).filter((path) => !path.startsWith('assets/') && path !== 'search-index.js');

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ path: dir, cleanup } = tempDir('report-hostile-budget-'));
});
afterEach(() => cleanup());

/**
 * A valid note of ~1.6 MB: 30 tables of 2,000 rows each (each below the cells a table may have). The whole
 * took minutes and gigabytes to build.
 */
export const MANY_TABLES = () => {
  const table = (t: number) => `| a | b | c |\n|---|---|---|\n` + Array.from({ length: 2_000 }, (_, i) => `| row ${t}.${i} | value | more |`).join('\n');
  return `${FRONT('Many tables')}\n## Summary\n\n${Array.from({ length: 30 }, (_, t) => table(t)).join('\n\n')}\n`;
};

describe('the memory limit', () => {
  it('fails the file that outgrows it, names the stage, and builds the others (exit 1)', () => {
    writeFiles(dir, { 'notes/a.md': GOOD_MD('A'), 'notes/tables.md': MANY_TABLES(), 'notes/z.md': GOOD_MD('Z') });
    const r = runCli(['build', 'notes', '--out', 'out', '--format', 'html', '--max-memory', '64', '--no-cache'], { cwd: dir });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).not.toMatch(/heap out of memory|internal error|\n\s+at /i);
    expect(diagnosticLines(r.stderr, 'memory-limit')).toEqual([
      expect.stringMatching(/^notes\/tables\.md error Needed more than 64 MiB while (reading|parsing|validating|building the model|rendering) \(the memory limit, --max-memory\) \[memory-limit\]$/),
    ]);
    expect(reportsIn(join(dir, 'out'))).toEqual(['a.html', 'catalogue.json', 'index.html', 'z.html']);
    expectNoTempFiles(dir);
  });

  it('holds when the process itself has a small heap (NODE_OPTIONS): the run is not aborted, the limit is named', () => {
    writeFiles(dir, { 'notes/a.md': GOOD_MD('A'), 'notes/tables.md': MANY_TABLES() });
    const r = runCli(['build', 'notes', '--out', 'out', '--format', 'html', '--no-cache', '--no-catalogue'], { cwd: dir, env: { NODE_OPTIONS: '--max-old-space-size=96' } });
    // Before: "FATAL ERROR: ... JavaScript heap out of memory", signal 6, nothing built.
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/^notes\/tables\.md error Needed more than 96 MiB while \w+/m);
    expect(listOutputs(join(dir, 'out'))).toEqual(['a.html']);
  });

  it('refuses a limit too small to run at all, as a problem of the run', () => {
    writeFiles(dir, { 'a.md': GOOD_MD('A') });
    const r = runCli(['build', 'a.md', '--out', 'out', '--max-memory', '8'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--max-memory to be a whole number from 32 to 65536, not `8`/);
  });
});

describe('the time limit', () => {
  it('covers parsing: the file is stopped where it was and the batch goes on', () => {
    writeFiles(dir, { 'notes/a.md': GOOD_MD('A'), 'notes/tables.md': MANY_TABLES(), 'notes/z.md': GOOD_MD('Z') });
    const r = runCli(['build', 'notes', '--out', 'out', '--format', 'html,json', '--timeout', '1', '--no-cache'], { cwd: dir });
    expect(r.code, r.stderr).toBe(1);
    expect(diagnosticLines(r.stderr, 'time-limit')).toEqual([
      expect.stringMatching(/^notes\/tables\.md error Stopped after 1 s while (parsing|validating|building the model|rendering) \(the time limit, --timeout\) \[time-limit\]$/),
    ]);
    expect(reportsIn(join(dir, 'out'))).toEqual(['a.html', 'a.json', 'catalogue.json', 'index.html', 'z.html', 'z.json']);
    expectNoTempFiles(dir);
  });

  it('covers `validate` of a single file too', () => {
    writeFiles(dir, { 'tables.md': MANY_TABLES() });
    const r = runCli(['validate', 'tables.md', '--timeout', '1'], { cwd: dir });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/^tables\.md error Stopped after 1 s while \w+/m);
  });

  it('covers a PDF run: the file over its limit fails, the others are printed', () => {
    writeFiles(dir, { 'notes/a.md': GOOD_MD('A'), 'notes/tables.md': MANY_TABLES() });
    // 6 s: a good file's first PDF (Chromium's start included) fits on a busy machine; the tables take minutes.
    const r = runCli(['build', 'notes', '--out', 'out', '--format', 'pdf', '--timeout', '6', '--no-cache', '--no-catalogue'], { cwd: dir });
    expect(r.code, r.stderr).toBe(1);
    expect(diagnosticLines(r.stderr, 'time-limit')).toHaveLength(1);
    expect(listOutputs(join(dir, 'out'))).toEqual(['a.pdf']);
    expectNoTempFiles(dir);
  });
});

describe('Ctrl-C during a long parse', () => {
  it.each([['html'], ['html,pdf']])('is seen at once (--format %s): the run ends within a moment, with 130, leaving nothing behind', async (format) => {
    writeFiles(dir, { 'tables.md': MANY_TABLES() });
    const tmp = join(dir, 'tmp');
    mkdirSync(tmp);
    let interruptedAt = 0;
    const child = runCliAsync(['build', 'tables.md', '--out', 'out', '--format', format, '--no-cache'], { cwd: dir, env: { TMPDIR: tmp } });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    // Well into the parse: once the run has used 1.2 s of CPU (all its threads; the tool starts in ~0.4 s of CPU,
    // the tables take seconds to parse), whatever the machine's load. (A fixed 1.5 s could fire, on a loaded
    // machine, before the tool had even set its signal handlers: then Node's default ended it, exit code null.)
    const cpuSeconds = () => {
      try {
        const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return (Number(fields[11]) + Number(fields[12])) / 100;
      } catch {
        return 0;
      }
    };
    const interrupt = setInterval(() => {
      if (interruptedAt > 0 || cpuSeconds() < 1.2) return;
      interruptedAt = performance.now();
      child.kill('SIGINT');
    }, 25);
    const hung = setTimeout(() => child.kill('SIGKILL'), 60_000);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearInterval(interrupt);
    clearTimeout(hung);
    const r = { code, stderr };
    const seconds = (performance.now() - interruptedAt) / 1000;
    expect(interruptedAt).toBeGreaterThan(0);
    expect(r.code, r.stderr).toBe(130);
    // Before, the signal waited for the parse (and the render) to end: tens of seconds.
    expect(seconds).toBeLessThan(3);
    expect(existsSync(join(dir, 'out'))).toBe(false);
    // (with PDF, the browser had started meanwhile: its profile, in the run's temporary folder, is gone too)
    expect(readdirSync(tmp)).toEqual([]);
  });
});

// (`report validate` through the CLI's main() in process: the limits are the parser's, not the process's.)
describe('shapes refused before parsing, at their line and column', () => {
  it('8,000 nested list markers on one line (16 KB)', async () => {
    writeFiles(dir, { 'notes.md': FRONT() + '\n## Summary\n\n' + '- '.repeat(8000) + 'x\n' });
    const r = await runMain(['validate', 'notes.md'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('notes.md:8:129 error Lists, quotes or emphasis nested more than 64 levels deep cannot be rendered [markdown-depth]');
  });

  it('50,000 unmatched emphasis closers in one paragraph (150 KB)', async () => {
    writeFiles(dir, { 'notes.md': FRONT() + '\n## Summary\n\n' + 'a_ '.repeat(50_000) + '\n' });
    const r = await runMain(['validate', 'notes.md'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('notes.md:8:15002 error More than 5,000 runs of `_` or `*` in one paragraph; separate paragraphs with a blank line, or write them as `\\_` [markdown-complexity]');
  });

  it('a table of 60,000 rows (1.1 MB)', async () => {
    const rows = Array.from({ length: 60_000 }, (_, i) => `| row ${i} | value | more |`).join('\n');
    writeFiles(dir, { 'notes.md': FRONT() + '\n## Summary\n\n| a | b | c |\n|---|---|---|\n' + rows + '\n' });
    const r = await runMain(['validate', 'notes.md'], { cwd: dir });
    expect(r.code).toBe(1);
    // The row holding the 10,001st cell: the header's 3 and 3,332 rows' 9,996 are 9,999, so row 3,333 (line 9 + 3,333).
    expect(r.stderr).toContain('notes.md:3342:1 error More than 10,000 cells in one table; split it into smaller tables [markdown-complexity]');
  });

  it('but not a long thematic break, nor many emphasis runs spread over paragraphs, nor tables below the limit', async () => {
    const paragraphs = Array.from({ length: 40 }, () => 'some _word_ and *another* '.repeat(60)).join('\n\n');
    const table = '| a | b | c |\n|---|---|---|\n' + '| x | y | z |\n'.repeat(3_000);
    writeFiles(dir, { 'notes.md': FRONT() + '\n## Summary\n\n' + paragraphs + '\n\n' + '- '.repeat(200) + '\n\n' + table + '\nEnd.\n' });
    const r = await runMain(['validate', 'notes.md'], { cwd: dir });
    expect(r.stderr).not.toMatch(/markdown-depth|markdown-complexity/);
    expect(r.code, r.stderr).toBe(0);
  });
});
