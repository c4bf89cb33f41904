/**
 * Atomic writes with promises (see atomic-write-steps.ts for what they check and in which order): the calls only.
 */
import { lstat, mkdir, open, rename, unlink } from 'node:fs/promises';
import { writeAllSteps, type OutputData, type Step, type WriteOptions } from './atomic-write-steps.js';

export {
  describeWriteError,
  removePendingTemporaryFiles,
  trackTemporaryFile,
  WriteError,
  writeError,
  type OutputData,
  type WriteOptions,
} from './atomic-write-steps.js';

async function perform(step: Step): Promise<unknown> {
  switch (step.call) {
    case 'mkdir':
      return mkdir(step.path, { recursive: step.recursive });
    case 'lstat':
      return lstat(step.path);
    case 'rename':
      return rename(step.from, step.to);
    case 'unlink':
      return unlink(step.path);
    case 'writeNew': {
      let handle;
      try {
        handle = await open(step.temp, 'wx', 0o644);
        // (writeFile writes the whole chunk from the current position, looping over short writes)
        if (typeof step.data === 'function') for await (const chunk of step.data()) await handle.writeFile(chunk);
        else await handle.writeFile(step.data);
        await handle.close();
        return undefined;
      } catch (error) {
        await handle?.close().catch(() => undefined);
        await unlink(step.temp).catch(() => undefined);
        throw error;
      }
    }
  }
}

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
      result = await perform(next.value);
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
