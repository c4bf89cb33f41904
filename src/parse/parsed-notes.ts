import type { Diagnostic, Position } from '../diagnostics/message.js';
import { rangeAt } from '../diagnostics/position.js';
import type { Placement } from './placement.js';
import type { Rewrite } from './canonical/rewrite.js';

/** A path into the notes, like an ajv `instancePath` split on `/`. */
export type PathKey = string;

export const pathKey = (path: readonly (string | number)[]): PathKey => path.map(String).join('/');

/** The result of parsing one notes file, whatever its format. */
export interface ParsedNotes {
  /** The written notes (`EventNotes` shape, not yet validated); undefined after a fatal problem. */
  data: unknown;
  messages: Diagnostic[];
  /** The text of the file the user edits, for placing diagnostics precisely. */
  text?: string;
  /** Where a value (or its key) was written, for pointing diagnostics at it. */
  locate: (path: readonly (string | number)[], target?: 'value' | 'key') => Position | undefined;
  /** Where the Markdown reader put each block of the notes, and why (Markdown notes only). */
  placements?: Placement[];
  /** How the written notes were made canonical (src/parse/canonical), for `report fix`. */
  rewrites?: Rewrite[];
  /** Edits of a Markdown body that write what the reader read the way Markdown writes it, for `report fix`. */
  edits?: TextEdit[];
}

/**
 * One edit of the notes' text: `text` instead of what stands between the offsets `start` and `end` (a line of
 * its own read as a heading written as `## Heading`, a pasted `•` as `-`); `rule`: the message it resolves.
 */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
  rule: string;
}

/**
 * The place of `needle` inside the value at `path` (one link or image in a
 * paragraph), or the value's own place when it cannot be found there (for
 * instance a needle folded across lines in YAML).
 */
export function locateText(parsed: ParsedNotes, path: readonly (string | number)[], needle: string): Position | undefined {
  const place = parsed.locate(path);
  const from = place?.start.offset;
  if (!parsed.text || from === undefined || !needle) return place;
  const at = parsed.text.indexOf(needle, from);
  const end = place?.end?.offset ?? from;
  return at >= 0 && at + needle.length <= Math.max(end, from + needle.length) ? rangeAt(parsed.text, at, at + needle.length) : place;
}
