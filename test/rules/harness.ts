/**
 * Shared set-up for the rule tests: write notes into a temporary folder and run
 * `report validate` in-process (runMain: captured output, NO_COLOR), then split
 * the stylish report into the lines a person reads.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';
import { runMain, tempDir, type CliResult } from '../helpers/cli.js';

/** A file's text from its lines: `text('a', 'b')` is line 1 `a`, line 2 `b`, then a final newline. */
export const text = (...lines: string[]): string => lines.join('\n') + '\n';

/** Markdown notes with the usual front matter (lines 1-4), a blank line 5, then `body` from line 6. */
export const markdown = (...body: string[]): string => text('---', 'title: Workshop', 'date: 2024-06-05', '---', '', ...body);

/** The smallest valid PNG: 1x1, transparent. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

export interface Validation extends CliResult {
  /** The stylish report: each diagnostic line and its `  note:` line, in order (progress and totals left out). */
  report: string[];
  /** `N problems (E errors, W warnings)`, when there were problems. */
  problems?: string;
  /** `V valid, F failed (N files, T s)` with the time replaced by `T`. */
  summary?: string;
}

const PROGRESS = /^[✗✓=] \[\d+\/\d+\] /;
const PROBLEMS = /^\d+ problems? \(\d+ errors?, \d+ warnings?\)$/;
const SUMMARY = /^\d+ valid, \d+ failed \(\d+ files?, [\d.]+ s\)$/;

export function splitStylish(stderr: string): Pick<Validation, 'report' | 'problems' | 'summary'> {
  const out: Pick<Validation, 'report' | 'problems' | 'summary'> = { report: [] };
  for (const line of stderr.split('\n')) {
    if (!line || PROGRESS.test(line)) continue;
    if (PROBLEMS.test(line)) out.problems = line;
    else if (SUMMARY.test(line)) out.summary = line.replace(/[\d.]+ s\)$/, 'T s)');
    else out.report.push(line);
  }
  return out;
}

export interface Workspace {
  /** The temporary folder; it holds an empty report.config.yaml so that no config file further up is used. */
  path: string;
  write(name: string, content: string | Buffer): string;
  /** `report validate <args…>` with the workspace as working directory. */
  run(args: string[]): Promise<Validation>;
  /** Write `name` and run `report validate name <args…>`. */
  validate(name: string, content: string | Buffer, args?: string[]): Promise<Validation>;
}

/** A temporary folder for one test file, removed after its tests. */
export function workspace(): Workspace {
  const dir = tempDir('report-rules-');
  afterAll(() => dir.cleanup());
  const write = (name: string, content: string | Buffer): string => {
    const path = join(dir.path, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
    return path;
  };
  write('report.config.yaml', '{}\n');
  const run = async (args: string[]): Promise<Validation> => {
    const result = await runMain(['validate', ...args], { cwd: dir.path });
    return { ...result, ...splitStylish(result.stderr) };
  };
  return {
    path: dir.path,
    write,
    run,
    validate: async (name, content, args = []) => {
      write(name, content);
      return run([name, ...args]);
    },
  };
}
