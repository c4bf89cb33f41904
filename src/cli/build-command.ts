/**
 * `report build` and `report validate`: resolve the options (build-options.ts), plan the run (build-plan.ts), run
 * its files through the one batch pipeline with the cache, the catalogue and progress, and report (run-summary.ts).
 * The one place that turns results into an exit code.
 */
import { relative } from 'node:path';
import { runBatch, type BatchOptions } from '../batch.js';
import { BuildCache, cacheKey } from '../cache/build-cache.js';
import { printable } from '../diagnostics/printable-text.js';
import { formatReport, type ReportFormat } from '../diagnostics/reporters.js';
import type { SourceFile } from '../diagnostics/source-file.js';
import type { FileResult, PipelineOptions } from '../pipeline.js';
import { BrowserSession, type SessionOptions } from '../print/browser-session.js';
import { fontAssets } from '../render/fonts.js';
import { printerFontCss } from '../render/index.js';
import { BuildCompendium } from '../site/build-compendium.js';
import { CatalogueWriter } from '../site/catalogue.js';
import { removePendingTemporaryFiles } from '../write/atomic-write.js';
import { writeSharedAssets } from '../write/shared-assets-writer.js';
import { resolveBuildOptions, type BuildOptions } from './build-options.js';
import { planBuild, type BuildPlan } from './build-plan.js';
import { colours, type CommandContext } from './command-context.js';
import type { CliIo } from './io.js';
import { createProgress } from './progress.js';
import { RunError } from './run-error.js';
import { reportRun } from './run-summary.js';

export { colours, type CommandContext } from './command-context.js';

export async function runBuild(inputs: string[], flags: Record<string, unknown>, io: CliIo, context: CommandContext): Promise<number> {
  const started = performance.now();
  const diagnosticsFormat = (flags.diagnostics as ReportFormat | undefined) ?? 'stylish';
  const reportProblems = (files: SourceFile[]) => (diagnosticsFormat === 'stylish' ? io.stderr : io.stdout).write(formatReport(diagnosticsFormat, files, { colours: colours(io, 'stderr') }));
  const options = resolveBuildOptions(inputs, flags, io, { validateOnly: context.validateOnly, reportConfigProblems: reportProblems });
  const plan = await planBuild(inputs, flags, options, io, { validateOnly: context.validateOnly, reportProblems });
  const run = await executeBuild(plan, options, flags, io, context);
  const { files, problemFiles, runReportPath } = plan;
  const { results, reported, skipped, catalogueFailed, compendiumFailed } = run;
  const { failed, strictFailed } = await reportRun({ files, problemFiles, results, reported, skipped, started, flags, io, context, diagnosticsFormat, runReportPath });
  return failed > 0 || strictFailed > 0 || catalogueFailed || compendiumFailed ? 1 : 0;
}

/** What the run gives the report: every file's result (without its model) and problems, in the order they finished. */
interface ExecutedBuild {
  results: FileResult[];
  reported: SourceFile[];
  /** Files up to date in the build cache. */
  skipped: number;
  /** The catalogue could not be written: an output of the run that failed, like a report's (exit 1). */
  catalogueFailed: boolean;
  /** `--compendium` could not be printed or written (exit 1). */
  compendiumFailed: boolean;
}

