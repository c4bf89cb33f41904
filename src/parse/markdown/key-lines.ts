/**
 * Key lines: `Country: Italy`, `**Presenter:** Jane Doe`, `Figures:` (or
 * `Key Figures` alone) before a list. Key names come from the label packs'
 * `keys` (English and the notes' language) and are matched without regard to
 * case or bold marks.
 */
import type { Paragraph } from 'mdast';
import { KEY_NAMES, labelPack, type KeyName } from '../../i18n/locales.js';
import type { Source } from './tree.js';

export type { KeyName } from '../../i18n/locales.js';

/** Written key words (lower case) -> the key they name. */
export type KeyWords = ReadonlyMap<string, KeyName>;

/** Where key lines stand: a practice takes every key but `speakers`, a theme only `speakers`. */
export type KeyPlace = 'practice' | 'theme';

/** Keys whose value may be the list after the line. */
const LIST_KEYS: ReadonlySet<KeyName> = new Set(['figures', 'speakers']);

const cache = new Map<string, KeyWords>();

/** The key words of a place, in English and the notes' language (English first when a word is in both). */
export function keyWordsFor(language: string | undefined, place: KeyPlace): KeyWords {
  const packs = [labelPack('en'), labelPack(language)];
  const id = `${packs[1]!.code}/${place}`;
  let words = cache.get(id);
  if (!words) {
    words = keyWordsOf(packs.map((p) => p.keys), place);
    cache.set(id, words);
  }
  return words;
}

/** The key words of a place from packs' `keys` (first pack first). */
export function keyWordsOf(packs: ReadonlyArray<Record<KeyName, string[]>>, place: KeyPlace): KeyWords {
  const words = new Map<string, KeyName>();
  for (const keys of packs) {
    for (const name of KEY_NAMES) {
      if ((name === 'speakers') !== (place === 'theme')) continue;
      for (const word of keys[name] ?? []) {
        const normal = normaliseKey(word);
        if (normal && !words.has(normal)) words.set(normal, name);
      }
    }
  }
  // In a theme, a presenter's word (`Referentin:`, `Presented by:`) names its speakers: a theme has no presenter.
  if (place === 'theme') {
    for (const keys of packs) {
      for (const word of keys.presenter ?? []) {
        const normal = normaliseKey(word);
        if (normal && !words.has(normal)) words.set(normal, 'speakers');
      }
    }
  }
  return words;
}

const normaliseKey = (written: string): string => written.replace(/[*_]/g, '').replace(/\s+/g, ' ').trim().toLowerCase();

/** The key a word names (`Presented by`, `**Land**`), as on a key line; undefined for none. */
export function keyOfWord(word: string, words: KeyWords): KeyName | undefined {
  return words.get(normaliseKey(word.replace(/:\s*$/, '')));
}

