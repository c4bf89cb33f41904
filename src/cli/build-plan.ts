/**
 * The plan of a build, made before anything is written: the files the inputs give (and the inputs that give none),
 * the shard, what the run will write, checked (no two inputs writing one output, no report or run report replacing
 * an input or the catalogue), where the catalogue and the site's shared assets go, and the browser to print with.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import type { WrittenConfig } from '../config/load-config.js';
import { diagnostic, quote } from '../diagnostics/message.js';
import { displayPathOf, type SourceFile } from '../diagnostics/source-file.js';
import { notesFormatOf } from '../parse/index.js';
import { findBrowser, INSTALL_HINT } from '../print/find-browser.js';
import { expandInputs, shard, type ExpandResult, type InputFile } from '../read/expand-inputs.js';
import { CATALOGUE_FILES } from '../site/catalogue.js';
import { COMPENDIUM_FILE_NAMES } from '../site/compendium-output.js';
import { outputPath, type OutputFormat } from '../write/output-paths.js';
import type { BuildOptions } from './build-options.js';
import type { CliIo } from './io.js';
import { RunError } from './run-error.js';

export interface BuildPlan {
  files: InputFile[];
  /** Inputs that gave no file (a pattern matching nothing, an unreadable folder), each as a file with its problem. */
  problemFiles: SourceFile[];
  catalogueDir?: string;
  sharedAssetsDir?: string;
  /** `--compendium`: where the compendium's files go (the site's folder). */
  compendiumDir?: string;
  /** `--report`, resolved. */
  runReportPath?: string;
  /** The browser to print with, when the run prints. */
  browserPath?: string;
}

/** `reportProblems`: prints the inputs' problems when they leave nothing to process (the run then stops, exit 2). */
export async function planBuild(
  inputs: readonly string[],
  flags: Record<string, unknown>,
  options: BuildOptions,
  io: CliIo,
  how: { validateOnly: boolean; reportProblems: (files: SourceFile[]) => void },
): Promise<BuildPlan> {
  const { files, problemFiles } = await filesOfInputs(inputs, flags.shard, io);
  if (files.length === 0 && problemFiles.length > 0 && !flags.shard) {
    how.reportProblems(problemFiles);
    throw new RunError('No notes files to process');
  }
  const runReportPath = flags.report ? resolve(io.cwd, String(flags.report)) : undefined;
  const { catalogueDir, sharedAssetsDir, compendiumDir } = planOutputs({
    inputs,
    files,
    formats: options.formats,
    outDir: options.outDir,
    runReport: runReportPath ? { path: runReportPath, written: String(flags.report) } : undefined,
    catalogue: flags.catalogue !== false,
    compendium: flags.compendium === true,
    htmlAssets: flags.htmlAssets as 'shared' | 'inline' | undefined,
    validateOnly: how.validateOnly,
    cwd: io.cwd,
    platform: io.platform,
  });
  const prints = !how.validateOnly && options.formats.has('pdf') && files.length > 0;
  const browserPath = prints ? browserToPrintWith(flags.browser as string | undefined, options.config, io) : undefined;
  return { files, problemFiles, catalogueDir, sharedAssetsDir, compendiumDir, runReportPath, browserPath };
}

/** The inputs expanded (`--shard` keeps its share), and those that gave no file, as files with an `input` error. */
async function filesOfInputs(inputs: readonly string[], shardFlag: unknown, io: CliIo): Promise<{ files: InputFile[]; problemFiles: SourceFile[] }> {
  const expanded = await expandInputs(inputs, io.cwd);
  let files: InputFile[] = expanded.files;
  if (shardFlag) {
    const match = /^(\d+)\/(\d+)$/.exec(String(shardFlag));
    if (!match || Number(match[1]) < 1 || Number(match[1]) > Number(match[2])) throw new RunError(`Expected --shard as i/n with 1 <= i <= n, like \`2/4\`, not \`${String(shardFlag)}\``);
    files = shard(files, Number(match[1]), Number(match[2]), io.cwd);
  }
  return { files, problemFiles: inputProblemFiles(expanded.problems, io.cwd) };
}

/** Inputs that gave no file, each as a file with an `input` error, as every command reports them. */
export function inputProblemFiles(problems: ExpandResult['problems'], cwd: string): SourceFile[] {
  return problems.map((p) => ({
    path: resolve(cwd, p.input),
    displayPath: displayPathOf(cwd, resolve(cwd, p.input)),
    messages: [diagnostic('input', p.reason, undefined, { fatal: true })],
  }));
}

/** `--browser`, else the config's, else one found where browsers are installed; none that will do is a `RunError`. */
function browserToPrintWith(flag: string | undefined, config: WrittenConfig, io: CliIo): string {
  const found = findBrowser(flag ? resolve(io.cwd, String(flag)) : config.browser, io.env, io.platform);
  if (!found.path && found.refused?.length) {
    const { path, reason } = found.refused[0]!;
    throw new RunError(`Refusing to run \`${path}\` as the browser: ${reason}. Name a Chrome or Chromium with \`--browser <path>\` (Debian/Ubuntu: /usr/bin/chromium).`);
  }
  if (!found.path) {
    const named = found.rejected.length ? `Not an executable browser: ${found.rejected.join(', ')}. ` : '';
    throw new RunError(named + INSTALL_HINT);
  }
  return found.path;
}

