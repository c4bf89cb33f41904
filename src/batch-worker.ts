/**
 * A worker thread for batches without PDF output: runs whole files through
 * the pipeline so that both cores parse, validate and render.
 */
import { parentPort } from 'node:worker_threads';
import { processFile, type PipelineOptions } from './pipeline.js';
import type { InputFile } from './read/expand-inputs.js';
import { loadTemplate } from './render/template.js';
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
}

let options: PipelineOptions | undefined;

function optionsFrom(settings: WorkerSettings): PipelineOptions {
  return {
    ...settings,
    formats: new Set(settings.formats),
    inputPaths: new Set(settings.inputPaths),
    template: settings.validateOnly ? (undefined as never) : loadTemplate(settings.templateDir),
  };
}

parentPort?.on('message', async (message: { type: 'init'; settings: WorkerSettings } | { type: 'file'; id: number; input: InputFile }) => {
  if (message.type === 'init') {
    options = optionsFrom(message.settings);
    return;
  }
  try {
    const result = await processFile(message.input, options!);
    parentPort!.postMessage({ id: message.id, result });
  } catch (error) {
    parentPort!.postMessage({ id: message.id, error: String((error as Error)?.stack ?? error) });
  }
});
