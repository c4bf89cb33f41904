/**
 * The archive's index.html: every report by date (listed in the HTML itself, so the page works without its
 * script), filters by year, kind, country, language and theme, a search box, and the number of events shown,
 * all in the catalogue's language. Styles and scripts come from the site's own files only (CSP: 'self').
 */
import { escapeHtml } from '../escape-html.js';
import { labelPack } from '../i18n/locales.js';
import { pluralLabel } from '../i18n/plural-label.js';
import { editionNotice, formatDate } from '../render/view.js';

export interface SiteEntry {
  id: number;
  date: string;
  title: string;
  language: string;
  place: string;
  kind?: string;
  country?: string;
  themes: string[];
  links: Partial<Record<'source' | 'html' | 'pdf' | 'json', string>>;
  /** Built in the internal edition (docs/editions.md): the index then says so at its top. */
  internal?: boolean;
}

export const FACETS = ['year', 'kind', 'country', 'language', 'theme'] as const;
export type Facet = (typeof FACETS)[number];


const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; font-src 'self'; img-src 'self'";

function facetValues(entry: SiteEntry, facet: Facet): string[] {
  switch (facet) {
    case 'year':
      return [entry.date.slice(0, 4)];
    case 'kind':
      return entry.kind ? [entry.kind] : [];
    case 'country':
      return entry.country ? [entry.country] : [];
    case 'language':
      return [entry.language.toLowerCase()];
    case 'theme':
      return entry.themes;
  }
}

/** "1 event", "2 events", "5 wydarzeń": the pack's form for the number's plural category. */
export function eventCount(n: number, uiLanguage: string): string {
  return pluralLabel(n, uiLanguage, 'eventCount');
}

/** The plural forms the page's script needs, as data attributes of the count. */
function pluralAttributes(uiLanguage: string): string {
  const labels = labelPack(uiLanguage).labels;
  const categories = new Intl.PluralRules(uiLanguage).resolvedOptions().pluralCategories;
  return categories
    .map((c) => [c, labels[`eventCount.${c}`] ?? labels['eventCount.other'] ?? '{n}'] as const)
    .map(([c, form]) => ` data-plural-${c}="${escapeHtml(form)}"`)
    .join('');
}

/** `entries` sorted newest first; `sitePaths` are the href of the site's own files from the index. */
export function indexPage(entries: SiteEntry[], uiLanguage: string, hrefOf: (relativePath: string) => string): string {
  const pack = labelPack(uiLanguage);
  const en = labelPack('en').labels;
  const label = (key: string) => pack.labels[key] ?? en[key] ?? key;
  const collator = new Intl.Collator(uiLanguage);
  const languageNames = new Intl.DisplayNames([uiLanguage], { type: 'language', fallback: 'code' });

  // Each facet's values, sorted for the reader (years newest first); rows name them by number.
  const options = new Map<Facet, string[]>();
  const numbers = new Map<Facet, Map<string, number>>();
  for (const facet of FACETS) {
    const values = [...new Set(entries.flatMap((e) => facetValues(e, facet)))];
    values.sort(facet === 'year' ? (a, b) => b.localeCompare(a) : facet === 'language' ? (a, b) => collator.compare(languageNames.of(a) ?? a, languageNames.of(b) ?? b) : collator.compare);
    options.set(facet, values);
    numbers.set(facet, new Map(values.map((v, i) => [v, i])));
  }
  const optionText = (facet: Facet, value: string) => (facet === 'language' ? (languageNames.of(value) ?? value) : value);

  const filters = FACETS.filter((facet) => options.get(facet)!.length > 1)
    .map((facet) => {
      const list = options
        .get(facet)!
        .map((value, i) => `<option value="${i}">${escapeHtml(optionText(facet, value))}</option>`)
        .join('');
      return `<label>${escapeHtml(label(facet))}<select id="filter-${facet}" data-facet="${facet}"><option value="">${escapeHtml(label('allValues'))}</option>${list}</select></label>`;
    })
    .join('\n');

  const rows = entries
    .map((e) => {
      const links = (['html', 'pdf', 'json'] as const)
        .filter((k) => e.links[k])
        .map((k) => `<a href="${escapeHtml(hrefOf(e.links[k]!))}">${k.toUpperCase()}</a>`)
        .join(' · ');
      const facets = FACETS.map((facet) => ` data-${facet}="${facetValues(e, facet).map((v) => numbers.get(facet)!.get(v)).join(' ')}"`).join('');
      return `<tr data-id="${e.id}"${facets}><td><time datetime="${escapeHtml(e.date)}">${escapeHtml(formatDate(e.date, e.language))}</time></td><td>${escapeHtml(e.place)}</td><td lang="${escapeHtml(e.language)}">${escapeHtml(e.title)}</td><td>${links}</td></tr>`;
    })
    .join('\n');

  return `<!DOCTYPE html>
<html lang="${escapeHtml(uiLanguage)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<title>${escapeHtml(label('catalogue'))}</title>
<link rel="stylesheet" href="./assets/site.css">
</head>
<body>
${entries.some((e) => e.internal) ? `<p class="edition-notice" role="note">${escapeHtml(editionNotice(pack.labels))}</p>\n` : ''}<h1>${escapeHtml(label('catalogue'))}</h1>
<div role="search">
<label for="q">${escapeHtml(label('search'))}</label>
<input id="q" type="search" autocomplete="off">
<div class="filters">
${filters}
</div>
</div>
<p id="count" aria-live="polite"${pluralAttributes(uiLanguage)}>${escapeHtml(eventCount(entries.length, uiLanguage))}</p>
<table>
<thead><tr><th>${escapeHtml(label('date'))}</th><th>${escapeHtml(label('place'))}</th><th>${escapeHtml(label('title'))}</th><th>${escapeHtml(label('reports'))}</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<script src="./assets/minisearch.js" defer></script>
<script src="./search-index.js" defer></script>
<script src="./assets/site.js" defer></script>
</body>
</html>
`;
}

/** The index's style sheet (assets/site.css), with the fonts of the shared assets. */
export const SITE_CSS = `body { font-family: "Report Sans", sans-serif; color: #1d2533; max-width: 64rem; margin: 2rem auto; padding: 0 1rem; }
h1 { color: #12386b; border-bottom: 3px solid #e0a800; padding-bottom: .3em; }
.edition-notice { padding: .4em .8em; border: 2px solid #9b1c1c; color: #9b1c1c; font-weight: 700; text-align: center; }
[role=search] label { display: inline-block; margin: 0 1rem .6rem 0; }
input, select { font: inherit; padding: .35em .5em; border: 1px solid #c9d3e0; border-radius: 3px; margin-left: .4em; }
input { width: 100%; max-width: 28rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .45em .6em; border-bottom: 1px solid #e3e8ef; vertical-align: top; }
th { color: #12386b; }
td:first-child { white-space: nowrap; }
a { color: #12386b; }
`;
