/**
 * `report fix <files...>`: rewrites notes into their canonical form (keys,
 * dates, addresses, short forms), keeping comments, order and wording.
 * `--dry-run` prints a unified diff instead of writing.
 */
import { relative, resolve } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { formatStylish } from '../diagnostics/reporters.js';
import { fixNotesText } from '../parse/canonical/apply-rewrites.js';
import { notesFormatOf } from '../parse/index.js';
import { expandInputs } from '../read/expand-inputs.js';
import { readNotes } from '../read/read-notes.js';
import { writeAtomic } from '../write/atomic-write.js';
import type { CliIo } from './io.js';

export async function runFix(inputs: string[], options: { dryRun?: boolean }, io: CliIo): Promise<number> {
  const { files, problems } = await expandInputs(inputs, io.cwd);
  for (const problem of problems) io.stderr.write(`report: ${problem.input}: ${problem.reason}\n`);
  if (files.length === 0) return 2;
  let failed = 0;
  let changed = 0;
  for (const file of files) {
    const shown = relative(io.cwd, resolve(io.cwd, file.path)) || file.path;
    const read = await readNotes(file.path);
    const format = notesFormatOf(file.path);
    if (read.text === undefined || !format) {
      io.stderr.write(formatStylish([{ path: file.path, displayPath: shown, messages: read.messages }]));
      failed++;
      continue;
    }
    const result = fixNotesText(read.text, format);
    if (result.messages.length) {
      io.stderr.write(formatStylish([{ path: file.path, displayPath: shown, messages: result.messages }]));
      io.stderr.write(`${shown}: not fixed\n`);
      failed++;
      continue;
    }
    const body = result.skipped.length ? ` (${result.skipped.length} not written: values the Markdown body holds, or ones fix cannot place)` : '';
    if (result.text === read.text) {
      io.stderr.write(`${shown}: nothing to fix${body}\n`);
      continue;
    }
    changed++;
    const changes = result.applied.length + (result.edited?.length ?? 0);
    const count = `${changes} change${changes === 1 ? '' : 's'}`;
    if (options.dryRun) {
      io.stdout.write(createTwoFilesPatch(shown, shown, read.text, result.text, undefined, undefined, { context: 3 }));
      io.stderr.write(`${shown}: ${count} (dry run: not written)${body}\n`);
      continue;
    }
    try {
      await writeAtomic(file.path, result.text);
    } catch (error) {
      io.stderr.write(`report: ${shown}: ${(error as Error).message}\n`);
      return 2;
    }
    io.stderr.write(`${shown}: fixed, ${count}${body}\n`);
  }
  if (files.length > 1) io.stderr.write(`${changed} of ${files.length} files ${options.dryRun ? 'would change' : 'fixed'}${failed ? `, ${failed} could not be read or fixed` : ''}\n`);
  return failed ? 1 : 0;
}
