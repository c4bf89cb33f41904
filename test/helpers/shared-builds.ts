/**
 * Builds shared by the test files of one run: the first file that asks builds (with the real executable, in one
 * batch per template: one browser, pages in parallel), the others wait for it and read the same
 * files. The folder is the run's own (test/global-setup.ts), so nothing is kept from one run to the next.
 */
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';
import { EXAMPLES, runCliAsync, type CliResult } from './cli.js';

const root = () => inject('sharedBuilds');

async function run(args: string[]): Promise<CliResult> {
  const child = runCliAsync(args);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, stdout, stderr };
}

/**
 * Make `name` once per run with `make(folder)` and return its folder: whoever takes the lock builds, the others
 * wait for its result (a failure is reported to every file that asked, with the build's output).
 */
async function once(name: string, make: (folder: string) => Promise<void>): Promise<string> {
  const folder = join(root(), name);
  const done = `${folder}.done`;
  const failed = `${folder}.failed`;
  let lock: number | undefined;
  try {
    lock = openSync(`${folder}.lock`, 'wx');
  } catch {
    // Another file is building it.
  }
  if (lock !== undefined) {
    closeSync(lock);
    mkdirSync(folder, { recursive: true });
    try {
      await make(folder);
      writeFileSync(done, '');
    } catch (error) {
      writeFileSync(failed, String(error instanceof Error ? error.message : error));
      throw error;
    }
  }
  for (;;) {
    if (existsSync(done)) return folder;
    if (existsSync(failed)) throw new Error(`the shared build ${name} failed:\n${readFileSync(failed, 'utf8')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export const TEMPLATES = ['default', 'brief'] as const;
export type Template = (typeof TEMPLATES)[number];
/** The examples: vilnius-2024.md, vilnius-2024.yaml, lille-2025-fr.md, kaunas-2025-lt.md. */
export const EXAMPLE_FILES = readdirSync(EXAMPLES).filter((f) => /\.(md|ya?ml)$/.test(f));

export interface ExampleBuilds {
  /** examples/x.md -> <folder>/md/x.pdf (the .md and .yaml of one example would write the same name). */
  pdf(example: string): string;
  json(example: string): string;
  /** The folder of the examples with this extension. */
  folder(ext: string): string;
}

/**
 * The examples, one folder per extension (the .md and .yaml of one example would write the same name): a copy of
 * examples/ made once per run, which one `report build` takes whole and mirrors in its output.
 */
export function examplesByExtension(): Promise<string> {
  return once('examples-src', async (folder) => {
    for (const example of EXAMPLE_FILES) {
      mkdirSync(join(folder, example.split('.').pop()!), { recursive: true });
      copyFileSync(join(EXAMPLES, example), join(folder, example.split('.').pop()!, example));
    }
  });
}

/**
 * Every example built to PDF and JSON in a template, as `report build <examples> --format pdf,json --template
 * <template> --no-cache --no-catalogue` builds them: one run (one browser) for the examples of every extension.
 */
export async function exampleBuilds(template: Template): Promise<ExampleBuilds> {
  const folder = await once(`examples-${template}`, async (folder) => {
    const result = await run(['build', await examplesByExtension(), '--out', folder, '--format', 'pdf,json', '--template', template, '--no-cache', '--no-catalogue']);
    if (result.code !== 0) throw new Error(`report build exited ${result.code}\n${result.stderr}`);
    for (const example of EXAMPLE_FILES) {
      const pdf = join(folder, example.split('.').pop()!, example.replace(/\.[^.]+$/, '.pdf'));
      if (!existsSync(pdf)) throw new Error(`report build wrote no ${pdf}\n${result.stderr}`);
    }
  });
  const file = (example: string, type: string) => join(folder, example.split('.').pop()!, example.replace(/\.[^.]+$/, `.${type}`));
  return { pdf: (example) => file(example, 'pdf'), json: (example) => file(example, 'json'), folder: (ext) => join(folder, ext) };
}
