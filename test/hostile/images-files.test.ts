/**
 * Hostile image files: a FIFO (or device) where an image should be, a hard
 * link to a file outside the notes' folder, notes reached through a symlinked
 * folder (their own images are fine), and reference-style images whose
 * definition is a data: URL or a path outside, which must get the same check
 * as `![a](src)`.
 */
import { execFileSync } from 'node:child_process';
import { linkSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runMain, tempDir } from '../helpers/cli.js';
import { expectDiagnostic, expectNoOutputs, expectNoTempFiles, expectSecretAbsent, FRONT, PNG_1X1, runCliAwait, SECRET, writeFiles } from './fixtures.js';

let dir: string;
let cleanup: () => void;

beforeEach(() => {
  ({ path: dir, cleanup } = tempDir('report-hostile-images-'));
  writeFileSync(join(dir, 'secret.png'), Buffer.concat([PNG_1X1, Buffer.from(SECRET)]));
});
afterEach(() => cleanup());

/** Notes with one image reference in a highlights theme: its source starts at line 10, column 18. */
const withImage = (src: string) => FRONT() + `\n## Highlights\n\n### Theme\n\nSee ![a picture](${src}) here.\n`;

const build = (names: string[], ...extra: string[]) => runMain(['build', ...names, '--out', '../out', '--format', 'html,json', ...extra], { cwd: join(dir, 'notes') });

async function runWithDeadline(args: string[], cwd: string, ms: number) {
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  const result = await runCliAwait(args, cwd, (pid) => {
    timer = setTimeout(() => {
      timedOut = true;
      process.kill(pid, 'SIGKILL');
    }, ms);
  });
  clearTimeout(timer);
  return { ...result, timedOut };
}

describe('image files that are not regular files', () => {
  it('refuses a FIFO as an image without hanging (the CLI as a subprocess)', async () => {
    writeFiles(dir, { 'notes/notes.md': withImage('pipe.png') });
    execFileSync('mkfifo', [join(dir, 'notes', 'pipe.png')]);
    const r = await runWithDeadline(['build', 'notes.md', '--out', '../out', '--format', 'html', '--no-cache'], join(dir, 'notes'), 15_000);
    expect(r.timedOut, r.stderr).toBe(false);
    expect(r.code).toBe(1);
    expectDiagnostic(r.stderr, 'notes.md', 'image-path', 'Expected `pipe.png` to be an image file, not a folder, pipe or device', '10:18');
    expectNoOutputs(join(dir, 'out'));
  });

  it('refuses a symlink to a FIFO as an image without hanging', async () => {
    writeFiles(dir, { 'notes/notes.md': withImage('photo.png') });
    execFileSync('mkfifo', [join(dir, 'notes', 'pipe')]);
    symlinkSync('pipe', join(dir, 'notes', 'photo.png'));
    const r = await runWithDeadline(['build', 'notes.md', '--out', '../out', '--format', 'html', '--no-cache'], join(dir, 'notes'), 15_000);
    expect(r.timedOut, r.stderr).toBe(false);
    expect(r.code).toBe(1);
    expectDiagnostic(r.stderr, 'notes.md', 'image-path', 'Expected `photo.png` to be an image file', '10:18');
  });
});

describe('hard links', () => {
  it('refuses an image that is a hard link (it may be a file from outside the notes folder)', async () => {
    writeFiles(dir, { 'notes/notes.md': withImage('photo.png') });
    linkSync(join(dir, 'secret.png'), join(dir, 'notes', 'photo.png'));
    const r = await build(['notes.md']);
    expectDiagnostic(r.stderr, 'notes.md', 'image-outside-root', 'The image `photo.png` has other hard links', '10:18');
    expect(r.code).toBe(1);
    expectNoOutputs(join(dir, 'out'));
    expectSecretAbsent(join(dir, 'out'));
    expectNoTempFiles(dir);
  });

  it('accepts a hard-linked image inside an --allow-root the operator named', async () => {
    writeFiles(dir, { 'notes/notes.md': withImage('photo.png'), 'notes/shared/logo.png': PNG_1X1 });
    linkSync(join(dir, 'notes', 'shared', 'logo.png'), join(dir, 'notes', 'photo.png'));
    const r = await build(['notes.md'], '--allow-root', '.');
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(dir, 'out', 'notes.html'), 'utf8')).toContain(`src="data:image/png;base64,${PNG_1X1.toString('base64')}"`);
  });
});

