/**
 * What the archive site and catalogue.json need of one report, made in the thread that builds the report, from
 * its validated model (while the model's texts are fresh there): the index row, the catalogue's summary and the
 * search document's processed terms. The main thread only files these records (src/site/catalogue.ts); the model
 * itself never crosses to it for the site.
 */
import { labelPack } from '../i18n/locales.js';
import type { EventReport } from '../model/types.js';
import { placeText } from '../render/view.js';
import type { SiteEntry } from './index-page.js';
import { searchDocument, searchTerms, type SearchTerms } from './search-documents.js';

/**
 * One event in catalogue.json (version 2): what open-data users list and filter by, not the whole model (each
 * report's full model is its own `.json`, `-f json`). Keys without a value are left out.
 */
export interface CatalogueSummary {
  title: string;
  subtitle?: string;
  series?: string;
  kind?: string;
  date: string;
  endDate?: string;
  language: string;
  place: { venue?: string; city?: string; country?: string; online?: true; hybrid?: true };
  /** The edition the report was built in, when internal. */
  edition?: 'internal';
  organisers: string[];
  /** Every person who spoke: the event's speakers, the themes' speakers and the practices' presenters, once each. */
  speakers: string[];
  themes: string[];
  /** The projects of the practices presented, once each. */
  projects: string[];
  /** The practices' titles, by topic. */
  practices: Array<{ topic: string; titles: string[] }>;
  url?: string;
}

export interface SiteRecord {
  /** The index row, but for its number and links (given by the catalogue). */
  entry: Omit<SiteEntry, 'id' | 'links'>;
  summary: CatalogueSummary;
  search: SearchTerms;
}

const unique = (values: Array<string | undefined>) => [...new Set(values.filter((v): v is string => !!v))];

export function siteRecord(report: EventReport): SiteRecord {
  const themes = unique(report.highlights.themes.map((t) => t.title));
  const entry: SiteRecord['entry'] = {
    date: report.date,
    title: report.title,
    language: report.language,
    place: placeText(report, labelPack(report.language).labels),
    kind: report.kind || undefined,
    country: report.place.country || undefined,
    themes,
    ...(report.edition === 'internal' ? { internal: true } : {}),
  };
  const { venue, city, country, online, hybrid } = report.place;
  const practices = report.practices.topics.flatMap((topic) => topic.practices);
  const summary: CatalogueSummary = {
    title: report.title,
    ...(report.subtitle ? { subtitle: report.subtitle } : {}),
    ...(report.series ? { series: report.series } : {}),
    ...(report.kind ? { kind: report.kind } : {}),
    date: report.date,
    ...(report.endDate ? { endDate: report.endDate } : {}),
    language: report.language,
    place: { ...(venue ? { venue } : {}), ...(city ? { city } : {}), ...(country ? { country } : {}), ...(online ? { online: true as const } : {}), ...(hybrid ? { hybrid: true as const } : {}) },
    ...(report.edition === 'internal' ? { edition: 'internal' as const } : {}),
    organisers: unique(report.organisers.map((o) => o.name)),
    speakers: unique([...report.speakers.map((p) => p.name), ...report.highlights.themes.flatMap((t) => t.speakers.map((p) => p.name)), ...practices.map((p) => p.presenter?.name)]),
    themes,
    projects: unique(practices.map((p) => p.project)),
    practices: report.practices.topics.map((topic) => ({ topic: topic.title, titles: topic.practices.map((p) => p.title) })),
    ...(report.url ? { url: report.url } : {}),
  };
  return { entry, summary, search: searchTerms(searchDocument(0, report)) };
}
