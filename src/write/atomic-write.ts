/**
 * Outputs are written atomically: to a temporary file in the same folder
 * (created exclusively, so never through a planted symlink), then renamed
 * over the target. A failure leaves no partial file behind.
 */
import { randomBytes } from 'node:crypto';
import { unlinkSync } from 'node:fs';
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

export async function writeAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const dir = dirname(path);
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new WriteError(path, code, `Cannot create the folder ${dir}: ${describeWriteError(code)}`);
  }
  try {
    const existing = await lstat(path);
    if (existing.isSymbolicLink()) throw new WriteError(path, 'ELOOP', `Refusing to write ${path}: it is a symbolic link`);
    if (existing.isDirectory()) throw new WriteError(path, 'EISDIR', `Cannot write ${path}: a folder has that name`);
  } catch (error) {
    if (error instanceof WriteError) throw error;
  }
  const temp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  let handle;
  pending.add(temp);
  try {
    handle = await open(temp, 'wx', 0o644);
    await handle.writeFile(data);
    // No fsync: rename already guarantees readers see the old file or the whole new one;
    // durability across power loss is not worth ~100 ms per file in a batch.
    await handle.close();
    handle = undefined;
    await rename(temp, path);
    pending.delete(temp);
  } catch (error) {
    pending.delete(temp);
    await handle?.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    const code = (error as NodeJS.ErrnoException).code;
    throw new WriteError(path, code, `Cannot write ${path}: ${describeWriteError(code)}`);
  }
}
