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
import { pageGeometry, printReport } from '../print/print-report.js';
import { expandInputs, type InputFile } from '../read/expand-inputs.js';
import { resolveImages } from '../read/images.js';
import { COMPENDIUM_TEMPLATE_DIR, prepareCompendium, type PreparedCompendium } from '../render/compendium.js';
import { fontAssets } from '../render/fonts.js';
import { findImageReferences } from '../render/image-references.js';
import { printerFontCss } from '../render/index.js';
import { practicesCsv, practicesJson } from '../render/practices-table.js';
import { loadTemplate, type CompiledTemplate } from '../render/template.js';
import { removePendingTemporaryFiles, writeAllAtomic, WriteError } from '../write/atomic-write.js';
import { inputProblemFiles } from './build-plan.js';
import { colours } from './command-context.js';
import type { CliIo } from './io.js';
import { RunError } from './run-error.js';

export const COMPENDIUM_FORMATS = ['html', 'pdf', 'json', 'csv'] as const;
type CompendiumFormat = (typeof COMPENDIUM_FORMATS)[number];
const FILE_NAMES: Record<CompendiumFormat, string> = { html: 'compendium.html', pdf: 'compendium.pdf', json: 'practices.json', csv: 'practices.csv' };

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

function parseFormats(value: string): Set<CompendiumFormat> {
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
  const prepared = prepareCompendium(compendium, { title: flags.title, language: flags.language, pageSize: options.pageSize, generator, template, edition: options.edition });
  const contents = new Map<CompendiumFormat, string | Uint8Array>();
  if (options.formats.has('html')) contents.set('html', prepared.html());
  if (options.formats.has('json')) contents.set('json', practicesJson(compendium, generator));
  if (options.formats.has('csv')) contents.set('csv', practicesCsv(compendium));
  // (No output can be an input: notes end in .md or .yaml, the compendium's files do not.)
  const outputs = [...options.formats].map((f) => [f, resolve(options.outDir, FILE_NAMES[f])] as const);
  const written = await printAndWrite(options, { compendium, prepared, template, generator, contents, outputs }, io);
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

interface CompendiumDocuments {
  compendium: Compendium;
  prepared: PreparedCompendium;
  template: CompiledTemplate;
  generator: string;
  /** Every format's content but the PDF's, which `printAndWrite` adds. */
  contents: Map<CompendiumFormat, string | Uint8Array>;
  outputs: ReadonlyArray<readonly [CompendiumFormat, string]>;
}

/** Prints the PDF (when wanted) and writes every output, all or nothing; false (said on stderr) when either fails. */
async function printAndWrite(options: CompendiumOptions, documents: CompendiumDocuments, io: CliIo): Promise<boolean> {
  let session: BrowserSession | undefined;
  const unregister = io.onInterrupt?.(async () => {
    removePendingTemporaryFiles();
    await session?.close();
  });
  try {
    if (options.formats.has('pdf')) {
      session = compendiumPrinter(options, documents.compendium, io);
      const pdf = await printCompendium(session, options, documents, io);
      if (!pdf) return false;
      documents.contents.set('pdf', pdf);
    }
    try {
      await writeAllAtomic(documents.outputs.map(([f, path]) => [path, documents.contents.get(f)!] as const));
      return true;
    } catch (error) {
      io.stderr.write(`report: ${printable(error instanceof WriteError ? error.message : `cannot write the compendium: ${String((error as Error).message)}`)}\n`);
      return false;
    }
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
    // One document of every practice: by default the time limit grows with it (a thousand events' practices
    // make a PDF of over a thousand pages, printed more than once to check the contents' page numbers).
    timeoutMs: (options.timeoutSeconds ?? Math.min(3600, Math.max(120, Math.ceil(30 + compendium.practices.length * 0.5)))) * 1000,
    assets: fontAssets(),
    sharedCss: printerFontCss(),
  });
}

/** The compendium's PDF, or undefined when printing failed (said on stderr). */
async function printCompendium(session: BrowserSession, options: CompendiumOptions, documents: CompendiumDocuments, io: CliIo): Promise<Uint8Array | undefined> {
  const { prepared, compendium, template, generator } = documents;
  try {
    const printed = await printReport(session, {
      render: (pages) => prepared.printHtml(pages),
      anchors: prepared.anchors,
      geometry: pageGeometry(template.css, options.pageSize),
      pageSize: options.pageSize,
      metadata: { title: prepared.title, subject: prepared.subject, keywords: compendium.topics.map((t) => t.title), creator: generator },
    });
    if (!printed.verified) io.stderr.write('report: the contents page numbers kept moving between prints; check them in the PDF\n');
    return printed.pdf;
  } catch (error) {
    io.stderr.write(`report: printing the compendium failed: ${printable(String((error as Error)?.message ?? error).split('\n')[0]!)}\n`);
    return undefined;
  }
}
