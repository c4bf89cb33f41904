/**
 * The pipeline for one notes file: read -> parse -> validate -> model ->
 * images -> render (`prepareFile`, which a batch runs in a worker thread it
 * can stop) -> print -> write (`finishFile`, on the main thread, with the
 * browser). Document problems become messages on the file; a fatal one skips
 * the file's later stages. Nothing here throws for a document problem, and
 * nothing is written for a file that failed.
 */
import { relative } from 'node:path';
import { diagnostic, type Diagnostic } from './diagnostics/message.js';
import { displayPathOf, hasErrors, type SourceFile } from './diagnostics/source-file.js';
import type { Stage } from './file-budget.js';
import { applyEdition, markedInternal, type Edition } from './model/edition.js';
import { compendiumRecord, type CompendiumRecord } from './model/compendium.js';
import { normalise } from './model/normalise.js';
import type { EventNotes, EventReport } from './model/types.js';
import { notesFormatOf, parseNotes } from './parse/index.js';
import { locateText } from './parse/parsed-notes.js';
import type { BrowserSession } from './print/browser-session.js';
import { PrintTimeoutError } from './print/browser-session.js';
import type { PdfMetadata } from './print/pdf-metadata.js';
import { pageGeometry, printReport } from './print/print-report.js';
import type { InputFile } from './read/expand-inputs.js';
import { resolveImages, type EmbeddedImage } from './read/images.js';
import { resolvePracticeRefs, type PracticeSource } from './read/practice-refs.js';
import { readNotes } from './read/read-notes.js';
import { findImageReferences } from './render/image-references.js';
import { outlineOf, type OutlineEntry } from './render/outline.js';
import { renderPractice } from './render/compendium.js';
import { prepareReport } from './render/index.js';
import { plainText } from './render/rich-text.js';
import type { CompiledTemplate } from './render/template.js';
import { stylesheetHref } from './render/shared-assets.js';
import { siteRecord, type SiteRecord } from './site/site-record.js';
import { validateNotes } from './validate/index.js';
import { writeAllAtomic, WriteError } from './write/atomic-write.js';
import { writeAllAtomicSync } from './write/atomic-write-sync.js';
import { outputPath, type OutputFormat } from './write/output-paths.js';

export interface PipelineOptions {
  cwd: string;
  formats: ReadonlySet<OutputFormat>;
  outDir?: string;
  /** Absent only when validating (nothing is rendered). */
  template?: CompiledTemplate;
  /** `--language`: labels and dates in this language, whatever the notes say. */
  language?: string;
  /** `--edition`: `public` (the default) leaves out what the notes mark internal; `internal` keeps it and says so. */
  edition?: Edition;
  /** From the config file: the language of notes that do not set one. */
  defaultLanguage?: string;
  pageSize: 'A4' | 'Letter';
  /** `--pdf-standard`: what the PDF declares and meets (default `ua+a-2b`). */
  pdfStandard?: import('./print/pdf-standard.js').PdfStandard;
  /** Warnings fail the file. */
  strict: boolean;
  /** Images may come from here (default: the notes' own folder). */
  allowedRoot?: string;
  /** The shared browser session; only asked for when a PDF is wanted. */
  session?: () => BrowserSession;
  /** Absolute paths of every input of the run: never overwritten by an output. */
  inputPaths: ReadonlySet<string>;
  /** The tool's name and version, for PDF metadata and generator tags. */
  generator: string;
  /** Only check; render and write nothing. */
  validateOnly?: boolean;
  /** `--html-assets shared`: HTML reports link the style sheet and fonts of the site in this folder. */
  sharedAssetsDir?: string;
  /**
   * Read notes and write outputs with blocking calls: for a thread with nothing else to do meanwhile (a worker
   * thread, or the main thread of a run without PDF). Same checks and results, less overhead per file.
   */
  syncIo?: boolean;
  /** Told as each stage of a file begins (a worker publishes it, so that a stopped file says where it was). */
  onStage?: (stage: Stage) => void;
  /** Keep the outline of what the reader understood (`report preview` shows it beside the report). */
  outline?: boolean;
  /**
   * What each built file also gives the run, made with its outputs (in its worker thread): the archive site's record
   * (`site`) and its share of the compendium (`compendium`).
   */
  records?: { site?: boolean; compendium?: boolean };
}

