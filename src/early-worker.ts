/**
 * The first worker thread of a run, started by the executable before it
 * loads the CLI: the thread loads its own copy of the pipeline meanwhile, on
 * the other core, instead of after it (a single file's HTML ~0.05 s sooner).
 * It waits for its settings; a run that has no use for it (another command,
 * a different --max-memory) ends it. It never keeps the process alive.
 * Light on imports: it runs before everything else is loaded.
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DEFAULT_MAX_MEMORY_MB } from './file-budget.js';
import { packagePath } from './package-root.js';

/**
 * A worker's young generation, in MiB (see src/stage-workers.ts): V8's own largest on 64 bits (two 16 MiB
 * semi-spaces and the new large-object space). Parsing a file's Markdown allocates tens of MiB of short-lived
 * tokens and nodes; with 12 MiB (4 MiB semi-spaces) a worker ran ~2 scavenges per file and garbage collection was
 * ~22 % of its CPU profile, with 48 MiB ~0.5 per file and ~8 %. It costs at most 36 MiB more per worker.
 * The PDF finishing thread (src/print/finishing-thread.ts) has the same, for the same reason.
 */
export const WORKER_YOUNG_GENERATION_MB = 48;

export interface EarlyWorker {
  worker: Worker;
  maxMemoryMb: number;
}

/** The bundled worker and its V8 code cache, in dist/ (scripts/bundle.mjs; src/worker-loader.ts runs them). */
export const WORKER_BUNDLE = 'batch-worker.bundle.cjs';
export const WORKER_CODE_CACHE = 'batch-worker.bundle.cache';
/** Where the bundled worker finds how it was loaded (its `ready` says it: a test checks that the cache is used). */
export const CODE_CACHE_STATUS = Symbol.for('report.workerCodeCache');
/** Asks a thread started on the loader to write the code cache of what it has run so far (the build does). */
export const WRITE_CODE_CACHE = 'write-code-cache';
/** `none`: no cache (or one made from other code); `rejected`: V8 refused it (another Node, other flags). */
export type CodeCacheStatus = 'accepted' | 'rejected' | 'none';

/**
 * The worker script: the loader of the bundled worker (its code cache with it), else the compiled module tree
 * (a build without the bundle step); run from sources, e.g. under a test runner, there is none beside this file.
 */
export function workerScript(): URL | undefined {
  if (existsSync(packagePath('dist', WORKER_BUNDLE)) && existsSync(packagePath('dist', 'worker-loader.js'))) return pathToFileURL(packagePath('dist', 'worker-loader.js'));
  const built = packagePath('dist', 'batch-worker.js');
  return existsSync(built) ? pathToFileURL(built) : undefined;
}

export function newStageWorker(script: URL, maxMemoryMb: number, workerData?: unknown): Worker {
  return new Worker(script, { workerData, resourceLimits: { maxOldGenerationSizeMb: maxMemoryMb, maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
}

/** For `build` and `validate` (`args` as given to the executable), a worker already loading; otherwise none. */
export function startEarlyWorker(args: readonly string[]): EarlyWorker | undefined {
  if (!['build', 'validate', 'lint'].includes(args[0] ?? '')) return undefined;
  const script = workerScript();
  if (!script) return undefined;
  // The heap limit is fixed when a thread starts: take --max-memory as written (a value the CLI refuses, or
  // reads otherwise, only costs the head start: the run then starts its own thread).
  const at = args.findIndex((a) => a === '--max-memory' || a.startsWith('--max-memory='));
  const written = at < 0 ? undefined : args[at]!.includes('=') ? args[at]!.slice(args[at]!.indexOf('=') + 1) : args[at + 1];
  const maxMemoryMb = written === undefined ? DEFAULT_MAX_MEMORY_MB : Number(written);
  if (!Number.isInteger(maxMemoryMb) || maxMemoryMb < 32 || maxMemoryMb > 65_536) return undefined;
  const worker = newStageWorker(script, maxMemoryMb);
  worker.unref();
  // (an error before the run adopts it only means the run starts a thread of its own)
  worker.on('error', () => undefined);
  return { worker, maxMemoryMb };
}
