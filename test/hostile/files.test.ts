/**
 * Hostile files and paths: images that escape the notes' folder (../,
 * absolute, symlinks), a planted symlink where an output goes, output
 * folders that cannot be written, awkward input names, and inputs whose
 * outputs collide. Nothing may be read from outside the notes' folder and
 * nothing half-written may be left behind.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runMain, tempDir } from '../helpers/cli.js';
import {
  expectDiagnostic,
  expectNoOutputs,
  expectNoTempFiles,
  expectSecretAbsent,
  FRONT,
  GOOD_MD,
  listFiles,
  listOutputs,
  PNG_1X1,
  runCliAwait,
  SECRET,
  startCanary,
  writeFiles,
  type Canary,
} from './fixtures.js';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

let canary: Canary;
let dir: string;
let cleanup: () => void;

beforeAll(async () => {
  canary = await startCanary();
});
afterAll(async () => {
  await canary.close();
});
beforeEach(() => {
  ({ path: dir, cleanup } = tempDir('report-hostile-files-'));
  // The secret lives beside (outside) the notes folder, as a valid PNG so only the path rules stop it.
  writeFileSync(join(dir, 'secret.png'), Buffer.concat([PNG_1X1, Buffer.from(SECRET)]));
  writeFileSync(join(dir, 'secret.txt'), SECRET);
  canary.requests.length = 0;
});
afterEach(() => cleanup());

/** Notes with one image reference in a highlights theme: its source starts at line 10, column 18. */
const withImage = (src: string) => FRONT() + `\n## Highlights\n\n### Theme\n\nSee ![a picture](${src}) here, and [more](${canary.url('/more')}).\n`;

/** Build in `dir/notes`, outputs to `dir/out`. */
const build = (names: string[], ...extra: string[]) =>
  runMain(['build', ...names, '--out', '../out', '--format', 'html,json', ...extra], { cwd: join(dir, 'notes') });

function expectExfiltrationRefused(r: { code: number | null; stderr: string }): void {
  expect(r.code).toBe(1);
  expect(r.stderr).not.toContain(SECRET);
  expectNoOutputs(join(dir, 'out'));
  expectSecretAbsent(join(dir, 'out'));
  expect(canary.requests).toEqual([]);
  expectNoTempFiles(dir);
}

describe('images outside the notes folder', () => {
  it('refuses ../secret.png (image-outside-root at the image source)', async () => {
    writeFiles(dir, { 'notes/notes.md': withImage('../secret.png') });
    const r = await build(['notes.md']);
    expectDiagnostic(r.stderr, 'notes.md', 'image-outside-root', "The image `../secret.png` is outside the notes' folder; only files inside it may be used", '10:18');
    expectExfiltrationRefused(r);
  });

  it('refuses a percent-encoded escape (%2e%2e/secret.png)', async () => {
    writeFiles(dir, { 'notes/notes.md': withImage('%2e%2e/secret.png') });
    const r = await build(['notes.md']);
    expectDiagnostic(r.stderr, 'notes.md', 'image-outside-root', "The image `%2e%2e/secret.png` is outside the notes' folder", '10:18');
    expectExfiltrationRefused(r);
  });

  it('refuses an absolute image path', async () => {
    const abs = join(dir, 'secret.png');
    writeFiles(dir, { 'notes/notes.md': withImage(abs) });
    const r = await build(['notes.md']);
    expectDiagnostic(r.stderr, 'notes.md', 'image-outside-root', 'Image paths must be relative to the notes file, not absolute', '10:18');
    expectExfiltrationRefused(r);
  });

  it('refuses a symlink inside the notes folder that points at a secret outside', async () => {
    writeFiles(dir, { 'notes/notes.md': withImage('photo.png') });
    symlinkSync('../secret.png', join(dir, 'notes', 'photo.png'));
    const r = await build(['notes.md']);
    expectDiagnostic(r.stderr, 'notes.md', 'image-outside-root', "The image `photo.png` is a link to a file outside the notes' folder", '10:18');
    expectExfiltrationRefused(r);
  });

  it('refuses an image reached through a symlinked folder pointing outside', async () => {
    writeFiles(dir, { 'notes/notes.yaml': 'title: T\ndate: 2024-06-05\nlogo: {src: images/secret.png, alt: Logo}\n' });
    symlinkSync('..', join(dir, 'notes', 'images'));
    const r = await build(['notes.yaml']);
    expectDiagnostic(r.stderr, 'notes.yaml', 'image-outside-root', "The image `images/secret.png` is a link to a file outside the notes' folder", '3:13');
    expectExfiltrationRefused(r);
  });

  it('reports a missing image at its line and column and builds nothing', async () => {
    writeFiles(dir, { 'notes/notes.md': withImage('missing.png') });
    const r = await build(['notes.md']);
    expectDiagnostic(r.stderr, 'notes.md', 'missing-image', 'The image `missing.png` does not exist (looked for `missing.png`)', '10:18');
    expect(r.code).toBe(1);
    expectNoOutputs(join(dir, 'out'));
    expectNoTempFiles(dir);
  });

  it('gives no valid-url warning for a valid local image in a theme (builds under --strict)', async () => {
    writeFiles(dir, { 'notes/notes.md': withImage('photo.png'), 'notes/photo.png': PNG_1X1 });
    const r = await build(['notes.md'], '--strict');
    expect(r.stderr).not.toContain('[valid-url]');
    expect(r.code, r.stderr).toBe(0);
    expect(listOutputs(join(dir, 'out'))).toEqual(['notes.html', 'notes.json']);
  });
});

