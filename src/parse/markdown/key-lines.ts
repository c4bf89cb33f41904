/**
 * Key lines in a practice: `Country: Italy`, `**Presenter:** Jane Doe`,
 * `Figures:` before a list. The key names come from the label packs (English
 * and the notes' language), matched without regard to case.
 */
import type { Paragraph } from 'mdast';
import type { Source } from './tree.js';

export type KeyName = 'project' | 'presenter' | 'role' | 'organisation' | 'region' | 'country' | 'link' | 'figures' | 'speakers';

const FIELD_KEYS = new Map<string, KeyName>([
  ['project', 'project'],
  ['presenter', 'presenter'],
  ['speaker', 'presenter'],
  ['role', 'role'],
  ['organisation', 'organisation'],
  ['organization', 'organisation'],
  ['region', 'region'],
  ['country', 'country'],
  ['link', 'link'],
  ['website', 'link'],
  ['figures', 'figures'],
  ['key figures', 'figures'],
]);

const FIELD_LINE = /^\**([A-Za-z][A-Za-z ]{1,20}?)\**\s*:\**\s*(.*)$/;

export interface KeyLine {
  /** The key as written, in lower case. */
  written: string;
  key: KeyName | undefined;
  value: string;
  /** 0-based index of the line in the paragraph. */
  index: number;
  /** 1-based column where the line's text starts. */
  column: number;
  /** The line as written. */
  line: string;
}

/** A line `Key: value`, or undefined when the line is not one. */
export function keyLine(line: string, index = 0, _language?: string): KeyLine | undefined {
  const match = FIELD_LINE.exec(line.trim());
  if (!match) return undefined;
  const written = match[1]!.toLowerCase().replace(/\*/g, '').trim();
  return { written, key: FIELD_KEYS.get(written), value: match[2]!.trim(), index, column: line.length - line.trimStart().length + 1, line };
}

/** The paragraph's key lines when every line of it is one with a known key, else undefined. */
export function keyLinesOf(paragraph: Paragraph, source: Source, language?: string): KeyLine[] | undefined {
  const lines = source.slice(paragraph).split(/\r?\n/);
  const found: KeyLine[] = [];
  let nonEmpty = 0;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    if (!line.trim()) continue;
    nonEmpty++;
    const key = keyLine(line, index, language);
    if (!key || !key.key) return undefined;
    found.push(key);
  }
  return nonEmpty > 0 ? found : undefined;
}