export interface FileResult {
  file: SourceFile;
  status: 'built' | 'valid' | 'failed';
  outputs: Partial<Record<OutputFormat, string>>;
  timings: Record<string, number>;
  /** The validated model, for the catalogue. */
  report?: EventReport;
  pdfPasses?: number;
  /** The local images embedded and the practice files read, with their digests (for the build cache). */
  images?: EmbeddedImage[];
  /** The report's practices that came from practice files, and those files (for the compendium). */
  practiceSources?: PracticeSource[];
  /** What the reader understood and where it was written, when `outline` was asked for (as `report explain` prints it). */
  outline?: OutlineEntry[];
  /** The archive site's record of a built file (`records.site`). */
  site?: SiteRecord;
  /** A built file's share of the compendium (`records.compendium`). */
  compendium?: CompendiumRecord;
}

/** What the CPU stages hand to printing and writing: plain data, so that it crosses a thread boundary. */
export interface PreparedFile {
  result: FileResult;
  /** Every output but the PDF, planned and rendered; absent when the file failed or was only validated. */
  outputs?: Array<{ format: OutputFormat; path: string; data?: string | Uint8Array }>;
  /** What printing the PDF needs: the printer's HTML (contents page numbers are filled in the browser). */
  print?: { html: string; anchors: string[]; metadata: PdfMetadata };
}

/** Every stage of one file, on this thread. */
export async function processFile(input: InputFile, options: PipelineOptions): Promise<FileResult> {
  return finishFile(await prepareFile(input, options), options);
}

