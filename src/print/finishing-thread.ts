/**
 * The PDF post-processing (src/print/pdf-finishing.ts) in a worker thread of
 * its own, started with the first file that needs it: reading and rewriting
 * a PDF takes the main thread ~10 ms a file, during which it could not answer
 * the browser (the next report's HTML, the next page's print). One thread
 * finishes the files one after the other; PDF bytes are handed over, not
 * copied. A thread that dies fails the files it held and is replaced on the
 * next; one that dies before it has finished any file (it cannot run here)
 * is not, and the finishing runs here, as it does without a built script.
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { WORKER_YOUNG_GENERATION_MB } from '../early-worker.js';
import { packagePath } from '../package-root.js';
import type { FinishingReply, FinishingRequest } from './pdf-finishing-worker.js';
import type { PdfMetadata } from './pdf-metadata.js';
import type { PdfStandard } from './pdf-standard.js';

/** The thread's script: the bundle the build writes (one file loads faster than pdf-lib's ~200 modules), else tsc's output. */
function finishingScript(): URL | undefined {
  for (const parts of [['dist', 'pdf-finishing-worker.bundle.js'], ['dist', 'print', 'pdf-finishing-worker.js']]) {
    const built = packagePath(...parts);
    if (existsSync(built)) return pathToFileURL(built);
  }
  return undefined;
}

export class FinishingThread {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, { resolve: (pdf: Uint8Array) => void; reject: (error: Error) => void }>();
  private nextId = 0;
  private closed = false;
  /** A thread has finished a file (one that dies before that is not started again). */
  private served = false;
  private broken = false;

  constructor(private readonly script: URL | undefined = finishingScript()) {}

  /** Whether files are finished in the thread (false: the caller finishes them itself). */
  get available(): boolean {
    return this.script !== undefined && !this.closed && !this.broken;
  }

  /** Whether a thread is running (started, and neither stopped nor closed). */
  get started(): boolean {
    return this.worker !== undefined;
  }

  /** Start the thread now, so that it has loaded by the time the first PDF is printed. */
  start(): void {
    if (!this.available || this.worker) return;
    // (V8's largest young generation, as the batch workers have: with the default, a 200-file PDF batch spent
    // ~1.8 s more CPU, ~9 ms a file, in scavenges of the thread's short-lived objects; docs/performance.md)
    const worker = new Worker(this.script!, { resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
    this.worker = worker;
    worker.unref();
    worker.on('message', (reply: FinishingReply) => {
      const job = this.pending.get(reply.id);
      if (!job) return;
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      this.served = true;
      if ('pdf' in reply) job.resolve(reply.pdf);
      else job.reject(new Error(reply.error));
    });
    // (an error is followed by the exit)
    let failure = '';
    worker.on('error', (error) => (failure = `: ${String(error?.message ?? error).split('\n')[0]}`));
    worker.on('exit', (code) => {
      if (this.worker !== worker) return; // closed
      this.worker = undefined;
      if (!this.served) this.broken = true;
      const jobs = [...this.pending.values()];
      this.pending.clear();
      for (const job of jobs) job.reject(new Error(`the PDF finishing thread stopped (exit code ${code})${failure}`));
    });
  }

  /** `pdf` is handed over to the thread: the caller must not use it afterwards. */
  finish(pdf: Uint8Array, metadata: PdfMetadata, standard: Exclude<PdfStandard, 'none'>): Promise<Uint8Array> {
    if (!this.available) return Promise.reject(new Error(this.closed ? 'The PDF finishing thread is closed' : 'The PDF finishing thread cannot start'));
    this.start();
    const worker = this.worker!;
    // Only a whole buffer can be handed over (a view into a larger one is copied first).
    const own = pdf.byteOffset === 0 && pdf.byteLength === pdf.buffer.byteLength && pdf.buffer instanceof ArrayBuffer ? pdf : pdf.slice();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ id, pdf: own, metadata, standard } satisfies FinishingRequest, [own.buffer as ArrayBuffer]);
    });
  }

  /** End the thread; files it still held fail. */
  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = undefined;
    const jobs = [...this.pending.values()];
    this.pending.clear();
    for (const job of jobs) job.reject(new Error('The PDF finishing thread is closed'));
    await worker?.terminate();
  }
}
