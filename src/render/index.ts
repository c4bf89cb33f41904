/**
 * EventReport -> HTML. The view (rich text already converted) is built once
 * per report; the self-contained HTML file and each print pass render from it.
 */
import { escapeHtml } from '../escape-html.js';
import type { EventReport } from '../model/types.js';
import { fontFaceCss } from './fonts.js';
import { jsonLdScript } from './json-ld.js';
import { loadTemplate, type CompiledTemplate } from './template.js';
import { buildView, type ViewOptions } from './view.js';

export interface RenderOptions extends ViewOptions {
  template?: CompiledTemplate;
  /**
   * `--html-assets shared`: the HTML file links this style sheet (a relative href to the site's
   * assets/report.css, which holds the template CSS and the fonts) instead of inlining them. Printing is unaffected.
   */
  stylesheet?: string;
}

export interface PreparedReport {
  /** Anchors of the sections the contents list, in order. */
  anchors: string[];
  /** Self-contained HTML: CSS, fonts and images inlined, no external requests. */
  html(): string;
  /** HTML for the printer, whose page already holds the fonts (see `printerFontCss`); contents show `pages`. */
  printHtml(pages: ReadonlyMap<string, number> | undefined): string;
}

const CSP_FILE = "default-src 'none'; img-src data:; font-src data:; style-src 'unsafe-inline'; script-src 'none'";
const CSP_SHARED = "default-src 'none'; img-src data:; font-src 'self'; style-src 'self' 'unsafe-inline'; script-src 'none'";
const CSP_PRINT = "default-src 'none'; img-src data:; font-src 'self'; style-src 'unsafe-inline'; script-src 'none'";

export function prepareReport(report: EventReport, options: RenderOptions = {}): PreparedReport {
  const template = options.template ?? loadTemplate();
  const view = buildView(report, { ...options, fallbackLogo: options.fallbackLogo ?? template.logo });
  const jsonLd = jsonLdScript(report);
  // Every character the page can show (the notes' text and the labels), for the font subsets of the HTML file.
  const characters = () => JSON.stringify(report) + JSON.stringify(view.labels);
  const render = (print: boolean, pages: ReadonlyMap<string, number> | undefined) =>
    template.render({
      ...view,
      // Printing reserves the room of a two-digit number until the real page is known.
      toc: view.toc.map((entry) => ({ ...entry, page: pages?.has(entry.anchor) ? String(pages.get(entry.anchor)) : print ? '00' : null })),
      csp: print ? CSP_PRINT : CSP_FILE,
      fontCss: print ? '' : fontFaceCss('inline', characters()),
      templateCss: template.css,
      jsonLd,
    });
  return {
    anchors: view.toc.map((t) => t.anchor),
    html: options.stylesheet === undefined ? () => render(false, undefined) : () => linkedHtml(template, { ...view, jsonLd }, options.stylesheet!),
    printHtml: (pages) => render(true, pages),
  };
}

/** The HTML file of `--html-assets shared`: template CSS and fonts left to the linked style sheet. */
function linkedHtml(template: CompiledTemplate, view: ReturnType<typeof buildView> & { jsonLd: string }, stylesheet: string): string {
  const toc = view.toc.map((entry) => ({ ...entry, page: null }));
  const html = template.render({ ...view, toc, csp: CSP_SHARED, fontCss: '', templateCss: '', jsonLd: view.jsonLd });
  // Before the page's own <style>, so that the template's @page rules and any custom CSS still come last.
  const link = `<link rel="stylesheet" href="${escapeHtml(stylesheet)}">\n`;
  const at = html.search(/<style[\s>]/);
  return at >= 0 ? html.slice(0, at) + link + html.slice(at) : html.replace('</head>', link + '</head>');
}

/** The fonts' @font-face rules for the printer: loaded once per printer page, shared by every report printed in it. */
export function printerFontCss(): string {
  return fontFaceCss('served');
}

/** One self-contained HTML page. */
export function renderHtml(report: EventReport, options: RenderOptions = {}): string {
  return prepareReport(report, options).html();
}

export { buildView } from './view.js';
export { loadTemplate } from './template.js';
