import type { Diagnostic, Position } from '../../diagnostics/message.js';

export type Path = readonly (string | number)[];

export interface RuleContext {
  /** The written notes; not yet trusted to match the schema, so rules check types. */
  notes: Record<string, unknown>;
  locate: (path: Path, target?: 'value' | 'key') => Position | undefined;
  /** The place of `needle` inside the value at `path` (e.g. one link in a paragraph), else the value's place. */
  locateText: (path: Path, needle: string) => Position | undefined;
}

export interface Rule {
  id: string;
  /** One line for docs/rules.md. */
  description: string;
  check: (context: RuleContext) => Diagnostic[];
}

export type Walked = ReadonlyArray<{ readonly value: unknown; readonly path: readonly (string | number)[] }>;

/** Walks of whole notes, kept while the notes are: every rule walks the same notes. */
const walked = new WeakMap<object, Walked>();

/** Every value in the notes with its path, depth first (the notes are not changed while rules run). */
export function walk(value: unknown, path: (string | number)[] = []): Walked {
  const whole = path.length === 0 && value !== null && typeof value === 'object';
  const known = whole ? walked.get(value) : undefined;
  if (known) return known;
  const out: Array<{ value: unknown; path: (string | number)[] }> = [];
  const visit = (v: unknown, p: (string | number)[]): void => {
    out.push({ value: v, path: p });
    if (Array.isArray(v)) for (let i = 0; i < v.length; i++) visit(v[i], [...p, i]);
    else if (v && typeof v === 'object') for (const [k, child] of Object.entries(v)) visit(child, [...p, k]);
  };
  visit(value, path);
  if (whole) walked.set(value as object, out);
  return out;
}

export const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
export const asObject = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
export const fieldOf = (path: Path): string =>
  path.reduce<string>((out, s) => (typeof s === 'number' || /^\d+$/.test(String(s)) ? `${out}[${s}]` : out ? `${out}.${s}` : String(s)), '');
