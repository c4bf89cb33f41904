/**
 * The compendium's four files from the events' practices gathered (src/model/compendium.ts): compendium.html,
 * compendium.pdf (printed in the browser session it is given), practices.json and practices.csv, written all or
 * nothing. Used by `report compendium` and by `report build --compendium`, which prints it in the run's own
 * browser session once the reports are built.
 */
import { join } from 'node:path';
import { printable } from '../diagnostics/printable-text.js';
import type { Edition } from '../model/edition.js';
import type { Compendium } from '../model/compendium.js';
import type { BrowserSession } from '../print/browser-session.js';
import { pageGeometry, printReport } from '../print/print-report.js';
import { prepareCompendium } from '../render/compendium.js';
import { practicesCsv, practicesJson } from '../render/practices-table.js';
import type { CompiledTemplate } from '../render/template.js';
import { writeAllAtomic, WriteError } from '../write/atomic-write.js';

export const COMPENDIUM_FORMATS = ['html', 'pdf', 'json', 'csv'] as const;
export type CompendiumFormat = (typeof COMPENDIUM_FORMATS)[number];
export const COMPENDIUM_FILE_NAMES: Readonly<Record<CompendiumFormat, string>> = { html: 'compendium.html', pdf: 'compendium.pdf', json: 'practices.json', csv: 'practices.csv' };

export interface CompendiumOutput {
  dir: string;
  formats: ReadonlySet<CompendiumFormat>;
  template: CompiledTemplate;
  generator: string;
  pageSize: 'A4' | 'Letter';
  edition: Edition;
  title?: string;
  language?: string;
  /** The browser to print the PDF in (asked for only when the PDF is wanted). */
  session?: () => BrowserSession;
  /** The print's own time limit, in place of the session's. */
  printLimitMs?: number;
  /** Told of what the user should check (the contents' numbers that kept moving). */
  warn: (message: string) => void;
}

/**
 * One document of every practice: its default time limit grows with it (a thousand events' practices make a PDF
 * of over a thousand pages, printed more than once to check the contents' page numbers).
 */
export function compendiumTimeLimitMs(compendium: Compendium, seconds?: number): number {
  return (seconds ?? Math.min(3600, Math.max(120, Math.ceil(30 + compendium.practices.length * 0.5)))) * 1000;
}

/** The paths of the compendium's files, in the order of `formats`. */
export function compendiumPaths(dir: string, formats: Iterable<CompendiumFormat>): Array<[CompendiumFormat, string]> {
  return [...formats].map((f) => [f, join(dir, COMPENDIUM_FILE_NAMES[f])]);
}

/** Renders, prints and writes the compendium; the paths written, or why nothing was (printing or writing failed). */
export async function writeCompendium(compendium: Compendium, out: CompendiumOutput): Promise<{ written: string[] } | { failed: string }> {
  const prepared = prepareCompendium(compendium, { title: out.title, language: out.language, pageSize: out.pageSize, generator: out.generator, template: out.template, edition: out.edition });
  const contents = new Map<CompendiumFormat, string | Uint8Array>();
  if (out.formats.has('html')) contents.set('html', prepared.html());
  if (out.formats.has('json')) contents.set('json', practicesJson(compendium, out.generator));
  if (out.formats.has('csv')) contents.set('csv', practicesCsv(compendium));
  if (out.formats.has('pdf')) {
    try {
      const session = out.session?.();
      if (!session) throw new Error('no browser to print with');
      const printed = await printReport(session, {
        render: (pages) => prepared.printHtml(pages),
        anchors: prepared.anchors,
        geometry: pageGeometry(out.template.css, out.pageSize),
        pageSize: out.pageSize,
        metadata: { title: prepared.title, subject: prepared.subject, keywords: compendium.topics.map((t) => t.title), creator: out.generator },
        limitMs: out.printLimitMs,
      });
      if (!printed.verified) out.warn('the contents page numbers kept moving between prints; check them in the PDF');
      contents.set('pdf', printed.pdf);
    } catch (error) {
      return { failed: `printing the compendium failed: ${printable(String((error as Error)?.message ?? error).split('\n')[0]!)}` };
    }
  }
  // (No output can be an input: notes end in .md or .yaml, the compendium's files do not.)
  const paths = compendiumPaths(out.dir, out.formats);
  try {
    await writeAllAtomic(paths.map(([f, path]) => [path, contents.get(f)!] as const));
    return { written: paths.map(([, path]) => path) };
  } catch (error) {
    return { failed: printable(error instanceof WriteError ? error.message : `cannot write the compendium: ${String((error as Error).message)}`) };
  }
}
