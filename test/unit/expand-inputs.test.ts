/**
 * Inputs -> notes files (src/read/expand-inputs.ts), on real folders: patterns, negation, links inside and outside
 * the input's folder, folders that cannot be read, and an order that is the same in every locale.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { comparePaths, expandInputs, shard } from '../../src/read/expand-inputs.js';
import { BIN, tempDir } from '../helpers/cli.js';

const space = tempDir('report-inputs-');
afterAll(() => space.cleanup());
let count = 0;

/** A fresh folder with these files (paths ending in `/` are folders). */
function tree(paths: Record<string, string> | string[]): string {
  const root = join(space.path, `t${count++}`);
  mkdirSync(root, { recursive: true });
  const entries = Array.isArray(paths) ? paths.map((p) => [p, 'title: Workshop\ndate: 2024-06-05\n'] as const) : Object.entries(paths);
  for (const [path, content] of entries) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    if (path.endsWith('/')) mkdirSync(join(root, path), { recursive: true });
    else writeFileSync(join(root, path), content);
  }
  return root;
}

async function expand(root: string, ...inputs: string[]) {
  const { files, problems } = await expandInputs(inputs, root);
  return { files: files.map((f) => relative(root, f.path)), roots: files.map((f) => relative(root, f.root) || '.'), problems };
}

describe('patterns (tinyglobby)', () => {
  it('braces pick several names', async () => {
    const root = tree(['a.md', 'b.md', 'c.md', 'b.yaml']);
    expect((await expand(root, '{a,b}.md')).files).toEqual(['a.md', 'b.md']);
    expect((await expand(root, 'b.{md,yaml}')).files).toEqual(['b.md', 'b.yaml']);
  });

  it('classes match one character of a set', async () => {
    const root = tree(['2023.md', '2024.md', '2025.md']);
    expect((await expand(root, '202[34].md')).files).toEqual(['2023.md', '2024.md']);
  });

  it('`!pattern` takes files out of what the other inputs give', async () => {
    const root = tree(['notes/a.md', 'notes/drafts/b.md', 'notes/c-draft.md']);
    expect((await expand(root, 'notes/**/*.md', '!notes/drafts/**', '!**/*-draft.md')).files).toEqual(['notes/a.md']);
    // A folder given as it is: a negation applies to it too.
    expect((await expand(root, 'notes', '!notes/drafts/**')).files).toEqual(['notes/a.md', 'notes/c-draft.md']);
  });

  it('the folders before the first wildcard are the root; the tree below it is mirrored', async () => {
    const root = tree(['notes/2024/a.md', 'notes/2024/sub/b.md']);
    const r = await expand(root, 'notes/*/**/*.md');
    expect(r.files).toEqual(['notes/2024/a.md', 'notes/2024/sub/b.md']);
    expect(r.roots).toEqual(['notes', 'notes']);
  });

  it('a pattern that matches nothing is a problem of that input', async () => {
    const root = tree(['a.md']);
    expect((await expand(root, 'z*.md')).problems).toEqual([{ input: 'z*.md', reason: 'No notes files match this pattern' }]);
    expect((await expand(root, 'missing/*.md')).problems).toEqual([{ input: 'missing/*.md', reason: 'No notes files match this pattern' }]);
  });

  it('folders of tools and dot-folders are not looked into; config files are not notes', async () => {
    const root = tree(['a.md', 'node_modules/x/readme.md', '.git/notes.md', '.report-cache/c.md', 'report.config.yaml']);
    expect((await expand(root, '.')).files).toEqual(['a.md']);
  });
});

