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

/** Words are split at spaces, punctuation and symbols (`<b>Bold</b>` holds `b` and `bold`); the page's script too. */
export function searchWords(text: string): string[] {
  return text.split(/[\p{Z}\p{P}\p{S}\p{C}]+/u);
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
 * A report's search document as MiniSearch would see it, made where the report is built (a worker thread): each
 * field's words already split and processed (`searchWords`, `searchTerm`), joined by single spaces, empty terms
 * kept. A processed term never holds a space (spaces split words before they are processed, and no canonical
 * decomposition makes one). MiniSearch counts a field's length in distinct words as written (`Data` and `data`
 * are two): a word written differently from an earlier one with the same term gets the term followed by U+0001
 * and its number, which `SEARCH_TERMS_OPTIONS` drops again (U+0001 is never in a word: control characters split
 * words).
 */
export type SearchTerms = Record<(typeof SEARCH_FIELDS)[number], string>;

const VARIANT = '\u0001';
const ASCII = /^[\u0000-\u007f]*$/;

export function searchTerms(document: SearchDocument): SearchTerms {
  const terms = {} as SearchTerms;
  // (a report's words repeat: each is processed once; a word in ASCII only is its lower case)
  const processed = new Map<string, string>();
  const termOf = (word: string) => {
    let term = processed.get(word);
    if (term === undefined) processed.set(word, (term = ASCII.test(word) ? word.toLowerCase() : searchTerm(word)));
    return term;
  };
  for (const field of SEARCH_FIELDS) {
    const variants = new Map<string, Map<string, number>>();
    const encoded = searchWords(document[field]).map((word) => {
      const term = termOf(word);
      let written = variants.get(term);
      if (!written) variants.set(term, (written = new Map()));
      let n = written.get(word);
      if (n === undefined) written.set(word, (n = written.size));
      return n === 0 ? term : `${term}${VARIANT}${n}`;
    });
    terms[field] = encoded.join(' ');
  }
  return terms;
}

/** Indexes `SearchTerms` to the same index as `SEARCH_OPTIONS` indexes the documents they came from. */
export const SEARCH_TERMS_OPTIONS: Options<SearchTerms & { id: number }> = {
  fields: [...SEARCH_FIELDS],
  storeFields: [],
  tokenize: (terms) => terms.split(' '),
  processTerm: (term) => {
    const at = term.indexOf(VARIANT);
    return at < 0 ? term : term.slice(0, at);
  },
};
