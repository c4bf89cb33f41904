/**
 * Hostile output targets: a symlinked folder inside `--out`, a run report
 * named like an input, inputs whose outputs the catalogue would overwrite, a
 * catalogue that cannot be written. Nothing may be written outside `--out`,
 * no input replaced, and no failure reported as success.
 */
import { appendFileSync, cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROOT, runMain, tempDir } from '../helpers/cli.js';
import { expectNoTempFiles, GOOD_MD, listFiles, listOutputs, runCliAwait, writeFiles } from './fixtures.js';

let dir: string;
let cleanup: () => void;

beforeEach(() => {
  ({ path: dir, cleanup } = tempDir('report-hostile-writes-'));
});
afterEach(() => cleanup());

describe('symlinked folders inside --out', () => {
  it('refuses to write through a symlinked sub-folder of --out (the CLI as a subprocess)', async () => {
    writeFiles(dir, { 'notes/sub/a.md': GOOD_MD('A'), 'notes/b.md': GOOD_MD('B') });
    mkdirSync(join(dir, 'out'));
    mkdirSync(join(dir, 'elsewhere'));
    symlinkSync('../elsewhere', join(dir, 'out', 'sub'));
    const r = await runCliAwait(['build', 'notes', '--out', 'out', '--format', 'html', '--no-catalogue'], dir);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/sub\/a\.md error Refusing to write .*out\/sub\/a\.html: .*out\/sub is a symbolic link \[write-error\]/);
    expect(listFiles(join(dir, 'elsewhere'))).toEqual([]);
    expect(listOutputs(join(dir, 'out'))).toEqual(['b.html', 'sub']);
    expectNoTempFiles(dir);
  });

  it('refuses a symlink deeper down, not just the last folder', async () => {
    writeFiles(dir, { 'notes/2024/spring/a.md': GOOD_MD('A') });
    mkdirSync(join(dir, 'out'));
    mkdirSync(join(dir, 'elsewhere', 'spring'), { recursive: true });
    symlinkSync('../elsewhere', join(dir, 'out', '2024'));
    const r = await runMain(['build', '.', '--out', '../out', '--format', 'html,json', '--no-catalogue'], { cwd: join(dir, 'notes') });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain('is a symbolic link [write-error]');
    expect(listFiles(join(dir, 'elsewhere'))).toEqual([]);
  });

  it('writes into real sub-folders it creates itself', async () => {
    writeFiles(dir, { 'notes/2024/spring/a.md': GOOD_MD('A') });
    const r = await runMain(['build', '.', '--out', '../out', '--format', 'html', '--no-catalogue'], { cwd: join(dir, 'notes') });
    expect(r.code, r.stderr).toBe(0);
    expect(listOutputs(join(dir, 'out'))).toEqual(['2024/spring/a.html']);
  });
});

describe('--report', () => {
  it('refuses a run report that would replace an input (exit 2, the input unchanged)', async () => {
    writeFiles(dir, { 'notes/notes.md': GOOD_MD() });
    const r = await runMain(['build', 'notes.md', '--out', '../out', '--format', 'html', '--report', 'notes.md'], { cwd: join(dir, 'notes') });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--report notes.md would replace the input notes.md');
    expect(readFileSync(join(dir, 'notes', 'notes.md'), 'utf8')).toBe(GOOD_MD());
    expect(listOutputs(join(dir, 'out'))).toEqual([]);
  });

  it('refuses a run report with a notes extension (exit 2)', async () => {
    writeFiles(dir, { 'notes/notes.md': GOOD_MD() });
    const r = await runMain(['build', 'notes.md', '--out', '../out', '--format', 'html', '--report', 'run.yaml'], { cwd: join(dir, 'notes') });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Expected --report to name a file like `run.json`, not one with a notes file's extension: `run.yaml`");
    expect(listFiles(join(dir, 'notes'))).toEqual(['notes.md']);
  });
});

describe('--report and the outputs', () => {
  it('refuses a run report that would replace a report output (exit 2)', async () => {
    writeFiles(dir, { 'notes/notes.md': GOOD_MD() });
    const r = await runMain(['build', 'notes.md', '--out', '../out', '--format', 'html,json', '--report', '../out/notes.json'], { cwd: join(dir, 'notes') });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--report ../out/notes.json would replace the output ../out/notes.json');
    expect(listFiles(join(dir, 'out'))).toEqual([]);
  });

  it('refuses a run report that would replace the catalogue (exit 2)', async () => {
    writeFiles(dir, { 'notes/a.md': GOOD_MD('A'), 'notes/b.md': GOOD_MD('B') });
    const r = await runMain(['build', '.', '--out', '../out', '--format', 'html', '--report', '../out/catalogue.json'], { cwd: join(dir, 'notes') });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('would replace the output ../out/catalogue.json');
  });
});

