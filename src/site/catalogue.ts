/**
 * The catalogue of a batch, an archive site that works from the file system and from any web server:
 * `catalogue.json` (a summary of every event with links to its files, for open-data portals), `index.html`
 * (events by date with place, title and links to each report, filters, full-text search in the catalogue's
 * language), `search-index.js` (the MiniSearch index of every report's text) and the page's own files under
 * `assets/`.
 *
 * Each report's site record (src/site/site-record.ts) is made by the thread that built the report; here it is
 * only filed as reports finish: its index row and summary kept, its search terms filed into the search index
 * (src/site/search-index.ts). At the end the reports are put in date order (then by notes file), so that the same
 * reports always give the same files whatever order they finished in.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { SCHEMA_VERSION } from '../model/types.js';
import type { FileResult } from '../pipeline.js';
import { fontFiles, linkedFontCss } from '../render/shared-assets.js';
import { indexPage, SITE_CSS, type SiteEntry } from './index-page.js';
import { PAGE_SCRIPT } from './page-script.js';
import { SEARCH_FIELDS } from './search-documents.js';
import { SearchIndexBuilder } from './search-index.js';
import type { CatalogueSummary } from './site-record.js';
import { writeAllAtomic, type OutputData } from '../write/atomic-write.js';

interface Entry extends SiteEntry {
  summary: CatalogueSummary;
  /** Its number of arrival in the search index being filed. */
  arrival: number;
}

/** The version of catalogue.json's shape (2: summaries and links; 1 held every model in full). */
export const CATALOGUE_VERSION = 2;

/** The files the catalogue writes in its folder (no report may have these names there). */
export const CATALOGUE_FILES = ['catalogue.json', 'index.html', 'search-index.js'] as const;

/** Fields that weigh more when the words typed are found in them. */
const SEARCH_BOOST: Partial<Record<(typeof SEARCH_FIELDS)[number], number>> = { title: 3, speakers: 2, projects: 2, contacts: 2, practices: 1.5, place: 1.5 };

/** MiniSearch's browser build, copied into the site (the page fetches nothing from elsewhere). */
function miniSearchBrowserBuild(): string {
  const main = createRequire(import.meta.url).resolve('minisearch');
  const version = (JSON.parse(readFileSync(join(dirname(main), '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
  return `/*! MiniSearch ${version} | MIT License | https://github.com/lucaong/minisearch */\n` + readFileSync(join(dirname(main), '..', 'umd', 'index.js'), 'utf8');
}

export class CatalogueWriter {
  private readonly entries: Entry[] = [];
  private readonly search = new SearchIndexBuilder();
  /** The run was interrupted: nothing more is recorded, nor written. */
  private abandoned = false;

  /** `language`: the catalogue's own (its labels, plurals and language names), English by default. */
  constructor(
    private readonly dir: string,
    private readonly language = 'en',
  ) {}

  /**
   * Record one built report (called as results arrive): its index row and summary are kept, its search terms
   * filed into the search index at once (while the worker threads build the next reports), so that the end of
   * the run only puts them in order.
   */
  add(result: FileResult): Promise<void> {
    const record = result.site;
    if (!record || this.abandoned) return Promise.resolve();
    const outputs = withSiblings(result.outputs);
    const link = (path: string | undefined) => (path ? relative(this.dir, path).split('\\').join('/') : undefined);
    this.entries.push({
      id: 0,
      ...record.entry,
      summary: record.summary,
      links: { source: link(result.file.path), html: link(outputs.html), pdf: link(outputs.pdf), json: link(outputs.json) },
      arrival: this.search.add(record.search),
    });
    return Promise.resolve();
  }

  /** The run is being interrupted: record nothing more, and write nothing. */
  async abandon(): Promise<void> {
    this.abandoned = true;
  }

  private finishing: Promise<void> | undefined;

  /** Write the site: catalogue.json, index.html, search-index.js and the assets (all or nothing; once, however often asked). */
  finish(): Promise<void> {
    return (this.finishing ??= this.write());
  }

  private async write(): Promise<void> {
    if (this.abandoned || this.entries.length === 0) return;
    // Newest first; the same date and title are told apart by their notes file (never by when they finished).
    const byCodePoints = (a = '', b = '') => (a < b ? -1 : a > b ? 1 : 0);
    const sorted = [...this.entries].sort((a, b) => b.date.localeCompare(a.date) || a.title.localeCompare(b.title) || byCodePoints(a.links.source, b.links.source));
    sorted.forEach((entry, i) => (entry.id = i));
    // (terms only, never the reports' whole text)
    const index = this.search.serialise(sorted.map((entry) => entry.arrival));
    const events = sorted.map(({ links, summary }) => `    ${JSON.stringify({ ...Object.fromEntries(Object.entries(links).filter(([, v]) => v !== undefined)), ...summary })}`);
    const catalogueJson = `{\n  "catalogueVersion": ${CATALOGUE_VERSION},\n  "schemaVersion": ${JSON.stringify(SCHEMA_VERSION)},\n  "count": ${sorted.length},\n  "events": [\n${events.join(',\n')}\n  ]\n}\n`;
    const searchIndex = `window.reportSearchIndex = ${JSON.stringify({ fields: SEARCH_FIELDS, boost: SEARCH_BOOST, index: 0 }).replace('"index":0', () => `"index":${index}`)};\n`;
    const files: Array<[string, OutputData]> = [
      ['assets/site.css', linkedFontCss() + '\n' + SITE_CSS],
      ['assets/site.js', PAGE_SCRIPT],
      ['assets/minisearch.js', miniSearchBrowserBuild()],
      ...fontFiles(),
      [CATALOGUE_FILES[0], catalogueJson],
      [CATALOGUE_FILES[2], searchIndex],
      // Last: the page appears once everything it loads is there.
      [CATALOGUE_FILES[1], indexPage(sorted, this.language, catalogueHref)],
    ];
    await writeAllAtomic(
      files.map(([path, data]) => [join(this.dir, path), data] as const),
      { below: this.dir },
    );
  }
}

/**
 * A link from the catalogue to a report: a relative path, each segment percent-encoded, starting with `./` (or
 * `../`), so that a file named `javascript:alert(1).md` can never become a link with a scheme.
 */
export function catalogueHref(relativePath: string): string {
  const encoded = relativePath.split('/').map((segment) => (segment === '..' || segment === '.' ? segment : encodeURIComponent(segment))).join('/');
  return encoded.startsWith('../') ? encoded : `./${encoded}`;
}

/**
 * Outputs of the same report built by other runs (other formats, CI shards)
 * sit beside the ones of this run: link them too.
 */
function withSiblings(outputs: FileResult['outputs']): FileResult['outputs'] {
  const any = outputs.html ?? outputs.pdf ?? outputs.json;
  if (!any) return outputs;
  const stem = any.replace(/\.(html|pdf|json)$/, '');
  const found: FileResult['outputs'] = { ...outputs };
  for (const format of ['html', 'pdf', 'json'] as const) {
    if (!found[format] && existsSync(`${stem}.${format}`)) found[format] = `${stem}.${format}`;
  }
  return found;
}