/** Every planned file through `runBatch`: skipped when the cache says it is up to date, else built, then recorded. */
async function executeBuild(plan: BuildPlan, options: BuildOptions, flags: Record<string, unknown>, io: CliIo, context: CommandContext): Promise<ExecutedBuild> {
  const printer = printerFor(plan, options, flags, io);
  const pipeline = pipelineOptionsOf(plan, options, flags, io, context, printer.open);
  const cache = openCache(plan, options, pipeline, flags, io, context);
  const { catalogue, compendium } = siteOutputsOf(plan, options, pipeline, io);
  // Written before the reports that link them, so that no report is ever without its style sheet.
  if (plan.sharedAssetsDir && options.template && plan.files.length > 0) {
    await writeSharedAssets(plan.sharedAssetsDir, options.template).catch((error: Error) => {
      throw new RunError(`Cannot write the reports' shared fonts and CSS: ${error.message}`);
    });
  }
  const progress = createProgress(io, plan.files.length, context.validateOnly, colours(io, 'stderr'));
  const results: FileResult[] = [];
  const reported: SourceFile[] = [...plan.problemFiles];
  const unregister = io.onInterrupt?.(async () => {
    removePendingTemporaryFiles();
    await Promise.all([printer.opened()?.close(), catalogue?.abandon()]);
    // Files that were being written while the browser closed.
    removePendingTemporaryFiles();
  });
  const batch: BatchOptions = {
    parallel: options.concurrency + 2,
    workers: options.workers,
    cpuCount: io.cpuCount,
    budget: { timeoutMs: options.timeoutSeconds * 1000, maxMemoryMb: options.maxMemoryMb },
    keepReport: false,
    failFast: flags.failFast === true,
    skip: cache && !flags.force ? (input) => cache.lookup(input) : undefined,
    onInterrupt: io.onInterrupt,
    early: io.earlyWorker,
  };
  let compendiumFailed = false;
  let site: Promise<boolean> | undefined;
  try {
    await runBatch(plan.files, pipeline, batch, async (event) => {
      if (event.type === 'start') return;
      const { result } = event;
      // Keep what reporting needs; the site's and the compendium's records go to them.
      results.push({ ...result, site: undefined, compendium: undefined });
      reported.push(result.file);
      if (result.status === 'built' && !event.skipped) await cache?.store(event.input, result);
      if (result.status === 'built') await catalogue?.add(result);
      compendium?.add(result);
      progress.fileDone(result, event.skipped);
    });
    // The site is written while the compendium is made (in the run's browser, before it closes), each one's files
    // going to disk while the other works.
    site = finishCatalogue(catalogue, io);
    if (compendium) compendiumFailed = !(await finishCompendium(compendium, io));
  } finally {
    // (a signal while the browser closes waits for this same close, rather than exiting with its profile left)
    await printer.opened()?.close();
    unregister?.();
    progress.finish();
  }
  await refuseUnstartedBrowser(printer.opened(), reported, catalogue);
  return { results, reported, skipped: progress.skipped, catalogueFailed: !(await site), compendiumFailed };
}

/** The archive site's writer and `--compendium`'s, in the language chosen for the run (--language, else the config's). */
function siteOutputsOf(plan: BuildPlan, options: BuildOptions, pipeline: PipelineOptions, io: CliIo): { catalogue?: CatalogueWriter; compendium?: BuildCompendium } {
  const language = options.language ?? options.config.language;
  const catalogue = plan.catalogueDir !== undefined ? new CatalogueWriter(plan.catalogueDir, language ?? 'en') : undefined;
  const compendium =
    plan.compendiumDir !== undefined
      ? new BuildCompendium({ dir: plan.compendiumDir, formats: options.formats, generator: pipeline.generator, pageSize: options.pageSize, edition: pipeline.edition ?? 'public', language, session: pipeline.session, warn: (message) => io.stderr.write(`report: compendium: ${message}\n`) })
      : undefined;
  return { catalogue, compendium };
}

/** Prints and writes `--compendium` and says so; false (and said on stderr) when it cannot. */
async function finishCompendium(compendium: BuildCompendium, io: CliIo): Promise<boolean> {
  const done = await compendium.write();
  if ('failed' in done) {
    io.stderr.write(`report: ${done.failed}\n`);
    return false;
  }
  const names = done.written.map((path) => printable(relative(io.cwd, path) || path)).join(', ');
  io.stderr.write(`compendium: ${done.practices} practice${done.practices === 1 ? '' : 's'} from ${done.events} event${done.events === 1 ? '' : 's'} -> ${names}\n`);
  return true;
}

