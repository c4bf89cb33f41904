/**
 * `report compendium <inputs...>`: every good practice of the events given (written in their notes, or in
 * practice files they reference), each once, with the events where it was presented, as one HTML and PDF
 * document grouped by topic and country (compendium.html, compendium.pdf) and as data for a good-practice
 * database (practices.json, practices.csv). Each event goes through the pipeline's checks exactly as in
 * `report validate`; a file that fails is reported and left out, and the run exits 1.
 */
import { relative, resolve } from 'node:path';
import { printable } from '../diagnostics/printable-text.js';
import { formatReport } from '../diagnostics/reporters.js';
import { displayPathOf, type SourceFile } from '../diagnostics/source-file.js';
import { gatherPractices, type Compendium, type CompendiumInput } from '../model/compendium.js';
import { processFile, type FileResult } from '../pipeline.js';
import { BrowserSession } from '../print/browser-session.js';
import { findBrowser, INSTALL_HINT } from '../print/find-browser.js';
import { expandInputs, type InputFile } from '../read/expand-inputs.js';
import { resolveImages } from '../read/images.js';
import { COMPENDIUM_TEMPLATE_DIR } from '../render/compendium.js';
import { fontAssets } from '../render/fonts.js';
import { findImageReferences } from '../render/image-references.js';
import { printerFontCss } from '../render/index.js';
import { loadTemplate, type CompiledTemplate } from '../render/template.js';
import { COMPENDIUM_FORMATS, compendiumPaths, compendiumTimeLimitMs, writeCompendium, type CompendiumFormat } from '../site/compendium-output.js';
import { removePendingTemporaryFiles } from '../write/atomic-write.js';
import { inputProblemFiles } from './build-plan.js';
import { colours } from './command-context.js';
import type { CliIo } from './io.js';
import { RunError } from './run-error.js';

export { COMPENDIUM_FORMATS };

export interface CompendiumFlags {
  out?: string;
  format?: string;
  title?: string;
  language?: string;
  pageSize?: string;
  edition?: string;
  allowRoot?: string;
  browser?: string;
  sandbox?: boolean;
  timeout?: string;
}

export function parseFormats(value: string): Set<CompendiumFormat> {
  const formats = new Set<CompendiumFormat>();
  for (const raw of value.split(',')) {
    const f = raw.trim().toLowerCase();
    if (!f) continue;
    if (!(COMPENDIUM_FORMATS as readonly string[]).includes(f)) throw new RunError(`Unknown output format \`${raw}\`; expected html, pdf, json or csv`);
    formats.add(f as CompendiumFormat);
  }
  if (formats.size === 0) throw new RunError('Expected at least one output format: html, pdf, json or csv');
  return formats;
}

export async function runCompendium(inputs: string[], flags: CompendiumFlags, io: CliIo, generator: string): Promise<number> {
  const started = performance.now();
  const options = resolveCompendiumOptions(flags, io);
  const { files, reported, failed: inputsFailed } = await compendiumInputs(inputs, io);
  const template = loadTemplate(COMPENDIUM_TEMPLATE_DIR);
  const { gathered, failed: eventsFailed } = await checkEvents(files, options, { template, generator, io, reported });
  io.stderr.write(formatReport('stylish', reported.filter((f) => f.messages.length > 0), { colours: colours(io, 'stderr') }));
  const compendium = gatherPractices(gathered);

  // --- render, print, write (all or nothing) -------------------------------
  const outputs = compendiumPaths(options.outDir, options.formats);
  const written = await printAndWrite(options, compendium, { template, generator, title: flags.title }, io);
  if (!written) return 1;

  const failed = inputsFailed + eventsFailed;
  const c = colours(io, 'stderr');
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const count = compendium.practices.length;
  const names = outputs.map(([, path]) => printable(relative(io.cwd, path) || path)).join(', ');
  io.stderr.write(
    (failed ? c.red : c.green)(
      `${count} practice${count === 1 ? '' : 's'} from ${gathered.length} event${gathered.length === 1 ? '' : 's'}${failed ? `, ${failed} file${failed === 1 ? '' : 's'} failed and left out` : ''} -> ${names} (${seconds} s)`,
    ) + '\n',
  );
  return failed ? 1 : 0;
}

/** The compendium's options from its flags: formats, folder, paper, time limit and image root, each checked. */
interface CompendiumOptions {
  formats: Set<CompendiumFormat>;
  outDir: string;
  pageSize: 'A4' | 'Letter';
  edition: 'public' | 'internal';
  /** `--timeout` in seconds, when given. */
  timeoutSeconds?: number;
  allowedRoot?: string;
  language?: string;
  browser?: string;
  sandbox: boolean;
}

