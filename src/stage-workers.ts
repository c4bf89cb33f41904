/**
 * The worker threads that run the CPU stages of files (`prepareFile`), one
 * file per thread at a time, each under the file's budget: a thread still on
 * a file at its deadline, or out of its heap (`resourceLimits`), is
 * terminated, the file fails with a diagnostic naming the stage it was in,
 * and a fresh thread takes its place. The main thread stays free meanwhile:
 * progress, printing and Ctrl-C are seen at once.
 */
import type { Worker } from 'node:worker_threads';
import { publishedStage, type WorkerReply, type WorkerRequest, type WorkerSettings } from './batch-worker.js';
import { diagnostic, type Diagnostic } from './diagnostics/message.js';
import { displayPathOf } from './diagnostics/source-file.js';
import { memoryLimitDiagnostic, timeLimitDiagnostic, type FileBudget } from './file-budget.js';
import { newStageWorker, WORKER_YOUNG_GENERATION_MB, type EarlyWorker } from './early-worker.js';
import type { PreparedFile } from './pipeline.js';
import type { InputFile } from './read/expand-inputs.js';

/** A file's CPU stages done (or failed), and when they began: the rest of the file's time limit counts from there. */
export interface Prepared {
  prepared: PreparedFile;
  started: number;
}

interface Job {
  input: InputFile;
  resolve: (done: Prepared) => void;
  reject: (error: Error) => void;
}

interface Thread {
  worker: Worker;
  stage: Int32Array;
  /** Takes files: loaded, and not ending. */
  ready: boolean;
  /** Has loaded once. */
  started?: boolean;
  /** The old generation this thread really got, in MiB. */
  oldGenerationMb?: number;
  job?: { id: number; job: Job; started: number; timer: NodeJS.Timeout };
}

export class StageWorkers {
  private readonly threads = new Set<Thread>();
  private readonly queue: Job[] = [];
  private nextId = 0;
  private closed = false;
  /** Threads that died before they were ready, in a row: the tool itself cannot start in one. */
  private failedStarts = 0;
  /** Why no thread can start, once that is known: every file then fails with it. */
  private broken: string | undefined;

  constructor(
    private readonly script: URL,
    private readonly settings: Omit<WorkerSettings, 'stage'>,
    count: number,
    private readonly budget: FileBudget,
    private readonly cwd: string,
    /** A thread the executable started before the CLI loaded, taken as the first one when its heap limit fits. */
    early?: EarlyWorker,
  ) {
    // (threadId is -1 once a thread has exited)
    const adopted = early && early.maxMemoryMb === budget.maxMemoryMb && early.worker.threadId >= 0 ? early.worker : undefined;
    if (early && !adopted) void early.worker.terminate();
    for (let i = 0; i < count; i++) this.start(i === 0 ? adopted : undefined);
  }

  /** The threads now serving files (for tests: which thread was taken). */
  get threadIds(): number[] {
    return [...this.threads].map((t) => t.worker.threadId);
  }

  /** Run the CPU stages of `input` on the next free thread. */
  prepare(input: InputFile): Promise<Prepared> {
    return new Promise((resolve, reject) => {
      if (this.closed) return reject(new Error('The worker threads are closed'));
      if (this.broken) return this.fail({ input, resolve, reject }, performance.now(), internalError(this.broken));
      this.queue.push({ input, resolve, reject });
      this.dispatch();
    });
  }

  /** Stop every thread now (Ctrl-C, the end of the run). Threads never write, so nothing is left half-done. */
  async close(): Promise<void> {
    this.closed = true;
    const threads = [...this.threads];
    this.threads.clear();
    for (const job of this.queue.splice(0)) job.reject(new Error('The run was stopped'));
    await Promise.all(threads.map((t) => t.worker.terminate().catch(() => undefined)));
  }

