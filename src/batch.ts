/**
 * Many files through the pipeline: parsing, validation and rendering of later
 * files overlap with the printing of earlier ones; the browser session bounds
 * how many pages print at once. Without PDF output, worker threads let every
 * core parse and render while the main thread does the same. A failing file
 * never stops the others unless `failFast` is set. Results are handed out as
 * they finish, so the caller keeps only what it needs (memory stays flat as
 * the batch grows).
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { heapBudget } from './heap-budget.js';
import { packagePath } from './package-root.js';
import type { WorkerReply, WorkerRequest, WorkerSettings } from './batch-worker.js';
import { diagnostic } from './diagnostics/message.js';
import { displayPathOf } from './diagnostics/source-file.js';
import type { InputFile } from './read/expand-inputs.js';
import { processFile, type FileResult, type PipelineOptions } from './pipeline.js';

export interface BatchOptions {
  /** Files in flight at once on the main thread (each may be parsing, rendering or waiting to print). */
  parallel: number;
  failFast: boolean;
  /**
   * Worker threads besides the main thread, for runs without PDF: a number, or
   * `auto` (one per core beyond the first, for batches of `MIN_FILES_FOR_WORKERS`
   * files or more). 0 or absent: everything on the main thread.
   */
  workers?: number | 'auto';
  /** The CPU count `auto` goes by. */
  cpuCount?: number;
  /** Results keep the validated model (for the catalogue or the build cache); otherwise workers do not send it back. */
  keepReport?: boolean;
  /** Skip a file whose outputs are up to date; returns a result to report instead. */
  skip?: (input: InputFile) => Promise<{ cached: FileResult } | { input: InputFile }>;
  /** Register cleanup to run on Ctrl-C (the workers' temporary files); returns the unregistration. */
  onInterrupt?: (cleanup: () => Promise<void>) => () => void;
}

export type BatchEvent =
  | { type: 'start'; input: InputFile; index: number }
  | { type: 'done'; input: InputFile; result: FileResult; skipped: boolean };

type Process = (input: InputFile) => Promise<FileResult>;

/**
 * Below this many files a batch stays on the main thread with `workers: 'auto'`. A worker loads in ~0.1 s, but
 * then compiles (JIT) the same code the main thread already has, on the same cores: measured on 2 cores, a
 * worker breaks even at ~40 files and saves ~10% at 64 files, ~15% at 100, ~25% at 200.
 */
export const MIN_FILES_FOR_WORKERS = 64;
/** Files handed to one worker at a time: it always has the next one queued, so it never waits for a round trip. */
const FILES_PER_WORKER = 3;
/** Files in flight on the main thread when workers help: enough to overlap reads and writes with parsing. */
const MAIN_LANES_WITH_WORKERS = 2;

/**
 * A worker's young generation, in MiB (V8's default grows to ~48 MiB). A worker starts after the main thread and
 * grows its young generation only over its first few hundred files: left at the default, a 1,000-file batch
 * peaked ~25 MiB higher than a 100-file one for that alone. Capped, it stays at its short-batch size, with no
 * measurable cost in time.
 */
const WORKER_YOUNG_GENERATION_MB = 12;

/** The compiled worker script (run from sources, e.g. under a test runner, there is none beside this file). */
function workerScript(): URL | undefined {
  for (const name of ['batch-worker.bundle.js', 'batch-worker.js']) {
    const built = packagePath('dist', name);
    if (existsSync(built)) return pathToFileURL(built);
  }
  return undefined;
}

/** How many worker threads a batch gets. */
export function workerCount(files: number, pipeline: Pick<PipelineOptions, 'formats' | 'validateOnly'>, options: Pick<BatchOptions, 'workers' | 'cpuCount'>): number {
  // PDF runs are bound by the browser, which needs the cores itself.
  if (pipeline.formats.has('pdf') && !pipeline.validateOnly) return 0;
  if (files < 2) return 0;
  if (options.workers === 'auto') return files >= MIN_FILES_FOR_WORKERS ? Math.max(0, Math.min(7, (options.cpuCount ?? 1) - 1)) : 0;
  return Math.max(0, Math.min(options.workers ?? 0, files - 1));
}

interface Lane {
  /** Resolves when the lane can take files. */
  ready?: Promise<void>;
  process: Process;
  /** False once the thread behind it is gone: the lane takes no more files. */
  alive: () => boolean;
}