/** The browser session, started by the pipeline when the first file that needs a PDF is read (never without one). */
function printerFor(plan: BuildPlan, options: BuildOptions, flags: Record<string, unknown>, io: CliIo): { open?: () => BrowserSession; opened: () => BrowserSession | undefined } {
  let session: BrowserSession | undefined;
  const browserPath = plan.browserPath;
  const open = browserPath
    ? () =>
        (session ??= new BrowserSession({
          executablePath: browserPath,
          sandbox: flags.sandbox !== false && !io.isRoot,
          concurrency: options.concurrency,
          timeoutMs: options.timeoutSeconds * 1000,
          assets: fontAssets(),
          sharedCss: printerFontCss(),
          pdfStandard: flags.pdfStandard as SessionOptions['pdfStandard'],
        }))
    : undefined;
  return { open, opened: () => session };
}

/** What every file goes through the pipeline with. */
function pipelineOptionsOf(plan: BuildPlan, options: BuildOptions, flags: Record<string, unknown>, io: CliIo, context: CommandContext, session: PipelineOptions['session']): PipelineOptions {
  return {
    cwd: io.cwd,
    formats: options.formats,
    outDir: options.outDir,
    template: options.template,
    language: options.language,
    defaultLanguage: options.config.language,
    pageSize: options.pageSize,
    pdfStandard: flags.pdfStandard as PipelineOptions['pdfStandard'],
    // (validate checks everything the notes hold, internal or not: images of internal text too)
    edition: flags.edition === 'internal' || context.validateOnly ? 'internal' : 'public',
    strict: flags.strict === true,
    allowedRoot: options.allowedRoot,
    session,
    inputPaths: new Set(plan.files.map((f) => f.path)),
    generator: `report ${context.version}`,
    validateOnly: context.validateOnly,
    sharedAssetsDir: plan.sharedAssetsDir,
    records: { site: plan.catalogueDir !== undefined, compendium: plan.compendiumDir !== undefined },
  };
}

/**
 * The build cache, when the run builds and may use it. Without a key to authenticate its entries (none given, none
 * can be made) the cache is off: built, not trusted.
 */
function openCache(plan: BuildPlan, options: BuildOptions, pipeline: PipelineOptions, flags: Record<string, unknown>, io: CliIo, context: CommandContext): BuildCache | undefined {
  const template = options.template;
  if (context.validateOnly || flags.cache === false || !template) return undefined;
  const secret = cacheKey(io.env);
  if ('missing' in secret) {
    io.stderr.write(`report: the build cache is off: cannot create its key ${secret.missing}; set REPORT_CACHE_KEY, or pass --no-cache\n`);
    return undefined;
  }
  const { formats, pageSize, language, config, allowedRoot } = options;
  return new BuildCache({
    outDir: options.outDir,
    cwd: io.cwd,
    version: `${context.version}+${context.build}`,
    template,
    secret: secret.key,
    records: pipeline.records,
    options: { formats: [...formats].sort(), htmlAssets: plan.sharedAssetsDir ?? null, pageSize, pdfStandard: pipeline.pdfStandard ?? null, edition: pipeline.edition, language: language ?? null, defaultLanguage: config.language ?? null, strict: pipeline.strict, allowedRoot: allowedRoot ?? null },
  });
}

/** A browser that cannot even start is a problem of the run, not of the documents: exit 2. */
async function refuseUnstartedBrowser(session: BrowserSession | undefined, reported: readonly SourceFile[], catalogue: CatalogueWriter | undefined): Promise<void> {
  if (!session || session.launchFailures === 0 || session.launches !== session.launchFailures) return;
  const reason = reported.flatMap((f) => f.messages).find((m) => m.ruleId === 'print-error')?.reason ?? 'the browser could not be started';
  await catalogue?.finish().catch(() => undefined);
  throw new RunError(
    `${reason.replace(/^Printing the PDF failed: /, '')}. Check that it is a working Chrome or Chromium (\`<path> --version\`), ` +
      'or install one (Debian/Ubuntu: `apt-get install -y chromium`) and name it with `--browser <path>`.',
  );
}

/** Writes the archive site; false (and said on stderr) when it cannot be written. */
async function finishCatalogue(catalogue: CatalogueWriter | undefined, io: CliIo): Promise<boolean> {
  try {
    await catalogue?.finish();
    return true;
  } catch (error) {
    io.stderr.write(`report: cannot write the catalogue: ${(error as Error).message}\n`);
    return false;
  }
}
