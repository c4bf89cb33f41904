/**
 * Good practices written as a list, one practice per item, as a Word document's numbered paragraphs paste:
 * `1. **COMMUNITY** – One-stop shop for energy communities (Flanders, Belgium). Presented by Els Peeters, VEKA.
 * 45 communities advised in 2023.` An item is a practice when it starts with a project's name (in bold, or a short
 * name before a dash) and a title; a country (and region) in brackets after the title, a sentence starting with a
 * presenter's phrase (`Presented by`, `Presentata da`) and the other sentences (the description) are read from it.
 * A list is read so only when every item is such a line; any other list stays text.
 */
import type { List, ListItem } from 'mdast';
import { diagnostic } from '../../diagnostics/message.js';
import { labelPack } from '../../i18n/locales.js';
import { readPerson } from '../canonical/people.js';
import type { Path } from './body.js';
import type { ReaderContext } from './context.js';
import { bracketPlace, splitProjectTitle } from './practices.js';
import { positionOf } from './tree.js';

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

/** Each item of the list as a practice, or undefined when one item is not one. */
export function practiceListItems(block: unknown, ctx: ReaderContext): PracticeLine[] | undefined {
  const list = block as List;
  if (list?.type !== 'list' || list.children.length === 0) return undefined;
  const found: PracticeLine[] = [];
  for (const item of list.children) {
    if (item.children.length !== 1 || item.children[0]!.type !== 'paragraph') return undefined;
    const practice = practiceLine(ctx.source.itemText(item), ctx.language);
    if (!practice) return undefined;
    found.push(practice);
  }
  return found;
}

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

/** Writes the list's practices at the paths `at` gives, with the item's place, and one info for the list. */
export function readPracticeList(list: List, practices: readonly PracticeLine[], ctx: ReaderContext, at: () => Path): void {
  const { out } = ctx;
  practices.forEach((practice, i) => {
    const item = list.children[i] as ListItem;
    const path = at();
    out.mark(path, item);
    for (const [key, value] of Object.entries(practice)) {
      if (key === 'presenter') for (const [field, text] of Object.entries(value as Record<string, string>)) out.set([...path, 'presenter', field], text, item);
      else out.set([...path, key], value, item);
    }
    if (out.marks.has(item)) out.set([...path, 'internal'], true, item);
    out.placed('practice', path, item, 'a list item naming a project under good practices', practice.title);
  });
  out.report(
    diagnostic('practice-list', `The list is read as ${practices.length} ${practices.length === 1 ? 'practice' : 'practices'}, one per item`, positionOf(list), {
      severity: 'info',
      note: 'Or write each practice under a heading of its own (`### PROJECT – Title`), with key lines (`Country: …`)',
    }),
  );
}
