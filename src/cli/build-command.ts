/**
 * `report build` and `report validate`: resolve options, expand inputs, run
 * the batch, report. The one place that turns results into an exit code.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { Chalk } from 'chalk';
import { runBatch } from '../batch.js';
import { resolveConfig, type WrittenConfig } from '../config/load-config.js';
import { diagnostic, quote } from '../diagnostics/message.js';
import { formatReport, toJsonMessage, type Colours, type ReportFormat } from '../diagnostics/reporters.js';
import { printable } from '../diagnostics/printable-text.js';
import { displayPathOf, type SourceFile } from '../diagnostics/source-file.js';
import { notesFormatOf } from '../parse/index.js';
import type { FileResult, PipelineOptions } from '../pipeline.js';
import { BrowserSession } from '../print/browser-session.js';
import { findBrowser, INSTALL_HINT } from '../print/find-browser.js';
import { expandInputs, shard, type InputFile } from '../read/expand-inputs.js';
import { fontAssets } from '../render/fonts.js';
import { printerFontCss } from '../render/index.js';
import { BUILT_IN_TEMPLATES_DIR, loadTemplate, TemplateError, type CompiledTemplate } from '../render/template.js';
import { removePendingTemporaryFiles, writeAtomic } from '../write/atomic-write.js';
import { outputPath, type OutputFormat } from '../write/output-paths.js';
import { DEFAULT_MAX_MEMORY_MB, DEFAULT_TIMEOUT_SECONDS, MIN_MEMORY_MB } from '../file-budget.js';
import { BuildCache, cacheKey } from './build-cache.js';
import { CATALOGUE_FILES, CatalogueWriter } from './catalogue.js';
import { writeSharedAssets } from './shared-assets-writer.js';
import type { CliIo } from './io.js';
import { createProgress } from './progress.js';
import { RunError } from './run-error.js';

export interface CommandContext {
  validateOnly: boolean;
  version: string;
  /** The build's identity: with the version, what the build cache knows the tool by. */
  build: string;
}

export function colours(io: CliIo, stream: 'stdout' | 'stderr'): Colours {
  const env = io.env;
  let level: 0 | 1 | 2 | 3 = io[stream].isTTY ? 2 : 0;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') level = 0;
  if (env.FORCE_COLOR !== undefined) level = env.FORCE_COLOR === '0' || env.FORCE_COLOR === 'false' ? 0 : env.FORCE_COLOR === '' ? 1 : (Math.min(3, Math.max(1, Number(env.FORCE_COLOR) || 1)) as 1 | 2 | 3);
  const chalk = new Chalk({ level });
  return { red: chalk.red, yellow: chalk.yellow, blue: chalk.blue, dim: chalk.dim, bold: chalk.bold, green: chalk.green };
}

function parseFormats(value: unknown): Set<OutputFormat> {
  const list = Array.isArray(value) ? value.map(String) : String(value).split(',');
  const formats = new Set<OutputFormat>();
  for (const raw of list) {
    const f = raw.trim().toLowerCase();
    if (!f) continue;
    if (f !== 'html' && f !== 'pdf' && f !== 'json') throw new RunError(`Unknown output format \`${raw}\`; expected html, pdf or json`);
    formats.add(f);
  }
  if (formats.size === 0) throw new RunError('Expected at least one output format: html, pdf or json');
  return formats;
}

/** A flag's whole number from `min` to `max` (an empty value is not 0). */
function wholeNumber(value: unknown, name: string, max: number, min = 0): number {
  const n = Number(value);
  if (String(value).trim() === '' || !Number.isInteger(n) || n < min || n > max) throw new RunError(`Expected ${name} to be a whole number from ${min} to ${max}, not \`${String(value)}\``);
  return n;
}

const positiveInteger = (value: unknown, name: string, max: number) => wholeNumber(value, name, max, 1);

/**
 * Pages printing at once: one more than the cores, so that a core never waits while a page is between steps
 * (its report being swapped in, its PDF read back and checked), and at most 4.
 */
function defaultConcurrency(cpuCount: number): number {
  return Math.max(1, Math.min(4, cpuCount + 1));
}

function resolveTemplate(value: string | undefined, base: string): CompiledTemplate {
  let dir: string;
  if (!value) dir = resolve(BUILT_IN_TEMPLATES_DIR, 'default');
  else if (existsSync(resolve(BUILT_IN_TEMPLATES_DIR, value, 'template.json')) && !value.includes('/') && !value.includes('\\')) dir = resolve(BUILT_IN_TEMPLATES_DIR, value);
  else dir = resolve(base, value);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new RunError(`Template \`${value}\` is neither a built-in template (see \`report templates\`) nor a folder`);
  try {
    return loadTemplate(dir);
  } catch (error) {
    if (error instanceof TemplateError) {
      const d = error.diagnostics[0]!;
      const where = d.place ? `${relative(base, error.file)}:${d.place.start.line}:${d.place.start.column}` : relative(base, error.file);
      throw new RunError(`${where} error ${d.reason} [${d.ruleId}]`);
    }
    throw error;
  }
}