export interface OutputPlanRequest {
  inputs: readonly string[];
  files: readonly InputFile[];
  formats: ReadonlySet<OutputFormat>;
  outDir?: string;
  /** `--report`: its resolved path and the path as written. */
  runReport?: { path: string; written: string };
  /** False with `--no-catalogue`. */
  catalogue: boolean;
  /** `--compendium`. */
  compendium?: boolean;
  htmlAssets?: 'shared' | 'inline';
  validateOnly: boolean;
  cwd: string;
  platform: string;
}

export function planOutputs(plan: OutputPlanRequest): { catalogueDir?: string; sharedAssetsDir?: string; compendiumDir?: string } {
  const runReportPath = plan.runReport?.path;
  // Two inputs that would write the same output: refused before anything is printed.
  if (!plan.validateOnly) {
    const owners = new Map<string, string>();
    for (const file of plan.files) {
      for (const f of plan.formats) {
        const out = outputPath(file.path, file.root, plan.outDir, f);
        const other = owners.get(out);
        if (other) throw new RunError(`${relative(plan.cwd, other)} and ${relative(plan.cwd, file.path)} would both write ${relative(plan.cwd, out)}; give them different names or folders`);
        owners.set(out, file.path);
      }
    }
  }

  // The run report is JSON of the tool's own: it never replaces an input, nor takes a name notes could have.
  if (runReportPath) {
    const input = plan.files.find((f) => f.path === runReportPath);
    if (input) throw new RunError(`--report ${plan.runReport!.written} would replace the input ${relative(plan.cwd, input.path)}; name a .json file that is not an input`);
    if (notesFormatOf(runReportPath)) throw new RunError(`Expected --report to name a file like \`run.json\`, not one with a notes file's extension: ${quote(plan.runReport!.written)}`);
  }

  // A batch (several files, a folder or a glob) also gets a catalogue, filed as reports finish.
  const isBatch = plan.files.length > 1 || plan.inputs.some((i) => /[*?]/.test(i) || (existsSync(resolve(plan.cwd, i)) && statSync(resolve(plan.cwd, i)).isDirectory()));
  const catalogueDir = !plan.validateOnly && isBatch && plan.catalogue ? (plan.outDir ?? commonDir(plan.files.map((f) => f.root))) : undefined;
  // The compendium goes beside the site (or where the site would go).
  const compendiumDir = !plan.validateOnly && plan.compendium ? (catalogueDir ?? plan.outDir ?? commonDir(plan.files.map((f) => f.root))) : undefined;
  // An input named index.md or catalogue.md would have its report replaced by the catalogue: refused before
  // anything is written, rather than renamed behind the author's back.
  // (Names compare without case where the file system usually ignores it: `Index.md` writes over `index.html` there.)
  const sameFile = plan.platform === 'darwin' || plan.platform === 'win32' ? (a: string, b: string) => a.toLowerCase() === b.toLowerCase() : (a: string, b: string) => a === b;
  const reserved = [
    ...(catalogueDir ? CATALOGUE_FILES.map((name) => [resolve(catalogueDir, name), 'the catalogue of the batch', 'build without a catalogue (--no-catalogue)'] as const) : []),
    ...(compendiumDir ? Object.values(COMPENDIUM_FILE_NAMES).map((name) => [resolve(compendiumDir, name), 'the compendium', 'build without --compendium'] as const) : []),
  ];
  for (const [target, what, instead] of reserved) {
    for (const file of plan.files) {
      for (const f of plan.formats) {
        if (!sameFile(outputPath(file.path, file.root, plan.outDir, f), target)) continue;
        throw new RunError(`${relative(plan.cwd, file.path)} would write ${relative(plan.cwd, target)}, where ${what} goes; rename the notes file, or ${instead}`);
      }
    }
  }

  // Fonts and CSS once per site, linked by every HTML report (the default for a batch with a catalogue).
  const htmlAssets = plan.htmlAssets ?? (catalogueDir !== undefined ? 'shared' : 'inline');
  const sharedAssetsDir = !plan.validateOnly && htmlAssets === 'shared' && plan.formats.has('html') ? (catalogueDir ?? plan.outDir ?? commonDir(plan.files.map((f) => f.root))) : undefined;

  // Nor does the run report replace a report or the catalogue.
  if (runReportPath && !plan.validateOnly) {
    const outputs = plan.files.flatMap((file) => [...plan.formats].map((f) => outputPath(file.path, file.root, plan.outDir, f)));
    outputs.push(...reserved.map(([target]) => target));
    const clash = outputs.find((out) => sameFile(out, runReportPath));
    if (clash) throw new RunError(`--report ${plan.runReport!.written} would replace the output ${relative(plan.cwd, clash)}; name another file for the run report`);
  }
  return { catalogueDir, sharedAssetsDir, compendiumDir };
}

function commonDir(dirs: string[]): string {
  if (dirs.length === 0) return '.';
  let common = dirs[0]!;
  for (const d of dirs) while (!(d === common || d.startsWith(common.endsWith('/') ? common : common + '/'))) common = dirname(common);
  return common;
}

