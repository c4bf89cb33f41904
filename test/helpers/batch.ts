/**
 * Several cases built in one `report build` (one process, one browser for all their PDFs) instead of a run each:
 * each case's status is read from the run report (`--report`), so that a case fails its own test only. The build
 * is made the first time a test asks for it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, type CliResult } from './cli.js';

export interface Batch {
  /** The status of the file `notes` (its path, or its end after a `/`) in the run report: `built` when it was. */
  status(notes: string): string | undefined;
  /** The exit code and output of the run, to explain a status. */
  output(): string;
}

/** `report build <args> --report <reportFile>`, run once, on first use. */
export function batchBuild(args: string[], reportFile: string, options: { cwd?: string } = {}): Batch {
  let result: { run: CliResult; files: Array<{ path: string; status: string }> } | undefined;
  const made = () => {
    if (!result) {
      const run = runCli(['build', ...args, '--report', reportFile], options);
      const path = options.cwd ? join(options.cwd, reportFile) : reportFile;
      const files = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as { files: Array<{ path: string; status: string }> }).files : [];
      result = { run, files };
    }
    return result;
  };
  return {
    status: (notes) => made().files.find((f) => f.path === notes || f.path.endsWith(`/${notes}`))?.status,
    output: () => `exit ${made().run.code}\n${made().run.stderr}`,
  };
}
