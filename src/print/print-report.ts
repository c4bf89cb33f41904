/**
 * Print a report to PDF with a contents page whose page numbers are the
 * pages the headings really land on: print, read each section anchor's page
 * back from the PDF, write the numbers into the space reserved for them in
 * the page still loaded, print again, and check that they still hold.
 */
import type { PDFOptions } from 'puppeteer';
import type { BrowserSession } from './browser-session.js';
import { destinationPages } from './pdf-destinations.js';
import { addMetadata, type PdfMetadata } from './pdf-metadata.js';

export interface PrintRequest {
  /** Renders the HTML for printing; page numbers in the contents are placeholders of the same width. */
  render: (pages: ReadonlyMap<string, number> | undefined) => string;
  /** The anchors whose pages the contents show. */
  anchors: readonly string[];
  metadata: PdfMetadata;
  pageSize: 'A4' | 'Letter';
}

export interface PrintResult {
  pdf: Uint8Array;
  pages: ReadonlyMap<string, number>;
  /** How many times the document was printed (2 when the numbers held at once). */
  passes: number;
  /** True when the contents' numbers were confirmed by reading the final PDF. */
  verified: boolean;
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
  // The first print only measures where sections land: no tags, outline or backgrounds (same layout, less work).
  const measuring: PDFOptions = { ...options, printBackground: false, tagged: false, outline: false };
  return session.withDocument(request.render(undefined), async (doc) => {
    // A template without page numbers in its contents (or without contents) needs one print only.
    const numbered = request.anchors.length > 0 && (await doc.count(PAGE_NUMBER_ATTRIBUTE)) > 0;
    let pdf = await doc.pdf(numbered ? measuring : options);
    let passes = 1;
    let pages: Map<string, number> = new Map();
    let verified = !numbered;
    if (!verified) {
      pages = pick(await destinationPages(pdf), request.anchors);
      while (passes < MAX_PASSES) {
        // Write the numbers into the space reserved for them, in the loaded page, and print again.
        await doc.setTexts(PAGE_NUMBER_ATTRIBUTE, new Map([...pages].map(([anchor, page]) => [anchor, String(page)])));
        pdf = await doc.pdf(options);
        passes++;
        const landed = pick(await destinationPages(pdf), request.anchors);
        if (sameNumbers(landed, pages)) {
          verified = true;
          break;
        }
        pages = landed;
      }
    }
    return { pdf: addMetadata(pdf, request.metadata), pages, passes, verified };
  });
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