describe('output targets', () => {
  it('refuses to write through a planted symlink and leaves its target unchanged', async () => {
    writeFiles(dir, { 'notes/notes.md': GOOD_MD(), 'canary.txt': 'canary: original\n' });
    mkdirSync(join(dir, 'out'));
    symlinkSync('../canary.txt', join(dir, 'out', 'notes.html'));
    const r = await build(['notes.md']);
    expect(r.code).toBe(1);
    expectDiagnostic(r.stderr, 'notes.md', 'write-error', `Refusing to write ${join(dir, 'out', 'notes.html')}: it is a symbolic link`, null);
    expect(readFileSync(join(dir, 'canary.txt'), 'utf8')).toBe('canary: original\n');
    // Only the planted link: no JSON beside it, no temp file.
    expect(listFiles(join(dir, 'out'))).toEqual(['notes.html']);
    expectNoTempFiles(dir);
  });

  it('writes no output at all when a later output of the same file fails', async () => {
    writeFiles(dir, { 'notes/notes.md': GOOD_MD(), 'canary.txt': 'canary: original\n' });
    mkdirSync(join(dir, 'out'));
    symlinkSync('../canary.txt', join(dir, 'out', 'notes.html'));
    const r = await runMain(['build', 'notes.md', '--out', '../out', '--format', 'json,html'], { cwd: join(dir, 'notes') });
    expect(r.code).toBe(1);
    expectDiagnostic(r.stderr, 'notes.md', 'write-error', 'it is a symbolic link', null);
    expect(listFiles(join(dir, 'out'))).toEqual(['notes.html']);
    expectNoTempFiles(dir);
  });

  it('reports --out below a regular file (ENOTDIR) and writes nothing', async () => {
    writeFiles(dir, { 'notes/notes.md': GOOD_MD(), 'afile': 'not a folder\n' });
    const r = await runMain(['build', 'notes.md', '--out', '../afile/out', '--format', 'html,json'], { cwd: join(dir, 'notes') });
    expect(r.code).toBe(1);
    expectDiagnostic(r.stderr, 'notes.md', 'write-error', `Cannot create the folder ${join(dir, 'afile', 'out')}: a part of the path is a file, not a folder`, null);
    expect(readFileSync(join(dir, 'afile'), 'utf8')).toBe('not a folder\n');
    expect(listFiles(dir).filter((f) => /\.(html|json|tmp)$/.test(f))).toEqual([]);
  });

  it.skipIf(isRoot)('reports a read-only --out folder (chmod 555) as permission denied [skipped as root: chmod does not stop root]', async () => {
    writeFiles(dir, { 'notes/notes.md': GOOD_MD() });
    mkdirSync(join(dir, 'out'));
    chmodSync(join(dir, 'out'), 0o555);
    try {
      const r = await build(['notes.md']);
      expect(r.code).toBe(1);
      expectDiagnostic(r.stderr, 'notes.md', 'write-error', `Cannot write ${join(dir, 'out', 'notes.html')}: permission denied`, null);
      expect(listFiles(join(dir, 'out'))).toEqual([]);
    } finally {
      chmodSync(join(dir, 'out'), 0o755);
    }
  });
});

describe('awkward input names', () => {
  it('builds a file whose name has spaces and non-ASCII letters', async () => {
    const name = 'my notes – Vilnius ü 日本.md';
    writeFiles(dir, { [`notes/${name}`]: GOOD_MD() });
    const r = await build([name]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`✓ [1/1] ${name} -> `);
    expect(listOutputs(join(dir, 'out'))).toEqual(['my notes – Vilnius ü 日本.html', 'my notes – Vilnius ü 日本.json']);
    expectNoTempFiles(dir);
  });

  it('builds a file named with a leading dash after `--` and as ./-notes.md', async () => {
    writeFiles(dir, { 'notes/-notes.md': GOOD_MD() });
    const a = await runMain(['build', '--out', '../out', '--format', 'html,json', '--', '-notes.md'], { cwd: join(dir, 'notes') });
    expect(a.code, a.stderr).toBe(0);
    expect(listOutputs(join(dir, 'out'))).toEqual(['-notes.html', '-notes.json']);
    const b = await runMain(['build', './-notes.md', '--out', '../out2', '--format', 'html'], { cwd: join(dir, 'notes') });
    expect(b.code, b.stderr).toBe(0);
    expect(listOutputs(join(dir, 'out2'))).toEqual(['-notes.html']);
    expectNoTempFiles(dir);
  });

  it('never takes a dash-named file for an option without `--` (exit 2, nothing built)', async () => {
    writeFiles(dir, { 'notes/-notes.md': GOOD_MD() });
    const r = await runMain(['build', '-notes.md', '--out', '../out', '--format', 'html'], { cwd: join(dir, 'notes') });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error: unknown option '-notes.md'");
    expect(listFiles(dir).filter((f) => /\.(html|json|pdf|tmp)$/.test(f))).toEqual([]);
  });
});

