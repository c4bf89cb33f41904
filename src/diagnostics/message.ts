/**
 * A problem found in one file, in the shape of vfile-message: a reason, a
 * place in the file the user edits, a severity and a rule id. Document
 * problems never throw; they are collected on the `SourceFile` they concern.
 */

export interface Point {
  /** 1-based line. */
  line: number;
  /** 1-based column, in characters. */
  column: number;
  /** 0-based offset into the file's text. */
  offset?: number;
}

export interface Position {
  start: Point;
  end?: Point;
  /**
   * The file this place is in, as shown to the user, when it is not the notes file itself (a practice file the
   * notes reference, see src/read/practice-refs.ts). A message placed here is reported in that file.
   */
  file?: string;
}

export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  /** Human-readable message: what was expected and the actual value in backticks. */
  reason: string;
  /** Stable rule id, documented in docs/rules.md. */
  ruleId: string;
  severity: Severity;
  /** Absent only when the problem concerns the file as a whole (e.g. it cannot be read). */
  place?: Position;
  /** A suggested fix, e.g. "did you mean `highlights`?". */
  note?: string;
  /** True when the file cannot go on to later stages. */
  fatal?: boolean;
  /**
   * The file the place is in, as shown to the user, when it is not the notes file the message is collected on
   * (a practice file the notes reference). Absent: the notes file itself.
   */
  file?: string;
}

export function diagnostic(
  ruleId: string,
  reason: string,
  place: Position | undefined,
  options: { severity?: Severity; note?: string; fatal?: boolean; file?: string } = {},
): Diagnostic {
  const d: Diagnostic = { ruleId, reason, severity: options.severity ?? 'error' };
  if (place) d.place = place;
  if (options.note) d.note = options.note;
  if (options.fatal) d.fatal = true;
  const file = options.file ?? place?.file;
  if (file !== undefined) d.file = file;
  return d;
}

/** Quote a value for a message: `value`, shortened when long. */
export function quote(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (value === null || value === undefined || typeof value === 'number') text = String(value);
  else {
    try {
      text = JSON.stringify(value);
    } catch {
      text = String(value);
    }
  }
  text = text.replace(/\s+/g, ' ');
  if (text.length > 60) text = text.slice(0, 57) + '…';
  return '`' + text.replace(/`/g, "'") + '`';
}
