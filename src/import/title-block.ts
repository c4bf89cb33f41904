/**
 * The first page's title block: the title, then lines that are a subtitle, a date, a place, the event's address
 * and `Organised by:` — up to the summary, the contents or the first part.
 */
import { blockText, plainOf, type SourceFacts, type TextBlock } from './blocks.js';
import { labelLine } from './card-labels.js';
import type { PlaceReading } from '../parse/canonical/place.js';
import { findDate, lineAddress, linePlace } from './dates-and-places.js';

export interface Organiser {
  name: string;
  role?: string;
}

export interface TitleFacts {
  title?: string;
  subtitle?: string;
  date?: string;
  endDate?: string;
  place?: PlaceReading;
  url?: string;
  organisers?: Organiser[];
  kind?: string;
  series?: string;
  /** Title-page lines that are none of the above: kept as text for a person to place. */
  unplaced: string[];
}

/** `Organised by:` in English (with its spellings) and the report's language. */
export const organisedBy = (language: string | undefined) => labelLine('organisedBy', language, ['Organized by', 'Organisers', 'Organizers', 'Organiser', 'Organizer']);

/** `Interreg Europe (organiser) · DG DIGIT (co-organiser)` -> organisers. */
export function readOrganisers(list: string): Organiser[] {
  return list
    .split(/\s+[·•|]\s+|;\s*/u)
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const m = /^(.*?)\s*\(([^()]+)\)$/u.exec(entry);
      return m ? { name: m[1]!, role: m[2]! } : { name: entry };
    });
}

/**
 * Reads the title-page blocks `blocks[0..end)` into facts. `end` is where the summary, the contents or the first
 * part starts. A PDF this tool printed names its kind and series in its keywords.
 */
export function readTitleBlock(blocks: readonly TextBlock[], facts: SourceFacts, language?: string): TitleFacts {
  const ORGANISED_BY = organisedBy(language);
  const out: TitleFacts = { unplaced: [] };
  // A link on the title page is the event's address: its target stands for it.
  const fact = (markdown: string) => plainOf(markdown.replace(/\[([^\]]*)\]\(([^)\s]+)\)/gu, (_, _text: string, url: string) => url));
  // A PDF's title is its largest text (a kicker above it, `THEMATIC WORKSHOP · SERIES`, is smaller); it wraps over
  // lines of one block. Plain text has one line per block here, and its first line is the title.
  let titleAt = 0;
  if (blocks.length && blocks[0]!.size !== undefined) for (let i = 1; i < blocks.length; i++) if ((blocks[i]!.size ?? 0) > (blocks[titleAt]!.size ?? 0)) titleAt = i;
  const kicker = facts.creator?.startsWith('report ') ? new Set([facts.keywords?.slice(0, 2).join(' · '), facts.keywords?.[0], facts.keywords?.[1]].filter((k): k is string => !!k).map((k) => k.toLowerCase())) : new Set<string>();
  const texts: string[] = [];
  blocks.forEach((b, i) => {
    if (b.size === undefined) texts.push(...b.lines.map((l) => l.trim()));
    else if (i === titleAt) texts.push('');
    else if (i < titleAt && kicker.has(plainOf(blockText(b)).toLowerCase())) return;
    else texts.push(fact(blockText(b)));
  });
  if (blocks.length && blocks[0]!.size !== undefined) out.title = plainOf(blockText(blocks[titleAt]!));
  else out.title = texts.shift();
  // Separators a template draws between the facts (`5 June 2024 · Vilnius, Lithuania ·`) are no part of them.
  for (let i = texts.length - 1; i >= 0; i--) {
    texts[i] = texts[i]!.replace(/^[\s·•|]+|[\s·•|]+$/gu, '');
    if (!texts[i]) texts.splice(i, 1);
  }
  // A line may hold the date, the place and the address side by side: the address is taken off its end first.
  const split = texts.flatMap((text) => {
    const m = /^(.*\S)\s+((?:https?:\/\/|www\.)\S+)$/u.exec(text);
    return m && !ORGANISED_BY.test(text) ? [m[1]!, m[2]!] : [text];
  });
  for (const text of split) {
    const organisers = ORGANISED_BY.exec(text);
    if (organisers) {
      out.organisers = readOrganisers(organisers[1]!);
      continue;
    }
    const url = lineAddress(text);
    if (url && !out.url) {
      out.url = url;
      continue;
    }
    const date = findDate(text, language);
    if (date && !out.date) {
      out.date = date.iso;
      if (date.endIso) out.endDate = date.endIso;
      const rest = text.replace(date.written, '').replace(/^[\s,·–—-]+|[\s,·–—-]+$/gu, '');
      const place = rest ? linePlace(rest, language) : undefined;
      if (place && !out.place) out.place = place;
      else if (rest) out.unplaced.push(rest);
      continue;
    }
    const place = linePlace(text, language);
    if (place && !out.place) {
      out.place = place;
      continue;
    }
    if (!out.subtitle) out.subtitle = text;
    else out.unplaced.push(text);
  }
  if (facts.creator?.startsWith('report ') && facts.keywords?.length) {
    // pipeline.ts writes [kind, series, ...theme titles], leaving out the ones a report has not; a theme is one
    // of the bookmarks, a kind or series is not.
    const headings = new Set(facts.headings ?? []);
    const [first, second] = facts.keywords.slice(0, 2).filter((k) => !headings.has(k));
    if (first) out.kind = first;
    if (second) out.series = second;
  }
  return out;
}
