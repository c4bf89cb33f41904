/**
 * JSON Schema validation of written notes, compiled once per process, with
 * ajv's errors turned into messages a person understands and placed where
 * the value was written.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { diagnostic, quote, type Diagnostic } from '../diagnostics/message.js';
import { didYouMean } from '../diagnostics/suggest.js';
import { suggestKey } from '../parse/canonical/keys.js';
import { packagePath } from '../package-root.js';
import type { ParsedNotes } from '../parse/parsed-notes.js';

export const SCHEMA_IDS = {
  event: 'https://report.tools/schemas/1.0/event.schema.json',
  practice: 'https://report.tools/schemas/1.0/practice.schema.json',
  config: 'https://report.tools/schemas/1.0/config.schema.json',
} as const;

export type SchemaName = keyof typeof SCHEMA_IDS;

export function readSchema(name: SchemaName): Record<string, unknown> {
  return JSON.parse(readFileSync(packagePath('schemas', `${name}.schema.json`), 'utf8')) as Record<string, unknown>;
}

/** A strict ajv that knows our annotation keywords (`standalone`: keeps the code, for precompiling). */
export function createAjv(standalone = false): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: true, verbose: true, allowUnionTypes: false, ...(standalone ? { code: { source: true } } : {}) });
  const addFormats = addFormatsModule as unknown as (a: Ajv2020) => void;
  addFormats(ajv);
  ajv.addKeyword({ keyword: 'x-expected', schemaType: 'string' });
  ajv.addKeyword({ keyword: 'x-unknownKeySeverity', schemaType: 'string' });
  ajv.addSchema(readSchema('practice'));
  ajv.addSchema(readSchema('event'));
  ajv.addSchema(readSchema('config'));
  return ajv;
}

let compiled: Record<SchemaName, ValidateFunction> | undefined;

/** A digest of the schema files, which precompiled validators must carry to be used. */
export function schemasDigest(): string {
  const hash = createHash('sha256');
  for (const name of Object.keys(SCHEMA_IDS) as SchemaName[]) hash.update(readFileSync(packagePath('schemas', `${name}.schema.json`)));
  return hash.digest('hex');
}

/** Where the build writes the validators precompiled from the schemas (see scripts/bundle.mjs). */
export const PRECOMPILED_VALIDATORS = ['dist', 'validate', 'precompiled-validators.cjs'] as const;

/**
 * The validators the build precompiled, when they were compiled from these
 * very schemas: compiling them at run time (~0.1-0.3 s) would sit on the way
 * to the first report of every run.
 */
function precompiled(): Record<SchemaName, ValidateFunction> | undefined {
  try {
    const module = createRequire(import.meta.url)(packagePath(...PRECOMPILED_VALIDATORS)) as Record<string, unknown>;
    if (module.digest !== schemasDigest()) return undefined;
    return { event: module.event, practice: module.practice, config: module.config } as Record<SchemaName, ValidateFunction>;
  } catch {
    return undefined;
  }
}

/** Schemas are compiled once per process (or once per build), not per file. */
function validators(): Record<SchemaName, ValidateFunction> {
  if (!compiled) {
    compiled = precompiled();
    if (!compiled) {
      const ajv = createAjv();
      compiled = {
        event: ajv.getSchema(SCHEMA_IDS.event)!,
        practice: ajv.getSchema(SCHEMA_IDS.practice)!,
        config: ajv.getSchema(SCHEMA_IDS.config)!,
      };
    }
  }
  return compiled;
}

export function validateAgainstSchema(parsed: ParsedNotes, name: SchemaName = 'event'): Diagnostic[] {
  const validate = validators()[name];
  if (validate(parsed.data)) return [];
  return (validate.errors ?? []).map((error) => toDiagnostic(error, parsed));
}

