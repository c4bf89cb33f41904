/**
 * Print a report to PDF with a contents page whose page numbers are the
 * pages the headings really land on: print, read each section anchor's page
 * back from the PDF, write the numbers into the space reserved for them in
 * the page still loaded, print again, and check that they still hold.
 */
import type { PDFOptions } from 'puppeteer-core';
import type { BrowserSession, LoadedDocument } from './browser-session.js';
import { destinationPages } from './pdf-destinations.js';
import type { PdfMetadata } from './pdf-metadata.js';
import { DEFAULT_PDF_STANDARD, finishPdf, type PdfStandard } from './pdf-standard.js';

export interface PrintRequest {
  /** Renders the HTML for printing; page numbers in the contents are placeholders of the same width. */
  render: (pages: ReadonlyMap<string, number> | undefined) => string;
  /** The anchors whose pages the contents show. */
  anchors: readonly string[];
  metadata: PdfMetadata;
  /** What the finished PDF declares and meets (default `ua+a-2b`); applied after the contents pass. */
  standard?: PdfStandard;
  pageSize: 'A4' | 'Letter';
  /** The printable area, when the template's CSS tells it: lets the pages be guessed before printing. */
  geometry?: PageGeometry;
  /**
   * What is left of the file's time limit, in ms: printing gets at most this (and at most the session's own limit),
   * counted from when a page is free for it, so a file waiting behind others loses none of it.
   */
  timeLeftMs?: number;
  /**
   * Called once the print is done and its page given back, before the post-processing: the caller may start
   * the next document meanwhile (the finishing runs in a thread of its own).
   */
  onPrinted?: () => void;
  /** This document's own time limit, in place of the session's (a compendium printed in a batch's session). */
  limitMs?: number;
}

export interface PrintResult {
  pdf: Uint8Array;
  pages: ReadonlyMap<string, number>;
  /** How many times the document was printed (2 when the numbers held at once). */
  passes: number;
  /** True when the contents' numbers were confirmed by reading the final PDF. */
  verified: boolean;
  /** True when the numbers guessed from the layout held, so one print was enough. */
  guessed?: boolean;
}

const MAX_PASSES = 4;

export async function printReport(session: BrowserSession, request: PrintRequest): Promise<PrintResult> {
  const options: PDFOptions = {
    printBackground: true,
    preferCSSPageSize: true,
    displayHeaderFooter: false,
    tagged: true,
    outline: true,
  };
  // A print that only measures where sections land: no tags, outline or backgrounds (same layout, less work).
  const measuring: PDFOptions = { ...options, printBackground: false, tagged: false, outline: false };
  const standard = request.standard ?? DEFAULT_PDF_STANDARD;
  // (the finishing thread loads while the first document prints)
  if (standard !== 'none') session.finishing.start();
  const printed = await printWithNumbers(session, request, options, measuring);
  request.onPrinted?.();
  // The post-processing stage, on the print whose contents numbers held, after the page is given back: in the
  // session's thread, so that this one goes on serving the printer pages meanwhile.
  return { ...printed, pdf: await finishPdf(printed.pdf, request.metadata, standard, session.finishing) };
}

async function printWithNumbers(session: BrowserSession, request: PrintRequest, options: PDFOptions, measuring: PDFOptions): Promise<PrintResult> {
  return session.withDocument(request.render(undefined), async (doc) => {
    // A template without page numbers in its contents (or without contents) needs one print only.
    const numbered = request.anchors.length > 0 && (await doc.count(PAGE_NUMBER_ATTRIBUTE)) > 0;
    if (!numbered) return { pdf: await doc.pdf(options), pages: new Map(), passes: 1, verified: true };

    // Guess the pages from the page's layout, print once with the guess, and read back where the sections
    // really landed. Most of the time the guess holds and one print is enough; when it does not, the numbers
    // read back are written in and the document printed again, until they hold.
    const guess = request.geometry ? await predictPages(doc, request.anchors, request.geometry).catch(() => undefined) : undefined;
    let pages: Map<string, number>;
    let pdf: Uint8Array;
    let passes = 0;
    if (guess) {
      pages = guess;
    } else {
      pdf = await doc.pdf(measuring);
      passes++;
      pages = pick(await destinationPages(pdf), request.anchors);
    }
    while (passes < MAX_PASSES) {
      await doc.setTexts(PAGE_NUMBER_ATTRIBUTE, new Map([...pages].map(([anchor, page]) => [anchor, String(page)])));
      pdf = await doc.pdf(options);
      passes++;
      const landed = pick(await destinationPages(pdf), request.anchors);
      if (sameNumbers(landed, pages)) return { pdf, pages, passes, verified: true, guessed: guess !== undefined && passes === 1 };
      pages = landed;
    }
    return { pdf: pdf!, pages, passes, verified: false };
  }, request.timeLeftMs, request.limitMs);
}

/** The printable area of a page, in CSS pixels, as the template's `@page` rule sets it. */
export interface PageGeometry {
  width: number;
  height: number;
  /** Selectors the template keeps whole across pages (`break-inside: avoid`), for a better guess. */
  unbreakable?: string;
  /** Selectors the template keeps with what follows (`break-after: avoid`, e.g. headings). */
  keepWithNext?: string;
}

