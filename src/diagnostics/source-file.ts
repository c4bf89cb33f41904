import { relative } from 'node:path';
import type { Diagnostic } from './message.js';
import { printable } from './printable-text.js';

/**
 * One notes file as it travels through the pipeline, with the messages
 * collected about it. Reporting is a pure function of a list of these.
 */
export interface SourceFile {
  /** Absolute path. */
  path: string;
  /** Path as shown to the user (relative to the working directory). */
  displayPath: string;
  messages: Diagnostic[];
}

export function hasFatal(file: SourceFile): boolean {
  return file.messages.some((m) => m.fatal);
}

export function hasErrors(file: SourceFile, strict = false): boolean {
  return file.messages.some((m) => m.severity === 'error' || (strict && m.severity === 'warning'));
}

/** Sort by position, errors before warnings at the same place; the notes' own messages before those in files they reference. */
export function sortMessages(messages: Diagnostic[]): Diagnostic[] {
  const rank = { error: 0, warning: 1, info: 2 } as const;
  return [...messages].sort((a, b) => {
    if (a.file !== b.file) return a.file === undefined ? -1 : b.file === undefined ? 1 : a.file < b.file ? -1 : 1;
    const la = a.place?.start.line ?? 0;
    const lb = b.place?.start.line ?? 0;
    if (la !== lb) return la - lb;
    const ca = a.place?.start.column ?? 0;
    const cb = b.place?.start.column ?? 0;
    if (ca !== cb) return ca - cb;
    return rank[a.severity] - rank[b.severity];
  });
}

/**
 * A path as shown in reports: relative to the working directory, with control
 * and bidi characters escaped, so a file name cannot forge lines of the report.
 */
export function displayPathOf(cwd: string, path: string): string {
  const rel = relative(cwd, path) || path;
  return printable(rel);
}
