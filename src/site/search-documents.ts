/**
 * What the archive site's full-text search finds: one document per report, its text in fields (title,
 * speakers, projects, practices, contacts, place, all the rest), and the options MiniSearch indexes them
 * with. The page's script searches with the same term processing (see page-script.ts).
 */
import type { Options } from 'minisearch';
import type { EventReport } from '../model/types.js';
import { plainText } from '../render/rich-text.js';

export interface SearchDocument {
  id: number;
  title: string;
  place: string;
  speakers: string;
  projects: string;
  practices: string;
  contacts: string;
  text: string;
}

const ASCII = /^[\u0000-\u007f]*$/;

export const SEARCH_FIELDS = ['title', 'place', 'speakers', 'projects', 'practices', 'contacts', 'text'] as const;

/**
 * Terms without case and without accents, in every script (`Várady` is found as `varady`, `Παπαδάκης` as
 * `παπαδακης`, `Łódź` as `lodz`), so that a reader types names as their keyboard allows.
 * The page's script holds the same functions: keep them alike (the browser test searches without accents).
 */
export function searchTerm(term: string): string {
  return term
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\u0000-\u007f]/g, (c) => FOLDED.get(c) ?? c);
}

/**
 * Letters of EU languages that are letters of their own, not a letter with an accent (NFD leaves them whole), as
 * most keyboards write them; and the Greek final sigma as a sigma. The page's script gets the same list.
 */
export const FOLDED_LETTERS: Readonly<Record<string, string>> = { ł: 'l', ŀ: 'l', ø: 'o', đ: 'd', ð: 'd', ħ: 'h', ı: 'i', ß: 'ss', æ: 'ae', œ: 'oe', þ: 'th', ς: 'σ' };
const FOLDED = new Map(Object.entries(FOLDED_LETTERS));

const SEPARATORS = /[\p{Z}\p{P}\p{S}\p{C}]+/u;
const STARTS_WITH_SEPARATOR = /^[\p{Z}\p{P}\p{S}\p{C}]/u;
const ENDS_WITH_SEPARATOR = /[\p{Z}\p{P}\p{S}\p{C}]$/u;
/** ASCII's separators (every character but letters and digits), in a class without Unicode properties. */
const ASCII_SEPARATORS = /[^A-Za-z0-9\u0080-\uffff]+/;
const NOT_ASCII = /[^\u0000-\u007f]/;

/** Words are split at spaces, punctuation and symbols (`<b>Bold</b>` holds `b` and `bold`); the page's script too. */
export function searchWords(text: string): string[] {
  return text.split(SEPARATORS);
}

/**
 * The words `searchWords` finds, in the same order, but with the empty word at most once, last (when `searchWords`
 * has it: the text is empty, or starts or ends with a separator), which is all MiniSearch counts: split first at ASCII's
 * separators with a plain class, then only pieces holding other characters with the Unicode properties (several
 * times faster on the reports' text, mostly ASCII; the same words: tested).
 */
export function indexedWords(text: string): string[] {
  const words: string[] = [];
  for (const piece of text.split(ASCII_SEPARATORS)) {
    if (piece === '') continue;
    if (!NOT_ASCII.test(piece)) words.push(piece);
    else for (const word of piece.split(SEPARATORS)) if (word !== '') words.push(word);
  }
  if (text === '' || STARTS_WITH_SEPARATOR.test(text.slice(0, 2)) || ENDS_WITH_SEPARATOR.test(text.slice(-2))) words.push('');
  return words;
}

export const SEARCH_OPTIONS: Options<SearchDocument> = {
  fields: [...SEARCH_FIELDS],
  storeFields: [],
  tokenize: searchWords,
  processTerm: searchTerm,
};

const join = (...parts: Array<string | undefined | false>) => parts.filter((p): p is string => !!p).join(' · ');
const person = (p: { name: string; role?: string; organisation?: string } | undefined) => (p ? join(p.name, p.role, p.organisation) : undefined);

