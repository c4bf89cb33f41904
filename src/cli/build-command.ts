/**
 * `report build` and `report validate`: resolve options, expand inputs, run
 * the batch, report. The one place that turns results into an exit code.
 */
import { resolve } from 'node:path';
import { runBatch } from '../batch.js';
import { diagnostic } from '../diagnostics/message.js';
import { formatReport, type ReportFormat } from '../diagnostics/reporters.js';
import { displayPathOf, type SourceFile } from '../diagnostics/source-file.js';
import type { FileResult, PipelineOptions } from '../pipeline.js';
import { BrowserSession } from '../print/browser-session.js';
import { findBrowser, INSTALL_HINT } from '../print/find-browser.js';
import { expandInputs, shard, type InputFile } from '../read/expand-inputs.js';
import { fontAssets } from '../render/fonts.js';
import { printerFontCss } from '../render/index.js';
import { removePendingTemporaryFiles } from '../write/atomic-write.js';
import { BuildCache, cacheKey } from '../cache/build-cache.js';
import { positiveInteger, resolveBuildOptions } from './build-options.js';
import { planOutputs } from './build-plan.js';
import { CatalogueWriter } from '../site/catalogue.js';
import { writeSharedAssets } from '../write/shared-assets-writer.js';
import type { CliIo } from './io.js';
import { colours, type CommandContext } from './command-context.js';
import { createProgress } from './progress.js';
import { reportRun } from './run-summary.js';
import { RunError } from './run-error.js';

export { colours, type CommandContext } from './command-context.js';

