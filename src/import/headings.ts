/**
 * Which blocks are headings, and of what: a part of the report (by the label packs' heading phrases, through
 * the reader's own classifier), a practice (`PROJECT – Title`), or a sub-heading (a theme, a topic, a group).
 * A PDF says it by size and weight; plain text by numbering, a known part phrase, or a short line alone.
 */
import type { PartName } from '../i18n/locales.js';
import { matchHeading, NESTABLE_PARTS, stripNumbering } from '../parse/section-names.js';
import { blockText, plainOf, type TextBlock } from './blocks.js';

export interface HeadingLook {
  /** Whether the source marks headings by size (PDF). */
  hasSizes: boolean;
  /** The body text's size (the most common one). */
  bodySize?: number;
  /** The source marks its headings itself (Word's styles, HTML's `<h1>`…): no other block is one. */
  hasHeadingLevels?: boolean;
}

/** A part the heading names, or undefined: by its phrase or first words; nested parts also by their last words. */
export function partOf(text: string, language: string | undefined): PartName | undefined {
  const match = matchHeading(plainOf(text), language);
  if (!match) return undefined;
  if (match.by === 'word' && !NESTABLE_PARTS.has(match.part)) return undefined;
  return match.part;
}

const NUMBERED = /^(?:\d{1,2}\.|[IVX]{1,4}\.)\s+\S/u;

/** Could this block be a heading at all? */
export function isHeadingLike(block: TextBlock, look: HeadingLook, language: string | undefined): boolean {
  if (block.bullet) return false;
  if (block.headingLevel !== undefined) return true;
  if (look.hasHeadingLevels) return false;
  const text = blockText(block);
  if (!text || text.length > 120) return false;
  if (/^\*\*.*\*\*$/u.test(text) && block.lines.length === 1 && !/[.;,]$/u.test(text)) return true;
  if (look.hasSizes) {
    const body = look.bodySize ?? 0;
    if (block.size !== undefined && block.size > body * 1.12) return true;
    return !!block.bold && block.lines.length <= 2 && !/[.;,]$/u.test(text);
  }
  if (block.lines.length !== 1) return false;
  if (partOf(text, language)) return true;
  if (/[.;,]$/u.test(text) || /:$/u.test(text)) return false;
  if (/@|https?:\/\//u.test(text)) return false;
  return NUMBERED.test(text) || text.length <= 90;
}

/** `ENAIBLER – AI Foundation…`, `OD4GROWTH`: a practice heading (a project's acronym, a title after a dash). */
export function isPracticeHeading(text: string): boolean {
  const t = stripNumbering(text);
  return /^[\p{Lu}\d][\p{Lu}\d&+.-]{1,}(?:\s+[\p{Lu}\d][\p{Lu}\d&+.-]*)*(?:\s+[–—-]\s+\S.*|:\s+\S.*)?$/u.test(t);
}

export function isNumbered(text: string): boolean {
  return NUMBERED.test(text);
}
