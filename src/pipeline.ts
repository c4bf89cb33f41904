/**
 * The pipeline for one notes file: read -> parse -> validate -> model ->
 * images -> render -> print -> write. Document problems become messages on
 * the file; a fatal one skips the file's later stages. Nothing here throws
 * for a document problem, and nothing is written for a file that failed.
 */
import { relative } from 'node:path';
import { diagnostic, type Diagnostic } from './diagnostics/message.js';
import { displayPathOf, hasErrors, type SourceFile } from './diagnostics/source-file.js';
import { normalise } from './model/normalise.js';
import type { EventNotes, EventReport } from './model/types.js';
import { notesFormatOf, parseNotes } from './parse/index.js';
import { locateText } from './parse/parsed-notes.js';
import type { BrowserSession } from './print/browser-session.js';
import { PrintTimeoutError } from './print/browser-session.js';
import { pageGeometry, printReport } from './print/print-report.js';
import type { InputFile } from './read/expand-inputs.js';
import { resolveImages, type EmbeddedImage } from './read/images.js';
import { resolvePracticeRefs, type PracticeSource } from './read/practice-refs.js';
import { readNotes } from './read/read-notes.js';
import { findImageReferences } from './render/image-references.js';
import { prepareReport } from './render/index.js';
import { plainText } from './render/rich-text.js';
import type { CompiledTemplate } from './render/template.js';
import { validateNotes } from './validate/index.js';
import { writeAllAtomic, WriteError } from './write/atomic-write.js';
import { writeAllAtomicSync } from './write/atomic-write-sync.js';
import { outputPath, type OutputFormat } from './write/output-paths.js';

export interface PipelineOptions {
  cwd: string;
  formats: ReadonlySet<OutputFormat>;
  outDir?: string;
  template: CompiledTemplate;
  /** `--language`: labels and dates in this language, whatever the notes say. */
  language?: string;
  /** From the config file: the language of notes that do not set one. */
  defaultLanguage?: string;
  pageSize: 'A4' | 'Letter';
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
  /**
   * Read notes and write outputs with blocking calls: for a thread with nothing else to do meanwhile (a worker
   * thread, or the main thread of a run without PDF). Same checks and results, less overhead per file.
   */
  syncIo?: boolean;
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
}