/** Read, parse, validate, model, images and render: the stages that only take CPU and memory. */
export async function prepareFile(input: InputFile, options: PipelineOptions): Promise<PreparedFile> {
  const file: SourceFile = { path: input.path, displayPath: displayPathOf(options.cwd, input.path), messages: [] };
  const timings: Record<string, number> = {};
  const result: FileResult = { file, status: 'failed', outputs: {}, timings };
  const failed = { result };
  const enter = stageClock(timings, options.onStage);
  const stop = () => hasErrors(file, options.strict) || file.messages.some((m) => m.fatal);

  const format = notesFormatOf(input.path);
  if (!format) {
    file.messages.push(diagnostic('read-error', 'Expected a notes file ending in .md, .markdown, .yaml or .yml', undefined, { fatal: true }));
    return failed;
  }
  enter('read');
  const read = input.text !== undefined ? { text: input.text, messages: [] } : await readNotes(input.path, undefined, options.syncIo);
  file.messages.push(...read.messages);
  enter('parse');
  if (read.text === undefined) return failed;

  const written = parseNotes(read.text, format);
  file.messages.push(...written.messages);
  if (written.data === undefined) return failed;
  // Practices written in files of their own take their places in the notes (src/read/practice-refs.ts).
  const refs = await resolvePracticeRefs(written, input.path, options);
  const parsed = refs.parsed;
  file.messages.push(...refs.messages);
  enter('validate');

  file.messages.push(...validateNotes(parsed));
  enter('model');
  if (stop()) return failed;

  // The edition is applied here, once, before anything is derived from the notes (src/model/edition.ts).
  const edition = options.edition ?? 'public';
  const edited = applyEdition(parsed.data as EventNotes, edition);
  result.practiceSources = refs.sources.flatMap((s) => {
    const kept = edited.practiceIndex.get(`${s.topic}/${s.practice}`);
    return kept ? [{ ...s, ...kept }] : [];
  });
  // Precedence: defaults < config file < the notes' own front matter < command-line flags.
  const notes = edited.notes;
  const normalised = normalise(options.defaultLanguage && !notes.language ? { ...notes, language: options.defaultLanguage } : notes);
  const { schemaVersion, ...model } = normalised;
  const report: EventReport = edition === 'internal' ? { schemaVersion, edition: 'internal', ...model } : normalised;
  result.report = report;
  if (options.outline) result.outline = outlineOf({ notes: report, placements: parsed.placements, locate: (p) => written.locate(p), isInternal: (p) => markedInternal(parsed.data, p) });
  enter('images');

  const images = await resolveImages(findImageReferences(report), input.path, (p, needle) => locateText(parsed, edited.writtenPath(p), needle), { allowedRoot: options.allowedRoot });
  file.messages.push(...images.messages);
  result.images = [...refs.files, ...images.files];
  enter();
  if (stop()) return failed;
  if (options.validateOnly) {
    result.status = 'valid';
    return { result };
  }

  // Plan every output first; a clash with an input is refused before anything is written.
  const planned = new Map<OutputFormat, string>();
  for (const f of options.formats) {
    const path = outputPath(input.path, input.root, options.outDir, f);
    if (options.inputPaths.has(path)) {
      file.messages.push(diagnostic('output-overwrites-input', `The ${f} output would overwrite the input ${relative(options.cwd, path)}`, undefined, { fatal: true }));
      return failed;
    }
    planned.set(f, path);
  }

  const template = options.template!;
  const renderOptions = { language: options.language, pageSize: options.pageSize, resolveImage: (src: string) => images.dataUrls.get(src), generator: options.generator };
  const outputs: NonNullable<PreparedFile['outputs']> = [];
  let print: PreparedFile['print'];
  enter('render');
  try {
    // (with shared assets, the HTML links the site's style sheet instead of inlining fonts and CSS; the printer's HTML never does)
    const stylesheet = options.sharedAssetsDir && planned.has('html') ? stylesheetHref(planned.get('html')!, options.sharedAssetsDir) : undefined;
    const prepared = planned.has('html') || planned.has('pdf') ? prepareReport(report, { ...renderOptions, template, stylesheet }) : undefined;
    for (const [format, path] of planned) {
      const data = format === 'json' ? JSON.stringify(report, null, 2) + '\n' : format === 'html' ? prepared!.html() : undefined;
      outputs.push({ format, path, data });
    }
    if (planned.has('pdf')) {
      // Printed once with placeholders; the browser writes the real page numbers into the page it has loaded.
      print = {
        html: prepared!.printHtml(undefined),
        anchors: prepared!.anchors,
        metadata: {
          title: report.title,
          author: report.organisers.map((o) => o.name).join(', ') || undefined,
          subject: plainText(report.summary) || report.subtitle || undefined,
          keywords: [report.kind, report.series, ...report.highlights.themes.map((t) => t.title)].filter((k): k is string => !!k),
          creator: options.generator,
          headings: headingsOf(report),
        },
      };
    }
    if (options.records?.site) result.site = siteRecord(report);
    if (options.records?.compendium) {
      const practiceImages = findImageReferences(report).flatMap((r) => (r.path[0] === 'practices' && images.dataUrls.has(r.src) ? [[r.src, images.dataUrls.get(r.src)!] as const] : []));
      const practiceFiles = new Map(result.practiceSources.map((s) => [`${s.topic}/${s.practice}`, displayPathOf(options.cwd, s.path)]));
      result.compendium = compendiumRecord(report, file.displayPath, practiceFiles, new Map(practiceImages), renderPractice);
    }
    enter();
  } catch (error) {
    // A template that fails on these notes (or notes too complex to render): a problem of this file, not of printing.
    file.messages.push(
      diagnostic('render-error', `The template \`${template?.name ?? 'default'}\` failed on these notes: ${String((error as Error)?.message ?? error).split('\n')[0]}`, undefined, {
        fatal: true,
      }),
    );
    return failed;
  }
  return { result, outputs, print };
}

