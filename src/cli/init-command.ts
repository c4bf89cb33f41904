import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { scaffoldNotes } from '../model/scaffold.js';
import { writeAtomic } from '../write/atomic-write.js';
import type { CliIo } from './io.js';

export async function runInit(file: string | undefined, options: { yaml?: boolean; force?: boolean }, io: CliIo): Promise<number> {
  const format = options.yaml || /\.ya?ml$/i.test(file ?? '') ? 'yaml' : 'markdown';
  const target = resolve(io.cwd, file ?? (format === 'yaml' ? 'notes.yaml' : 'notes.md'));
  if (existsSync(target) && !options.force) {
    io.stderr.write(`report: ${relative(io.cwd, target)} already exists; use --force to overwrite it\n`);
    return 2;
  }
  const today = new Date().toISOString().slice(0, 10);
  try {
    await writeAtomic(target, scaffoldNotes(format, today));
  } catch (error) {
    io.stderr.write(`report: ${(error as Error).message}\n`);
    return 2;
  }
  io.stdout.write(`Wrote ${relative(io.cwd, target)}: fill in every TODO, then run \`report build ${relative(io.cwd, target)}\`\n`);
  return 0;
}
