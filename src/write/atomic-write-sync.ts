/**
 * `writeAllAtomic` with blocking calls, for a thread with nothing else to do
 * meanwhile (a worker thread, or the main thread of a run without PDF): no
 * round trip through libuv's thread pool per call. The same checks, errors
 * and all-or-nothing result; and since every temporary file is renamed or
 * removed before the call returns, none is ever left pending when Ctrl-C is
 * handled on this thread.
 */
import { closeSync, lstatSync, mkdirSync, openSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { foldersBelow, refuseExisting, refuseNonFolder, temporaryPath, writeError, type WriteOptions } from './atomic-write.js';

function checkTarget(path: string, below: string | undefined): void {
  const dir = dirname(path);
  const folders = below === undefined ? [] : foldersBelow(path, below);
  try {
    mkdirSync(below ?? dir, { recursive: true });
  } catch (error) {
    throw writeError(path, error, below ?? dir);
  }
  for (const folder of folders) {
    try {
      mkdirSync(folder);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw writeError(path, error, folder);
    }
    refuseNonFolder(path, folder, lstatSync(folder));
  }
  let existing;
  try {
    existing = lstatSync(path);
  } catch {
    return; // does not exist yet
  }
  refuseExisting(path, existing);
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
  const temp = temporaryPath(path);
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
    throw writeError(path, error);
  }
}

export function writeAllAtomicSync(outputs: ReadonlyArray<readonly [string, string | Uint8Array]>, options: WriteOptions = {}): void {
  for (const [path] of outputs) checkTarget(path, options.below);
  const temps: Array<[string, string]> = [];
  try {
    for (const [path, data] of outputs) temps.push([writeTemporary(path, data), path]);
    for (const [temp, path] of temps) {
      try {
        renameSync(temp, path);
      } catch (error) {
        throw writeError(path, error);
      }
    }
  } catch (error) {
    for (const [temp] of temps) quietly(() => unlinkSync(temp));
    throw error;
  }
}
