/**
 * Which part of a report a Markdown heading starts, from its words.
 */
import { labelPack, PART_NAMES, type PartName } from '../i18n/locales.js';

/** `1. Highlights`, `A) Digital skills`, `II. Next steps:` -> the words alone. */
export function stripNumbering(text: string): string {
  return text
    .trim()
    .replace(/^(?:\d{1,3}(?:\.\d{1,3})*[.)]?|[A-Za-z][.)]|[IVXLC]{1,6}[.)])\s+/u, '')
    .replace(/\s*:\s*$/u, '')
    .trim();
}

export function normaliseHeading(text: string): string {
  return stripNumbering(text)
    .toLowerCase()
    .replace(/[!?.,;:()"'“”‘’«»]/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
}

/** Parts that may appear as a sub-heading of another part (as in the reference's "Next steps"). */
export const NESTABLE_PARTS: ReadonlySet<PartName> = new Set(['participation', 'upcoming', 'resources', 'contacts']);

/**
 * The part a heading names, or undefined. A heading names a part when it is
 * one of the part's phrases or starts with one; nestable parts also match
 * when the phrase appears anywhere as whole words ("Policy Learning Platform
 * Policy briefs and articles").
 */
export function classifyHeading(text: string, language: string | undefined): PartName | undefined {
  const words = normaliseHeading(text);
  if (!words) return undefined;
  const packs = [labelPack('en'), labelPack(language)];
  for (const mode of ['exact', 'prefix', 'contains'] as const) {
    for (const part of PART_NAMES) {
      if (mode === 'contains' && !NESTABLE_PARTS.has(part)) continue;
      for (const pack of packs) {
        for (const phrase of pack.headings[part] ?? []) {
          const p = phrase.toLowerCase();
          if (mode === 'exact' && words === p) return part;
          if (mode === 'prefix' && words.startsWith(p + ' ')) return part;
          if (mode === 'contains' && (' ' + words + ' ').includes(' ' + p + ' ')) return part;
        }
      }
    }
  }
  return undefined;
}

/** All phrases known for the parts, for "did you mean" suggestions. */
export function knownHeadingPhrases(language: string | undefined): Array<{ phrase: string; part: PartName }> {
  const out: Array<{ phrase: string; part: PartName }> = [];
  for (const pack of [labelPack('en'), labelPack(language)]) {
    for (const part of PART_NAMES) for (const phrase of pack.headings[part] ?? []) out.push({ phrase, part });
  }
  return out;
}
