/**
 * `writeAllAtomic` with blocking calls, for a thread with nothing else to do
 * meanwhile (a worker thread, or the main thread of a run without PDF): no
 * round trip through libuv's thread pool per call. The same steps (checks,
 * errors, all-or-nothing result: atomic-write-steps.ts); and since every
 * temporary file is renamed or removed before the call returns, none is ever
 * left pending when Ctrl-C is handled on this thread.
 */
import { closeSync, lstatSync, mkdirSync, openSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { perform, writeAllSteps, type StepCalls, type WriteOptions } from './atomic-write-steps.js';

const calls: StepCalls<unknown> = {
  mkdir: (path, recursive) => mkdirSync(path, { recursive }),
  lstat: (path) => lstatSync(path),
  rename: (from, to) => renameSync(from, to),
  unlink: (path) => unlinkSync(path),
  writeNew(temp, data) {
    if (typeof data === 'function') throw new TypeError('Blocking writes take text or bytes, not chunks');
    let fd: number | undefined;
    try {
      fd = openSync(temp, 'wx', 0o644);
      writeFileSync(fd, data);
      const opened = fd;
      fd = undefined;
      closeSync(opened);
    } catch (error) {
      if (fd !== undefined) quietly(() => closeSync(fd!));
      quietly(() => unlinkSync(temp));
      throw error;
    }
  },
};

const quietly = (action: () => void) => {
  try {
    action();
  } catch {
    /* already failing, or nothing to undo */
  }
};

export function writeAllAtomicSync(outputs: ReadonlyArray<readonly [string, string | Uint8Array]>, options: WriteOptions = {}): void {
  const steps = writeAllSteps(outputs, options);
  let next = steps.next();
  while (!next.done) {
    let result: unknown;
    try {
      result = perform(next.value, calls);
    } catch (error) {
      next = steps.throw(error);
      continue;
    }
    next = steps.next(result);
  }
}
