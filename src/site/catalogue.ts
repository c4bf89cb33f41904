/**
 * The catalogue of a batch, an archive site that works from the file system and from any web server:
 * `catalogue.json` (a summary of every event with links to its files, for open-data portals), `index.html`
 * (events by date with place, title and links to each report, filters, full-text search in the catalogue's
 * language), `search-index.js` (the MiniSearch index of every report's text) and the page's own files under
 * `assets/`.
 *
 * Each report's site record (src/site/site-record.ts) is made by the thread that built the report; here it is
 * only filed. Its search terms, the large part, are spooled to a temporary file as reports finish, and only the
 * index row and summary stay in memory; at the end the terms are indexed in date order (then by notes file), so
 * that the same reports always give the same files whatever order they finished in.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, open, rm, type FileHandle } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import MiniSearch from 'minisearch';
import { SCHEMA_VERSION } from '../model/types.js';
import type { FileResult } from '../pipeline.js';
import { fontFiles, linkedFontCss } from '../render/shared-assets.js';
import { indexPage, SITE_CSS, type SiteEntry } from './index-page.js';
import { PAGE_SCRIPT } from './page-script.js';
import { SEARCH_FIELDS, SEARCH_TERMS_OPTIONS, type SearchTerms } from './search-documents.js';
import type { CatalogueSummary } from './site-record.js';
import { trackTemporaryFile, writeAllAtomic, type OutputData } from '../write/atomic-write.js';

interface Entry extends SiteEntry {
  summary: CatalogueSummary;
  /** Where the search terms sit in the spool file. */
  offset: number;
  length: number;
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

/** Spool writes that may be queued before `add` waits for them. */
const MAX_PENDING_WRITES = 16;

export class CatalogueWriter {
  private spool: FileHandle | undefined;
  private readonly spoolPath: string;
  private size = 0;
  private readonly entries: Entry[] = [];
  private queue: Promise<void> = Promise.resolve();
  /** The spool is removed with the outputs' temporary files if the run is interrupted. */
  private untrack: (() => void) | undefined;

  /** `language`: the catalogue's own (its labels, plurals and language names), English by default. */
  constructor(
    private readonly dir: string,
    private readonly language = 'en',
  ) {
    this.spoolPath = join(dir, `.catalogue.${randomBytes(6).toString('hex')}.tmp`);
  }

  /** The run was interrupted: nothing more is recorded, and the spool is gone. */
  private abandoned = false;

  /** Spool writes queued and not yet done. */
  private pending = 0;

  /**
   * Record one built report (called as results arrive). Resolves at once, or, when more writes than
   * `MAX_PENDING_WRITES` are queued, once the spool has caught up: files can finish faster than the spool is
   * written (an HTML batch's main thread yields to the event loop only between files), and every queued model
   * holds its JSON in memory (a 3,000-file batch grew by ~17 KiB per file before).
   */
  add(result: FileResult): Promise<void> {
    const record = result.site;
    if (!record || this.abandoned) return Promise.resolve();
    const outputs = withSiblings(result.outputs);
    const link = (path: string | undefined) => (path ? relative(this.dir, path).split('\\').join('/') : undefined);
    const line = Buffer.from(JSON.stringify(record.search) + '\n', 'utf8');
    const entry: Entry = {
      id: 0,
      ...record.entry,
      summary: record.summary,
      links: { source: link(result.file.path), html: link(outputs.html), pdf: link(outputs.pdf), json: link(outputs.json) },
      offset: 0,
      length: line.length,
    };
    this.entries.push(entry);
    this.pending++;
    this.queue = this.queue
      .then(async () => {
        if (!this.spool) {
          await mkdir(this.dir, { recursive: true });
          this.untrack = trackTemporaryFile(this.spoolPath);
          this.spool = await open(this.spoolPath, 'wx+');
        }
        entry.offset = this.size;
        this.size += line.length;
        await this.spool.write(line, 0, line.length, entry.offset);
      })
      .finally(() => this.pending--);
    // A failed write is reported by finish(), not here.
    return this.pending > MAX_PENDING_WRITES ? this.queue.catch(() => undefined) : Promise.resolve();
  }

  /**
   * The run is being interrupted: record nothing more, and remove the spool
   * once a write already queued has finished (it could otherwise create the
   * file again after it was removed).
   */
  async abandon(): Promise<void> {
    this.abandoned = true;
    await this.queue.catch(() => undefined);
    await this.spool?.close().catch(() => undefined);
    await rm(this.spoolPath, { force: true });
    this.untrack?.();
  }

  /** Write the site: catalogue.json, index.html, search-index.js and the assets (all or nothing); removes the spool file whatever happens. */
  async finish(): Promise<void> {
    if (this.abandoned) return;
    try {
      await this.queue;
      if (this.entries.length === 0) return;
      // Newest first; the same date and title are told apart by their notes file (never by when they finished).
      const byCodePoints = (a = '', b = '') => (a < b ? -1 : a > b ? 1 : 0);
      const sorted = [...this.entries].sort((a, b) => b.date.localeCompare(a.date) || a.title.localeCompare(b.title) || byCodePoints(a.links.source, b.links.source));
      const spool = this.spool!;
      // The search index is built from the spool in that order; it holds terms only, never the reports' whole text.
      const search = new MiniSearch<SearchTerms & { id: number }>(SEARCH_TERMS_OPTIONS);
      for (let i = 0; i < sorted.length; i++) {
        const entry = sorted[i]!;
        entry.id = i;
        const terms = Buffer.alloc(entry.length - 1);
        await spool.read(terms, 0, terms.length, entry.offset);
        search.add({ id: i, ...(JSON.parse(terms.toString('utf8')) as SearchTerms) });
      }
      const events = sorted.map(({ links, summary }) => `    ${JSON.stringify({ ...Object.fromEntries(Object.entries(links).filter(([, v]) => v !== undefined)), ...summary })}`);
      const catalogueJson = `{\n  "catalogueVersion": ${CATALOGUE_VERSION},\n  "schemaVersion": ${JSON.stringify(SCHEMA_VERSION)},\n  "count": ${sorted.length},\n  "events": [\n${events.join(',\n')}\n  ]\n}\n`;
      const searchIndex = `window.reportSearchIndex = ${JSON.stringify({ fields: SEARCH_FIELDS, boost: SEARCH_BOOST, index: search.toJSON() })};\n`;
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
    } finally {
      await this.spool?.close().catch(() => undefined);
      await rm(this.spoolPath, { force: true });
      this.untrack?.();
    }
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