/** Keys whose values are addresses or identifiers, not text a reader searches for. */
const NOT_TEXT = new Set(['url', 'src', 'anchor', 'email', 'schemaVersion', 'number', 'language', 'date', 'endDate']);

/** Parts of the model that have fields of their own: not indexed twice (indexing is most of the site's cost). */
const OWN_FIELD = new Set(['title', 'subtitle', 'series', 'place', 'practices', 'contacts', 'speakers', 'presenter']);

/** Every other text of the model (rich text as plain text), for the catch-all field. */
function allText(value: unknown, key: string | undefined, into: string[], depth = 0): void {
  if (typeof value === 'string') {
    if (key !== undefined && NOT_TEXT.has(key)) return;
    if (/^(https?:|data:|mailto:)/i.test(value)) return;
    into.push(plainText(value));
  } else if (Array.isArray(value)) {
    for (const item of value) allText(item, key, into, depth);
  } else if (value && typeof value === 'object') {
    // (a theme's or a section's title is text of its own; the event's title is in `title`)
    for (const [k, v] of Object.entries(value)) if (!OWN_FIELD.has(k) || (depth > 0 && k === 'title')) allText(v, k, into, depth + 1);
  }
}

export function searchDocument(id: number, report: EventReport): SearchDocument {
  const themes = report.highlights.themes;
  const practices = report.practices.topics.flatMap((topic) => topic.practices.map((practice) => ({ topic, practice })));
  const text: string[] = [];
  allText(report, undefined, text);
  return {
    id,
    title: join(report.title, report.subtitle, report.series),
    place: join(report.place.venue, report.place.city, report.place.country),
    speakers: [...themes.flatMap((t) => t.speakers.map(person)), ...practices.map(({ practice }) => person(practice.presenter))].filter(Boolean).join(' · '),
    projects: practices.map(({ practice }) => practice.project).filter(Boolean).join(' · '),
    practices: practices.map(({ topic, practice }) => join(practice.title, topic.title, practice.region, practice.country, plainText(practice.description))).join(' · '),
    contacts: report.contacts.map((c) => join(c.name, c.role, c.organisation, c.email, c.phone)).join(' · '),
    text: text.join(' '),
  };
}

/**
 * A report's search document as MiniSearch indexes it, counted where the report is built (a worker thread): for
 * each field (in `SEARCH_FIELDS`' order), its length as MiniSearch counts it (its distinct words as written: `Data`
 * and `data` are two), its distinct terms (words split and processed by `searchWords` and `searchTerm`, empty terms
 * left out, as MiniSearch leaves them) joined by single spaces, and how often each is in the field. A processed
 * term never holds a space (spaces split words before they are processed, and no canonical decomposition makes
 * one). Only these counts cross to the main thread, which files them (src/site/search-index.ts).
 */
export type SearchTerms = Array<{ length: number; terms: string; counts: number[] }>;

export function searchTerms(document: SearchDocument): SearchTerms {
  // (a report's words repeat: each is processed once; a word in ASCII only is its lower case)
  const processed = new Map<string, string>();
  const termOf = (word: string) => {
    let term = processed.get(word);
    if (term === undefined) processed.set(word, (term = ASCII.test(word) ? word.toLowerCase() : searchTerm(word)));
    return term;
  };
  return SEARCH_FIELDS.map((field) => {
    // (each word as written counted first: their number is the field's length, and each is processed once)
    const written = new Map<string, number>();
    for (const word of indexedWords(document[field])) written.set(word, (written.get(word) ?? 0) + 1);
    const counts = new Map<string, number>();
    for (const [word, n] of written) {
      const term = termOf(word);
      if (term) counts.set(term, (counts.get(term) ?? 0) + n);
    }
    return { length: written.size, terms: [...counts.keys()].join(' '), counts: [...counts.values()] };
  });
}