function resolveCompendiumOptions(flags: CompendiumFlags, io: CliIo): CompendiumOptions {
  const formats = parseFormats(flags.format ?? 'html,pdf,json,csv');
  const outDir = resolve(io.cwd, flags.out ?? '.');
  const pageSize = String(flags.pageSize ?? 'A4').toLowerCase() === 'letter' ? 'Letter' : 'A4';
  const timeoutSeconds = flags.timeout !== undefined ? Number(flags.timeout) : undefined;
  if (timeoutSeconds !== undefined && (!Number.isInteger(timeoutSeconds) || timeoutSeconds < 1 || timeoutSeconds > 3600)) throw new RunError(`Expected --timeout to be a whole number from 1 to 3600, not \`${String(flags.timeout)}\``);
  const allowedRoot = flags.allowRoot ? resolve(io.cwd, flags.allowRoot) : undefined;
  const browser = flags.browser ? resolve(io.cwd, flags.browser) : undefined;
  const edition = flags.edition === 'internal' ? 'internal' : 'public';
  return { formats, outDir, pageSize, edition, timeoutSeconds, allowedRoot, language: flags.language, browser, sandbox: flags.sandbox !== false && !io.isRoot };
}

/** The inputs' files, and the inputs that gave none as failed files; none at all stops the run (exit 2). */
async function compendiumInputs(inputs: string[], io: CliIo): Promise<{ files: InputFile[]; reported: SourceFile[]; failed: number }> {
  const { files, problems } = await expandInputs(inputs, io.cwd);
  const reported = inputProblemFiles(problems, io.cwd);
  if (files.length === 0) {
    io.stderr.write(formatReport('stylish', reported, { colours: colours(io, 'stderr') }));
    throw new RunError('No notes files to gather practices from');
  }
  return { files, reported, failed: problems.length };
}

/** Every event, checked as `report validate` checks it; a valid one gives its practices (and their images). */
async function checkEvents(
  files: readonly InputFile[],
  options: CompendiumOptions,
  run: { template: CompiledTemplate; generator: string; io: CliIo; reported: SourceFile[] },
): Promise<{ gathered: CompendiumInput[]; failed: number }> {
  const { allowedRoot, pageSize } = options;
  const inputPaths = new Set(files.map((f) => f.path));
  const gathered: CompendiumInput[] = [];
  let failed = 0;
  for (const input of files) {
    const pipeline = { cwd: run.io.cwd, formats: new Set<never>(), template: run.template, language: options.language, pageSize, edition: options.edition, strict: false, allowedRoot, inputPaths, generator: run.generator };
    const result: FileResult = await processFile(input, { ...pipeline, validateOnly: true, syncIo: true });
    run.reported.push(result.file);
    if (result.status === 'failed' || !result.report) {
      failed++;
      continue;
    }
    const report = result.report;
    // The practices' images, embedded from where the event's notes name them (already checked by the pipeline).
    const references = findImageReferences(report).filter((r) => r.path[0] === 'practices');
    const images = references.length ? (await resolveImages(references, input.path, () => undefined, { allowedRoot })).dataUrls : new Map<string, string>();
    gathered.push({
      report,
      notes: result.file.displayPath,
      practiceFiles: new Map((result.practiceSources ?? []).map((s) => [`${s.topic}/${s.practice}`, displayPathOf(run.io.cwd, s.path)])),
      images,
    });
  }
  return { gathered, failed };
}

/** Prints the PDF (when wanted) and writes every output, all or nothing; false (said on stderr) when either fails. */
async function printAndWrite(options: CompendiumOptions, compendium: Compendium, run: { template: CompiledTemplate; generator: string; title?: string }, io: CliIo): Promise<boolean> {
  let session: BrowserSession | undefined;
  const unregister = io.onInterrupt?.(async () => {
    removePendingTemporaryFiles();
    await session?.close();
  });
  try {
    // (no browser to print with is a problem of the run: exit 2, before anything is rendered)
    if (options.formats.has('pdf')) session = compendiumPrinter(options, compendium, io);
    const done = await writeCompendium(compendium, {
      dir: options.outDir,
      formats: options.formats,
      ...run,
      pageSize: options.pageSize,
      edition: options.edition,
      language: options.language,
      session: () => session!,
      warn: (message) => io.stderr.write(`report: ${message}\n`),
    });
    if ('failed' in done) io.stderr.write(`report: ${done.failed}\n`);
    return 'written' in done;
  } finally {
    await session?.close();
    unregister?.();
  }
}

function compendiumPrinter(options: CompendiumOptions, compendium: Compendium, io: CliIo): BrowserSession {
  const found = findBrowser(options.browser, io.env, io.platform);
  if (!found.path) throw new RunError(found.refused?.length ? `Refusing to run \`${found.refused[0]!.path}\` as the browser: ${found.refused[0]!.reason}` : INSTALL_HINT);
  return new BrowserSession({
    executablePath: found.path,
    sandbox: options.sandbox,
    concurrency: 1,
    timeoutMs: compendiumTimeLimitMs(compendium, options.timeoutSeconds),
    assets: fontAssets(),
    sharedCss: printerFontCss(),
  });
}
