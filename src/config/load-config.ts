/**
 * report.config.yaml: validated by schemas/config.schema.json; relative paths
 * in it resolve against the config file's own folder.
 *
 * Who may set what: a config file is either the operator's (named with
 * --config, or found at or above the working folder) or the notes' (found
 * upward from the notes but below, or outside, the working folder: written by
 * whoever wrote the notes). Keys that reach the file system or a process, or
 * the run's resources, come only from the operator; a notes config that sets
 * one is an error at that key, before anything runs (docs/security.md).
 */
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join, relative, resolve, isAbsolute, sep } from 'node:path';
import { diagnostic, quote, type Diagnostic } from '../diagnostics/message.js';
import type { SourceFile } from '../diagnostics/source-file.js';
import { parseYaml } from '../parse/yaml.js';
import { BUILT_IN_TEMPLATES_DIR } from '../render/template.js';
import { validateAgainstSchema } from '../validate/schema.js';

export const CONFIG_NAMES = ['report.config.yaml', 'report.config.yml'];

export interface WrittenConfig {
  template?: string;
  formats?: Array<'html' | 'pdf' | 'json'>;
  out?: string;
  pageSize?: string;
  language?: string;
  concurrency?: number;
  timeout?: number;
  browser?: string;
  allowRoot?: string;
}

/** `operator`: named with --config or at/above the working folder. `notes`: found among the notes. */
export type ConfigTrust = 'operator' | 'notes';

/**
 * Keys only the operator may set: they name a program to run (`browser`), a folder to read or write (`out`,
 * `allowRoot`, a template folder), or the resources of the run (`concurrency`, `timeout`).
 * `template` is one of them only when it names a folder, not a built-in template.
 */
export const OPERATOR_KEYS: ReadonlySet<string> = new Set(['browser', 'out', 'allowRoot', 'concurrency', 'timeout', 'template']);

export interface LoadedConfig {
  path?: string;
  trust: ConfigTrust;
  /** Values with paths already resolved against the config file's folder. */
  values: WrittenConfig;
  file?: SourceFile;
}

export function isBuiltInTemplateName(value: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(value) && existsSync(join(BUILT_IN_TEMPLATES_DIR, value, 'template.json'));
}

/** The first config file in `startDir` or a folder above it. */
export function findConfig(startDir: string): string | undefined {
  let dir = resolve(startDir);
  for (;;) {
    for (const name of CONFIG_NAMES) {
      const candidate = join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

const realPath = (path: string) => {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
};

/** True when `dir` is `cwd` or a folder above it (compared after resolving symbolic links). */
export function isAtOrAbove(dir: string, cwd: string): boolean {
  const rel = relative(realPath(dir), realPath(cwd));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel) && rel.split(sep)[0] !== '..');
}

export function loadConfig(path: string, displayPath: string, trust: ConfigTrust = 'operator'): LoadedConfig {
  const file: SourceFile = { path, displayPath, messages: [] };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    file.messages.push({ ruleId: 'config-read', severity: 'error', reason: `Cannot read the config file (${(error as NodeJS.ErrnoException).code ?? 'error'})`, fatal: true });
    return { path, trust, values: {}, file };
  }
  const parsed = parseYaml(text);
  file.messages.push(...parsed.messages);
  if (parsed.data === undefined) return { path, trust, values: {}, file };
  const data = parsed.data ?? {};
  const messages: Diagnostic[] = validateAgainstSchema({ ...parsed, data }, 'config');
  file.messages.push(...messages);
  if (file.messages.some((m) => m.severity === 'error')) return { path, trust, values: {}, file };
  const values: WrittenConfig = { ...(data as WrittenConfig) };
  if (trust === 'notes') {
    file.messages.push(...operatorKeysIn(values, (key) => parsed.locate([key], 'key')));
    if (file.messages.some((m) => m.severity === 'error')) return { path, trust, values: {}, file };
    return { path, trust, values, file };
  }
  const base = dirname(path);
  if (values.template && !isBuiltInTemplateName(values.template)) values.template = resolve(base, values.template);
  if (values.out) values.out = resolve(base, values.out);
  if (values.browser) values.browser = resolve(base, values.browser);
  if (values.allowRoot) values.allowRoot = resolve(base, values.allowRoot);
  return { path, trust, values, file };
}

/** An error at each key of a notes config that only the operator may set. */
function operatorKeysIn(values: WrittenConfig, locate: (key: string) => Diagnostic['place']): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const key of Object.keys(values)) {
    if (!OPERATOR_KEYS.has(key)) continue;
    const value = (values as Record<string, unknown>)[key];
    if (key === 'template' && typeof value === 'string' && isBuiltInTemplateName(value)) continue;
    const what = key === 'template' ? `a template folder (${quote(value)})` : `\`${key}\``;
    found.push(
      diagnostic(
        'config-untrusted-key',
        `This config file sits among the notes (below or outside the working folder), so it may not set ${what}: ` +
          'programs, folders and run limits come only from the command line, the environment, a file named with `--config`, ' +
          'or a report.config.yaml at or above the working folder',
        locate(key),
        { fatal: true, note: key === 'template' ? 'a built-in template name (`report templates`) is allowed here' : 'presentation keys (language, pageSize, formats, a built-in template) are allowed here' },
      ),
    );
  }
  return found;
}

export interface ResolvedConfig {
  /** The operator's values, overlaid with the presentation keys of a notes config. */
  values: WrittenConfig;
  /** The files read, nearest the notes first. */
  loaded: LoadedConfig[];
  /** Folder that relative template names in the config resolve against. */
  base: string;
}

/**
 * The config of a run: the file named with --config alone, or else the nearest config found upward from the
 * notes (trusted only if it sits at or above `cwd`) together with the first one at or above `cwd`.
 */
export function resolveConfig(options: { cwd: string; startDir: string; explicit?: string }): ResolvedConfig {
  const { cwd } = options;
  const display = (p: string) => relative(cwd, p) || p;
  if (options.explicit) {
    const loaded = loadConfig(options.explicit, display(options.explicit), 'operator');
    return { values: loaded.values, loaded: [loaded], base: dirname(options.explicit) };
  }
  const nearest = findConfig(realPath(options.startDir));
  const loaded: LoadedConfig[] = [];
  let operator: LoadedConfig | undefined;
  let notes: LoadedConfig | undefined;
  if (nearest && isAtOrAbove(dirname(nearest), cwd)) operator = loadConfig(nearest, display(nearest), 'operator');
  else {
    if (nearest) notes = loadConfig(nearest, display(nearest), 'notes');
    const above = findConfig(realPath(cwd));
    if (above) operator = loadConfig(above, display(above), 'operator');
  }
  if (notes) loaded.push(notes);
  if (operator) loaded.push(operator);
  return { values: { ...operator?.values, ...notes?.values }, loaded, base: operator?.path ? dirname(operator.path) : cwd };
}
