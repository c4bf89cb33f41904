/**
 * A good practice written as one line, as notes outline them in a Markdown list item or a YAML string:
 * `**COMMUNITY** – One-stop shop for energy communities (Flanders, Belgium). Presented by Els Peeters, VEKA. 45
 * communities advised in 2023.` Its project (in bold, or an acronym before a dash), title, country and region in
 * brackets, a sentence starting with a presenter's phrase, and the rest as its description. Also the heading forms
 * `PROJECT – Title` and `Title – ACRONYM`, and a place in brackets.
 */
import { labelPack } from '../../i18n/locales.js';
import { readPerson } from './people.js';
import { isCountryName } from './place.js';

export interface PracticeLine {
  project: string;
  title: string;
  country?: string;
  region?: string;
  presenter?: { name: string; role?: string; organisation?: string };
  description?: string;
}

/** `**PROJECT** – Title …` or `**PROJECT**: Title …` (the name in bold, a few words). */
const BOLD_PROJECT = /^(?:\*\*|__)([^*_]{1,40}?)(?:\*\*|__)\s*[–—:-]\s*(.+)$/su;
/** The title, up to a bracket or the end of the first sentence, and the rest. */
const TITLE_AND_REST = /^(.+?)(?:\s*\(([^()]{2,80})\))?(?:[.;]\s+|[.;]?$)(.*)$/su;

/** A practice written as one line, or undefined when the line does not start with a project's name and a title. */
export function practiceLine(text: string, language: string | undefined): PracticeLine | undefined {
  const bold = BOLD_PROJECT.exec(text);
  let project: string | undefined;
  let after: string;
  if (bold && bold[1]!.trim().split(/\s+/).length <= 4) {
    project = bold[1]!.trim();
    after = bold[2]!;
  } else {
    // Without bold, only a project's acronym (`COMMUNITY – …`, `REGIO-MOB – …`): `Simplify rules – for all` is no practice.
    const split = splitProjectTitle(text.replace(/\*\*|__/g, ''));
    if (!split.project || !/^[\p{Lu}\d][\p{Lu}\d-]+(?:\s|$)/u.test(split.project)) return undefined;
    project = split.project;
    after = split.title;
  }
  const parts = TITLE_AND_REST.exec(after.trim());
  if (!parts) return undefined;
  const title = parts[1]!.trim();
  if (!title || title.length > 150) return undefined;
  const out: PracticeLine = { project, title };
  if (parts[2]) {
    const where = bracketPlace(parts[2]);
    if (where) Object.assign(out, where);
    else out.title = `${title} (${parts[2]})`;
  }
  const description: string[] = [];
  const phrases = presenterPhrases(language);
  for (const sentence of sentences(parts[3] ?? '')) {
    const phrase = out.presenter ? undefined : phrases.find((p) => sentence.toLowerCase().startsWith(p + ' ') || sentence.toLowerCase().startsWith(p + ': '));
    if (phrase) out.presenter = readPerson(sentence.slice(phrase.length).replace(/^:?\s*/, '').replace(/\.$/, ''));
    else description.push(sentence);
  }
  if (description.length) out.description = description.join(' ');
  return out;
}

const sentences = (text: string): string[] =>
  text
    .trim()
    .split(/(?<=[.!?])\s+(?=[\p{Lu}\d])/u)
    .map((s) => s.trim())
    .filter(Boolean);

const phraseCache = new Map<string, string[]>();

/** A presenter's words of several words or with a colon (`presented by`, `presentata da`, `presenter`), lower case. */
function presenterPhrases(language: string | undefined): string[] {
  const key = labelPack(language).code;
  let found = phraseCache.get(key);
  if (!found) {
    found = [...new Set([...labelPack('en').keys.presenter, ...labelPack(language).keys.presenter].map((p) => p.toLowerCase()))].sort((a, b) => b.length - a.length);
    phraseCache.set(key, found);
  }
  return found;
}


/** `Slovenia`, `Flanders, Belgium` (in brackets after a practice's title): the country, and the region before it. */
export function bracketPlace(text: string): { country: string; region?: string } | undefined {
  const pieces = text.split(/\s*,\s*/);
  const country = pieces[pieces.length - 1]!;
  if (!isCountryName(country)) return undefined;
  return pieces.length > 1 ? { country, region: pieces.slice(0, -1).join(', ') } : { country };
}

/** A project's acronym as programmes write them: one word in capitals, digits allowed (`NATURE4CITIES`, `OD4GROWTH`). */
const ACRONYM = /^(?=(?:[^A-Z]*[A-Z]){2})[A-Z0-9][A-Z0-9&+-]*[A-Z0-9]$/;

/**
 * `ENAIBLER – AI Foundation Certificate` -> project and title; so is `Sponge district Vauban – NATURE4CITIES`,
 * the other way round, when only the words after the dash are an acronym.
 */
export function splitProjectTitle(heading: string): { project?: string; title: string } {
  // (`--` and `---` are how pandoc writes an en dash and an em dash from a Word document)
  const match = /^(\S(?:.*?\S)?)\s+(?:[–—]|---?)\s+(.+)$/.exec(heading) ?? /^(\S+)\s+-\s+(.+)$/.exec(heading) ?? /^([A-Z0-9][A-Za-z0-9-]{1,24}):\s+(.+)$/.exec(heading);
  if (!match) return { title: heading };
  const [before, after] = [match[1]!, match[2]!];
  // (a bracket closing the heading, `(Germany)`, stays at the end of the title, where the country is read from)
  const bracket = /\s*\([^()]*\)\s*$/.exec(after)?.[0] ?? '';
  const acronym = after.slice(0, after.length - bracket.length).trim();
  if (ACRONYM.test(acronym) && !ACRONYM.test(before) && !heading.includes(':')) return { project: acronym, title: before + bracket };
  if (before.split(/\s+/).length <= 3) return { project: before, title: after };
  return { title: heading };
}

/** A line wholly in bold (`**BUILD-CIRC – Reuse hub**`), without its marks; any other line as it is. */
export const unbold = (text: string): string => /^(\*\*|__)(?!\s)(.+?)(?<!\s)\1$/u.exec(text)?.[2] ?? text;
