/**
 * Which part of a report a Markdown heading starts, from its words.
 */
import { labelPack, labelPacks, PART_NAMES, type PartName } from '../i18n/locales.js';

/**
 * `1. Highlights`, `A) Digital skills`, `II. Next steps:` -> the words alone. Google Docs' Markdown export escapes
 * the numbering's dot (`1\. Summary`), so a backslash before it counts as written.
 */
export function stripNumbering(text: string): string {
  return text
    .trim()
    .replace(/^(?:\d{1,3}(?:\\?\.\d{1,3})*\\?[.)]?|[A-Za-z]\\?[.)]|[IVXLC]{1,6}\\?[.)])\s+/u, '')
    .replace(/\s*:\s*$/u, '')
    .trim();
}

/** Pictographs and symbols that decorate a heading (`## 📝 Resumen`, `✅ Next steps`, as Notion pages have them). */
const DECORATION = /[\p{Extended_Pictographic}\p{So}\u{FE0F}\u{200D}\u{20E3}]+/gu;

export function normaliseHeading(text: string): string {
  return stripNumbering(text.replace(DECORATION, ' '))
    .toLowerCase()
    .replace(/[!?.,;:()"'“”‘’«»]/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
}

/** Parts that may appear as a sub-heading of another part (as in the reference's "Next steps"). */
export const NESTABLE_PARTS: ReadonlySet<PartName> = new Set(['participation', 'upcoming', 'resources', 'contacts']);

/** How a heading named its part: it is the phrase, starts with it, or holds it as its main noun. */
export interface HeadingMatch {
  part: PartName;
  by: 'phrase' | 'start' | 'word';
  phrase: string;
}

/**
 * Words that start a qualifier after a heading's main noun ("Recommendations *for* participants"): a phrase
 * after one of them is not what the heading is about.
 */
const QUALIFIERS = new Set(['for', 'of', 'to', 'in', 'on', 'with', 'by', 'from', 'about', 'at', 'among', 'between', 'per', 'pour', 'de', 'du', 'des', 'für', 'von', 'zu', 'mit', 'di', 'del', 'della', 'para', 'por', 'dla', 'voor', 'van', 'för', 'af']);

/**
 * The part a heading names, or undefined. A heading names a part when it is
 * one of the part's phrases or starts with one; nestable parts also match
 * when the phrase ends the heading's main noun phrase, the words before any
 * qualifier ("Policy Learning Platform Policy briefs and articles" is
 * resources; "Thematic recommendations for participants" is not
 * participation).
 */
export function classifyHeading(text: string, language: string | undefined): PartName | undefined {
  return matchHeading(text, language)?.part;
}

export function matchHeading(text: string, language: string | undefined): HeadingMatch | undefined {
  const words = normaliseHeading(text);
  if (!words) return undefined;
  const { phrases, nestable } = headingPhrases(language);
  for (const { part, phrase } of phrases) if (words === phrase) return { part, by: 'phrase', phrase };
  for (const { part, phrase, starting } of phrases) if (words.startsWith(starting)) return { part, by: 'start', phrase };
  const all = words.split(' ');
  const cut = all.findIndex((w, i) => i > 0 && QUALIFIERS.has(w));
  const head = ' ' + (cut > 0 ? all.slice(0, cut) : all).join(' ');
  for (const { part, phrase, ending } of nestable) if (head.endsWith(ending)) return { part, by: 'word', phrase };
  return undefined;
}

/** A part's phrase in lower case, with what a heading that starts with it (or ends its main noun with it) holds. */
interface Phrase {
  part: PartName;
  phrase: string;
  /** `phrase + ' '` */
  starting: string;
  /** `' ' + phrase` */
  ending: string;
}

/** Per label pack: every part's phrases, in the order they are tried (part, then English before the language); built once. */
const phrasesByPack = new Map<string, { phrases: Phrase[]; nestable: Phrase[] }>();

function headingPhrases(language: string | undefined) {
  const packs = [labelPack('en'), labelPack(language)];
  const key = packs[1]!.code;
  let found = phrasesByPack.get(key);
  if (!found) {
    const phrases: Phrase[] = [];
    for (const part of PART_NAMES) {
      for (const pack of packs) {
        for (const written of pack.headings[part] ?? []) {
          const phrase = normaliseHeading(written);
          phrases.push({ part, phrase, starting: phrase + ' ', ending: ' ' + phrase });
        }
      }
    }
    found = { phrases, nestable: phrases.filter(({ part }) => NESTABLE_PARTS.has(part)) };
    phrasesByPack.set(key, found);
  }
  return found;
}

/** All phrases known for the parts, for "did you mean" suggestions. */
export function knownHeadingPhrases(language: string | undefined): Array<{ phrase: string; part: PartName }> {
  const out: Array<{ phrase: string; part: PartName }> = [];
  for (const pack of [labelPack('en'), labelPack(language)]) {
    for (const part of PART_NAMES) for (const phrase of pack.headings[part] ?? []) out.push({ phrase, part });
  }
  return out;
}

/** Lines longer than a heading are not looked at when choosing a language. */
const MAX_HEADING = 80;
/** Fewer part headings than this say too little to choose a language. */
const MIN_HEADINGS = 2;

/**
 * The language of notes that do not say it, from their part headings (`Sintesi`, `Punti salienti`,
 * `Buone pratiche`): the label pack (not English, the default) whose phrases the most of `texts` are, at least two
 * of them; undefined when the texts are English, say too little, or two packs tie.
 */
export function languageOfHeadingTexts(texts: Iterable<string>): string | undefined {
  const lines: string[] = [];
  for (const text of texts) if (text && text.length <= MAX_HEADING && !matchHeading(text, 'en')) lines.push(text);
  if (lines.length < MIN_HEADINGS) return undefined;
  let best: { code: string; count: number } | undefined;
  let tie = false;
  for (const code of labelPacks().keys()) {
    if (code === 'en') continue;
    const count = lines.filter((line) => matchHeading(line, code)?.by === 'phrase').length;
    if (count < MIN_HEADINGS || (best && count < best.count)) continue;
    tie = best !== undefined && count === best.count;
    if (!tie) best = { code, count };
  }
  return tie ? undefined : best?.code;
}
