/**
 * What a build will write, checked before anything is: no two inputs writing one output, no report or run report
 * replacing an input or the catalogue, and where the catalogue and the site's shared assets go.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { notesFormatOf } from '../parse/index.js';
import type { InputFile } from '../read/expand-inputs.js';
import { outputPath, type OutputFormat } from '../write/output-paths.js';
import { CATALOGUE_FILES } from '../site/catalogue.js';
import { quote } from '../diagnostics/message.js';
import { RunError } from './run-error.js';

export interface OutputPlanRequest {
  inputs: readonly string[];
  files: readonly InputFile[];
  formats: ReadonlySet<OutputFormat>;
  outDir?: string;
  /** `--report`: its resolved path and the path as written. */
  runReport?: { path: string; written: string };
  /** False with `--no-catalogue`. */
  catalogue: boolean;
  htmlAssets?: 'shared' | 'inline';
  validateOnly: boolean;
  cwd: string;
  platform: string;
}

export function planOutputs(plan: OutputPlanRequest): { catalogueDir?: string; sharedAssetsDir?: string } {
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

  // A batch (several files, a folder or a glob) also gets a catalogue, spooled as reports finish.
  const isBatch = plan.files.length > 1 || plan.inputs.some((i) => /[*?]/.test(i) || (existsSync(resolve(plan.cwd, i)) && statSync(resolve(plan.cwd, i)).isDirectory()));
  const catalogueDir = !plan.validateOnly && isBatch && plan.catalogue ? (plan.outDir ?? commonDir(plan.files.map((f) => f.root))) : undefined;
  // An input named index.md or catalogue.md would have its report replaced by the catalogue: refused before
  // anything is written, rather than renamed behind the author's back.
  // (Names compare without case where the file system usually ignores it: `Index.md` writes over `index.html` there.)
  const sameFile = plan.platform === 'darwin' || plan.platform === 'win32' ? (a: string, b: string) => a.toLowerCase() === b.toLowerCase() : (a: string, b: string) => a === b;
  if (catalogueDir) {
    for (const name of CATALOGUE_FILES) {
      const target = resolve(catalogueDir, name);
      for (const file of plan.files) {
        for (const f of plan.formats) {
          if (!sameFile(outputPath(file.path, file.root, plan.outDir, f), target)) continue;
          throw new RunError(
            `${relative(plan.cwd, file.path)} would write ${relative(plan.cwd, target)}, where the catalogue of the batch goes; rename the notes file, or build without a catalogue (--no-catalogue)`,
          );
        }
      }
    }
  }

  // Fonts and CSS once per site, linked by every HTML report (the default for a batch with a catalogue).
  const htmlAssets = plan.htmlAssets ?? (catalogueDir !== undefined ? 'shared' : 'inline');
  const sharedAssetsDir = !plan.validateOnly && htmlAssets === 'shared' && plan.formats.has('html') ? (catalogueDir ?? plan.outDir ?? commonDir(plan.files.map((f) => f.root))) : undefined;

  // Nor does the run report replace a report or the catalogue.
  if (runReportPath && !plan.validateOnly) {
    const outputs = plan.files.flatMap((file) => [...plan.formats].map((f) => outputPath(file.path, file.root, plan.outDir, f)));
    if (catalogueDir) outputs.push(...CATALOGUE_FILES.map((name) => resolve(catalogueDir, name)));
    const clash = outputs.find((out) => sameFile(out, runReportPath));
    if (clash) throw new RunError(`--report ${plan.runReport!.written} would replace the output ${relative(plan.cwd, clash)}; name another file for the run report`);
  }
  return { catalogueDir, sharedAssetsDir };
}

function commonDir(dirs: string[]): string {
  if (dirs.length === 0) return '.';
  let common = dirs[0]!;
  for (const d of dirs) while (!(d === common || d.startsWith(common.endsWith('/') ? common : common + '/'))) common = dirname(common);
  return common;
}