/** `Word: value` with the word in letters (any script), bold or not. */
const KEY_LINE = /^(?:\*{1,3}|_{1,3})?\s*(\p{L}[\p{L}\p{M} '’.-]{0,30}?)\s*(?:\*{1,3}|_{1,3})?\s*:\s*(?:\*{1,3}|_{1,3})?\s*(.*)$/u;
/** A key alone on its line (`Key Figures`, `**Figures**`), no colon. */
const KEY_ALONE = /^(?:\*\*|__)?\s*(\p{L}[\p{L}\p{M} '’.-]{0,30}?)\s*(?:\*\*|__)?$/u;

export interface KeyLine {
  /** The key as written, in lower case. */
  written: string;
  /** The key it names; undefined for a `Word:` line of no known key. */
  key: KeyName | undefined;
  value: string;
  /** 0-based index of the line in the paragraph. */
  index: number;
  /** 1-based column where the line's text starts. */
  column: number;
  /** The line as written. */
  line: string;
  /** Offset of the line's start from the paragraph's start (set for lines of a paragraph). */
  offset?: number;
}

/** A line `Key: value` (known key or not), or undefined when the line is not one. */
export function keyLine(line: string, words: KeyWords, index = 0): KeyLine | undefined {
  const trimmed = line.trim();
  const match = KEY_LINE.exec(trimmed);
  if (!match || match[2]!.startsWith('//')) return undefined;
  const written = normaliseKey(match[1]!);
  // (a `\` closing the line is Markdown's hard line break, as pandoc writes a Word line break: not the value's)
  // (the marks closing a line in bold or italics as a whole, `*Speaker: Giovanni Conti, ASM Prato*`, are not the value's)
  const opening = /^(\*{1,3}|_{1,3})/.exec(trimmed)?.[1];
  const closing = opening ? new RegExp(`\\s*\\${opening[0]}{1,${opening.length}}$`) : /\s*(?:\*\*|__)$/;
  return { written, key: words.get(written), value: match[2]!.replace(/\\$/, '').replace(closing, '').trim(), index, column: line.length - line.trimStart().length + 1, line };
}

/** A key that takes a list, written alone on its line without a colon (`Key Figures`). */
export function listKeyAlone(line: string, words: KeyWords, index = 0): KeyLine | undefined {
  const match = KEY_ALONE.exec(line.trim());
  if (!match) return undefined;
  const written = normaliseKey(match[1]!);
  const key = words.get(written);
  if (!key || !LIST_KEYS.has(key)) return undefined;
  return { written, key, value: '', index, column: line.length - line.trimStart().length + 1, line };
}

export interface KeyParagraph {
  /** Lines of known keys. */
  keys: KeyLine[];
  /** `Word:` lines of no known key: kept as text. */
  unknown: KeyLine[];
  /** The last line names a key that takes the list after the paragraph (`Figures:` or `Key Figures`). */
  takesList: KeyLine | undefined;
}

/**
 * A paragraph of key lines: every line is `Word: value` (the last may be a list key alone) and at least one names a
 * known key. Undefined for any other paragraph, which stays text.
 */
export function keyParagraph(paragraph: Paragraph, source: Source, words: KeyWords): KeyParagraph | undefined {
  const written = source.slice(paragraph);
  const lines = written.split(/\r?\n/);
  const keys: KeyLine[] = [];
  const unknown: KeyLine[] = [];
  let last: KeyLine | undefined;
  let offset = 0;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const start = offset;
    offset += line.length + (written[offset + line.length] === '\r' ? 2 : 1);
    if (!line.trim()) continue;
    const pieces = keyLinePieces(line, words, index);
    if (pieces) {
      for (const piece of pieces) keys.push({ ...piece, offset: start });
      last = pieces[pieces.length - 1];
      continue;
    }
    const found = keyLine(line, words, index) ?? (index === lines.length - 1 ? listKeyAlone(line, words, index) : undefined);
    if (!found) return undefined;
    found.offset = start;
    (found.key ? keys : unknown).push(found);
    last = found;
  }
  if (!keys.length) return undefined;
  const takesList = last && last.key && LIST_KEYS.has(last.key) && !last.value ? last : undefined;
  return { keys, unknown, takesList };
}

/** Between key lines written on one line: `Project: HERITAGE-SEA — Country: Croatia`, `Land: AT | Region: Tirol`. */
const KEY_SEPARATOR = /\s+[|·•—–]\s+/gu;

/**
 * The key lines of one line holding several, each a known key with a value (`Projeto: HERITAGE-SEA — País:
 * Croácia`), each starting at its own column; undefined when the line is not so (then it is one key line, and a
 * dash in a value stays in it).
 */
export function keyLinePieces(line: string, words: KeyWords, index = 0): KeyLine[] | undefined {
  const pieces = linePieces(line, KEY_SEPARATOR);
  if (pieces.length < 2) return undefined;
  const found = pieces.map((piece) => keyLine(piece, words, index));
  return found.every((key) => key?.key !== undefined && key.value) ? (found as KeyLine[]) : undefined;
}

/**
 * A line cut at `separator` (a global pattern), each piece as a line of its own that starts at the piece's column
 * (spaces before it), so that a key line read from it points at the piece.
 */
export function linePieces(line: string, separator: RegExp): string[] {
  const pieces: string[] = [];
  let at = 0;
  for (const found of line.matchAll(separator)) {
    pieces.push(' '.repeat(at) + line.slice(at, found.index));
    at = found.index + found[0].length;
  }
  pieces.push(' '.repeat(at) + line.slice(at));
  return pieces;
}

/** The place of one key line of a paragraph. */
export function keyLinePlace(paragraph: Paragraph, key: KeyLine) {
  const lineNo = paragraph.position!.start.line + key.index;
  // The first line starts where the paragraph does; the others at their own start (the paragraph's indentation is in
  // `line`). `column` is counted in the line as the paragraph's text holds it: a piece of a first line (`… | Venue:
  // Online`) starts that much after the paragraph.
  const column = key.index === 0 ? paragraph.position!.start.column + key.column - 1 : key.column;
  const lineStart = (paragraph.position!.start.offset ?? 0) + (key.offset ?? 0);
  const startOffset = lineStart + key.column - 1;
  const trimmedLength = key.line.trim().length;
  return {
    position: {
      start: { line: lineNo, column, offset: startOffset },
      end: { line: lineNo, column: column + trimmedLength, offset: startOffset + trimmedLength },
    },
  };
}