describe('links', () => {
  it('links are followed inside the input folder (a linked file, a linked folder)', async () => {
    // (folders whose names start with a dot are not walked into: here only the links reach them)
    const root = tree(['notes/a.md', 'notes/.drafts/d.md', 'notes/.shared/e.md']);
    symlinkSync('.drafts/d.md', join(root, 'notes', 'd.md'));
    symlinkSync('.shared', join(root, 'notes', 'shared'));
    const r = await expand(root, 'notes');
    expect(r.files).toEqual(['notes/a.md', 'notes/d.md', 'notes/shared/e.md']);
    expect(r.problems).toEqual([]);
  });

  it('a file reached by several names (a link inside the folder) is taken once, under its own name', async () => {
    const root = tree(['notes/a.md', 'notes/sub/b.md']);
    symlinkSync('a.md', join(root, 'notes', 'alias.md'));
    symlinkSync('sub', join(root, 'notes', 'linked'));
    symlinkSync('.', join(root, 'notes', 'loop'));
    expect((await expand(root, 'notes')).files).toEqual(['notes/a.md', 'notes/sub/b.md']);
    expect((await expand(root, 'notes')).problems).toEqual([]);
    // Named twice on the command line, through a link and as itself: once.
    expect((await expand(root, 'notes/alias.md', 'notes/a.md')).files).toEqual(['notes/alias.md']);
  });

  it('a linked file or folder that leads outside the input folder is left out, and said', async () => {
    const root = tree(['notes/a.md', 'elsewhere/secret.md', 'elsewhere/more/x.md']);
    symlinkSync('../elsewhere/secret.md', join(root, 'notes', 'secret.md'));
    symlinkSync('../elsewhere', join(root, 'notes', 'folder'));
    const r = await expand(root, 'notes');
    expect(r.files).toEqual(['notes/a.md']);
    expect(r.problems).toEqual([
      { input: 'notes/folder', reason: `The link leads outside notes (to ${join(root, 'elsewhere')}); links are followed only inside the folder given, so it is left out` },
      { input: 'notes/secret.md', reason: `The link leads outside notes (to ${join(root, 'elsewhere', 'secret.md')}); links are followed only inside the folder given, so it is left out` },
    ]);
    // The same through a pattern: its root is the folder before the wildcard.
    expect((await expand(root, 'notes/*.md')).problems.map((p) => p.input)).toEqual(['notes/secret.md']);
  });
});

describe('order', () => {
  it('by code points, folder by folder, whatever the locale', async () => {
    const root = tree(['b.md', 'B.md', 'a/z.md', 'a-b.md', 'é.md', 'z.md', '\u{1F600}.md', '\uFF5E.md']);
    const expected = ['B.md', 'a/z.md', 'a-b.md', 'b.md', 'z.md', 'é.md', '\uFF5E.md', '\u{1F600}.md'];
    expect((await expand(root, '.')).files).toEqual(expected);
    // (localeCompare would put `a-b.md` and `é.md` elsewhere, and sort the astral character before U+FF5E)
    expect([...expected].sort((a, b) => a.localeCompare(b))).not.toEqual(expected);
    expect([...expected].sort(comparePaths)).toEqual(expected);
  });

  it('shards are taken from the same order', async () => {
    const root = tree(['c.md', 'a.md', 'b.md', 'é.md']);
    const { files } = await expandInputs(['.'], root);
    expect(shard(files, 1, 2, root).map((f) => relative(root, f.path))).toEqual(['a.md', 'c.md']);
    expect(shard(files, 2, 2, root).map((f) => relative(root, f.path))).toEqual(['b.md', 'é.md']);
  });
});

/**
 * A folder readdir fails on. Root reads any folder whatever its mode, so as root the CLI runs as `nobody`, for
 * whom `chmod 000` holds (the folders are made readable to it first).
 */
describe('a folder that cannot be read', () => {
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const runAs = (args: string[], cwd: string) =>
    spawnSync(process.execPath, [BIN, ...args], {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, HOME: cwd },
      ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
    });

  function setUp() {
    const root = tree(['notes/a.yaml', 'notes/locked/b.yaml', 'notes/sub/c.yaml']);
    for (let dir = root; dir !== space.path && dir !== dirname(dir); dir = dirname(dir)) chmodSync(dir, 0o755);
    chmodSync(space.path, 0o755);
    for (const dir of ['notes', 'notes/sub']) chmodSync(join(root, dir), 0o755);
    for (const file of ['notes/a.yaml', 'notes/sub/c.yaml', 'notes/locked/b.yaml']) chmodSync(join(root, file), 0o644);
    chmodSync(join(root, 'notes', 'locked'), 0o000);
    return root;
  }

  it.skipIf(process.platform === 'win32')('is said, naming it, and the run fails (exit 1) while the rest is validated', () => {
    const root = setUp();
    const r = runAs(['validate', 'notes'], root);
    expect(r.stderr).toContain('notes/locked error The folder cannot be read (permission denied), so its notes are left out [input]');
    expect(r.stderr).toContain('2 valid, 1 failed');
    expect(r.status).toBe(1);
  });

  it.skipIf(process.platform === 'win32')('a pattern reads only the folders it can match in: `notes/*.md` does not look into notes/locked', () => {
    const root = setUp();
    const r = runAs(['validate', 'notes/*.yaml'], root);
    expect(r.stderr).not.toContain('cannot be read');
    expect(r.stderr).toContain('1 valid');
    expect(r.status).toBe(0);
    // ...while `notes/**/*.md` has to, and says so.
    expect(runAs(['validate', 'notes/**/*.yaml'], root).stderr).toContain('notes/locked error The folder cannot be read');
  });
});