export async function runBuild(inputs: string[], flags: Record<string, unknown>, io: CliIo, context: CommandContext): Promise<number> {
  const started = performance.now();
  const diagnosticsFormat = (flags.diagnostics as ReportFormat | undefined) ?? 'stylish';
  const reportStream = diagnosticsFormat === 'stylish' ? io.stderr : io.stdout;

  const { config, formats, outDir, pageSize, concurrency, timeoutSeconds, maxMemoryMb, language, template, allowedRoot } = resolveBuildOptions(inputs, flags, io, {
    validateOnly: context.validateOnly,
    reportConfigProblems: (files) => reportStream.write(formatReport(diagnosticsFormat, files, { colours: colours(io, 'stderr') })),
  });

  // --- inputs ----------------------------------------------------------------
  const expanded = await expandInputs(inputs, io.cwd);
  let files: InputFile[] = expanded.files;
  if (flags.shard) {
    const match = /^(\d+)\/(\d+)$/.exec(String(flags.shard));
    if (!match || Number(match[1]) < 1 || Number(match[1]) > Number(match[2])) throw new RunError(`Expected --shard as i/n with 1 <= i <= n, like \`2/4\`, not \`${String(flags.shard)}\``);
    files = shard(files, Number(match[1]), Number(match[2]), io.cwd);
  }
  const problemFiles: SourceFile[] = expanded.problems.map((p) => ({
    path: resolve(io.cwd, p.input),
    displayPath: displayPathOf(io.cwd, resolve(io.cwd, p.input)),
    messages: [diagnostic('input', p.reason, undefined, { fatal: true })],
  }));
  if (files.length === 0 && problemFiles.length > 0 && !flags.shard) {
    reportStream.write(formatReport(diagnosticsFormat, problemFiles, { colours: colours(io, 'stderr') }));
    throw new RunError('No notes files to process');
  }

  const runReportPath = flags.report ? resolve(io.cwd, String(flags.report)) : undefined;
  const { catalogueDir, sharedAssetsDir } = planOutputs({
    inputs,
    files,
    formats,
    outDir,
    runReport: runReportPath ? { path: runReportPath, written: String(flags.report) } : undefined,
    catalogue: flags.catalogue !== false,
    htmlAssets: flags.htmlAssets as 'shared' | 'inline' | undefined,
    validateOnly: context.validateOnly,
    cwd: io.cwd,
    platform: io.platform,
  });

  // --- browser (only when a PDF is wanted) --------------------------------
  let session: BrowserSession | undefined;
  let sessionFactory: (() => BrowserSession) | undefined;
  if (!context.validateOnly && formats.has('pdf') && files.length > 0) {
    const found = findBrowser((flags.browser as string | undefined) ? resolve(io.cwd, String(flags.browser)) : config.browser, io.env, io.platform);
    if (!found.path && found.refused?.length) {
      const { path, reason } = found.refused[0]!;
      throw new RunError(`Refusing to run \`${path}\` as the browser: ${reason}. Name a Chrome or Chromium with \`--browser <path>\` (Debian/Ubuntu: /usr/bin/chromium).`);
    }
    if (!found.path) {
      const named = found.rejected.length ? `Not an executable browser: ${found.rejected.join(', ')}. ` : '';
      throw new RunError(named + INSTALL_HINT);
    }
    const browserPath = found.path;
    sessionFactory = () =>
      (session ??= new BrowserSession({
        executablePath: browserPath,
        sandbox: flags.sandbox !== false && !io.isRoot,
        concurrency,
        timeoutMs: timeoutSeconds * 1000,
        assets: fontAssets(),
        sharedCss: printerFontCss(),
      }));
  }

  const pipeline: PipelineOptions = {
    cwd: io.cwd,
    formats,
    outDir,
    template,
    language,
    defaultLanguage: config.language,
    pageSize,
    pdfStandard: flags.pdfStandard as PipelineOptions['pdfStandard'],
    strict: flags.strict === true,
    allowedRoot,
    session: sessionFactory,
    inputPaths: new Set(files.map((f) => f.path)),
    generator: `report ${context.version}`,
    validateOnly: context.validateOnly,
    sharedAssetsDir,
  };

  // Without a key to authenticate its entries (none given, none can be made) the cache is off: built, not trusted.
  const secret = !context.validateOnly && flags.cache !== false && template ? cacheKey(io.env) : undefined;
  if (secret && 'missing' in secret) io.stderr.write(`report: the build cache is off: cannot create its key ${secret.missing}; set REPORT_CACHE_KEY, or pass --no-cache\n`);
  const cacheSecret = secret && 'key' in secret ? secret.key : undefined;
  const cache =
    cacheSecret && template
      ? new BuildCache({
          outDir,
          cwd: io.cwd,
          version: `${context.version}+${context.build}`,
          template,
          secret: cacheSecret,
          options: { formats: [...formats].sort(), htmlAssets: sharedAssetsDir ?? null, pageSize, pdfStandard: pipeline.pdfStandard ?? null, language: language ?? null, defaultLanguage: config.language ?? null, strict: pipeline.strict, allowedRoot: allowedRoot ?? null },
        })
      : undefined;

  const progress = createProgress(io, files.length, context.validateOnly, colours(io, 'stderr'));
  const results: FileResult[] = [];
  const reported: SourceFile[] = [...problemFiles];
  // The catalogue speaks the language chosen for the run (--language, else the config's), English by default.
  const catalogue = catalogueDir !== undefined ? new CatalogueWriter(catalogueDir, language ?? config.language ?? 'en') : undefined;
  // Written before the reports that link them, so that no report is ever without its style sheet.
  if (sharedAssetsDir && template && files.length > 0) {
    await writeSharedAssets(sharedAssetsDir, template).catch((error: Error) => {
      throw new RunError(`Cannot write the reports' shared fonts and CSS: ${error.message}`);
    });
  }
  const unregister = io.onInterrupt?.(async () => {
    removePendingTemporaryFiles();
    await Promise.all([session?.close(), catalogue?.abandon()]);
    // Files that were being written while the browser closed.
    removePendingTemporaryFiles();
  });
  try {
    await runBatch(
      files,
      pipeline,
      {
        parallel: concurrency + 2,
        workers: flags.workers !== undefined ? positiveInteger(flags.workers, '--workers', 16) : 'auto',
        cpuCount: io.cpuCount,
        budget: { timeoutMs: timeoutSeconds * 1000, maxMemoryMb },
        keepReport: cache !== undefined || catalogue !== undefined,
        failFast: flags.failFast === true,
        skip: cache && !flags.force ? (input) => cache.lookup(input) : undefined,
        onInterrupt: io.onInterrupt,
        early: io.earlyWorker,
      },
      async (event) => {
        if (event.type === 'start') return;
        const { result } = event;
        // Keep what reporting needs; drop the model unless the catalogue wants it.
        results.push({ ...result, report: undefined });
        reported.push(result.file);
        if (result.status === 'built' && !event.skipped) await cache?.store(event.input, result);
        if (result.report && result.status === 'built') await catalogue?.add(result);
        progress.fileDone(result, event.skipped);
      },
    );
  } finally {
    // (a signal while the browser closes waits for this same close, rather than exiting with its profile left)
    await session?.close();
    unregister?.();
    progress.finish();
  }

  // A browser that cannot even start is a problem of the run, not of the documents: exit 2.
  if (session && session.launchFailures > 0 && session.launches === session.launchFailures) {
    const reason = reported.flatMap((f) => f.messages).find((m) => m.ruleId === 'print-error')?.reason ?? 'the browser could not be started';
    await catalogue?.finish().catch(() => undefined);
    throw new RunError(
      `${reason.replace(/^Printing the PDF failed: /, '')}. Check that it is a working Chrome or Chromium (\`<path> --version\`), ` +
        'or install one (Debian/Ubuntu: `apt-get install -y chromium`) and name it with `--browser <path>`.',
    );
  }

  // A catalogue that cannot be written is an output of the run that failed, like a report's: exit 1.
  let catalogueFailed = false;
  try {
    await catalogue?.finish();
  } catch (error) {
    catalogueFailed = true;
    io.stderr.write(`report: cannot write the catalogue: ${(error as Error).message}\n`);
  }

  const { failed, strictFailed } = await reportRun({ files, problemFiles, results, reported, skipped: progress.skipped, started, flags, io, context, diagnosticsFormat, runReportPath });
  return failed > 0 || strictFailed > 0 || catalogueFailed ? 1 : 0;
}