  private start(adopted?: Worker): void {
    const stage = new SharedArrayBuffer(4);
    const settings: WorkerSettings = { ...this.settings, stage };
    const worker = adopted ?? newStageWorker(this.script, this.budget.maxMemoryMb, settings);
    if (adopted) {
      adopted.ref();
      adopted.postMessage({ type: 'settings', settings } satisfies WorkerRequest);
    }
    const thread: Thread = { worker, stage: new Int32Array(stage), ready: false };
    this.threads.add(thread);
    worker.on('message', (message: WorkerReply) => {
      if (message.type === 'ready') {
        thread.ready = true;
        thread.started = true;
        // (V8's heap limit counts the young generation's semi-spaces too: ~the cap we set it to)
        thread.oldGenerationMb = Math.round(message.heapLimitMb) - WORKER_YOUNG_GENERATION_MB;
        this.failedStarts = 0;
        return this.dispatch();
      }
      const current = thread.job;
      if (!current || current.id !== message.id) return;
      clearTimeout(current.timer);
      thread.job = undefined;
      if (message.type === 'result') current.job.resolve({ prepared: message.prepared, started: current.started });
      else {
        // prepareFile threw (a bug): the run stops with an internal error, as it would on the main thread.
        const error = new Error(message.message);
        error.stack = message.stack;
        current.job.reject(error);
      }
      this.dispatch();
    });
    worker.on('error', (error: Error & { code?: string }) => {
      // (the thread is ending: it takes no more files)
      thread.ready = false;
      const current = thread.job;
      if (!current) return;
      const stage = publishedStage(thread.stage);
      this.fail(current.job, current.started, error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? memoryLimitDiagnostic(stage, { maxMemoryMb: Math.min(this.budget.maxMemoryMb, thread.oldGenerationMb ?? Infinity) }) : internalError(String(error.stack ?? error)));
      clearTimeout(current.timer);
      thread.job = undefined;
    });
    worker.on('exit', (code) => {
      const current = thread.job;
      if (current) {
        clearTimeout(current.timer);
        thread.job = undefined;
        this.fail(current.job, current.started, internalError(`worker thread exited with code ${code}`));
      }
      if (!this.threads.delete(thread) || this.closed) return;
      if (!thread.started && ++this.failedStarts >= 3) {
        // Not the notes' fault: every file still waiting, and every later one, gets the reason.
        this.broken = `the worker thread could not start (exit code ${code}); is --max-memory too small?`;
        for (const job of this.queue.splice(0)) this.fail(job, performance.now(), internalError(this.broken));
        return;
      }
      this.start();
    });
  }

  private dispatch(): void {
    for (const thread of this.threads) {
      if (!this.queue.length) return;
      if (!thread.ready || thread.job) continue;
      const job = this.queue.shift()!;
      const id = this.nextId++;
      const started = performance.now();
      const timer = setTimeout(() => this.expire(thread), this.budget.timeoutMs);
      thread.job = { id, job, started, timer };
      thread.worker.postMessage({ type: 'file', id, input: job.input } satisfies WorkerRequest);
    }
  }

  /** The file's time is up: it fails where it was, and its thread is replaced (on its exit). */
  private expire(thread: Thread): void {
    const current = thread.job;
    if (!current) return;
    thread.job = undefined;
    thread.ready = false;
    this.fail(current.job, current.started, timeLimitDiagnostic(publishedStage(thread.stage), this.budget));
    void thread.worker.terminate();
  }

  private fail(job: Job, started: number, message: Diagnostic): void {
    job.resolve({
      started,
      prepared: {
        result: { file: { path: job.input.path, displayPath: displayPathOf(this.cwd, job.input.path), messages: [message] }, status: 'failed', outputs: {}, timings: {} },
      },
    });
  }
}

function internalError(error: string): Diagnostic {
  return diagnostic('internal-error', `Internal error while processing this file (a bug in report): ${error.split('\n')[0]}`, undefined, { fatal: true });
}
