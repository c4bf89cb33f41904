/**
 * The catalogue of a batch: `catalogue.json` (every validated model, for
 * open-data portals) and `index.html` (events by date with place, title and
 * links to each report, searchable on the page without a server).
 *
 * Models are spooled to a temporary file as reports finish, and only a small
 * entry per event stays in memory, so memory stays flat however large the
 * batch; at the end the models are copied in date order into catalogue.json.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, open, rm, type FileHandle } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { labelPack } from '../i18n/locales.js';
import { SCHEMA_VERSION } from '../model/types.js';
import type { FileResult } from '../pipeline.js';
import { fontFaceCss } from '../render/fonts.js';
import { formatDate, placeText } from '../render/view.js';
import { trackTemporaryFile, writeAllAtomic } from '../write/atomic-write.js';
import { escapeHtml } from '../escape-html.js';


interface Entry {
  date: string;
  title: string;
  language: string;
  place: string;
  search: string;
  links: Partial<Record<'source' | 'html' | 'pdf' | 'json', string>>;
  /** Where the model sits in the spool file. */
  offset: number;
  length: number;
}

/** The files the catalogue writes in its folder (no report may have these names there). */
export const CATALOGUE_FILES = ['catalogue.json', 'index.html'] as const;

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

  constructor(private readonly dir: string) {
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
    const report = result.report;
    if (!report || this.abandoned) return Promise.resolve();
    const outputs = withSiblings(result.outputs);
    const link = (path: string | undefined) => (path ? relative(this.dir, path).split('\\').join('/') : undefined);
    const line = Buffer.from(JSON.stringify(report) + '\n', 'utf8');
    const entry: Entry = {
      date: report.date,
      title: report.title,
      language: report.language,
      place: placeText(report, labelPack(report.language).labels),
      search: [report.title, report.subtitle, report.kind, report.place.city, report.place.country, report.date, ...report.highlights.themes.map((t) => t.title)]
        .filter(Boolean)
        .join(' ')
        .toLowerCase(),
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

  /** Write catalogue.json and index.html (all or nothing); removes the spool file whatever happens. */
  async finish(): Promise<void> {
    if (this.abandoned) return;
    try {
      await this.queue;
      if (this.entries.length === 0) return;
      const sorted = [...this.entries].sort((a, b) => b.date.localeCompare(a.date) || a.title.localeCompare(b.title));
      const spool = this.spool!;
      // Copied from the spool in date order, one model at a time: the file is never whole in memory.
      async function* catalogueJson(): AsyncGenerator<string | Uint8Array> {
        yield `{\n  "schemaVersion": ${JSON.stringify(SCHEMA_VERSION)},\n  "count": ${sorted.length},\n  "events": [\n`;
        for (let i = 0; i < sorted.length; i++) {
          const entry = sorted[i]!;
          const model = Buffer.alloc(entry.length - 1);
          await spool.read(model, 0, model.length, entry.offset);
          const links = Object.entries(entry.links).filter(([, v]) => v !== undefined);
          const head = links.map(([k, v]) => `"${k}": ${JSON.stringify(v)}, `).join('');
          yield `    { ${head}"report": `;
          yield model;
          yield i < sorted.length - 1 ? ' },\n' : ' }\n';
        }
        yield '  ]\n}\n';
      }
      await writeAllAtomic(
        [
          [join(this.dir, CATALOGUE_FILES[0]), catalogueJson],
          [join(this.dir, CATALOGUE_FILES[1]), indexHtml(sorted)],
        ],
        { below: this.dir },
      );
    } finally {
      await this.spool?.close().catch(() => undefined);
      await rm(this.spoolPath, { force: true });
      this.untrack?.();
    }
  }
}

function indexHtml(entries: Entry[]): string {
  const labels = labelPack('en').labels;
  const rows = entries
    .map((e) => {
      const links = (['html', 'pdf', 'json'] as const)
        .filter((k) => e.links[k])
        .map((k) => `<a href="${escapeHtml(catalogueHref(e.links[k]!))}">${k.toUpperCase()}</a>`)
        .join(' · ');
      return `<tr data-search="${escapeHtml(e.search)}"><td><time datetime="${escapeHtml(e.date)}">${escapeHtml(formatDate(e.date, e.language))}</time></td><td>${escapeHtml(e.place)}</td><td lang="${escapeHtml(e.language)}">${escapeHtml(e.title)}</td><td>${links}</td></tr>`;
    })
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; font-src data:; style-src 'unsafe-inline'; script-src 'sha256-${SEARCH_SCRIPT_HASH}'">
<title>${escapeHtml(labels.catalogue ?? 'Event reports')}</title>
<style>
${fontFaceCss('inline', entries.map((e) => e.title + e.place).join(''))}
body { font-family: "Report Sans", sans-serif; color: #1d2533; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
h1 { color: #12386b; border-bottom: 3px solid #e0a800; padding-bottom: .3em; }
input { font: inherit; padding: .4em .6em; width: 100%; max-width: 28rem; margin: 0 0 1rem; border: 1px solid #c9d3e0; border-radius: 3px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .45em .6em; border-bottom: 1px solid #e3e8ef; vertical-align: top; }
th { color: #12386b; }
td:first-child { white-space: nowrap; }
a { color: #12386b; }
</style>
</head>
<body>
<h1>${escapeHtml(labels.catalogue ?? 'Event reports')}</h1>
<label for="q">${escapeHtml(labels.search ?? 'Search')}</label><br>
<input id="q" type="search" autocomplete="off">
<p id="count">${entries.length} ${entries.length === 1 ? 'event' : 'events'}</p>
<table>
<thead><tr><th>${escapeHtml(labels.date ?? 'Date')}</th><th>${escapeHtml(labels.place ?? 'Place')}</th><th>${escapeHtml(labels.title ?? 'Title')}</th><th>${escapeHtml(labels.reports ?? 'Reports')}</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<script>${SEARCH_SCRIPT}</script>
</body>
</html>
`;
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

/** Filters rows as you type; the page's only script, allowed by its hash. */
const SEARCH_SCRIPT =
  "document.getElementById('q').addEventListener('input',function(e){var q=e.target.value.toLowerCase().trim().split(/\\s+/);var n=0;document.querySelectorAll('tbody tr').forEach(function(r){var s=r.getAttribute('data-search');var ok=q.every(function(w){return s.indexOf(w)>=0});r.hidden=!ok;if(ok)n++});document.getElementById('count').textContent=n+' events'});";

const SEARCH_SCRIPT_HASH = createHash('sha256').update(SEARCH_SCRIPT).digest('base64');