describe('the catalogue', () => {
  it('refuses inputs whose outputs the catalogue would overwrite, before anything is written (exit 2)', async () => {
    writeFiles(dir, { 'notes/index.md': GOOD_MD('Index'), 'notes/other.md': GOOD_MD('Other') });
    const r = await runMain(['build', '.', '--out', '../out', '--format', 'html,json'], { cwd: join(dir, 'notes') });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('index.md would write ../out/index.html, where the catalogue of the batch goes');
    expect(listFiles(join(dir, 'out'))).toEqual([]);
  });

  it('refuses catalogue.md with JSON output (its catalogue.json)', async () => {
    writeFiles(dir, { 'notes/catalogue.md': GOOD_MD('Cat'), 'notes/other.md': GOOD_MD('Other') });
    const r = await runMain(['build', '.', '--out', '../out', '--format', 'json'], { cwd: join(dir, 'notes') });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('catalogue.md would write ../out/catalogue.json, where the catalogue of the batch goes');
    expect(listFiles(join(dir, 'out'))).toEqual([]);
  });

  it('builds index.md when there is no catalogue (--no-catalogue)', async () => {
    writeFiles(dir, { 'notes/index.md': GOOD_MD('Index'), 'notes/other.md': GOOD_MD('Other') });
    const r = await runMain(['build', '.', '--out', '../out', '--format', 'html', '--no-catalogue'], { cwd: join(dir, 'notes') });
    expect(r.code, r.stderr).toBe(0);
    expect(listOutputs(join(dir, 'out'))).toEqual(['index.html', 'other.html']);
  });

  it('exits 1 with a message when the catalogue cannot be written', async () => {
    writeFiles(dir, { 'notes/a.md': GOOD_MD('A'), 'notes/b.md': GOOD_MD('B') });
    mkdirSync(join(dir, 'out', 'catalogue.json'), { recursive: true });
    const r = await runMain(['build', '.', '--out', '../out', '--format', 'html'], { cwd: join(dir, 'notes') });
    expect(r.stderr).toContain('report: cannot write the catalogue: Cannot write');
    expect(r.code).toBe(1);
    expectNoTempFiles(dir);
  });
});

describe('--strict with a warning found while printing', () => {
  /**
   * A template whose contents numbers can never hold: a one-digit number (100 px wide) leaves room for a tall spacer
   * (a container query on the space beside it, in a 200 px box), which pushes every section past page 9; a two-digit number takes that room, the
   * spacer goes, and the sections come back to the first pages. So the printer gives up with `contents-pages`.
   */
  function oscillatingTemplate(): string {
    const template = join(dir, 'template');
    cpSync(join(ROOT, 'templates', 'default'), template, { recursive: true });
    const contents = join(template, 'partials', 'contents.hbs');
    const oscillator =
      '{{#if @first}}{{#if page}}<li class="osc"><span class="osc-num" data-toc-page="{{anchor}}">{{page}}</span><span class="osc-probe"><span class="osc-spacer"></span></span></li>{{/if}}{{/if}}';
    writeFileSync(contents, readFileSync(contents, 'utf8').replace('{{/each}}', `${oscillator}\n    {{/each}}`));
    writeFileSync(join(template, 'template.json'), JSON.stringify({ name: 'oscillating', description: 'Contents numbers that never hold' }));
    appendFileSync(
      join(template, 'style.css'),
      '\n.osc { display: block; list-style: none; width: 200px; }\n.osc-num { float: left; font-size: 100px; line-height: 1; }\n' +
        '.osc-probe { display: flow-root; container-type: inline-size; }\n' +
        '@container (min-width: 120px) { .osc-spacer { display: block; height: 2600mm; } }\n',
    );
    return template;
  }

  it('writes no output for a file that fails on contents-pages, and exits 1', { timeout: 120_000 }, async () => {
    const template = oscillatingTemplate();
    writeFiles(dir, { 'notes/notes.md': GOOD_MD() });
    const r = await runCliAwait(['build', 'notes.md', '--out', '../out', '--format', 'html,pdf', '--template', template, '--strict', '--no-cache'], join(dir, 'notes'));
    expect(r.stderr).toContain('[contents-pages]');
    expect(r.code, r.stderr).toBe(1);
    expect(listOutputs(join(dir, 'out'))).toEqual([]);
    expectNoTempFiles(dir);
  });
});
