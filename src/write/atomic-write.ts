/**
 * Atomic writes with promises (see atomic-write-steps.ts for what they check and in which order): the calls only.
 */
import { lstat, mkdir, open, rename, unlink } from 'node:fs/promises';
import { perform, writeAllSteps, type OutputData, type StepCalls, type WriteOptions } from './atomic-write-steps.js';

export {
  describeWriteError,
  removePendingTemporaryFiles,
  trackTemporaryFile,
  WriteError,
  writeError,
  type OutputData,
  type WriteOptions,
} from './atomic-write-steps.js';

const calls: StepCalls<Promise<unknown>> = {
  mkdir: (path, recursive) => mkdir(path, { recursive }),
  lstat: (path) => lstat(path),
  rename: (from, to) => rename(from, to),
  unlink: (path) => unlink(path),
  async writeNew(temp, data) {
    let handle;
    try {
      handle = await open(temp, 'wx', 0o644);
      // (writeFile writes the whole chunk from the current position, looping over short writes)
      if (typeof data === 'function') for await (const chunk of data()) await handle.writeFile(chunk);
      else await handle.writeFile(data);
      await handle.close();
    } catch (error) {
      await handle?.close().catch(() => undefined);
      await unlink(temp).catch(() => undefined);
      throw error;
    }
  },
};

/**
 * Write several outputs of one report all or nothing: every target is checked
 * and every temporary file written before any is renamed into place, so a
 * failure leaves none of them behind.
 */
export async function writeAllAtomic(outputs: ReadonlyArray<readonly [string, OutputData]>, options: WriteOptions = {}): Promise<void> {
  const steps = writeAllSteps(outputs, options);
  let next = steps.next();
  while (!next.done) {
    let result: unknown;
    try {
      result = await perform(next.value, calls);
    } catch (error) {
      next = steps.throw(error);
      continue;
    }
    next = steps.next(result);
  }
}

export async function writeAtomic(path: string, data: string | Uint8Array, options: WriteOptions = {}): Promise<void> {
  await writeAllAtomic([[path, data]], options);
}
