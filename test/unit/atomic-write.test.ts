/**
 * The atomic writer's two ways of doing I/O (src/write/atomic-write.ts with promises, atomic-write-sync.ts with
 * blocking calls) carry out the same steps (atomic-write-steps.ts): the same refusals, in the same words, and the
 * same all-or-nothing result, on real folders.
 */
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeAllAtomic } from '../../src/write/atomic-write.js';
import { writeAllAtomicSync } from '../../src/write/atomic-write-sync.js';
import { tempDir } from '../helpers/cli.js';

const space = tempDir('report-atomic-');
afterAll(() => space.cleanup());

const writers = [
  ['with promises', (outputs: Array<[string, string]>, below: string) => writeAllAtomic(outputs, { below })],
  ['with blocking calls', async (outputs: Array<[string, string]>, below: string) => writeAllAtomicSync(outputs, { below })],
] as const;

/** What a write does in a fresh output folder laid out by `setUp`: its error, if any, and the files left. */
async function outcome(write: (typeof writers)[number][1], name: string, setUp: (out: string) => Array<[string, string]>) {
  const out = join(space.path, name);
  mkdirSync(out, { recursive: true });
  const outputs = setUp(out);
  let error: string | undefined;
  try {
    await write(outputs, out);
  } catch (e) {
    error = (e as Error).message.replaceAll(out, '<out>');
  }
  const files = readdirSync(out, { recursive: true, encoding: 'utf8' }).sort();
  return { error, files };
}

const cases: Array<[string, (out: string) => Array<[string, string]>]> = [
  ['writes every output, folders made on the way', (out) => [[join(out, 'a', 'b.html'), 'B'], [join(out, 'a', 'b.pdf'), 'P']]],
  ['refuses a target that is a symbolic link', (out) => (symlinkSync('/etc/hostname', join(out, 'x.html')), [[join(out, 'x.html'), 'X']])],
  ['refuses a folder below the output folder that is a link', (out) => (mkdirSync(join(out, 'real')), symlinkSync('real', join(out, 'linked')), [[join(out, 'linked', 'x.html'), 'X']])],
  ['refuses a path outside the output folder', (out) => [[join(out, '..', 'escaped.html'), 'X']]],
  ['writes none when one output cannot be written', (out) => (mkdirSync(join(out, 'b.pdf')), [[join(out, 'b.html'), 'B'], [join(out, 'b.pdf'), 'P']])],
  ['replaces an existing file whole', (out) => (writeFileSync(join(out, 'old.html'), 'old'), [[join(out, 'old.html'), 'new']])],
];

describe('atomic writes, with promises and with blocking calls', () => {
  it.each(cases)('%s: the same in both', async (name, setUp) => {
    const results = [];
    for (const [how, write] of writers) results.push(await outcome(write, `${name.replace(/\W+/g, '-')}-${how.replace(/\W+/g, '-')}`, setUp));
    expect(results[1]).toEqual(results[0]);
    // No temporary file is ever left.
    expect(results[0]!.files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('say what went wrong', async () => {
    const [, write] = writers[1];
    expect((await outcome(write, 'words-link', cases[1]![1])).error).toBe('Refusing to write <out>/x.html: it is a symbolic link');
    expect((await outcome(write, 'words-folder-link', cases[2]![1])).error).toBe('Refusing to write <out>/linked/x.html: <out>/linked is a symbolic link');
    expect((await outcome(write, 'words-none', cases[4]![1]))).toEqual({ error: 'Cannot write <out>/b.pdf: a folder has that name', files: ['b.pdf'] });
    const replaced = await outcome(write, 'words-replace', cases[5]![1]);
    expect(replaced).toEqual({ error: undefined, files: ['old.html'] });
    expect(readFileSync(join(space.path, 'words-replace', 'old.html'), 'utf8')).toBe('new');
  });
});