export async function runBuild(inputs: string[], flags: Record<string, unknown>, io: CliIo, context: CommandContext): Promise<number> {
  const started = performance.now();
  const diagnosticsFormat = (flags.diagnostics as ReportFormat | undefined) ?? 'stylish';
  const reportStream = diagnosticsFormat === 'stylish' ? io.stderr : io.stdout;

  // --- config: defaults < config file < flags ----------------------------
  const firstInputDir = inputs[0] && !/[*?]/.test(inputs[0]) ? resolve(io.cwd, inputs[0]) : io.cwd;
  if (flags.config && !existsSync(resolve(io.cwd, String(flags.config)))) throw new RunError(`The config file ${String(flags.config)} does not exist`);
  const resolvedConfig = resolveConfig({
    cwd: io.cwd,
    startDir: existsSync(firstInputDir) && statSync(firstInputDir).isDirectory() ? firstInputDir : dirname(firstInputDir),
    explicit: flags.config ? resolve(io.cwd, String(flags.config)) : undefined,
  });
  const configFiles = resolvedConfig.loaded.flatMap((l) => (l.file ? [l.file] : []));
  if (configFiles.some((f) => f.messages.some((m) => m.severity === 'error'))) {
    reportStream.write(formatReport(diagnosticsFormat, configFiles.filter((f) => f.messages.length > 0), { colours: colours(io, 'stderr') }));
    throw new RunError('The config file has errors; fix them and run again');
  }
  const config: WrittenConfig = resolvedConfig.values;

  const formats = parseFormats(flags.format ?? config.formats ?? 'html,pdf');
  const outDir = flags.out ? resolve(io.cwd, String(flags.out)) : config.out;
  const pageSizeRaw = String(flags.pageSize ?? config.pageSize ?? 'A4').toLowerCase();
  const pageSize = pageSizeRaw === 'letter' ? 'Letter' : 'A4';
  const concurrency = flags.concurrency !== undefined ? positiveInteger(flags.concurrency, '--concurrency', 32) : (config.concurrency ?? defaultConcurrency(io.cpuCount));
  const timeoutSeconds = flags.timeout !== undefined ? positiveInteger(flags.timeout, '--timeout', 3600) : (config.timeout ?? DEFAULT_TIMEOUT_SECONDS);
  const maxMemoryMb = flags.maxMemory !== undefined ? wholeNumber(flags.maxMemory, '--max-memory', 65_536, MIN_MEMORY_MB) : DEFAULT_MAX_MEMORY_MB;
  const language = flags.language as string | undefined;
  for (const [tag, where] of [
    [language, '--language'],
    [config.language, '`language` in the config file'],
  ] as const) {
    if (!tag) continue;
    try {
      Intl.getCanonicalLocales(tag);
    } catch {
      throw new RunError(`Expected ${where} to be a language tag like \`fr\` or \`lt\`, not \`${tag}\``);
    }
  }
  const templateValue = (flags.template as string | undefined) ?? config.template;
  const template = context.validateOnly ? undefined : resolveTemplate(templateValue, flags.template ? io.cwd : resolvedConfig.base);
  const allowedRoot = flags.allowRoot ? resolve(io.cwd, String(flags.allowRoot)) : config.allowRoot;

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

  // Two inputs that would write the same output: refused before anything is printed.
  if (!context.validateOnly) {
    const owners = new Map<string, string>();
    for (const file of files) {
      for (const f of formats) {
        const out = outputPath(file.path, file.root, outDir, f);
        const other = owners.get(out);
        if (other) throw new RunError(`${relative(io.cwd, other)} and ${relative(io.cwd, file.path)} would both write ${relative(io.cwd, out)}; give them different names or folders`);
        owners.set(out, file.path);
      }
    }
  }

  // The run report is JSON of the tool's own: it never replaces an input, nor takes a name notes could have.
  const runReportPath = flags.report ? resolve(io.cwd, String(flags.report)) : undefined;
  if (runReportPath) {
    const input = files.find((f) => f.path === runReportPath);
    if (input) throw new RunError(`--report ${String(flags.report)} would replace the input ${relative(io.cwd, input.path)}; name a .json file that is not an input`);
    if (notesFormatOf(runReportPath)) throw new RunError(`Expected --report to name a file like \`run.json\`, not one with a notes file's extension: ${quote(String(flags.report))}`);
  }

  // A batch (several files, a folder or a glob) also gets a catalogue, spooled as reports finish.
  const isBatch = files.length > 1 || inputs.some((i) => /[*?]/.test(i) || (existsSync(resolve(io.cwd, i)) && statSync(resolve(io.cwd, i)).isDirectory()));
  const catalogueDir = !context.validateOnly && isBatch && flags.catalogue !== false ? (outDir ?? commonDir(files.map((f) => f.root))) : undefined;
  // An input named index.md or catalogue.md would have its report replaced by the catalogue: refused before
  // anything is written, rather than renamed behind the author's back.
  // (Names compare without case where the file system usually ignores it: `Index.md` writes over `index.html` there.)
  const sameFile = io.platform === 'darwin' || io.platform === 'win32' ? (a: string, b: string) => a.toLowerCase() === b.toLowerCase() : (a: string, b: string) => a === b;
  if (catalogueDir) {
    for (const name of CATALOGUE_FILES) {
      const target = resolve(catalogueDir, name);
      for (const file of files) {
        for (const f of formats) {
          if (!sameFile(outputPath(file.path, file.root, outDir, f), target)) continue;
          throw new RunError(
            `${relative(io.cwd, file.path)} would write ${relative(io.cwd, target)}, where the catalogue of the batch goes; rename the notes file, or build without a catalogue (--no-catalogue)`,
          );
        }
      }
    }
  }

  // Fonts and CSS once per site, linked by every HTML report (the default for a batch with a catalogue).
  const htmlAssets = (flags.htmlAssets as 'shared' | 'inline' | undefined) ?? (catalogueDir !== undefined ? 'shared' : 'inline');
  const sharedAssetsDir = !context.validateOnly && htmlAssets === 'shared' && formats.has('html') ? (catalogueDir ?? outDir ?? commonDir(files.map((f) => f.root))) : undefined;

  // Nor does the run report replace a report or the catalogue.
  if (runReportPath && !context.validateOnly) {
    const outputs = files.flatMap((file) => [...formats].map((f) => outputPath(file.path, file.root, outDir, f)));
    if (catalogueDir) outputs.push(...CATALOGUE_FILES.map((name) => resolve(catalogueDir, name)));
    const clash = outputs.find((out) => sameFile(out, runReportPath));
    if (clash) throw new RunError(`--report ${String(flags.report)} would replace the output ${relative(io.cwd, clash)}; name another file for the run report`);
  }

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

  // --- report ---------------------------------------------------------------
  const failed = results.filter((r) => r.status === 'failed').length + problemFiles.length;
  const strictFailed = flags.strict === true ? reported.filter((f) => f.messages.some((m) => m.severity === 'warning')).length : 0;
  // Reports follow the order of the inputs, not the order in which files finished.
  const order = new Map(files.map((f, i) => [f.path, i]));
  reported.sort((a, b) => (order.get(a.path) ?? -1) - (order.get(b.path) ?? -1));
  results.sort((a, b) => (order.get(a.file.path) ?? -1) - (order.get(b.file.path) ?? -1));
  const text = formatReport(diagnosticsFormat, reported, {
    colours: colours(io, diagnosticsFormat === 'stylish' ? 'stderr' : 'stdout'),
    quiet: flags.quiet === true,
    strict: flags.strict === true,
  });
  reportStream.write(text);
  const seconds = (performance.now() - started) / 1000;
  const built = results.filter((r) => r.status === 'built').length;
  const valid = results.filter((r) => r.status === 'valid').length;
  const skipped = progress.skipped;
  if (diagnosticsFormat === 'stylish') {
    const c = colours(io, 'stderr');
    const what = context.validateOnly ? `${valid} valid` : `${built - skipped} built, ${skipped} up to date`;
    const summary = `${what}, ${failed} failed (${files.length + problemFiles.length} file${files.length + problemFiles.length === 1 ? '' : 's'}, ${seconds.toFixed(1)} s)`;
    io.stderr.write((failed ? c.red : c.green)(summary) + '\n');
    if (failed > 1 && !context.validateOnly) {
      io.stderr.write(c.bold('Failed:') + '\n' + reported.filter((f) => f.messages.some((m) => m.fatal || m.severity === 'error')).map((f) => `  ${printable(f.displayPath)}`).join('\n') + '\n');
    }
  }

  if (flags.report) {
    const runReport = {
      tool: `report ${context.version}`,
      seconds: Math.round(seconds * 1000) / 1000,
      totals: { files: files.length + problemFiles.length, built: built - skipped, skipped, failed },
      files: [
        ...problemFiles.map((f) => ({ path: f.displayPath, status: 'failed', outputs: {}, timings: {}, diagnostics: f.messages.map(toJsonMessage) })),
        ...results.map((r) => ({
          path: r.file.displayPath,
          status: r.status === 'built' && r.timings.cached ? 'skipped' : r.status,
          outputs: Object.fromEntries(Object.entries(r.outputs).map(([k, v]) => [k, relative(io.cwd, v!)])),
          timings: r.timings,
          ...(r.pdfPasses ? { pdfPasses: r.pdfPasses } : {}),
          // A skipped file's messages are those of the build that wrote its outputs, replayed from the cache.
          diagnostics: r.file.messages.map((m) => (r.timings.cached ? { ...toJsonMessage(m), fromCache: true } : toJsonMessage(m))),
        })),
      ],
    };
    await writeAtomic(runReportPath!, JSON.stringify(runReport, null, 2) + '\n');
  }

  return failed > 0 || strictFailed > 0 || catalogueFailed ? 1 : 0;
}

function commonDir(dirs: string[]): string {
  if (dirs.length === 0) return '.';
  let common = dirs[0]!;
  for (const d of dirs) while (!(d === common || d.startsWith(common.endsWith('/') ? common : common + '/'))) common = dirname(common);
  return common;
}