/**
 * Print and write. `deadline` (a `performance.now()` time) is when the file's time limit runs out: printing gets
 * what is left of it, counted from when a printer page is free (the browser session stops it there, `print-timeout`,
 * and kills a browser that cannot even close the page). `onPrinted` is called when the PDF has left the browser, before
 * its post-processing and the writing (the batch then lets another file start).
 */
export async function finishFile(prepared: PreparedFile, options: PipelineOptions, deadline = Infinity, onPrinted?: () => void): Promise<FileResult> {
  const { result } = prepared;
  if (!prepared.outputs) return result;
  const file = result.file;
  const enter = stageClock(result.timings, options.onStage);
  const contents = new Map(prepared.outputs.map((o) => [o.format, o.data]));
  if (prepared.print) {
    enter('print');
    try {
      const session = options.session?.();
      if (!session) throw new Error('No browser session for PDF output');
      const job = prepared.print;
      const printing = printReport(session, {
        render: () => job.html,
        anchors: job.anchors,
        geometry: options.template ? pageGeometry(options.template.css, options.pageSize) : undefined,
        pageSize: options.pageSize,
        standard: options.pdfStandard,
        metadata: job.metadata,
        // What the stages before left of the file's time limit; waiting for a free page does not count.
        timeLeftMs: deadline === Infinity ? undefined : Math.max(0, deadline - performance.now()),
        onPrinted,
      });
      const printed = await printing;
      contents.set('pdf', printed.pdf);
      result.pdfPasses = printed.passes;
      if (!printed.verified) {
        file.messages.push(
          diagnostic('contents-pages', 'The contents page numbers kept moving between prints; check them in the PDF', undefined, { severity: 'warning' }),
        );
      }
      enter();
    } catch (error) {
      file.messages.push(printDiagnostic(error));
      return result;
    }
  }

  // A warning found while printing (contents-pages) fails the file under --strict: then nothing is written.
  if (hasErrors(file, options.strict) || file.messages.some((m) => m.fatal)) return result;
  enter('write');
  try {
    const outputs = prepared.outputs.map((o) => [o.path, contents.get(o.format)!] as const);
    if (options.syncIo) writeAllAtomicSync(outputs, { below: options.outDir });
    else await writeAllAtomic(outputs, { below: options.outDir });
    for (const o of prepared.outputs) result.outputs[o.format] = o.path;
    enter();
  } catch (error) {
    file.messages.push(
      diagnostic('write-error', error instanceof WriteError ? error.message : `Cannot write the outputs: ${String((error as Error).message)}`, undefined, { fatal: true }),
    );
    return result;
  }
  result.status = hasErrors(file, options.strict) || file.messages.some((m) => m.fatal) ? 'failed' : 'built';
  return result;
}

/** Stage timings: `enter(next)` records how long the stage now ending took, and announces the next one. */
function stageClock(timings: Record<string, number>, onStage: PipelineOptions['onStage']): (next?: Stage) => void {
  let current: Stage | undefined;
  let clock = 0;
  return (next) => {
    const now = performance.now();
    if (current) timings[current] = Math.round((now - clock) * 10) / 10;
    current = next;
    clock = now;
    if (next) onStage?.(next);
  };
}

function printDiagnostic(error: unknown): Diagnostic {
  if (error instanceof PrintTimeoutError) return diagnostic('print-timeout', error.message, undefined, { fatal: true });
  const message = String((error as Error)?.message ?? error).split('\n')[0];
  return diagnostic('print-error', `Printing the PDF failed: ${message}`, undefined, { fatal: true });
}

/** Every title the report's model holds (parts, themes, topics, groups, practices…): the PDF's headings as written. */
function headingsOf(report: EventReport): string[] {
  const titles = new Set<string>();
  const stack: unknown[] = [report];
  while (stack.length && titles.size < 5_000) {
    const value = stack.pop();
    if (Array.isArray(value)) stack.push(...value);
    else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if (key === 'title' && typeof child === 'string') titles.add(child);
        else if (child && typeof child === 'object') stack.push(child);
      }
    }
  }
  return [...titles];
}