/** One worker thread, fed up to `FILES_PER_WORKER` files at a time by as many lanes. */
function startWorker(script: URL, settings: WorkerSettings, pipeline: PipelineOptions) {
  const worker = new Worker(script, { workerData: settings, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
  const pending = new Map<number, { input: InputFile; resolve: (r: FileResult) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  let dead: string | undefined;
  let cleaned: (() => void) | undefined;
  // Files go to the worker once it has loaded (until then the main thread takes them all): a small batch
  // never waits for a thread that is still starting.
  let markReady: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const die = (reason: string) => {
    if (dead) return;
    dead = reason;
    markReady();
    // A worker that dies fails the files it had; the other threads go on with the rest.
    for (const [, p] of pending) p.resolve(failed(p.input, pipeline, reason));
    pending.clear();
    cleaned?.();
  };
  worker.on('message', (message: WorkerReply) => {
    if (message.type === 'ready') return markReady();
    if (message.type === 'cleaned') return cleaned?.();
    const p = pending.get(message.id);
    if (!p) return;
    pending.delete(message.id);
    if (message.type === 'result') p.resolve(message.result);
    else {
      // processFile threw (a bug): the same as on the main thread, the run stops with an internal error.
      const error = new Error(message.message);
      error.stack = message.stack;
      p.reject(error);
    }
  });
  worker.on('error', (error) => die(String(error.stack ?? error)));
  worker.on('exit', (code) => die(`worker thread exited with code ${code}`));
  const post = (request: WorkerRequest) => worker.postMessage(request);
  const send: Process = (input) =>
    new Promise<FileResult>((resolve, reject) => {
      if (dead) return resolve(failed(input, pipeline, dead));
      const id = nextId++;
      pending.set(id, { input, resolve, reject });
      post({ type: 'file', id, input });
    });
  return {
    lanes: Array.from({ length: FILES_PER_WORKER }, (): Lane => ({ ready, process: send, alive: () => !dead })),
    /** Remove the temporary files of writes in progress (Ctrl-C). */
    cleanup: () =>
      dead
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, 2000);
            cleaned = () => {
              clearTimeout(timer);
              resolve();
            };
            post({ type: 'cleanup' });
          }),
    close: async () => {
      dead ??= 'closed';
      await worker.terminate();
    },
  };
}

function failed(input: InputFile, pipeline: PipelineOptions, error: string): FileResult {
  return {
    file: {
      path: input.path,
      displayPath: displayPathOf(pipeline.cwd, input.path),
      messages: [diagnostic('internal-error', `Internal error while processing this file (a bug in report): ${error.split('\n')[0]}`, undefined, { fatal: true })],
    },
    status: 'failed',
    outputs: {},
    timings: {},
  };
}

export async function runBatch(
  inputs: readonly InputFile[],
  pipeline: PipelineOptions,
  options: BatchOptions,
  onEvent: (event: BatchEvent) => void | Promise<void>,
): Promise<{ stopped: boolean }> {
  const count = workerCount(inputs.length, pipeline, options);
  const script = count > 0 ? workerScript() : undefined;
  const settings: WorkerSettings = {
    cwd: pipeline.cwd,
    formats: [...pipeline.formats],
    outDir: pipeline.outDir,
    templateDir: pipeline.template?.dir ?? '',
    language: pipeline.language,
    defaultLanguage: pipeline.defaultLanguage,
    pageSize: pipeline.pageSize,
    strict: pipeline.strict,
    allowedRoot: pipeline.allowedRoot,
    inputPaths: [...pipeline.inputPaths],
    generator: pipeline.generator,
    validateOnly: pipeline.validateOnly,
    sharedAssetsDir: pipeline.sharedAssetsDir,
    keepReport: options.keepReport !== false,
  };
  // Workers start first: they load and warm up on the other cores while the main thread begins with the first files.
  const workers = script ? Array.from({ length: count }, () => startWorker(script, settings, pipeline)) : [];
  const unregister = workers.length && options.onInterrupt ? options.onInterrupt(async () => void (await Promise.all(workers.map((w) => w.cleanup())))) : undefined;
  const mainLanes = Math.max(1, workers.length ? Math.min(options.parallel, MAIN_LANES_WITH_WORKERS) : options.parallel);
  // Without PDF the main thread waits on nothing but the files themselves: blocking reads and writes cost less.
  const mainPipeline: PipelineOptions = pipeline.formats.has('pdf') && !pipeline.validateOnly ? pipeline : { ...pipeline, syncIo: true };
  const afterFile = heapBudget();
  const onMain: Process = async (input) => {
    const result = await processFile(input, mainPipeline);
    afterFile();
    // With blocking reads and writes a file never waits on the event loop: let it run between files
    // (the workers' messages, progress, Ctrl-C).
    if (mainPipeline.syncIo) await new Promise<void>((resolve) => setImmediate(resolve));
    return result;
  };
  const lanes: Lane[] = [
    ...Array.from({ length: mainLanes }, (): Lane => ({ process: onMain, alive: () => true })),
    ...workers.flatMap((w) => w.lanes),
  ];

  let next = 0;
  let stopped = false;
  const runLane = async (lane: Lane) => {
    await lane.ready;
    while (!stopped && lane.alive()) {
      const index = next++;
      if (index >= inputs.length) return;
      const input = inputs[index]!;
      await onEvent({ type: 'start', input, index });
      // (on a miss, the input comes back with the text the cache read, so that it is not read twice)
      const checked = options.skip ? await options.skip(input) : { input };
      const result = 'cached' in checked ? checked.cached : await lane.process(checked.input);
      await onEvent({ type: 'done', input, result, skipped: 'cached' in checked });
      if (result.status === 'failed' && options.failFast) stopped = true;
    }
  };
  try {
    await Promise.all(lanes.map(runLane));
  } finally {
    unregister?.();
    await Promise.all(workers.map((w) => w.close()));
  }
  return { stopped };
}
