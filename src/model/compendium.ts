/**
 * A programme's good practices gathered across events: every practice once (a practice from a practice file by
 * its file, one written in notes by its project and title), with the events where it was presented, grouped by
 * topic and then by country. Pure: the events' validated models in, the compendium out.
 */
import type { EventReport, Practice } from './types.js';

/** What the compendium reads of an event's report. */
export type CompendiumEvent = Pick<EventReport, 'title' | 'date' | 'endDate' | 'place' | 'kind' | 'practices'>;

/** One event's report, with the practices of it that came from practice files. */
export interface CompendiumInput {
  report: CompendiumEvent;
  /** The notes file, as shown to the user. */
  notes: string;
  /** `topic/practice` index -> the practice file's path as shown to the user. */
  practiceFiles: ReadonlyMap<string, string>;
  /** Finds the image data of the practice's images, relative to this event's notes. */
  images?: ReadonlyMap<string, string>;
  /** `topic/practice` index -> its rich text as HTML, when rendered already (where the event's report was built). */
  rendered?: ReadonlyMap<string, RenderedPractice>;
}

/** A practice's rich text as the compendium shows it: its description (headings two levels down) and figures. */
export interface RenderedPractice {
  descriptionHtml: string | null;
  figures: string[];
}

export interface PresentedAt {
  title: string;
  date: string;
  endDate?: string;
  city?: string;
  country?: string;
  kind?: string;
  /** The notes file. */
  notes: string;
}

export interface CompendiumPractice {
  /** Stable identifier: from the practice file's path, or from project and title. */
  id: string;
  practice: Practice;
  /** The topic it is listed under: the one of the earliest event that presented it. */
  topic: string;
  /** Every topic it was presented under, when more than one. */
  topics: string[];
  /** The practice file it is written in, when it is one. */
  file?: string;
  events: PresentedAt[];
  /** Images of the practice as data URLs, from the event whose version is kept. */
  images: ReadonlyMap<string, string>;
  /** Its rich text rendered with those images, when the event's build did it. */
  rendered?: RenderedPractice;
}

export interface CompendiumCountry {
  /** Absent: practices whose notes name no country. */
  country?: string;
  practices: CompendiumPractice[];
}

export interface CompendiumTopic {
  title: string;
  countries: CompendiumCountry[];
}

export interface Compendium {
  practices: CompendiumPractice[];
  topics: CompendiumTopic[];
  /** Events gathered, earliest first. */
  events: PresentedAt[];
}

const wordsOf = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('en');
// (one collator for every comparison: `localeCompare` with a locale makes one per call, the same one)
const collator = new Intl.Collator('en', { sensitivity: 'base' });
const byWords = (a: string | undefined, b: string | undefined) => collator.compare(a ?? '', b ?? '');

/** A URL- and file-name-safe id from words: `od4growth-open-data-for-growth`. */
export function slug(text: string): string {
  const base = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return base.slice(0, 80).replace(/-+$/, '') || 'practice';
}