/**
 * Where each section would start, from the document's own layout at the
 * width of the printed page: forced breaks (`break-before: page`) start a new
 * page, everything else flows. Breaks the layout cannot foresee (a card kept
 * whole, widows) can make the guess wrong; the printed PDF then corrects it.
 */
async function predictPages(doc: LoadedDocument, anchors: readonly string[], geometry: PageGeometry): Promise<Map<string, number> | undefined> {
  const { sections, blocks, glue } = await doc.measure(anchors, geometry.width, geometry.unbreakable, geometry.keepWithNext);
  if (sections.length !== anchors.length) return undefined;
  const H = geometry.height;
  // Walk down the document: a forced break moves what follows to the next page, and so does a block kept
  // whole that would straddle a page end (when it fits on a page at all).
  type Event = { top: number; height: number; anchor?: string; breakBefore?: boolean };
  const events: Event[] = [...sections.map((s) => ({ top: s.top, height: 0, anchor: s.anchor, breakBefore: s.breakBefore })), ...blocks];
  events.sort((a, b) => a.top - b.top || (a.anchor ? -1 : 1));
  const pages = new Map<string, number>();
  let shift = 0;
  for (const event of events) {
    const top = event.top + shift;
    if (event.anchor !== undefined) {
      let start = top;
      if (event.breakBefore && top > 0) {
        start = Math.ceil(top / H - 1e-6) * H;
        shift += start - top;
      }
      pages.set(event.anchor, Math.floor(start / H + 1e-6) + 1);
    } else if (event.height < H) {
      const pageEnd = (Math.floor(top / H + 1e-6) + 1) * H;
      if (top + event.height > pageEnd + 0.5) {
        // A heading kept with this block moves with it: the block then starts where the heading did.
        const pageStart = pageEnd - H;
        const heading = glue.find((g) => g.top + shift >= pageStart && Math.abs(g.top + g.height - event.top) < 48);
        const from = heading ? heading.top + shift : top;
        shift += pageEnd - from;
      }
    }
  }
  return pages;
}

/** `@page { margin: … }` of a template's CSS -> the printable area for a page size. */
export function pageGeometry(css: string, pageSize: 'A4' | 'Letter'): PageGeometry | undefined {
  const px = (value: string): number | undefined => {
    const m = /^(-?[\d.]+)(mm|cm|in|pt|px)?$/.exec(value.trim());
    if (!m) return undefined;
    const n = Number(m[1]);
    const unit = m[2] ?? 'px';
    return unit === 'mm' ? (n * 96) / 25.4 : unit === 'cm' ? (n * 96) / 2.54 : unit === 'in' ? n * 96 : unit === 'pt' ? (n * 96) / 72 : n;
  };
  let margin: string | undefined;
  // The last `margin` of a plain `@page` rule wins (a template's CSS comes after the default's).
  for (const rule of css.matchAll(/@page\s*\{((?:[^{}]|\{[^{}]*\})*)\}/g)) {
    const own = rule[1]!.replace(/\{[^{}]*\}/g, '');
    for (const m of own.matchAll(/(?:^|[;\s])margin\s*:\s*([^;]+)/g)) margin = m[1];
  }
  if (!margin) return undefined;
  const parts = margin.trim().split(/\s+/).map(px);
  if (parts.some((p) => p === undefined) || parts.length === 0 || parts.length > 4) return undefined;
  const [top, right = top, bottom = top, left = right] = parts as number[];
  const [w, h] = pageSize === 'Letter' ? [8.5 * 96, 11 * 96] : [(210 * 96) / 25.4, (297 * 96) / 25.4];
  // Rules that keep their elements whole: `selector { … break-inside: avoid … }` (not inside @page or @media).
  const rules = [...css.replace(/@[^{]+\{(?:[^{}]|\{[^{}]*\})*\}/g, '').matchAll(/([^{}]+)\{([^{}]*)\}/g)];
  const selectorsWith = (declaration: RegExp) =>
    rules
      .filter((rule) => declaration.test(rule[2]!))
      .map((rule) => rule[1]!.replace(/\/\*[\s\S]*?\*\//g, '').trim())
      .filter(Boolean)
      .join(', ');
  const unbreakable = selectorsWith(/break-inside\s*:\s*avoid/);
  const keepWithNext = selectorsWith(/break-after\s*:\s*avoid/);
  return {
    width: w - right! - left!,
    height: h - top! - bottom!,
    ...(unbreakable ? { unbreakable } : {}),
    ...(keepWithNext ? { keepWithNext } : {}),
  };
}

/**
 * Templates mark the element holding a contents entry's page number with this
 * attribute, whose value is the section's anchor: `<span data-toc-page="section-1">`.
 */
export const PAGE_NUMBER_ATTRIBUTE = 'data-toc-page';

function pick(all: Map<string, number>, anchors: readonly string[]): Map<string, number> {
  return new Map(anchors.filter((a) => all.has(a)).map((a) => [a, all.get(a)!]));
}

function sameNumbers(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}
