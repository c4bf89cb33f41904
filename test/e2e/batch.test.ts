/**
 * Batches: folders and globs, mirrored output tree, partial failure, the
 * catalogue, shards, the build cache and the run report.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIN_FILES_FOR_WORKERS, workerCount } from '../../src/batch.js';
import { runBuild } from '../../src/cli/build-command.js';
import { BUILD_ID, VERSION, type CliIo } from '../../src/cli/main.js';
import { ROOT, runCli, runMain, tempDir } from '../helpers/cli.js';

const dir = tempDir();
const archive = join(dir.path, 'archive');
afterAll(() => dir.cleanup());

const note = (title: string, date: string, extra = '') =>
  `---\ntitle: ${title}\ndate: ${date}\nplace: { city: Lille, country: France }\n${extra}---\n\n## Highlights\n\n### Theme\n\n**Jane Doe** from Example Region spoke.\n`;

beforeAll(() => {
  mkdirSync(join(archive, '2023', 'spring'), { recursive: true });
  mkdirSync(join(archive, '2024'), { recursive: true });
  writeFileSync(join(archive, '2023', 'spring', 'a.md'), note('Event A', '2023-04-01'));
  writeFileSync(join(archive, '2023', 'b.yaml'), 'title: Event B\ndate: 2023-09-12\n');
  writeFileSync(join(archive, '2024', 'c.md'), note('Event C', '2024-02-01'));
  writeFileSync(join(archive, '2024', 'broken.md'), note('Broken', '2024-02-30'));
  writeFileSync(join(archive, '2024', 'notes.txt'), 'not notes');
});

describe('a folder of notes', () => {
  it('builds every notes file into a mirrored tree, lists the failure again and exits 1', async () => {
    const out = join(dir.path, 'out1');
    const result = await runMain(['build', archive, '--out', out, '--format', 'html,json', '--report', join(dir.path, 'run.json')]);
    expect(result.code).toBe(1);
    for (const f of ['2023/spring/a.html', '2023/b.html', '2024/c.html', '2024/c.json']) expect(existsSync(join(out, f)), f).toBe(true);
    expect(existsSync(join(out, '2024', 'broken.html'))).toBe(false);
    expect(result.stderr).toContain('2024/broken.md:3:7 error Expected `date` to be a real calendar date, not `2024-02-30` [valid-date]');
    expect(result.stderr).toMatch(/3 built, 0 up to date, 1 failed \(4 files/);
    const run = JSON.parse(readFileSync(join(dir.path, 'run.json'), 'utf8'));
    expect(run.totals).toEqual({ files: 4, built: 3, skipped: 0, failed: 1 });
    const broken = run.files.find((f: { path: string }) => f.path.endsWith('broken.md'));
    expect(broken.status).toBe('failed');
    expect(broken.diagnostics[0]).toMatchObject({ ruleId: 'valid-date', line: 3, column: 7 });
    expect(run.files.find((f: { path: string }) => f.path.endsWith('c.md')).timings.parse).toBeGreaterThan(0);
  });

  it('writes a catalogue: index.html by date with links, and catalogue.json with a summary of each event', async () => {
    const out = join(dir.path, 'out1');
    const catalogue = JSON.parse(readFileSync(join(out, 'catalogue.json'), 'utf8'));
    expect(catalogue.catalogueVersion).toBe(2);
    expect(catalogue.events.map((e: { title: string }) => e.title)).toEqual(['Event C', 'Event B', 'Event A']);
    expect(catalogue.events[0]).toMatchObject({ html: '2024/c.html', json: '2024/c.json', title: 'Event C', date: expect.any(String), language: expect.any(String) });
    // (the model in full is each report's own JSON)
    expect(catalogue.events[0].highlights).toBeUndefined();
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    expect(index.indexOf('Event C')).toBeLessThan(index.indexOf('Event A'));
    expect(index).toContain('<a href="./2023/spring/a.html">HTML</a>');
    expect(index).toContain('<input id="q" type="search"');
  });

  it('stops at the first failure with --fail-fast', async () => {
    const result = await runMain(['build', join(archive, '2024'), '--out', join(dir.path, 'ff'), '--format', 'json', '--fail-fast', '--no-cache']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/failed/);
  });
});

describe('shards', () => {
  it('split the inputs deterministically and completely', async () => {
    const built: string[][] = [];
    for (const i of [1, 2, 3]) {
      const out = join(dir.path, `shard${i}`);
      const result = await runMain(['build', archive, '--out', out, '--format', 'json', '--shard', `${i}/3`, '--report', join(out, 'run.json'), '--no-catalogue']);
      expect([0, 1]).toContain(result.code);
      built.push(JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')).files.map((f: { path: string }) => f.path));
    }
    const all = built.flat().sort();
    expect(all).toHaveLength(4);
    expect(new Set(all).size).toBe(4);
    const again = await runMain(['build', archive, '--out', join(dir.path, 'shard1b'), '--format', 'json', '--shard', '1/3', '--report', join(dir.path, 'shard1b.json'), '--no-catalogue']);
    expect([0, 1]).toContain(again.code);
    expect(JSON.parse(readFileSync(join(dir.path, 'shard1b.json'), 'utf8')).files.map((f: { path: string }) => f.path)).toEqual(built[0]);
  });

  it('refuses a malformed shard with exit 2', async () => {
    expect((await runMain(['build', archive, '--shard', '4/3'])).code).toBe(2);
  });
});

describe('the build cache', () => {
  it('skips unchanged reports, rebuilds changed notes, a changed template, or with --force', async () => {
    const src = join(dir.path, 'cached');
    cpSync(join(archive, '2023'), src, { recursive: true });
    const template = join(dir.path, 'tpl');
    mkdirSync(join(template, 'partials'), { recursive: true });
    writeFileSync(join(template, 'style.css'), 'body { color: #111; }\n');
    const out = join(dir.path, 'cached-out');
    const build = (...extra: string[]) => runMain(['build', src, '--out', out, '--format', 'html', '--template', template, '--no-catalogue', ...extra]);

    expect((await build()).stderr).toMatch(/2 built, 0 up to date/);
    const before = statSync(join(out, 'b.html')).mtimeMs;
    expect((await build()).stderr).toMatch(/0 built, 2 up to date/);
    expect(statSync(join(out, 'b.html')).mtimeMs).toBe(before);

    writeFileSync(join(src, 'b.yaml'), 'title: Event B, revised\ndate: 2023-09-12\n');
    expect((await build()).stderr).toMatch(/1 built, 1 up to date/);

    writeFileSync(join(template, 'style.css'), 'body { color: #222; }\n');
    expect((await build()).stderr).toMatch(/2 built, 0 up to date/);

    expect((await build('--force')).stderr).toMatch(/2 built, 0 up to date/);
  });

  it('gives the site and the compendium of skipped reports from the cache, and rebuilds what an entry lacks', async () => {
    const src = join(dir.path, 'cached-site');
    cpSync(join(archive, '2023'), src, { recursive: true });
    const out = join(dir.path, 'cached-site-out');
    const build = (...extra: string[]) => runMain(['build', src, '--out', out, '--format', 'html', ...extra]);
    const site = () => ['catalogue.json', 'search-index.js', 'index.html'].map((name) => readFileSync(join(out, name), 'utf8'));
    expect((await build()).stderr).toMatch(/2 built, 0 up to date/);
    const first = site();
    expect((await build()).stderr).toMatch(/0 built, 2 up to date/);
    expect(site()).toEqual(first);
    // (entries written without --compendium hold no share of it: those files are built again, once)
    expect((await build('--compendium')).stderr).toMatch(/compendium: \d+ practices? from 2 events[^]*2 built, 0 up to date/);
    const compendium = readFileSync(join(out, 'practices.json'), 'utf8');
    expect((await build('--compendium')).stderr).toMatch(/0 built, 2 up to date/);
    expect(readFileSync(join(out, 'practices.json'), 'utf8')).toBe(compendium);
    expect(site()).toEqual(first);
  });

  it('rebuilds what another build of report made, even under the same version number', async () => {
    const src = join(dir.path, 'cached-build');
    cpSync(join(archive, '2023'), src, { recursive: true });
    const out = join(dir.path, 'cached-build-out');
    let stderr = '';
    const io: CliIo = { stdout: { write: () => true, isTTY: false }, stderr: { write: (s: string) => (stderr += s), isTTY: false }, cwd: ROOT, env: { NO_COLOR: '1' }, platform: process.platform, isRoot: false, cpuCount: 2 };
    const build = async (id: string) => {
      stderr = '';
      await runBuild([src], { out, format: 'html', catalogue: false }, io, { validateOnly: false, version: VERSION, build: id });
      return stderr;
    };
    expect(await build('one')).toMatch(/2 built, 0 up to date/);
    expect(await build('one')).toMatch(/0 built, 2 up to date/);
    expect(await build('two')).toMatch(/2 built, 0 up to date/);
    expect(BUILD_ID).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('output clashes', () => {
  it('refuses two inputs that would write the same output, before writing anything', async () => {
    const clash = join(dir.path, 'clash');
    mkdirSync(clash, { recursive: true });
    writeFileSync(join(clash, 'x.md'), note('X', '2024-01-01'));
    writeFileSync(join(clash, 'x.yaml'), 'title: X\ndate: 2024-01-01\n');
    const result = await runMain(['build', clash, '--out', join(dir.path, 'clash-out'), '--format', 'html']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/x\.md and .*x\.yaml would both write .*x\.html/);
    expect(existsSync(join(dir.path, 'clash-out'))).toBe(false);
  });
});

describe('worker threads', () => {
  const many = join(dir.path, 'many');
  beforeAll(() => {
    mkdirSync(join(many, 'sub'), { recursive: true });
    for (let i = 0; i < 9; i++) writeFileSync(join(many, i % 2 ? 'sub' : '', `e${i}.md`), note(`Event ${i}`, `2024-03-0${i + 1}`, i === 4 ? 'language: fr\n' : ''));
    writeFileSync(join(many, 'bad.md'), note('Bad', '2024-13-01'));
    writeFileSync(join(many, 'warn.md'), note('Warn', '2024-05-01') + '\n## Hightlights\n\nA typo.\n');
    writeFileSync(join(many, 'broken.yaml'), 'title: [unclosed\n');
  });
  /** The run's outputs, diagnostics, run report and catalogue, without the timings. */
  const build = (out: string, workers: string) => {
    const result = runCli(['build', many, '--out', out, '--format', 'html,json', '--workers', workers, '--report', join(out, 'run.json')]);
    const run = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
    for (const file of run.files) file.timings = Object.keys(file.timings).sort();
    delete run.seconds;
    const files = run.files.flatMap((f: { outputs: Record<string, string> }) => Object.values(f.outputs)).sort();
    return {
      code: result.code,
      // Progress lines come in the order files finish, numbered as they do.
      // (paths are shown relative to the working folder when that is shorter, absolute otherwise)
      stderr: result.stderr
        .split(out)
        .join('<out>')
        .split(relative(ROOT, out))
        .join('<out>')
        .replace(/\d+\.\d s\)/g, 's)')
        .replace(/\[\d+\/(\d+)\]/g, '[n/$1]')
        .split('\n')
        .sort(),
      stdout: result.stdout,
      run: JSON.stringify(run).split(relative(ROOT, out)).join('<out>'),
      outputs: files.map((f: string) => [f.slice(f.lastIndexOf('/') + 1), readFileSync(join(ROOT, f), 'utf8')]),
      catalogue: readFileSync(join(out, 'catalogue.json'), 'utf8'),
      index: readFileSync(join(out, 'index.html'), 'utf8'),
      // (the search index too: filed from the worker threads' records in the same order whatever finished first)
      search: readFileSync(join(out, 'search-index.js'), 'utf8'),
    };
  };

  it('build the same reports, diagnostics, run report and catalogue with one worker thread or two', () => {
    const alone = build(join(dir.path, 'w1'), '1');
    const threaded = build(join(dir.path, 'w2'), '2');
    expect(alone.code).toBe(1);
    expect(alone.outputs).toHaveLength(20);
    expect(alone.stderr.join('\n')).toContain('bad.md:3:7 error Expected `date` to be a real calendar date, not `2024-13-01` [valid-date]');
    expect(alone.stderr.join('\n')).toContain('broken.yaml:1');
    expect(alone.stderr.join('\n')).toContain('[unknown-heading]');
    expect(threaded).toEqual(alone);
  });

  it('refuse a count that is not a whole number from 1 (every file runs in a worker thread)', async () => {
    expect((await runMain(['build', many, '--out', join(dir.path, 'wx'), '--workers', '-1'])).stderr).toMatch(/--workers to be a whole number from 1 to 16/);
    expect((await runMain(['build', many, '--out', join(dir.path, 'wx'), '--workers', '0'])).stderr).toMatch(/--workers to be a whole number from 1 to 16/);
    expect((await runMain(['build', many, '--out', join(dir.path, 'wx'), '--format', 'json', '--workers', '1', '--no-catalogue'])).code).toBe(1);
  });
});

