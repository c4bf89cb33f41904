/**
 * The budget of one notes file: a time limit that covers every stage of the
 * file (read, parse, validate, model, images, render in a worker thread;
 * print and write on the main thread) and a heap limit for the stages in the
 * worker. A file over either fails alone with a diagnostic naming the stage
 * it was in; the batch goes on.
 */
import { diagnostic, type Diagnostic } from './diagnostics/message.js';

/** The stages of one file, in order. The first six run in a worker thread; the last two on the main thread. */
export const STAGES = ['read', 'parse', 'validate', 'model', 'images', 'render', 'print', 'write'] as const;
export type Stage = (typeof STAGES)[number];

const STAGE_WORDS: Record<Stage, string> = {
  read: 'reading',
  parse: 'parsing',
  validate: 'validating',
  model: 'building the model',
  images: 'embedding images',
  render: 'rendering',
  print: 'printing',
  write: 'writing',
};

export interface FileBudget {
  /** The whole file, every stage, in milliseconds (`--timeout`). */
  timeoutMs: number;
  /** The heap of the thread that parses, validates and renders the file, in MiB (`--max-memory`). */
  maxMemoryMb: number;
}

export const DEFAULT_TIMEOUT_SECONDS = 60;
/**
 * Real notes (at most 2 MiB of text) need well under 200 MiB; a 60,000-row table needed 2.6 GB. One heap of this
 * size per worker thread, so that a batch on a small machine cannot exhaust it.
 */
export const DEFAULT_MAX_MEMORY_MB = 1024;
/** Below this a worker cannot even load the tool. */
export const MIN_MEMORY_MB = 32;

export const DEFAULT_BUDGET: FileBudget = { timeoutMs: DEFAULT_TIMEOUT_SECONDS * 1000, maxMemoryMb: DEFAULT_MAX_MEMORY_MB };

export function stageWords(stage: Stage): string {
  return STAGE_WORDS[stage];
}

function seconds(ms: number): string {
  const s = ms / 1000;
  return Number.isInteger(s) ? `${s} s` : `${s.toFixed(1)} s`;
}

/** The file used up its time limit while in `stage`. */
export function timeLimitDiagnostic(stage: Stage, budget: Pick<FileBudget, 'timeoutMs'>): Diagnostic {
  return diagnostic('time-limit', `Stopped after ${seconds(budget.timeoutMs)} while ${stageWords(stage)} (the time limit, --timeout)`, undefined, { fatal: true });
}

/** The file's worker ran out of its heap while in `stage`. */
export function memoryLimitDiagnostic(stage: Stage, budget: Pick<FileBudget, 'maxMemoryMb'>): Diagnostic {
  return diagnostic('memory-limit', `Needed more than ${budget.maxMemoryMb} MiB while ${stageWords(stage)} (the memory limit, --max-memory)`, undefined, { fatal: true });
}
