/**
 * Outputs are written atomically: to a temporary file in the same folder
 * (created exclusively, so never through a planted symlink), then renamed
 * over the target. A failure leaves no partial file behind.
 */
import { randomBytes } from 'node:crypto';
import { unlinkSync, type Stats } from 'node:fs';
import { lstat, mkdir, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export class WriteError extends Error {
  constructor(
    readonly path: string,
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

export function describeWriteError(code: string | undefined): string {
  switch (code) {
    case 'ENOSPC':
      return 'the disk is full';
    case 'EROFS':
      return 'the disk is read-only';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EDQUOT':
      return 'the disk quota is exceeded';
    case 'ENOTDIR':
      return 'a part of the path is a file, not a folder';
    default:
      return code ?? 'unknown error';
  }
}

/** Temporary files being written, so an interrupted run can remove them. */
const pending = new Set<string>();

/** A temporary file of the run's own (not an output's), to be removed with the others if the run is interrupted. */
export function trackTemporaryFile(path: string): () => void {
  pending.add(path);
  return () => pending.delete(path);
}

/** Remove the temporary files of writes still in progress (on Ctrl-C or SIGTERM). */
export function removePendingTemporaryFiles(): void {
  for (const temp of pending) {
    try {
      unlinkSync(temp);
    } catch {
      /* already gone */
    }
  }
  pending.clear();
}

/** The error for an output that could not be written (or its folder created, with `folder`). */
export function writeError(path: string, error: unknown, folder?: string): WriteError {
  const code = (error as NodeJS.ErrnoException).code;
  return new WriteError(path, code, folder ? `Cannot create the folder ${folder}: ${describeWriteError(code)}` : `Cannot write ${path}: ${describeWriteError(code)}`);
}

/** What already has an output's name and must not be written over: a symbolic link or a folder. */
export function refuseExisting(path: string, existing: Stats): void {
  if (existing.isSymbolicLink()) throw new WriteError(path, 'ELOOP', `Refusing to write ${path}: it is a symbolic link`);
  if (existing.isDirectory()) throw new WriteError(path, 'EISDIR', `Cannot write ${path}: a folder has that name`);
}

/** A temporary file beside the output, with a name no one can have planted (it is created exclusively). */
export function temporaryPath(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
}

async function checkTarget(path: string): Promise<void> {
  const dir = dirname(path);
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    throw writeError(path, error, dir);
  }
  let existing;
  try {
    existing = await lstat(path);
  } catch {
    return; // does not exist yet
  }
  refuseExisting(path, existing);
}

/** What an output holds: its text or bytes, or chunks produced one after another (never all in memory at once). */
export type OutputData = string | Uint8Array | (() => AsyncIterable<string | Uint8Array>);

async function writeTemporary(path: string, data: OutputData): Promise<string> {
  const temp = temporaryPath(path);
  pending.add(temp);
  let handle;
  try {
    handle = await open(temp, 'wx', 0o644);
    // (writeFile writes the whole chunk from the current position, looping over short writes)
    if (typeof data === 'function') for await (const chunk of data()) await handle.writeFile(chunk);
    else await handle.writeFile(data);
    // No fsync: rename already guarantees readers see the old file or the whole new one;
    // durability across power loss is not worth ~100 ms per file in a batch.
    await handle.close();
    return temp;
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    pending.delete(temp);
    throw writeError(path, error);
  }
}

/**
 * Write several outputs of one report all or nothing: every target is checked
 * and every temporary file written before any is renamed into place, so a
 * failure leaves none of them behind.
 */
export async function writeAllAtomic(outputs: ReadonlyArray<readonly [string, OutputData]>): Promise<void> {
  for (const [path] of outputs) await checkTarget(path);
  const temps: Array<[string, string]> = [];
  try {
    for (const [path, data] of outputs) temps.push([await writeTemporary(path, data), path]);
    for (const [temp, path] of temps) {
      try {
        await rename(temp, path);
      } catch (error) {
        throw writeError(path, error);
      } finally {
        pending.delete(temp);
      }
    }
  } catch (error) {
    for (const [temp] of temps) await unlink(temp).catch(() => undefined);
    for (const [temp] of temps) pending.delete(temp);
    throw error;
  }
}

export async function writeAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await writeAllAtomic([[path, data]]);
}