export async function processFile(input: InputFile, options: PipelineOptions): Promise<FileResult> {
  const file: SourceFile = { path: input.path, displayPath: displayPathOf(options.cwd, input.path), messages: [] };
  const timings: Record<string, number> = {};
  const result: FileResult = { file, status: 'failed', outputs: {}, timings };
  let clock = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    timings[name] = Math.round((now - clock) * 10) / 10;
    clock = now;
  };
  const stop = () => hasErrors(file, options.strict) || file.messages.some((m) => m.fatal);

  const format = notesFormatOf(input.path);
  if (!format) {
    file.messages.push(diagnostic('read-error', 'Expected a notes file ending in .md, .markdown, .yaml or .yml', undefined, { fatal: true }));
    return result;
  }
  // The browser starts while this file is parsed and rendered (only when a PDF is to be printed).
  // (Puppeteer is let finish loading first: it then connects and opens a page while this file is parsed.)
  if (options.formats.has('pdf') && !options.validateOnly) await options.session?.().warmUp();
  const read = input.text !== undefined ? { text: input.text, messages: [] } : await readNotes(input.path, undefined, options.syncIo);
  file.messages.push(...read.messages);
  lap('read');
  if (read.text === undefined) return result;

  const written = parseNotes(read.text, format);
  file.messages.push(...written.messages);
  lap('parse');
  if (written.data === undefined) return result;
  // Practices written in files of their own take their places in the notes (src/read/practice-refs.ts).
  const refs = await resolvePracticeRefs(written, input.path, options);
  const parsed = refs.parsed;
  file.messages.push(...refs.messages);
  result.practiceSources = refs.sources;

  file.messages.push(...validateNotes(parsed));
  lap('validate');
  if (stop()) return result;

  // Precedence: defaults < config file < the notes' own front matter < command-line flags.
  const notes = parsed.data as EventNotes;
  const report = normalise(options.defaultLanguage && !notes.language ? { ...notes, language: options.defaultLanguage } : notes);
  result.report = report;

  const images = await resolveImages(findImageReferences(report), input.path, (p, needle) => locateText(parsed, p, needle), { allowedRoot: options.allowedRoot });
  file.messages.push(...images.messages);
  result.images = [...refs.files, ...images.files];
  lap('images');
  if (stop()) return result;
  if (options.validateOnly) {
    result.status = 'valid';
    return result;
  }

  // Plan every output first; a clash with an input is refused before anything is written.
  const planned = new Map<OutputFormat, string>();
  for (const f of options.formats) {
    const path = outputPath(input.path, input.root, options.outDir, f);
    if (options.inputPaths.has(path)) {
      file.messages.push(diagnostic('output-overwrites-input', `The ${f} output would overwrite the input ${relative(options.cwd, path)}`, undefined, { fatal: true }));
      return result;
    }
    planned.set(f, path);
  }

  const renderOptions = { language: options.language, pageSize: options.pageSize, resolveImage: (src: string) => images.dataUrls.get(src), generator: options.generator };
  const contents: Partial<Record<OutputFormat, string | Uint8Array>> = {};
  let prepared: ReturnType<typeof prepareReport> | undefined;
  try {
    if (planned.has('json')) contents.json = JSON.stringify(report, null, 2) + '\n';
    prepared = planned.has('html') || planned.has('pdf') ? prepareReport(report, { ...renderOptions, template: options.template }) : undefined;
    if (planned.has('html')) contents.html = prepared!.html();
    lap('render');
  } catch (error) {
    // A template that fails on these notes (or notes too complex to render): a problem of this file, not of printing.
    file.messages.push(
      diagnostic('render-error', `The template \`${options.template?.name ?? 'default'}\` failed on these notes: ${String((error as Error)?.message ?? error).split('\n')[0]}`, undefined, {
        fatal: true,
      }),
    );
    return result;
  }
  try {
    if (planned.has('pdf')) {
      const session = options.session?.();
      if (!session) throw new Error('No browser session for PDF output');
      const printed = await printReport(session, {
        render: (pages) => prepared!.printHtml(pages),
        anchors: prepared!.anchors,
        geometry: pageGeometry(options.template.css, options.pageSize),
        pageSize: options.pageSize,
        metadata: {
          title: report.title,
          author: report.organisers.map((o) => o.name).join(', ') || undefined,
          subject: plainText(report.summary) || report.subtitle || undefined,
          keywords: [report.kind, report.series, ...report.highlights.themes.map((t) => t.title)].filter((k): k is string => !!k),
          creator: options.generator,
        },
      });
      contents.pdf = printed.pdf;
      result.pdfPasses = printed.passes;
      if (!printed.verified) {
        file.messages.push(
          diagnostic('contents-pages', 'The contents page numbers kept moving between prints; check them in the PDF', undefined, { severity: 'warning' }),
        );
      }
      lap('print');
    }
  } catch (error) {
    file.messages.push(printDiagnostic(error));
    return result;
  }

  // A warning found while printing (contents-pages) fails the file under --strict: then nothing is written.
  if (stop()) return result;
  try {
    const outputs = [...planned].map(([f, path]) => [path, contents[f]!] as const);
    if (options.syncIo) writeAllAtomicSync(outputs, { below: options.outDir });
    else await writeAllAtomic(outputs, { below: options.outDir });
    for (const [f, path] of planned) result.outputs[f] = path;
    lap('write');
  } catch (error) {
    file.messages.push(
      diagnostic('write-error', error instanceof WriteError ? error.message : `Cannot write the outputs: ${String((error as Error).message)}`, undefined, { fatal: true }),
    );
    return result;
  }
  result.status = stop() ? 'failed' : 'built';
  return result;
}

function printDiagnostic(error: unknown): Diagnostic {
  if (error instanceof PrintTimeoutError) return diagnostic('print-timeout', error.message, undefined, { fatal: true });
  const message = String((error as Error)?.message ?? error).split('\n')[0];
  return diagnostic('print-error', `Printing the PDF failed: ${message}`, undefined, { fatal: true });
}
