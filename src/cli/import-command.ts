/**
 * `report import <files...> [--out dir] [--build]`: past reports (PDF, Word, plain text) -> canonical Markdown notes,
 * one per report, with a line per file saying what needs a person's look. A file that cannot be read never stops
 * the others; `--build` then builds the written notes through `report build`'s own code path.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { printable } from '../diagnostics/printable-text.js';
import { imageFolderOf } from '../import/images.js';
import { importFile, sourceKindOf } from '../import/import-file.js';
import { expandInputs, type InputFile } from '../read/expand-inputs.js';
import { writeAllAtomic } from '../write/atomic-write.js';
import { runBuild, type CommandContext } from './build-command.js';
import type { CliIo } from './io.js';
import { RunError } from './run-error.js';

const PAST_REPORTS = { accepts: (name: string) => !!sourceKindOf(name), what: 'past reports (.pdf, .docx, .html, .txt)' };

/** Where a report's notes go: `<out>/<tree below the input's root>/<name>.md`, or beside the report. */
function notesPathOf(file: InputFile, outDir: string | undefined): string {
  const name = `${basename(file.path, extname(file.path))}.md`;
  if (!outDir) return join(dirname(file.path), name);
  return join(outDir, relative(file.root, dirname(file.path)), name);
}

/** Two reports imported to the same notes, or to notes that would share their images' folder, stop the run (exit 2). */
function refuseSharedTargets(files: readonly InputFile[], outDir: string | undefined, show: (path: string) => string): void {
  const targets = new Map<string, string>();
  for (const file of files) {
    const target = notesPathOf(file, outDir);
    const other = targets.get(target);
    if (other !== undefined) throw new RunError(`${show(other)} and ${show(file.path)} would both be imported to ${show(target)}; import them to different folders`);
    targets.set(target, file.path);
    // `a b.md` and `a-b.md` would share their images' folder.
    const images = join(dirname(target), imageFolderOf(target));
    const sharing = targets.get(images);
    if (sharing !== undefined) throw new RunError(`${show(sharing)} and ${show(file.path)} would both keep their images in ${show(images)}; import them to different folders`);
    targets.set(images, file.path);
  }
}

export async function runImport(inputs: string[], flags: Record<string, unknown>, io: CliIo, context: CommandContext): Promise<number> {
  const outDir = flags.out ? resolve(io.cwd, String(flags.out)) : undefined;
  const concurrency = flags.concurrency === undefined ? Math.max(1, Math.min(4, io.cpuCount)) : Number(flags.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32) throw new RunError(`Expected --concurrency to be a whole number from 1 to 32, not \`${String(flags.concurrency)}\``);
  const expanded = await expandInputs(inputs, io.cwd, PAST_REPORTS);
  const show = (path: string) => printable(relative(io.cwd, path) || path);
  let failed = expanded.problems.length;
  for (const p of expanded.problems) io.stderr.write(`${printable(p.input)}: ${printable(p.reason)}\n`);
  refuseSharedTargets(expanded.files, outDir, show);
  const written: string[] = [];
  let done = 0;
  const total = expanded.files.length;
  const queue = [...expanded.files];
  const worker = async () => {
    for (let file = queue.shift(); file; file = queue.shift()) {
      const target = notesPathOf(file, outDir);
      const result = await importFile(file.path, { imageFolder: imageFolderOf(target) });
      done++;
      if (!result.ok) {
        failed++;
        io.stderr.write(`${show(file.path)} error ${printable(result.failure)} [${result.ruleId}]\n${result.hint ? `  hint: ${printable(result.hint)}\n` : ''}`);
        continue;
      }
      // The notes and their images, all or none; the images' folder beside the notes must be a real folder.
      const outputs: Array<[string, string | Uint8Array]> = [[target, result.markdown], ...result.images.map((image): [string, Uint8Array] => [join(dirname(target), image.src), image.bytes])];
      const existing = outputs.find(([path]) => existsSync(path));
      if (existing && !flags.force) {
        failed++;
        io.stderr.write(`${show(file.path)} error ${show(existing[0])} exists; pass --force to replace it [import-exists]\n`);
        continue;
      }
      try {
        await writeAllAtomic(outputs, { below: outDir ?? dirname(target) });
      } catch (error) {
        failed++;
        io.stderr.write(`${show(file.path)} error ${printable((error as Error).message)} [import-write]\n`);
        continue;
      }
      written.push(target);
      const look = result.review.length ? `; to look at: ${result.review.map(printable).join('; ')}` : '';
      io.stderr.write(`[${done}/${total}] ${show(file.path)} -> ${show(target)}${look}\n`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(1, total)) }, worker));
  io.stderr.write(`${written.length} imported, ${failed} failed\n`);
  let code = failed > 0 ? 1 : 0;
  if (flags.build && written.length) {
    const built = await runBuild(written.sort(), { diagnostics: 'stylish', ...(flags.template ? { template: flags.template } : {}), ...(flags.format ? { format: flags.format } : {}) }, io, context);
    code = Math.max(code, built);
  }
  return code;
}