function splitPointer(pointer: string): string[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** `highlights/themes/0/title` -> `highlights.themes[0].title`. */
export function fieldName(path: readonly string[]): string {
  let out = '';
  for (const segment of path) {
    if (/^\d+$/.test(segment)) out += `[${segment}]`;
    else out += out ? `.${segment}` : segment;
  }
  return out || 'the notes';
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return 'text';
  return `a ${typeof value}`;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: '`true` or `false`',
  object: 'a mapping of keys to values',
  array: 'a list',
  null: 'empty',
};

function toDiagnostic(error: ErrorObject, parsed: ParsedNotes): Diagnostic {
  const path = splitPointer(error.instancePath);
  const field = fieldName(path);
  const parentSchema = (error.parentSchema ?? {}) as Record<string, unknown>;
  const expected = parentSchema['x-expected'] as string | undefined;
  const at = (p: readonly string[], target: 'value' | 'key' = 'value') => parsed.locate(p, target) ?? parsed.locate([]);
  switch (error.keyword) {
    case 'required': {
      const missing = (error.params as { missingProperty: string }).missingProperty;
      const properties = (parentSchema.properties ?? {}) as Record<string, { description?: string }>;
      const about = properties[missing]?.description;
      const where = path.length ? ` in ${quote(field)}` : '';
      return diagnostic('required', `Expected ${quote(missing)}${where}, but it is missing`, at(path), about ? { note: `${quote(missing)}: ${lowerFirst(about)}` } : {});
    }
    case 'additionalProperties': {
      const key = (error.params as { additionalProperty: string }).additionalProperty;
      const known = Object.keys((parentSchema.properties ?? {}) as object);
      const guess = suggestKey(key, path, known);
      const severity = parentSchema['x-unknownKeySeverity'] === 'warning' ? 'warning' : 'error';
      const where = path.length ? `in ${quote(field)}` : 'at the top level';
      return diagnostic('unknown-key', `Unknown key ${quote(key)} ${where}${severity === 'warning' ? '; it is ignored' : ''}`, at([...path, key], 'key'), {
        severity,
        note: guess ? `Did you mean ${quote(guess)}?` : `Expected one of ${known.filter((k) => k !== '$schema').map((k) => '`' + k + '`').join(', ')}`,
      });
    }
    case 'type': {
      const want = (error.params as { type: string | string[] }).type;
      const words = (Array.isArray(want) ? want : [want]).map((t) => TYPE_WORDS[t] ?? t).join(' or ');
      if (error.data === null) return diagnostic('type', `Expected ${quote(field)} to be ${expected ?? words}, not empty`, at(path));
      return diagnostic('type', `Expected ${quote(field)} to be ${expected ?? words}, not ${describeType(error.data)} ${quote(error.data)}`, at(path));
    }
    case 'pattern':
    case 'format':
      return diagnostic(
        parentSchema['x-expected'] && String(parentSchema.pattern ?? '').startsWith('^(https') ? 'url' : error.keyword === 'pattern' ? 'pattern' : 'format',
        `Expected ${quote(field)} to be ${expected ?? `in the form ${quote((error.params as { pattern?: string; format?: string }).pattern ?? (error.params as { format?: string }).format)}`}, not ${quote(error.data)}`,
        at(path),
      );
    case 'minLength': {
      const limit = (error.params as { limit: number }).limit;
      if (typeof error.data === 'string' && error.data.length > 0) {
        return diagnostic('too-short', `Expected ${quote(field)} to be at least ${limit} characters long, not ${quote(error.data)}`, at(path));
      }
      return diagnostic('empty-value', `Expected ${quote(field)} to be ${expected ?? 'filled in'}, not empty`, at(path));
    }
    case 'enum': {
      const allowed = (error.params as { allowedValues: unknown[] }).allowedValues.map(String);
      const guess = typeof error.data === 'string' ? didYouMean(error.data, allowed) : undefined;
      return diagnostic('enum', `Expected ${quote(field)} to be one of ${allowed.map((a) => '`' + a + '`').join(', ')}, not ${quote(error.data)}`, at(path), {
        ...(guess ? { note: `Did you mean ${quote(guess)}?` } : {}),
      });
    }
    default:
      return diagnostic('schema', `${quote(field)} is not valid: ${error.message ?? error.keyword}`, at(path));
  }
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
