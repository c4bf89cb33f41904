/**
 * The catalogue of a batch: `catalogue.json` (every validated model, for
 * open-data portals) and `index.html` (events by date with place, title and
 * links to each report, searchable on the page without a server).
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { EventReport } from '../model/types.js';
import type { FileResult } from '../pipeline.js';
import { fontFaceCss } from '../render/fonts.js';
import type { CompiledTemplate } from '../render/template.js';
import { formatDate, placeText } from '../render/view.js';
import { labelPack } from '../i18n/locales.js';
import { writeAtomic } from '../write/atomic-write.js';
import { SCHEMA_VERSION } from '../model/types.js';

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

export async function writeCatalogue(dir: string, results: FileResult[], _template: CompiledTemplate): Promise<void> {
  const entries = results
    .filter((r): r is FileResult & { report: EventReport } => r.report !== undefined)
    .map((r) => ({ ...r, outputs: withSiblings(r.outputs) }))
    .sort((a, b) => (b.report.date.localeCompare(a.report.date) || a.report.title.localeCompare(b.report.title)));
  const link = (path: string | undefined) => (path ? relative(dir, path).split('\\').join('/') : undefined);
  const catalogue = {
    schemaVersion: SCHEMA_VERSION,
    count: entries.length,
    events: entries.map((e) => ({ source: link(e.file.path), html: link(e.outputs.html), pdf: link(e.outputs.pdf), json: link(e.outputs.json), report: e.report })),
  };
  await writeAtomic(join(dir, 'catalogue.json'), JSON.stringify(catalogue, null, 2) + '\n');

  const labels = labelPack('en').labels;
  const rows = entries
    .map((e) => {
      const r = e.report;
      const search = [r.title, r.subtitle, r.kind, r.place.city, r.place.country, r.date, ...r.highlights.themes.map((t) => t.title)].filter(Boolean).join(' ').toLowerCase();
      const links = [
        e.outputs.html ? `<a href="${escapeHtml(encodeURI(link(e.outputs.html)!))}">HTML</a>` : '',
        e.outputs.pdf ? `<a href="${escapeHtml(encodeURI(link(e.outputs.pdf)!))}">PDF</a>` : '',
        e.outputs.json ? `<a href="${escapeHtml(encodeURI(link(e.outputs.json)!))}">JSON</a>` : '',
      ].filter(Boolean).join(' · ');
      return `<tr data-search="${escapeHtml(search)}"><td><time datetime="${escapeHtml(r.date)}">${escapeHtml(formatDate(r.date, r.language))}</time></td><td>${escapeHtml(placeText(r, labelPack(r.language).labels))}</td><td lang="${escapeHtml(r.language)}">${escapeHtml(r.title)}</td><td>${links}</td></tr>`;
    })
    .join('\n');
  const html = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; font-src data:; style-src 'unsafe-inline'; script-src 'sha256-${SEARCH_SCRIPT_HASH}'">
<title>${escapeHtml(labels.catalogue ?? 'Event reports')}</title>
<style>
${fontFaceCss()}
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
  await writeAtomic(join(dir, 'index.html'), html);
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