describe('--allow-root', () => {
  it('lets images come from the named folder as well as the notes’ own', async () => {
    const text = FRONT() + `\n## Highlights\n\n### Theme\n\nSee ![a](../shared/logo.png) and ![b](photo.png).\n`;
    writeFiles(dir, { 'notes/notes.md': text, 'notes/photo.png': PNG_1X1, 'shared/logo.png': PNG_1X1 });
    const r = await build(['notes.md'], '--allow-root', '../shared');
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(dir, 'out', 'notes.html'), 'utf8').split(`src="data:image/png;base64,${PNG_1X1.toString('base64')}"`)).toHaveLength(3);
  });

  it('still refuses a hard link in the notes’ own folder when --allow-root names another', async () => {
    writeFiles(dir, { 'notes/notes.md': withImage('photo.png'), 'shared/logo.png': PNG_1X1 });
    linkSync(join(dir, 'secret.png'), join(dir, 'notes', 'photo.png'));
    const r = await build(['notes.md'], '--allow-root', '../shared');
    expectDiagnostic(r.stderr, 'notes.md', 'image-outside-root', 'The image `photo.png` has other hard links', '10:18');
    expect(r.code).toBe(1);
  });
});

describe('notes reached through a symlinked folder', () => {
  it('embeds the notes’ own image when the notes folder is a symlink', async () => {
    writeFiles(dir, { 'real/notes.md': withImage('photo.png'), 'real/photo.png': PNG_1X1 });
    symlinkSync('real', join(dir, 'notes'));
    const r = await runMain(['build', 'notes/notes.md', '--out', 'out', '--format', 'html'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(dir, 'out', 'notes.html'), 'utf8')).toContain(`src="data:image/png;base64,${PNG_1X1.toString('base64')}"`);
  });

  it('still refuses ../ from a symlinked notes folder', async () => {
    writeFiles(dir, { 'real/notes.md': withImage('../secret.png') });
    symlinkSync('real', join(dir, 'notes'));
    const r = await runMain(['build', 'notes/notes.md', '--out', 'out', '--format', 'html'], { cwd: dir });
    expect(r.code).toBe(1);
    expectDiagnostic(r.stderr, 'notes/notes.md', 'image-outside-root', "The image `../secret.png` is outside the notes' folder", '10:18');
    expectSecretAbsent(join(dir, 'out'));
  });
});

describe('reference-style images', () => {
  const SVG = 'data:image/svg+xml;base64,' + Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>').toString('base64');
  /** `![a][r]` on line 10 and its definition on line 12 (the URL at column 6). */
  const withReference = (url: string) => FRONT() + `\n## Highlights\n\n### Theme\n\nSee ![a picture][r] here.\n\n[r]: ${url}\n`;

  it('refuses a reference whose definition is a data: URL, like an inline one', async () => {
    writeFiles(dir, { 'notes/notes.md': withReference(SVG) });
    const r = await build(['notes.md']);
    expectDiagnostic(r.stderr, 'notes.md', 'image-path', 'Expected a relative path to an image file, not `data:image/svg+xml', '12:6');
    expect(r.code).toBe(1);
    expectNoOutputs(join(dir, 'out'));
  });

  it('refuses a reference whose definition leads outside the notes folder', async () => {
    writeFiles(dir, { 'notes/notes.md': withReference('../secret.png') });
    const r = await build(['notes.md']);
    expectDiagnostic(r.stderr, 'notes.md', 'image-outside-root', "The image `../secret.png` is outside the notes' folder", '12:6');
    expect(r.code).toBe(1);
    expectNoOutputs(join(dir, 'out'));
  });

  it('embeds a reference-style image of a local file, collapsed and shortcut forms too', async () => {
    const text = FRONT() + `\n## Highlights\n\n### Theme\n\nSee ![a][r], ![logo][] and ![logo].\n\n[r]: photo.png\n[logo]: <my logo.png> "The logo"\n`;
    writeFiles(dir, { 'notes/notes.md': text, 'notes/photo.png': PNG_1X1, 'notes/my logo.png': PNG_1X1 });
    const r = await build(['notes.md']);
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(join(dir, 'out', 'notes.html'), 'utf8');
    const images = [...html.matchAll(/<img [^>]*>/g)].map((m) => m[0]).filter((tag) => tag.includes('alt="a"') || tag.includes('alt="logo"'));
    expect(images).toHaveLength(3);
    for (const tag of images) expect(tag).toContain(`src="data:image/png;base64,${PNG_1X1.toString('base64')}"`);
  });

  it('embeds an inline image whose path is in angle brackets with a space', async () => {
    writeFiles(dir, { 'notes/notes.md': withImage('<my photo.png>'), 'notes/my photo.png': PNG_1X1 });
    const r = await build(['notes.md']);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(dir, 'out', 'notes.html'), 'utf8')).toContain(`src="data:image/png;base64,${PNG_1X1.toString('base64')}"`);
  });
});
