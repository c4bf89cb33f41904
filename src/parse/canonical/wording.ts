/** Small helpers for the canonical step's values and messages. */
import type { NotesPath } from './rewrite.js';

export type Json = Record<string, unknown>;

/** A plain mapping (not a list, a date or null). */
export const isMapping = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date);

/** The end of every note that names a canonical form. */
export const FILL_DOCS = 'or run `report fix` to write it so';

/** A path for messages: `practices.topics[0].practices[1]`. */
export function fieldOf(path: NotesPath): string {
  return path.map((p, i) => (typeof p === 'number' || /^\d+$/.test(String(p)) ? `[${p}]` : i ? `.${p}` : String(p))).join('');
}

/** A path for messages: `highlights.themes[0].speakers`. */
export function canonName(canon: NotesPath): string {
  return fieldOf(canon) || 'the notes';
}

/** A small mapping as YAML writes it on one line: `{ city: Vilnius, country: Lithuania }`. */
export function flow(value: Json): string {
  return `{ ${Object.entries(value).map(([k, v]) => `${k}: ${String(v)}`).join(', ')} }`;
}

