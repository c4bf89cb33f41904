/**
 * report.config.yaml: found upward from the notes (or named with --config),
 * validated by schemas/config.schema.json; relative paths in it resolve
 * against the config file's own folder.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics/message.js';
import type { SourceFile } from '../diagnostics/source-file.js';
import { parseYaml } from '../parse/yaml.js';
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

export interface LoadedConfig {
  path?: string;
  /** Values with paths already resolved against the config file's folder. */
  values: WrittenConfig;
  file?: SourceFile;
}

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

export function loadConfig(path: string, displayPath: string): LoadedConfig {
  const file: SourceFile = { path, displayPath, messages: [] };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    file.messages.push({ ruleId: 'config-read', severity: 'error', reason: `Cannot read the config file (${(error as NodeJS.ErrnoException).code ?? 'error'})`, fatal: true });
    return { path, values: {}, file };
  }
  const parsed = parseYaml(text);
  file.messages.push(...parsed.messages);
  if (parsed.data === undefined) return { path, values: {}, file };
  const data = parsed.data ?? {};
  const messages: Diagnostic[] = validateAgainstSchema({ ...parsed, data }, 'config');
  file.messages.push(...messages);
  if (file.messages.some((m) => m.severity === 'error')) return { path, values: {}, file };
  const values = { ...(data as WrittenConfig) };
  const base = dirname(path);
  const isPathLike = (v: string) => v.startsWith('.') || v.includes('/') || v.includes('\\');
  if (values.template && isPathLike(values.template)) values.template = resolve(base, values.template);
  if (values.out) values.out = resolve(base, values.out);
  if (values.browser) values.browser = resolve(base, values.browser);
  if (values.allowRoot) values.allowRoot = resolve(base, values.allowRoot);
  return { path, values, file };
}
