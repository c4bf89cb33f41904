/**
 * A worker thread for batches without PDF output: runs whole files through
 * the pipeline so that every core parses, validates and renders. It starts
 * with its settings (`workerData`), loads the template at once, and answers
 * each file with what the main thread reports: diagnostics, status, outputs
 * and timings, plus the model only when the catalogue or the cache needs it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { heapBudget } from './heap-budget.js';
import { processFile, type FileResult, type PipelineOptions } from './pipeline.js';
import type { InputFile } from './read/expand-inputs.js';
import { loadTemplate } from './render/template.js';
import { removePendingTemporaryFiles } from './write/atomic-write.js';
import type { OutputFormat } from './write/output-paths.js';

/** What crosses the thread boundary: plain data only. */
export interface WorkerSettings {
  cwd: string;
  formats: OutputFormat[];
  outDir?: string;
  templateDir: string;
  language?: string;
  defaultLanguage?: string;
  pageSize: 'A4' | 'Letter';
  strict: boolean;
  allowedRoot?: string;
  inputPaths: string[];
  generator: string;
  validateOnly?: boolean;
  sharedAssetsDir?: string;
  /** Send the validated model back with each built file. */
  keepReport: boolean;
}

export type WorkerRequest = { type: 'file'; id: number; input: InputFile } | { type: 'cleanup' };
export type WorkerReply =
  | { type: 'result'; id: number; result: FileResult }
  | { type: 'error'; id: number; message: string; stack?: string }
  | { type: 'ready' }
  | { type: 'cleaned' };

function optionsFrom(settings: WorkerSettings): PipelineOptions {
  return {
    cwd: settings.cwd,
    formats: new Set(settings.formats),
    outDir: settings.outDir,
    template: settings.validateOnly ? (undefined as never) : loadTemplate(settings.templateDir),
    language: settings.language,
    defaultLanguage: settings.defaultLanguage,
    pageSize: settings.pageSize,
    strict: settings.strict,
    allowedRoot: settings.allowedRoot,
    inputPaths: new Set(settings.inputPaths),
    generator: settings.generator,
    validateOnly: settings.validateOnly,
    sharedAssetsDir: settings.sharedAssetsDir,
    // This thread has nothing else to do while a file is read or written.
    syncIo: true,
  };
}

const settings = workerData as WorkerSettings | undefined;
if (parentPort && settings) {
  const port = parentPort;
  const options = optionsFrom(settings);
  const reply = (message: WorkerReply) => port.postMessage(message);
  let stopping = false;
  const afterFile = heapBudget();
  port.on('message', async (message: WorkerRequest) => {
    if (message.type === 'cleanup') {
      // The run is being interrupted: outputs are written with blocking calls, so no temporary file is half-way
      // now; take no more files, so that none is started before the process exits.
      stopping = true;
      removePendingTemporaryFiles();
      return reply({ type: 'cleaned' });
    }
    if (stopping) return;
    try {
      const result = await processFile(message.input, options);
      afterFile();
      if (!settings.keepReport || result.status !== 'built') delete result.report;
      reply({ type: 'result', id: message.id, result });
    } catch (error) {
      reply({ type: 'error', id: message.id, message: String((error as Error)?.message ?? error), stack: (error as Error)?.stack });
    }
  });
  reply({ type: 'ready' });
}
