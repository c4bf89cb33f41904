/**
 * Many files through the pipeline: parsing, validation and rendering of later
 * files overlap with the printing of earlier ones; the browser session bounds
 * how many pages print at once. A failing file never stops the others unless
 * `failFast` is set. Results are handed out as they finish, so the caller
 * keeps only what it needs (memory stays flat as the batch grows).
 */
import type { InputFile } from './read/expand-inputs.js';
import { processFile, type FileResult, type PipelineOptions } from './pipeline.js';

export interface BatchOptions {
  /** Files in flight at once (each may be parsing, rendering or waiting to print). */
  parallel: number;
  failFast: boolean;
  /** Skip a file whose outputs are up to date; returns a result to report instead. */
  skip?: (input: InputFile) => Promise<FileResult | undefined>;
}

export type BatchEvent =
  | { type: 'start'; input: InputFile; index: number }
  | { type: 'done'; input: InputFile; result: FileResult; skipped: boolean };

export async function runBatch(
  inputs: readonly InputFile[],
  pipeline: PipelineOptions,
  options: BatchOptions,
  onEvent: (event: BatchEvent) => void | Promise<void>,
): Promise<{ stopped: boolean }> {
  let next = 0;
  let stopped = false;
  const worker = async () => {
    while (!stopped) {
      const index = next++;
      if (index >= inputs.length) return;
      const input = inputs[index]!;
      await onEvent({ type: 'start', input, index });
      const cached = options.skip ? await options.skip(input) : undefined;
      const result = cached ?? (await processFile(input, pipeline));
      await onEvent({ type: 'done', input, result, skipped: cached !== undefined });
      if (result.status === 'failed' && options.failFast) stopped = true;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.parallel, inputs.length)) }, worker));
  return { stopped };
}
