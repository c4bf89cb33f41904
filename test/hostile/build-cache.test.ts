/**
 * The build cache under change and attack: a changed image or allowed root
 * must rebuild; a cached file's warnings are replayed (and marked as from the
 * cache in the run report); an output edited by hand, or an entry forged by
 * someone who can write where the cache lies but does not hold its key, is
 * never trusted.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runMain, tempDir } from '../helpers/cli.js';
import { FRONT, GOOD_MD, PNG_1X1, writeFiles } from './fixtures.js';

let dir: string;
let cleanup: () => void;

beforeEach(() => {
  ({ path: dir, cleanup } = tempDir('report-hostile-cache-'));
});
afterEach(() => cleanup());

/** The same 1×1 PNG with other bytes after its end: another file, still a PNG. */
const PNG_OTHER = Buffer.concat([PNG_1X1, Buffer.from('another picture')]);

const withImage = (src: string) => FRONT() + `\n## Highlights\n\n### Theme\n\nSee ![a picture](${src}) here.\n`;

/** Build in `dir/notes` to `dir/out`; the cache's key lives in `dir/home-cache` (the operator's, not the notes'). */
const build = (...extra: string[]) =>
  runMain(['build', 'notes.md', '--out', '../out', '--format', 'html', ...extra], { cwd: join(dir, 'notes'), env: { XDG_CACHE_HOME: join(dir, 'home-cache') } });

const b64 = (bytes: Buffer) => `src="data:image/png;base64,${bytes.toString('base64')}"`;

describe('what the cache key covers', () => {
  it('rebuilds when an embedded image changed', async () => {
    writeFiles(dir, { 'notes/notes.md': withImage('photo.png'), 'notes/photo.png': PNG_1X1 });
    expect((await build()).stderr).toMatch(/1 built, 0 up to date/);
    expect((await build()).stderr).toMatch(/0 built, 1 up to date/);
    writeFileSync(join(dir, 'notes', 'photo.png'), PNG_OTHER);
    const r = await build();
    expect(r.stderr).toMatch(/1 built, 0 up to date/);
    expect(readFileSync(join(dir, 'out', 'notes.html'), 'utf8')).toContain(b64(PNG_OTHER));
  });

  it('rebuilds when --edition changed: an internal build never stands for a public one', async () => {
    writeFiles(dir, { 'notes/notes.md': GOOD_MD() + '\nInternal: a remark kept from the public.\n' });
    expect((await build()).stderr).toMatch(/1 built, 0 up to date/);
    expect((await build('--edition', 'internal')).stderr).toMatch(/1 built, 0 up to date/);
    expect(readFileSync(join(dir, 'out', 'notes.html'), 'utf8')).toContain('a remark kept from the public');
    expect((await build()).stderr).toMatch(/1 built, 0 up to date/);
    expect(readFileSync(join(dir, 'out', 'notes.html'), 'utf8')).not.toContain('a remark kept from the public');
  });

  it('rebuilds when --allow-root changed', async () => {
    writeFiles(dir, { 'notes/notes.md': GOOD_MD(), 'shared/logo.png': PNG_1X1 });
    expect((await build()).stderr).toMatch(/1 built, 0 up to date/);
    expect((await build('--allow-root', '../shared')).stderr).toMatch(/1 built, 0 up to date/);
    expect((await build('--allow-root', '../shared')).stderr).toMatch(/0 built, 1 up to date/);
  });
});

describe('warnings of a cached file', () => {
  it('replays them in the output and in the run report, marked as from the cache', async () => {
    writeFiles(dir, { 'notes/notes.md': GOOD_MD() + '\n## Hightlights\n\nA typo.\n' });
    const first = await build();
    const warning = first.stderr.split('\n').find((l) => l.includes(' warning '));
    expect(warning, first.stderr).toBeDefined();
    const second = await build('--report', '../run.json');
    expect(second.stderr).toMatch(/0 built, 1 up to date/);
    expect(second.stderr).toContain(warning);
    const run = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8'));
    expect(run.files[0].status).toBe('skipped');
    expect(run.files[0].diagnostics.length).toBeGreaterThan(0);
    for (const d of run.files[0].diagnostics) expect(d.fromCache).toBe(true);
    expect(second.code).toBe(0);
  });
});

describe('what the cache trusts', () => {
  it('rebuilds an output edited by hand', async () => {
    writeFiles(dir, { 'notes/notes.md': GOOD_MD() });
    await build();
    writeFileSync(join(dir, 'out', 'notes.html'), '<p>edited by hand</p>');
    const r = await build();
    expect(r.stderr).toMatch(/1 built, 0 up to date/);
    expect(readFileSync(join(dir, 'out', 'notes.html'), 'utf8')).not.toContain('edited by hand');
  });

  it('rebuilds when an entry was forged by someone without the key (outputs and digests swapped together)', async () => {
    writeFiles(dir, { 'notes/notes.md': GOOD_MD() });
    await build();
    const cacheDir = join(dir, 'out', '.report-cache');
    const [name] = readdirSync(cacheDir);
    const entryPath = join(cacheDir, name!);
    const evil = '<script>alert(1)</script>';
    const digest = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');
    const original = digest(readFileSync(join(dir, 'out', 'notes.html')));
    writeFileSync(join(dir, 'out', 'notes.html'), evil);
    // The forger knows the format: the digest of the real output becomes the digest of theirs.
    const text = readFileSync(entryPath, 'utf8');
    writeFileSync(entryPath, text.split(original).join(digest(evil)));
    expect(readFileSync(entryPath, 'utf8')).toContain(digest(evil));
    const r = await build();
    expect(r.stderr).toMatch(/1 built, 0 up to date/);
    expect(readFileSync(join(dir, 'out', 'notes.html'), 'utf8')).not.toContain(evil);
  });

  it('does not trust an entry made under another key (copied from elsewhere)', async () => {
    writeFiles(dir, { 'notes/notes.md': GOOD_MD() });
    await build();
    expect((await build()).stderr).toMatch(/0 built, 1 up to date/);
    const other = await runMain(['build', 'notes.md', '--out', '../out', '--format', 'html'], { cwd: join(dir, 'notes'), env: { XDG_CACHE_HOME: join(dir, 'other-cache') } });
    expect(other.stderr).toMatch(/1 built, 0 up to date/);
  });

  it('is off, and says so, when its key cannot be made (everything is built)', async () => {
    writeFiles(dir, { 'notes/notes.md': GOOD_MD(), 'home-cache': 'a file where the cache folder should be' });
    expect((await build()).stderr).toContain('report: the build cache is off: cannot create its key');
    const r = await build();
    expect(r.stderr).toMatch(/1 built, 0 up to date/);
    expect(r.code).toBe(0);
  });

  it('keeps its key outside the notes folder, readable by the operator only', async () => {
    writeFiles(dir, { 'notes/notes.md': GOOD_MD() });
    await build();
    const keyFile = join(dir, 'home-cache', 'report', 'cache-key');
    expect(readFileSync(keyFile).length).toBeGreaterThanOrEqual(32);
    expect(readdirSync(join(dir, 'notes'))).toEqual(['notes.md']);
  });
});