describe('how many worker threads a batch gets', () => {
  const html = { formats: new Set(['html'] as const) };
  it('by default one per core for batches big enough to win the start-up back, one otherwise; two for PDF', () => {
    expect(workerCount(200, html, { workers: 'auto', cpuCount: 2 })).toBe(2);
    expect(workerCount(200, html, { workers: 'auto', cpuCount: 1 })).toBe(1);
    expect(workerCount(200, html, { workers: 'auto', cpuCount: 4 })).toBe(4);
    expect(workerCount(200, html, { workers: 'auto', cpuCount: 32 })).toBe(8);
    expect(workerCount(MIN_FILES_FOR_WORKERS - 1, html, { workers: 'auto', cpuCount: 4 })).toBe(1);
    expect(workerCount(1, html, { workers: 'auto', cpuCount: 4 })).toBe(1);
    expect(workerCount(200, { formats: new Set(['html', 'pdf'] as const) }, { workers: 'auto', cpuCount: 4 })).toBe(2);
    expect(workerCount(200, { formats: new Set(['html', 'pdf'] as const) }, { workers: 4 })).toBe(2);
    expect(workerCount(1, { formats: new Set(['pdf'] as const) }, { workers: 'auto', cpuCount: 4 })).toBe(1);
    expect(workerCount(200, { formats: new Set(['pdf'] as const), validateOnly: true }, { workers: 'auto', cpuCount: 2 })).toBe(2);
  });

  it('as many as asked for, but no more than files, and none without files', () => {
    expect(workerCount(10, html, { workers: 2 })).toBe(2);
    expect(workerCount(2, html, { workers: 4 })).toBe(2);
    expect(workerCount(1, html, { workers: 4 })).toBe(1);
    expect(workerCount(0, html, { workers: 4 })).toBe(0);
  });
});
