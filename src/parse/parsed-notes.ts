import type { Diagnostic, Position } from '../diagnostics/message.js';

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
}
