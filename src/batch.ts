/**
 * Many files through the pipeline: parsing, validation and rendering of later
 * files overlap with the printing of earlier ones; the browser session bounds
 * how many pages print at once. Without PDF output, worker threads let every
 * core parse and render. A failing file never stops the others unless
 * `failFast` is set. Results are handed out as they finish, so the caller
 * keeps only what it needs (memory stays flat as the batch grows).
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { packagePath } from './package-root.js';
import type { WorkerSettings } from './batch-worker.js';
import { diagnostic } from './diagnostics/message.js';
import { displayPathOf } from './diagnostics/source-file.js';
import type { InputFile } from './read/expand-inputs.js';
import { processFile, type FileResult, type PipelineOptions } from './pipeline.js';

export interface BatchOptions {
  /** Files in flight at once (each may be parsing, rendering or waiting to print). */
  parallel: number;
  failFast: boolean;
  /** Worker threads for runs without PDF (0: everything on the main thread). */
  workers?: number;
  /** Skip a file whose outputs are up to date; returns a result to report instead. */
  skip?: (input: InputFile) => Promise<FileResult | undefined>;
}

export type BatchEvent =
  | { type: 'start'; input: InputFile; index: number }
  | { type: 'done'; input: InputFile; result: FileResult; skipped: boolean };

type Process = (input: InputFile) => Promise<FileResult>;

/** The compiled worker script (run from sources, e.g. under a test runner, there is none beside this file). */
function workerScript(): URL | undefined {
  for (const name of ['batch-worker.bundle.js', 'batch-worker.js']) {
    const built = packagePath('dist', name);
    if (existsSync(built)) return pathToFileURL(built);
  }
  return undefined;
}

/** A pool of worker threads, each handling one file at a time. */
function workerPool(count: number, pipeline: PipelineOptions, script: URL): { process: Process; close: () => Promise<void> } {
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
  };
  const idle: Worker[] = [];
  const waiting: Array<(w: Worker) => void> = [];
  const all: Worker[] = [];
  for (let i = 0; i < count; i++) {
    const worker = new Worker(script);
    // A worker that dies fails the file it had; the listener stays so an early error is never unhandled.
    worker.on('error', () => undefined);
    worker.postMessage({ type: 'init', settings });
    all.push(worker);
    idle.push(worker);
  }
  let nextId = 0;
  const take = () => new Promise<Worker>((resolve) => (idle.length ? resolve(idle.pop()!) : waiting.push(resolve)));
  const give = (w: Worker) => (waiting.length ? waiting.shift()!(w) : idle.push(w));
  const process: Process = async (input) => {
    const worker = await take();
    const id = nextId++;
    try {
      return await new Promise<FileResult>((resolve) => {
        const onMessage = (message: { id: number; result?: FileResult; error?: string }) => {
          if (message.id !== id) return;
          worker.off('message', onMessage);
          worker.off('error', onError);
          worker.off('exit', onExit);
          if (message.result) resolve(message.result);
          else resolve(failed(input, pipeline, message.error ?? 'unknown error'));
        };
        const onError = (error: Error) => {
          worker.off('message', onMessage);
          worker.off('exit', onExit);
          resolve(failed(input, pipeline, String(error.stack ?? error)));
        };
        const onExit = (code: number) => onError(new Error(`worker thread exited with code ${code}`));
        worker.on('message', onMessage);
        worker.once('error', onError);
        worker.once('exit', onExit);
        worker.postMessage({ type: 'file', id, input });
      });
    } finally {
      give(worker);
    }
  };
  return { process, close: async () => void (await Promise.all(all.map((w) => w.terminate()))) };
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
  const script = (options.workers ?? 0) > 1 && !pipeline.formats.has('pdf') && inputs.length >= 8 ? workerScript() : undefined;
  const pool = script ? workerPool(options.workers!, pipeline, script) : undefined;
  const run: Process = pool ? pool.process : (input) => processFile(input, pipeline);
  let next = 0;
  let stopped = false;
  const worker = async () => {
    while (!stopped) {
      const index = next++;
      if (index >= inputs.length) return;
      const input = inputs[index]!;
      await onEvent({ type: 'start', input, index });
      const cached = options.skip ? await options.skip(input) : undefined;
      const result = cached ?? (await run(input));
      await onEvent({ type: 'done', input, result, skipped: cached !== undefined });
      if (result.status === 'failed' && options.failFast) stopped = true;
    }
  };
  try {
    const lanes = pool ? options.workers! * 2 : options.parallel;
    await Promise.all(Array.from({ length: Math.max(1, Math.min(lanes, inputs.length)) }, worker));
  } finally {
    await pool?.close();
  }
  return { stopped };
}
