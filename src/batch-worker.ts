/**
 * A worker thread that runs the CPU stages of one file at a time (read,
 * parse, validate, model, images, render: `prepareFile`), where the main
 * thread can stop it: at the file's deadline, or when it outgrows its heap
 * (`resourceLimits`), the thread is terminated and replaced. It starts with
 * its settings (`workerData`), loads the template at once, publishes the
 * stage it is in through shared memory (readable while it is busy) and
 * answers each file with what printing, writing and reporting need: outputs
 * are written by the main thread, so a terminated worker leaves no file.
 */
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { CODE_CACHE_STATUS, type CodeCacheStatus } from './early-worker.js';
import { STAGES, type Stage } from './file-budget.js';
import type { Edition } from './model/edition.js';
import { prepareFile, type PipelineOptions, type PreparedFile } from './pipeline.js';
import type { InputFile } from './read/expand-inputs.js';
import { loadTemplate } from './render/template.js';
import type { OutputFormat } from './write/output-paths.js';

/** What crosses the thread boundary: plain data only. */
export interface WorkerSettings {
  cwd: string;
  formats: OutputFormat[];
  outDir?: string;
  templateDir?: string;
  language?: string;
  defaultLanguage?: string;
  pageSize: 'A4' | 'Letter';
  edition?: Edition;
  strict: boolean;
  allowedRoot?: string;
  inputPaths: string[];
  generator: string;
  validateOnly?: boolean;
  sharedAssetsDir?: string;
  /** Send the validated model back with each built file. */
  keepReport: boolean;
  /** The site's and the compendium's records, made here with each built file's outputs. */
  records?: PipelineOptions['records'];
  /** One Int32: the index in STAGES of the stage the worker is in. */
  stage: SharedArrayBuffer;
}

/** `settings`: first, to a thread started without them (src/early-worker.ts). */
export type WorkerRequest = { type: 'settings'; settings: WorkerSettings } | { type: 'file'; id: number; input: InputFile };
export type WorkerReply =
  | { type: 'result'; id: number; prepared: PreparedFile }
  | { type: 'error'; id: number; message: string; stack?: string }
  /**
   * `heapLimitMb`: the heap this thread really got (a process-wide `--max-old-space-size` wins over the budget's);
   * `codeCache`: whether the bundle ran from the build's V8 code cache (absent: not started on src/worker-loader.ts).
   */
  | { type: 'ready'; heapLimitMb: number; codeCache?: CodeCacheStatus };

/** The stage a worker last published. */
export function publishedStage(stage: Int32Array): Stage {
  return STAGES[Atomics.load(stage, 0)] ?? 'read';
}

function optionsFrom(settings: WorkerSettings): PipelineOptions {
  const stage = new Int32Array(settings.stage);
  return {
    cwd: settings.cwd,
    formats: new Set(settings.formats),
    outDir: settings.outDir,
    template: settings.validateOnly || !settings.templateDir ? undefined : loadTemplate(settings.templateDir),
    language: settings.language,
    defaultLanguage: settings.defaultLanguage,
    pageSize: settings.pageSize,
    edition: settings.edition,
    strict: settings.strict,
    allowedRoot: settings.allowedRoot,
    inputPaths: new Set(settings.inputPaths),
    generator: settings.generator,
    validateOnly: settings.validateOnly,
    sharedAssetsDir: settings.sharedAssetsDir,
    records: settings.records,
    // This thread has nothing else to do while a file is read.
    syncIo: true,
    onStage: (name) => Atomics.store(stage, 0, STAGES.indexOf(name)),
  };
}

/** Serve files with these settings: load the template, say ready, answer each file. */
function serve(port: MessagePort, settings: WorkerSettings): void {
  const options = optionsFrom(settings);
  const encoder = new TextEncoder();
  port.on('message', async (message: WorkerRequest) => {
    if (message.type !== 'file') return;
    try {
      options.onStage!('read');
      const prepared = await prepareFile(message.input, options);
      // (the model only for files that go on to be built, and only when the catalogue or the cache needs it)
      if (!settings.keepReport || !prepared.outputs) delete prepared.result.report;
      // Outputs cross as bytes handed over (not copied), and are written as they are.
      const transfer: ArrayBuffer[] = [];
      for (const output of prepared.outputs ?? []) {
        if (typeof output.data !== 'string') continue;
        const bytes = encoder.encode(output.data);
        output.data = bytes;
        transfer.push(bytes.buffer as ArrayBuffer);
      }
      port.postMessage({ type: 'result', id: message.id, prepared } satisfies WorkerReply, transfer);
    } catch (error) {
      port.postMessage({ type: 'error', id: message.id, message: String((error as Error)?.message ?? error), stack: (error as Error)?.stack } satisfies WorkerReply);
    }
  });
  const codeCache = (globalThis as Record<symbol, unknown>)[CODE_CACHE_STATUS] as CodeCacheStatus | undefined;
  port.postMessage({ type: 'ready', heapLimitMb: getHeapStatistics().heap_size_limit / 1048576, codeCache } satisfies WorkerReply);
}

if (parentPort) {
  const port = parentPort;
  const given = workerData as WorkerSettings | undefined;
  if (given) serve(port, given);
  else {
    // Started early (src/early-worker.ts): the code is loaded; the settings follow.
    const first = (message: WorkerRequest) => {
      if (message.type !== 'settings') return;
      port.off('message', first);
      serve(port, message.settings);
    };
    port.on('message', first);
  }
}
