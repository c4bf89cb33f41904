/**
 * The "done when": a batch of 200 files with ten hostile shapes
 * mixed in (nested list markers, unmatched emphasis closers, a huge table, a
 * YAML alias bomb, deep nesting, nested brackets, deep quotes, an oversize
 * file, bad encoding, a FIFO) ends with 190 reports, one diagnostic for each
 * of the ten, exit 1, and nothing left behind. A short time limit cuts the
 * slow one; the time against the 190 alone is measured by
 * `npm run bench:hostile`, not here.
 */
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeHostileBatch } from '../../bench/hostile-corpus.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { descendants, expectNoTempFiles, listFiles, processes } from './fixtures.js';

let dir: { path: string; cleanup: () => void };
beforeAll(() => {
  dir = tempDir('report-hostile-batch-');
});
afterAll(() => dir.cleanup());

describe('a batch of 200 with ten hostile files', () => {
  it('builds the 190, fails the ten each with its diagnostic, exits 1, and leaves no file or process behind', () => {
    const corpus = join(dir.path, 'corpus');
    const { args, expected } = writeHostileBatch(corpus, 190);
    const tmp = join(dir.path, 'tmp');
    mkdirSync(tmp);
    const out = join(dir.path, 'out');
    const r = runCli(['build', ...args, '--out', out, '--format', 'html', '--timeout', '2', '--no-cache'], { cwd: dir.path, env: { TMPDIR: tmp } });

    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/190 built, 0 up to date, 10 failed \(200 files, [\d.]+ s\)/);
    const reports = listFiles(out).filter((f) => f.endsWith('.html') && f !== 'index.html');
    expect(reports).toHaveLength(190);
    expect(reports.every((f) => /^20\d\d\/event-\d{4}\.html$/.test(f))).toBe(true);

    // One error for each hostile file, with its position, or naming the stage where it was stopped.
    const errors = r.stderr.split('\n').filter((l) => / error .*\[[a-z-]+\]$/.test(l));
    expect(errors).toHaveLength(10);
    for (const [name, rules] of expected) {
      const line = errors.find((l) => l.startsWith(`corpus/hostile/${name}`));
      expect(line, `${name} in\n${errors.join('\n')}`).toBeDefined();
      expect(rules).toContain(/\[([a-z-]+)\]$/.exec(line!)![1]);
      expect(line).toMatch(new RegExp(`^corpus/hostile/${name.replace('.', '\\.')}(:\\d+:\\d+ error | error (Stopped after 2 s while|Needed more than \\d+ MiB while|The file is|Expected a notes file))`));
    }
    expect(r.stderr).not.toMatch(/internal error|heap out of memory|\n\s+at /i);

    // Nothing left: no temporary file in the outputs or in the run's own temporary folder, no process.
    expectNoTempFiles(out);
    expect(readdirSync(tmp)).toEqual([]);
    expect(descendants(process.pid, processes()).filter((p) => p.cmdline.includes('report.js'))).toEqual([]);
  });
});
