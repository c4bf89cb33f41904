/**
 * `writeAllAtomic` with blocking calls, for a thread with nothing else to do
 * meanwhile (a worker thread, or the main thread of a run without PDF): no
 * round trip through libuv's thread pool per call. The same checks, errors
 * and all-or-nothing result; and since every temporary file is renamed or
 * removed before the call returns, none is ever left pending when Ctrl-C is
 * handled on this thread.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, lstatSync, mkdirSync, openSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describeWriteError, WriteError } from './atomic-write.js';

const codeOf = (error: unknown) => (error as NodeJS.ErrnoException).code;

function checkTarget(path: string): void {
  const dir = dirname(path);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new WriteError(path, codeOf(error), `Cannot create the folder ${dir}: ${describeWriteError(codeOf(error))}`);
  }
  let existing;
  try {
    existing = lstatSync(path);
  } catch {
    return; // does not exist yet
  }
  if (existing.isSymbolicLink()) throw new WriteError(path, 'ELOOP', `Refusing to write ${path}: it is a symbolic link`);
  if (existing.isDirectory()) throw new WriteError(path, 'EISDIR', `Cannot write ${path}: a folder has that name`);
}

const quietly = (action: () => void) => {
  try {
    action();
  } catch {
    /* already failing, or nothing to undo */
  }
};

function writeTemporary(path: string, data: string | Uint8Array): string {
  // Created exclusively, so never through a planted symlink.
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'wx', 0o644);
    writeFileSync(fd, data);
    const opened = fd;
    fd = undefined;
    closeSync(opened);
    return temp;
  } catch (error) {
    if (fd !== undefined) quietly(() => closeSync(fd!));
    quietly(() => unlinkSync(temp));
    throw new WriteError(path, codeOf(error), `Cannot write ${path}: ${describeWriteError(codeOf(error))}`);
  }
}

export function writeAllAtomicSync(outputs: ReadonlyArray<readonly [string, string | Uint8Array]>): void {
  for (const [path] of outputs) checkTarget(path);
  const temps: Array<[string, string]> = [];
  try {
    for (const [path, data] of outputs) temps.push([writeTemporary(path, data), path]);
    for (const [temp, path] of temps) {
      try {
        renameSync(temp, path);
      } catch (error) {
        throw new WriteError(path, codeOf(error), `Cannot write ${path}: ${describeWriteError(codeOf(error))}`);
      }
    }
  } catch (error) {
    for (const [temp] of temps) quietly(() => unlinkSync(temp));
    throw error;
  }
}
