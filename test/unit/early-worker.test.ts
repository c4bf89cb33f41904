/**
 * The executable starts the first worker thread before it loads the CLI (src/early-worker.ts); the run's pool
 * takes that very thread when its heap limit fits, and ends it otherwise. Real threads (the built worker script:
 * `npm run build` first, as for every CLI test).
 */
import { appendFileSync, cpSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { newStageWorker, startEarlyWorker, WORKER_BUNDLE, WORKER_YOUNG_GENERATION_MB, workerScript, type EarlyWorker } from '../../src/early-worker.js';
import { DEFAULT_BUDGET } from '../../src/file-budget.js';
import { StageWorkers } from '../../src/stage-workers.js';
import { ROOT, tempDir } from '../helpers/cli.js';

const started: EarlyWorker[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((e) => e.worker.terminate()));
});
const early = (args: string[]) => {
  const e = startEarlyWorker(args);
  if (e) started.push(e);
  return e;
};

function pool(dir: string, e: EarlyWorker | undefined, maxMemoryMb = DEFAULT_BUDGET.maxMemoryMb) {
  const settings = { cwd: dir, formats: ['json' as const], templateDir: undefined, pageSize: 'A4' as const, strict: false, inputPaths: [], generator: 'test', validateOnly: true, keepReport: false };
  return new StageWorkers(workerScript()!, settings, 1, { ...DEFAULT_BUDGET, maxMemoryMb }, dir, e);
}

describe('the early worker thread', () => {
  it('is started for build and validate only, with --max-memory as written', () => {
    expect(early(['build', 'notes.md'])?.maxMemoryMb).toBe(DEFAULT_BUDGET.maxMemoryMb);
    expect(early(['validate', 'notes.md', '--max-memory', '64'])?.maxMemoryMb).toBe(64);
    expect(early(['build', 'notes.md', '--max-memory=96'])?.maxMemoryMb).toBe(96);
    expect(early(['build', 'notes.md', '--max-memory', 'lots'])).toBeUndefined();
    expect(early(['schema'])).toBeUndefined();
    expect(early(['--help'])).toBeUndefined();
  });

  it('is the thread the run takes when its heap limit fits, and does the file', async () => {
    const { path: dir, cleanup } = tempDir('report-early-');
    try {
      writeFileSync(join(dir, 'notes.yaml'), 'title: Early\ndate: 2024-06-05\n');
      const e = early(['validate', 'notes.yaml'])!;
      const workers = pool(dir, e);
      expect(workers.threadIds).toEqual([e.worker.threadId]);
      const { prepared } = await workers.prepare({ path: join(dir, 'notes.yaml'), root: dir });
      expect(prepared.result.status).toBe('valid');
      await workers.close();
    } finally {
      cleanup();
    }
  });

  it("has V8's largest young generation beside the old generation --max-memory sets (fewer scavenges per file)", async () => {
    const { path: dir, cleanup } = tempDir('report-early-');
    try {
      const e = early(['validate', 'notes.yaml', '--max-memory', '64'])!;
      const ready = new Promise<{ heapLimitMb: number }>((resolve) => e.worker.on('message', (m: { type: string; heapLimitMb: number }) => m.type === 'ready' && resolve(m)));
      const workers = pool(dir, e, 64);
      // V8's heap limit is the old generation plus the young one: what the thread really got, not what was asked.
      expect(Math.round((await ready).heapLimitMb)).toBe(64 + WORKER_YOUNG_GENERATION_MB);
      expect(WORKER_YOUNG_GENERATION_MB).toBe(48);
      await workers.close();
    } finally {
      cleanup();
    }
  });

  it("runs the bundled worker from the build's V8 code cache, and compiles it when the cache is not the bundle's", async () => {
    // (the fast path: the built worker script is the loader, and V8 takes the cache the build made)
    expect(workerScript()!.pathname.endsWith('/dist/worker-loader.js')).toBe(true);
    const notes = join(ROOT, 'examples', 'vilnius-2024.md');
    const settings = { formats: ['html' as const], pageSize: 'A4' as const, strict: false, inputPaths: [notes], generator: 'test', keepReport: false, stage: new SharedArrayBuffer(4) };
    /** How the thread was loaded, and the HTML it makes of the notes. */
    const run = async (script: URL, root = ROOT) => {
      // (the default template of that copy of the package: another folder would be a template of its own)
      const worker = newStageWorker(script, 256, { ...settings, cwd: root, templateDir: join(root, 'templates', 'default') });
      try {
        const replies: Array<{ type: string; codeCache?: string; prepared?: { outputs?: Array<{ data: Uint8Array }> } }> = [];
        const reply = () => new Promise<(typeof replies)[number]>((resolve) => worker.once('message', resolve));
        const ready = await reply();
        const done = reply();
        worker.postMessage({ type: 'file', id: 1, input: { path: notes, root: join(ROOT, 'examples') } });
        return { codeCache: ready.codeCache, html: Buffer.from((await done).prepared!.outputs![0]!.data).toString('utf8') };
      } finally {
        await worker.terminate();
      }
    };
    const cached = await run(workerScript()!);
    expect(cached.codeCache).toBe('accepted');
    expect(cached.html).toContain('<html');
    // A copy of dist/ whose bundle differs from the one its cache was made from: the cache is left aside.
    const { path: dir, cleanup } = tempDir('report-cache-');
    try {
      cpSync(join(ROOT, 'dist'), join(dir, 'dist'), { recursive: true });
      for (const name of ['templates', 'schemas', 'locales', 'assets', 'node_modules', 'package.json']) symlinkSync(join(ROOT, name), join(dir, name));
      appendFileSync(join(dir, 'dist', WORKER_BUNDLE), '\n// changed\n');
      const compiled = await run(pathToFileURL(join(dir, 'dist', 'worker-loader.js')), dir);
      expect(compiled.codeCache).toBe('none');
      expect(compiled.html).toBe(cached.html);
    } finally {
      cleanup();
    }
  });

  it('is ended, and a thread of the right size started, when the limits differ', async () => {
    const { path: dir, cleanup } = tempDir('report-early-');
    try {
      const e = early(['validate', 'notes.yaml', '--max-memory', '64'])!;
      const exited = new Promise((resolve) => e.worker.once('exit', resolve));
      const workers = pool(dir, e, 128);
      expect(workers.threadIds).not.toContain(e.worker.threadId);
      await exited;
      await workers.close();
    } finally {
      cleanup();
    }
  });
});
