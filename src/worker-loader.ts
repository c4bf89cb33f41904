/**
 * The script a stage worker thread starts with (src/early-worker.ts): it runs the bundled worker
 * (dist/batch-worker.bundle.cjs) from V8's code cache when the build left one that fits
 * (dist/batch-worker.bundle.cache), so that the thread does not compile to bytecode again, function by
 * function, what every thread of every run compiles the same way (~0.1 s of CPU per thread, measured in
 * docs/performance.md). Node 20 has no compile cache for ES modules (`module.enableCompileCache` is Node 22),
 * hence a CommonJS bundle run through `vm.Script`'s documented `cachedData`. A cache V8 refuses (another
 * Node, other flags) or one made from other code is ignored: the bundle is then compiled as usual.
 * Light on imports: it runs before anything else in the thread.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
import { parentPort } from 'node:worker_threads';
import { CODE_CACHE_STATUS, WORKER_BUNDLE, WORKER_CODE_CACHE, WRITE_CODE_CACHE, type CodeCacheStatus } from './early-worker.js';

/** The cache file: the SHA-256 of the bundle it was made from (32 bytes), then V8's data. */
const DIGEST_BYTES = 32;

function loadBundle(dir: string): void {
  const filename = join(dir, WORKER_BUNDLE);
  const source = readFileSync(filename, 'utf8');
  const cacheFile = join(dir, WORKER_CODE_CACHE);
  let cachedData: Buffer | undefined;
  if (existsSync(cacheFile)) {
    const file = readFileSync(cacheFile);
    const digest = createHash('sha256').update(source).digest();
    if (file.length > DIGEST_BYTES && digest.equals(file.subarray(0, DIGEST_BYTES))) cachedData = file.subarray(DIGEST_BYTES);
  }
  // (the wrapper keeps the bundle's line numbers: stack traces still point into it)
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename, cachedData });
  const status: CodeCacheStatus = !cachedData ? 'none' : script.cachedDataRejected ? 'rejected' : 'accepted';
  (globalThis as Record<symbol, unknown>)[CODE_CACHE_STATUS] = status;
  parentPort?.on('message', (message: { type?: string }) => {
    if (message?.type !== WRITE_CODE_CACHE) return;
    const digest = createHash('sha256').update(source).digest();
    writeFileSync(cacheFile, Buffer.concat([digest, script.createCachedData()]));
    parentPort!.postMessage({ type: 'code-cache-written' });
  });
  const module = { exports: {} };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(filename), module, filename, dir);
}

loadBundle(dirname(fileURLToPath(import.meta.url)));
