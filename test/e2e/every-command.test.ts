/**
 * One pipeline for every command (issue 15): a hostile notes file gives the same diagnostic whichever command reads
 * it, because `build`, `validate`, `explain` and `preview` all go through the same read -> parse -> validate stages
 * with the same limits: a file over the size limit, a FIFO named as notes, an image outside the notes' folder.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { startPreview } from '../../src/cli/preview-command.js';
import { runCli, runMain, tempDir } from '../helpers/cli.js';

const dir = tempDir();
afterAll(() => dir.cleanup());

const FRONT = '---\ntitle: T\ndate: 2024-06-05\n---\n\n';
const PNG_1x1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

const cases: Array<{ name: string; make: (folder: string) => string; rule: string }> = [
  { name: 'a file over the size limit', rule: 'file-too-large', make: (f) => (writeFileSync(join(f, 'big.md'), FRONT + 'x'.repeat(2 * 1024 * 1024 + 10) + '\n'), 'big.md') },
  { name: 'a FIFO named as notes', rule: 'read-error', make: (f) => (execFileSync('mkfifo', [join(f, 'pipe.md')]), 'pipe.md') },
  {
    name: 'an image outside the notes folder',
    rule: 'image-outside-root',
    make: (f) => {
      writeFileSync(join(dir.path, 'outside.png'), PNG_1x1);
      writeFileSync(join(f, 'img.md'), FRONT + '## Highlights\n\n### A\n\n![a photo](../outside.png)\n');
      return 'img.md';
    },
  },
];

/** The rule ids of error lines a command printed for this file. */
const rulesOf = (output: string, file: string) => [...output.matchAll(new RegExp(`^${file.replace('.', '\\.')}(?::\\d+:\\d+)? error .*\\[([a-z-]+)\\]$`, 'gm'))].map((m) => m[1]);

describe.each(cases)('$name ($rule)', ({ make, rule }) => {
  const folder = join(dir.path, rule);
  mkdirSync(folder, { recursive: true });
  const file = make(folder);

  it.each([
    ['build', ['-f', 'html']],
    ['validate', []],
    ['explain', []],
  ] as const)('report %s says it', async (command, rest) => {
    // (through the CLI's main() in process; the operator's config below runs the executable)
    const r = await runMain([command, file, ...rest], { cwd: folder });
    expect(r.code, r.stderr).not.toBe(0);
    expect(rulesOf(r.stderr, file), r.stderr).toContain(rule);
    expect(r.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  });

  it('report preview says the same, in the terminal', async () => {
    let stderr = '';
    const io: CliIo = { stdout: { write: () => true }, stderr: { write: (s: string) => ((stderr += s), true) }, cwd: folder, env: {}, platform: process.platform, isRoot: false, cpuCount: 2 };
    const preview = await startPreview(file, { port: 0 }, io);
    await preview.close();
    expect(rulesOf(stderr, file), stderr).toContain(rule);
  });
});

describe('the operator’s config', () => {
  it('widens the image root for explain as for build (allowRoot)', () => {
    const folder = join(dir.path, 'with-config');
    mkdirSync(join(folder, 'notes'), { recursive: true });
    mkdirSync(join(dir.path, 'shared'), { recursive: true });
    writeFileSync(join(dir.path, 'shared', 'photo.png'), PNG_1x1);
    writeFileSync(join(folder, 'report.config.yaml'), 'allowRoot: ../shared\n');
    writeFileSync(join(folder, 'notes', 'n.md'), FRONT + '## Highlights\n\n### A\n\n![a photo](../../shared/photo.png)\n');
    for (const command of [['build', 'notes/n.md', '-f', 'html'], ['explain', 'notes/n.md']]) {
      const r = runCli(command, { cwd: folder });
      expect(r.stderr, command[0]).not.toContain('image-outside-root');
      expect(r.code, `${command[0]}: ${r.stderr}`).toBe(0);
    }
  });
});
