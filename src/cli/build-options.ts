/**
 * The options of `report build` and `report validate`, resolved once: defaults < config file < flags (docs/config.md),
 * every value checked, paths resolved against the file or the folder that gave them. Pure but for reading the config
 * file and the template; a value that cannot be used is a `RunError` (exit 2).
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { resolveConfig, type WrittenConfig } from '../config/load-config.js';
import type { SourceFile } from '../diagnostics/source-file.js';
import { DEFAULT_MAX_MEMORY_MB, DEFAULT_TIMEOUT_SECONDS, MIN_MEMORY_MB } from '../file-budget.js';
import { BUILT_IN_TEMPLATES_DIR, loadTemplate, TemplateError, type CompiledTemplate } from '../render/template.js';
import type { OutputFormat } from '../write/output-paths.js';
import type { CliIo } from './io.js';
import { RunError } from './run-error.js';

export interface BuildOptions {
  config: WrittenConfig;
  formats: Set<OutputFormat>;
  outDir?: string;
  pageSize: 'A4' | 'Letter';
  concurrency: number;
  timeoutSeconds: number;
  maxMemoryMb: number;
  language?: string;
  /** Absent when only validating. */
  template?: CompiledTemplate;
  allowedRoot?: string;
  /** `--workers`, or `auto` (src/batch.ts picks from the batch). */
  workers: number | 'auto';
}

export function resolveBuildOptions(
  inputs: readonly string[],
  flags: Record<string, unknown>,
  io: CliIo,
  how: { validateOnly: boolean; reportConfigProblems: (files: SourceFile[]) => void },
): BuildOptions {
  const firstInputDir = inputs[0] && !/[*?]/.test(inputs[0]) ? resolve(io.cwd, inputs[0]) : io.cwd;
  if (flags.config && !existsSync(resolve(io.cwd, String(flags.config)))) throw new RunError(`The config file ${String(flags.config)} does not exist`);
  const resolvedConfig = resolveConfig({
    cwd: io.cwd,
    startDir: existsSync(firstInputDir) && statSync(firstInputDir).isDirectory() ? firstInputDir : dirname(firstInputDir),
    explicit: flags.config ? resolve(io.cwd, String(flags.config)) : undefined,
  });
  const configFiles = resolvedConfig.loaded.flatMap((l) => (l.file ? [l.file] : []));
  if (configFiles.some((f) => f.messages.some((m) => m.severity === 'error'))) {
    how.reportConfigProblems(configFiles.filter((f) => f.messages.length > 0));
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
  const template = how.validateOnly ? undefined : resolveTemplate(templateValue, flags.template ? io.cwd : resolvedConfig.base);
  const allowedRoot = flags.allowRoot ? resolve(io.cwd, String(flags.allowRoot)) : config.allowRoot;
  const workers = flags.workers !== undefined ? positiveInteger(flags.workers, '--workers', 16) : 'auto';

  return { config, formats, outDir, pageSize, concurrency, timeoutSeconds, maxMemoryMb, language, template, allowedRoot, workers };
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
export function wholeNumber(value: unknown, name: string, max: number, min = 0): number {
  const n = Number(value);
  if (String(value).trim() === '' || !Number.isInteger(n) || n < min || n > max) throw new RunError(`Expected ${name} to be a whole number from ${min} to ${max}, not \`${String(value)}\``);
  return n;
}

export const positiveInteger = (value: unknown, name: string, max: number) => wholeNumber(value, name, max, 1);

/**
 * Pages printing at once: one more than the cores, so that a core never waits while a page is between steps
 * (its report being swapped in, its PDF read back and checked), and at most 4.
 */
function defaultConcurrency(cpuCount: number): number {
  return Math.max(1, Math.min(4, cpuCount + 1));
}

/** A built-in template by name, or a template folder relative to `base`; `fresh` reads it again (the preview watches it). */
export function resolveTemplate(value: string | undefined, base: string, fresh = false): CompiledTemplate {
  let dir: string;
  if (!value) dir = resolve(BUILT_IN_TEMPLATES_DIR, 'default');
  else if (existsSync(resolve(BUILT_IN_TEMPLATES_DIR, value, 'template.json')) && !value.includes('/') && !value.includes('\\')) dir = resolve(BUILT_IN_TEMPLATES_DIR, value);
  else dir = resolve(base, value);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new RunError(`Template \`${value}\` is neither a built-in template (see \`report templates\`) nor a folder`);
  try {
    return loadTemplate(dir, { fresh });
  } catch (error) {
    if (error instanceof TemplateError) {
      const d = error.diagnostics[0]!;
      const where = d.place ? `${relative(base, error.file)}:${d.place.start.line}:${d.place.start.column}` : relative(base, error.file);
      throw new RunError(`${where} error ${d.reason} [${d.ruleId}]`);
    }
    throw error;
  }
}

