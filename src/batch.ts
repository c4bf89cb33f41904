/**
 * Many files through the pipeline. The CPU stages of every file (read,
 * parse, validate, model, images, render) run in worker threads under the
 * file's budget (src/stage-workers.ts), so that a file that never ends or
 * outgrows its heap fails alone; printing and writing follow on the main
 * thread, which the browser session bounds to a few pages at once. A failing
 * file never stops the others unless `failFast` is set. Results are handed
 * out as they finish, so the caller keeps only what it needs (memory stays
 * flat as the batch grows).
 */
import { DEFAULT_BUDGET, type FileBudget } from './file-budget.js';
import type { InputFile } from './read/expand-inputs.js';
import { finishFile, processFile, type FileResult, type PipelineOptions } from './pipeline.js';
import { workerScript, type EarlyWorker } from './early-worker.js';
import { StageWorkers, type Prepared } from './stage-workers.js';

export interface BatchOptions {
  /**
   * Files in flight at once (each may be in a worker, waiting to print, or printing); a PDF run has up to
   * `FINISHING_FILES` more, printed and being post-processed or written.
   */
  parallel: number;
  failFast: boolean;
  /**
   * Worker threads for the CPU stages: a number, or `auto` (one per core, at most 8, for batches of
   * `MIN_FILES_FOR_WORKERS` files or more; one otherwise; two for PDF runs, whose browser needs the cores).
   */
  workers?: number | 'auto';
  /** The CPU count `auto` goes by. */
  cpuCount?: number;
  /** Each file's time and memory limits. */
  budget?: FileBudget;
  /** Results keep the validated model; otherwise workers do not send it back (the site and compendium have records of their own). */
  keepReport?: boolean;
  /** Skip a file whose outputs are up to date; returns a result to report instead. */
  skip?: (input: InputFile) => Promise<{ cached: FileResult } | { input: InputFile }>;
  /** A worker thread started before the CLI loaded (src/early-worker.ts), to be the first one. */
  early?: EarlyWorker;
  /** Register cleanup to run on Ctrl-C (stopping the worker threads); returns the unregistration. */
  onInterrupt?: (cleanup: () => Promise<void>) => () => void;
}

export type BatchEvent =
  | { type: 'start'; input: InputFile; index: number }
  | { type: 'done'; input: InputFile; result: FileResult; skipped: boolean };

/**
 * Below this many files a batch gets one worker thread with `workers: 'auto'`. A worker loads in ~0.05 s, but
 * then compiles (JIT) the same code as the others, on the same cores: measured on 2 cores, a second worker breaks
 * even at ~40 files and saves ~10% at 64 files.
 */
export const MIN_FILES_FOR_WORKERS = 64;
/** Worker threads of a PDF run. */
const PDF_WORKERS = 2;
/** Files waiting for each worker: a worker that finishes one takes the next at once. */
const QUEUED_PER_WORKER = 2;
/**
 * Printed files being post-processed (PDF/UA, PDF/A: src/print/finishing-thread.ts) and written, beyond the
 * `parallel` files being prepared and printed: a file leaves its place to the next one as soon as its PDF has
 * left the browser, so that the pages are kept fed while it is finished (measured: with the place held, the pages
 * stood idle ~3 times as long, waiting for files to be prepared: docs/performance.md).
 */
export const FINISHING_FILES = 4;

/** `size` places; a place given back goes to the first who waits. */
function places(size: number): { take: () => Promise<void>; give: () => void } {
  let free = size;
  const waiting: Array<() => void> = [];
  return {
    take: () => (free > 0 ? (free--, Promise.resolve()) : new Promise<void>((resolve) => waiting.push(resolve))),
    give: () => {
      const first = waiting.shift();
      if (first) first();
      else free++;
    },
  };
}

