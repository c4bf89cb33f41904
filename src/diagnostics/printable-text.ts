/**
 * Text from notes and file names, made safe to print: a terminal must not receive escape sequences (colours,
 * cursor moves, window titles, hyperlinks) or invisible reordering from a file it reports on, and a report line
 * must not be split into forged lines. Every reporter and the CLI's own lines print through `printable`.
 */
import { escapeHtml } from '../escape-html.js';

/**
 * C0 controls except tab, DEL, C1 controls, line and paragraph separators, and the bidirectional controls
 * (embeddings, overrides, isolates, the marks LRM, RLM and ALM).
 */
const UNPRINTABLE = /[\u0000-\u0008\u000A-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;

const escaped = (ch: string) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** `text` with every unprintable character written as a visible `\uXXXX` (a newline too: one field, one line). */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, escaped);
}

/** Serialised JSON with the same characters as JSON escapes: the same data once parsed, nothing raw on a terminal. */
export function printableJson(json: string): string {
  return json.replace(UNPRINTABLE, (ch) => (ch === '\n' ? ch : escaped(ch)));
}

/**
 * Characters XML 1.0 does not allow (`Char` production): C0 controls but tab, newline and carriage return, lone
 * surrogates, U+FFFE and U+FFFF. No escape can stand for them, so they are replaced.
 */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text for an XML attribute or element: printable, then XML-valid (U+FFFD for what XML cannot hold), escaped. */
export function xmlText(text: string): string {
  return escapeHtml(printable(text).replace(NOT_XML, '\uFFFD'));
}