export function gatherPractices(inputs: readonly CompendiumInput[]): Compendium {
  // (the same topics, countries, projects and titles come back event after event: each is made comparable once)
  const known = new Map<string, string>();
  const words = (text: string | undefined) => {
    if (!text) return '';
    let found = known.get(text);
    if (found === undefined) known.set(text, (found = wordsOf(text)));
    return found;
  };
  // Earliest event first: its version of a practice written in several notes is kept, and its topic.
  const ordered = [...inputs].sort((a, b) => a.report.date.localeCompare(b.report.date) || a.notes.localeCompare(b.notes));
  const byKey = new Map<string, CompendiumPractice>();
  const events: PresentedAt[] = [];
  for (const input of ordered) {
    const { report } = input;
    const event: PresentedAt = {
      title: report.title,
      date: report.date,
      ...(report.endDate ? { endDate: report.endDate } : {}),
      ...(report.place.city ? { city: report.place.city } : {}),
      ...(report.place.country ? { country: report.place.country } : {}),
      ...(report.kind ? { kind: report.kind } : {}),
      notes: input.notes,
    };
    events.push(event);
    report.practices.topics.forEach((topic, t) => {
      topic.practices.forEach((practice, p) => {
        const file = input.practiceFiles.get(`${t}/${p}`);
        const key = file !== undefined ? `file:${file}` : `inline:${words(practice.project)}|${words(practice.title)}`;
        let entry = byKey.get(key);
        if (!entry) {
          const rendered = input.rendered?.get(`${t}/${p}`);
          entry = { id: '', practice, topic: topic.title, topics: [], ...(file !== undefined ? { file } : {}), events: [], images: input.images ?? new Map(), ...(rendered ? { rendered } : {}) };
          byKey.set(key, entry);
        }
        if (!entry.topics.some((x) => words(x) === words(topic.title))) entry.topics.push(topic.title);
        // The same practice twice in one event's notes is one presentation.
        if (!entry.events.includes(event)) entry.events.push(event);
      });
    });
  }

  // Ids: from the file name or the project and title, made unique in order.
  const taken = new Set<string>();
  for (const entry of byKey.values()) {
    const base = slug(entry.file !== undefined ? entry.file.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '') : [entry.practice.project, entry.practice.title].filter(Boolean).join(' '));
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
    taken.add(id);
    entry.id = id;
  }

  const topics = new Map<string, { title: string; countries: Map<string, CompendiumCountry> }>();
  for (const entry of byKey.values()) {
    const topicKey = words(entry.topic);
    let topic = topics.get(topicKey);
    if (!topic) topics.set(topicKey, (topic = { title: entry.topic, countries: new Map() }));
    const countryKey = words(entry.practice.country);
    let country = topic.countries.get(countryKey);
    if (!country) topic.countries.set(countryKey, (country = { ...(entry.practice.country ? { country: entry.practice.country } : {}), practices: [] }));
    country.practices.push(entry);
  }
  const grouped: CompendiumTopic[] = [...topics.values()]
    .sort((a, b) => byWords(a.title, b.title))
    .map((topic) => ({
      title: topic.title,
      // Countries by name; practices naming none come last.
      countries: [...topic.countries.values()]
        .sort((a, b) => (a.country === undefined ? 1 : b.country === undefined ? -1 : byWords(a.country, b.country)))
        .map((c) => ({ ...c, practices: c.practices.sort((a, b) => byWords(a.practice.title, b.practice.title) || byWords(a.practice.project, b.practice.project)) })),
    }));
  // The list in the compendium's reading order.
  const practices = grouped.flatMap((t) => t.countries.flatMap((c) => c.practices));
  return { practices, topics: grouped, events };
}

/**
 * An event's share of the compendium as plain data (it crosses from the thread that built the report, and is kept
 * in the build cache): the `CompendiumInput` with its maps as entry lists.
 */
export interface CompendiumRecord {
  event: CompendiumEvent;
  notes: string;
  practiceFiles: Array<[string, string]>;
  images: Array<[string, string]>;
  rendered: Array<[string, RenderedPractice]>;
}

/** `render`: a practice's rich text as the compendium shows it, with the event's images. */
export function compendiumRecord(
  report: EventReport,
  notes: string,
  practiceFiles: ReadonlyMap<string, string>,
  images: ReadonlyMap<string, string>,
  render: (practice: Practice, images: ReadonlyMap<string, string>) => RenderedPractice,
): CompendiumRecord {
  const { title, date, endDate, place, kind, practices } = report;
  const event: CompendiumEvent = { title, date, ...(endDate ? { endDate } : {}), place, ...(kind ? { kind } : {}), practices };
  const rendered = practices.topics.flatMap((topic, t) => topic.practices.map((practice, p) => [`${t}/${p}`, render(practice, images)] as [string, RenderedPractice]));
  return { event, notes, practiceFiles: [...practiceFiles], images: [...images], rendered };
}

export function compendiumInput(record: CompendiumRecord): CompendiumInput {
  return { report: record.event, notes: record.notes, practiceFiles: new Map(record.practiceFiles), images: new Map(record.images), rendered: new Map(record.rendered) };
}
