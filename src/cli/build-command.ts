/**
 * `report build` and `report validate`: resolve options, expand inputs, run
 * the batch, report. The one place that turns results into an exit code.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { Chalk } from 'chalk';
import { runBatch } from '../batch.js';
import { findConfig, loadConfig, type WrittenConfig } from '../config/load-config.js';
import { diagnostic } from '../diagnostics/message.js';
import { formatReport, toJsonMessage, type Colours, type ReportFormat } from '../diagnostics/reporters.js';
import { displayPathOf, type SourceFile } from '../diagnostics/source-file.js';
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
import { BuildCache } from './build-cache.js';
import { CatalogueWriter } from './catalogue.js';
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
  const configPath = flags.config
    ? resolve(io.cwd, String(flags.config))
    : findConfig(existsSync(firstInputDir) && statSync(firstInputDir).isDirectory() ? firstInputDir : dirname(firstInputDir));
  let config: WrittenConfig = {};
  if (configPath) {
    if (flags.config && !existsSync(configPath)) throw new RunError(`The config file ${String(flags.config)} does not exist`);
    const loaded = loadConfig(configPath, relative(io.cwd, configPath) || configPath);
    if (loaded.file && loaded.file.messages.some((m) => m.severity === 'error')) {
      reportStream.write(formatReport(diagnosticsFormat, [loaded.file], { colours: colours(io, 'stderr') }));
      throw new RunError('The config file has errors; fix them and run again');
    }
    config = loaded.values;
  }

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
  const template = context.validateOnly ? undefined : resolveTemplate(templateValue, flags.template ? io.cwd : configPath ? dirname(configPath) : io.cwd);
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

  // --- browser (only when a PDF is wanted) --------------------------------
  let session: BrowserSession | undefined;
  let sessionFactory: (() => BrowserSession) | undefined;
  if (!context.validateOnly && formats.has('pdf') && files.length > 0) {
    const found = findBrowser((flags.browser as string | undefined) ? resolve(io.cwd, String(flags.browser)) : config.browser, io.env, io.platform);
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
    strict: flags.strict === true,
    allowedRoot,
    session: sessionFactory,
    inputPaths: new Set(files.map((f) => f.path)),
    generator: `report ${context.version}`,
    validateOnly: context.validateOnly,
  };

  const cache =
    !context.validateOnly && flags.cache !== false && template
      ? new BuildCache({ outDir, cwd: io.cwd, version: `${context.version}+${context.build}`, template, options: { formats: [...formats].sort(), pageSize, language: language ?? null, defaultLanguage: config.language ?? null, strict: pipeline.strict } })
      : undefined;

  const progress = createProgress(io, files.length, context.validateOnly, colours(io, 'stderr'));
  const results: FileResult[] = [];
  const reported: SourceFile[] = [...problemFiles];
  // A batch (several files, a folder or a glob) also gets a catalogue, spooled as reports finish.
  const isBatch = files.length > 1 || inputs.some((i) => /[*?]/.test(i) || (existsSync(resolve(io.cwd, i)) && statSync(resolve(io.cwd, i)).isDirectory()));
  const catalogue =
    !context.validateOnly && isBatch && flags.catalogue !== false ? new CatalogueWriter(outDir ?? commonDir(files.map((f) => f.root))) : undefined;
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
    unregister?.();
    await session?.close();
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

  try {
    await catalogue?.finish();
  } catch (error) {
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
      io.stderr.write(c.bold('Failed:') + '\n' + reported.filter((f) => f.messages.some((m) => m.fatal || m.severity === 'error')).map((f) => `  ${f.displayPath}`).join('\n') + '\n');
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
          diagnostics: r.file.messages.map(toJsonMessage),
        })),
      ],
    };
    await writeAtomic(resolve(io.cwd, String(flags.report)), JSON.stringify(runReport, null, 2) + '\n');
  }

  return failed > 0 || strictFailed > 0 ? 1 : 0;
}

function commonDir(dirs: string[]): string {
  if (dirs.length === 0) return '.';
  let common = dirs[0]!;
  for (const d of dirs) while (!(d === common || d.startsWith(common.endsWith('/') ? common : common + '/'))) common = dirname(common);
  return common;
}

