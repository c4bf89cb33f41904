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

/** Every value in the notes with its path, depth first. */
export function* walk(value: unknown, path: (string | number)[] = []): Generator<{ value: unknown; path: (string | number)[] }> {
  yield { value, path };
  if (Array.isArray(value)) for (let i = 0; i < value.length; i++) yield* walk(value[i], [...path, i]);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) yield* walk(v, [...path, k]);
}

export const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
export const asObject = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
export const fieldOf = (path: Path): string =>
  path.reduce<string>((out, s) => (typeof s === 'number' || /^\d+$/.test(String(s)) ? `${out}[${s}]` : out ? `${out}.${s}` : String(s)), '');