/** How many worker threads a batch gets (at least one for any file: that is where a file can be stopped). */
export function workerCount(files: number, pipeline: Pick<PipelineOptions, 'formats' | 'validateOnly'>, options: Pick<BatchOptions, 'workers' | 'cpuCount'>): number {
  if (files < 1) return 0;
  // PDF runs are bound by the browser, which needs the cores itself; two threads, so that a file that takes its
  // whole time limit does not hold up the files behind it.
  if (pipeline.formats.has('pdf') && !pipeline.validateOnly) return Math.min(PDF_WORKERS, files);
  const wanted = options.workers === 'auto' || options.workers === undefined ? (files >= MIN_FILES_FOR_WORKERS ? Math.min(8, options.cpuCount ?? 1) : 1) : options.workers;
  return Math.max(1, Math.min(wanted, files));
}

export async function runBatch(
  inputs: readonly InputFile[],
  pipeline: PipelineOptions,
  options: BatchOptions,
  onEvent: (event: BatchEvent) => void | Promise<void>,
): Promise<{ stopped: boolean }> {
  const budget = options.budget ?? DEFAULT_BUDGET;
  const pdf = pipeline.formats.has('pdf') && !pipeline.validateOnly;
  const count = workerCount(inputs.length, pipeline, options);
  const script = count > 0 ? workerScript() : undefined;
  // The workers load while the browser starts (a single PDF waits for whichever is last, not for both in turn).
  const workers = script
    ? new StageWorkers(
        script,
        {
          cwd: pipeline.cwd,
          formats: [...pipeline.formats],
          outDir: pipeline.outDir,
          templateDir: pipeline.template?.dir,
          language: pipeline.language,
          defaultLanguage: pipeline.defaultLanguage,
          pageSize: pipeline.pageSize,
          edition: pipeline.edition,
          strict: pipeline.strict,
          allowedRoot: pipeline.allowedRoot,
          inputPaths: [...pipeline.inputPaths],
          generator: pipeline.generator,
          validateOnly: pipeline.validateOnly,
          sharedAssetsDir: pipeline.sharedAssetsDir,
          keepReport: options.keepReport !== false,
          records: pipeline.records,
        },
        count,
        budget,
        pipeline.cwd,
        options.early,
      )
    : undefined;
  if (pdf && inputs.length > 0) void pipeline.session?.().warmUp().catch(() => undefined);
  const unregister = workers && options.onInterrupt ? options.onInterrupt(() => workers.close()) : undefined;
  // Without PDF the main thread only writes: blocking writes cost less, and leave no temporary file for Ctrl-C.
  const mainPipeline: PipelineOptions = pdf ? pipeline : { ...pipeline, syncIo: true };
  const runFile = async (input: InputFile, printed: () => void): Promise<FileResult> => {
    // (no worker script: run from sources without a build; the stages then run here, without a budget)
    if (!workers) return processFile(input, mainPipeline);
    const { prepared, started }: Prepared = await workers.prepare(input);
    return finishFile(prepared, mainPipeline, started + budget.timeoutMs, printed);
  };

  const parallel = Math.max(1, pdf ? options.parallel : count * QUEUED_PER_WORKER);
  // (a PDF file gives its place back once printed, and is finished and written in one of the extra lanes)
  const lanes = pdf ? parallel + FINISHING_FILES : parallel;
  const place = places(parallel);
  let next = 0;
  let stopped = false;
  const runLane = async () => {
    while (!stopped) {
      await place.take();
      let held = true;
      const giveBack = () => {
        if (held) place.give();
        held = false;
      };
      try {
        const index = next++;
        if (index >= inputs.length || stopped) return;
        const input = inputs[index]!;
        await onEvent({ type: 'start', input, index });
        // (on a miss, the input comes back with the text the cache read, so that it is not read twice)
        const checked = options.skip ? await options.skip(input) : { input };
        const result = 'cached' in checked ? checked.cached : await runFile(checked.input, giveBack);
        giveBack();
        await onEvent({ type: 'done', input, result, skipped: 'cached' in checked });
        if (result.status === 'failed' && options.failFast) stopped = true;
      } finally {
        giveBack();
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: lanes }, runLane));
  } finally {
    unregister?.();
    await workers?.close();
  }
  return { stopped };
}