describe('colliding outputs', () => {
  it('refuses two inputs that would write the same output (exit 2, nothing written)', async () => {
    writeFiles(dir, { 'notes/a/x.md': GOOD_MD('A'), 'notes/b/x.md': GOOD_MD('B') });
    const r = await build(['a/x.md', 'b/x.md']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('report: a/x.md and b/x.md would both write ../out/x.html; give them different names or folders');
    expect(listFiles(join(dir, 'out'))).toEqual([]);
    expectNoTempFiles(dir);
  });

  it('refuses x.md and x.yaml in one folder (same outputs beside them): exit 2, inputs untouched', async () => {
    const md = GOOD_MD('From Markdown');
    const yaml = 'title: From YAML\ndate: 2024-06-05\n';
    writeFiles(dir, { 'notes/x.md': md, 'notes/x.yaml': yaml });
    const r = await runMain(['build', 'x.md', 'x.yaml', '--format', 'html,json'], { cwd: join(dir, 'notes') });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('report: x.md and x.yaml would both write x.html; give them different names or folders');
    expect(listFiles(join(dir, 'notes'))).toEqual(['x.md', 'x.yaml']);
    expect(readFileSync(join(dir, 'notes', 'x.md'), 'utf8')).toBe(md);
    expect(readFileSync(join(dir, 'notes', 'x.yaml'), 'utf8')).toBe(yaml);
  });

  it('refuses the same collision found by walking a folder', async () => {
    writeFiles(dir, { 'notes/x.md': GOOD_MD(), 'notes/x.yaml': 'title: T\ndate: 2024-06-05\n' });
    const r = await runMain(['build', '.', '--out', '../out', '--format', 'html'], { cwd: join(dir, 'notes') });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('report: x.md and x.yaml would both write ../out/x.html');
    expect(listFiles(join(dir, 'out'))).toEqual([]);
  });
});

describe('special files named like notes', () => {
  /** Run the real binary and SIGKILL it after `ms`, so a hang fails the test instead of the suite. */
  async function runWithDeadline(args: string[], ms: number) {
    let timer: NodeJS.Timeout | undefined;
    let timedOut = false;
    const result = await runCliAwait(args, join(dir, 'notes'), (pid) => {
      timer = setTimeout(() => {
        timedOut = true;
        process.kill(pid, 'SIGKILL');
      }, ms);
    });
    clearTimeout(timer);
    return { ...result, timedOut };
  }

  it('refuses a *.md symlink to a device when the build cache is off', async () => {
    mkdirSync(join(dir, 'notes'));
    symlinkSync('/dev/zero', join(dir, 'notes', 'zero.md'));
    const r = await runWithDeadline(['build', 'zero.md', '--out', '../out', '--format', 'html', '--no-cache'], 15_000);
    expect(r.timedOut).toBe(false);
    expect(r.code).toBe(1);
    expectDiagnostic(r.stderr, 'zero.md', 'read-error', 'Expected a notes file, not a folder or device', null);
    expectNoOutputs(join(dir, 'out'));
  });

  it('refuses a *.md symlink to /dev/zero with the build cache on, without hanging', async () => {
    mkdirSync(join(dir, 'notes'));
    symlinkSync('/dev/zero', join(dir, 'notes', 'zero.md'));
    const r = await runWithDeadline(['build', 'zero.md', '--out', '../out', '--format', 'html'], 15_000);
    expect(r.timedOut).toBe(false);
    expect(r.code).toBe(1);
    expectDiagnostic(r.stderr, 'zero.md', 'read-error', 'Expected a notes file, not a folder or device', null);
    expectNoOutputs(join(dir, 'out'));
  });

  it('refuses a FIFO named *.md without hanging', async () => {
    mkdirSync(join(dir, 'notes'));
    execFileSync('mkfifo', [join(dir, 'notes', 'pipe.md')]);
    const r = await runWithDeadline(['build', 'pipe.md', '--out', '../out', '--format', 'html', '--no-cache'], 15_000);
    expect(r.timedOut).toBe(false);
    expect(r.code).toBe(1);
    expectDiagnostic(r.stderr, 'pipe.md', 'read-error', 'Expected a notes file, not a folder or device', null);
    expectNoOutputs(join(dir, 'out'));
  });
});
