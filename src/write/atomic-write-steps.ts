/**
 * An atomic write, once for both ways of doing I/O: the checks, the temporary files' names, the order of the
 * calls (every target checked and every temporary file written before any is renamed into place) and the error
 * wording live here, as a generator of file-system steps. atomic-write.ts carries the steps out with promises,
 * atomic-write-sync.ts with blocking calls; each is only the calls.
 *
 * Outputs go to a temporary file in the same folder (created exclusively, so never through a planted symlink),
 * then are renamed over the target. A failure leaves no partial file behind. Below the output folder (`below`,
 * the operator's `--out`), every folder on the way is a real folder, created one at a time without following
 * links: a symlinked sub-folder planted there is refused, not written through.
 */
import { randomBytes } from 'node:crypto';
import { unlinkSync, type Stats } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';

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

/** Where outputs may go: below `below` (the operator's output folder, itself taken as it is), every folder real. */
export interface WriteOptions {
  below?: string;
}

/** The folders from `below` (excluded) down to the output's folder, or an error when the output is not below it. */
export function foldersBelow(path: string, below: string): string[] {
  const rel = relative(below, dirname(path));
  if (rel === '') return [];
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) throw new WriteError(path, 'EXDEV', `Refusing to write ${path}: it is not inside the output folder ${below}`);
  const folders: string[] = [];
  let current = below;
  for (const part of rel.split(sep)) folders.push((current = join(current, part)));
  return folders;
}

/** What is at a folder's place below the output folder must be a real folder, not a link to one. */
export function refuseNonFolder(path: string, folder: string, stats: Stats): void {
  if (stats.isSymbolicLink()) throw new WriteError(path, 'ELOOP', `Refusing to write ${path}: ${folder} is a symbolic link`);
  if (!stats.isDirectory()) throw new WriteError(path, 'ENOTDIR', `Cannot write ${path}: ${folder} is a file, not a folder`);
}

/** What an output holds: its text or bytes, or chunks produced one after another (never all in memory at once). */
export type OutputData = string | Uint8Array | (() => AsyncIterable<string | Uint8Array>);

/** One file-system call; the runner answers with its result, or throws its error back into the steps. */
export type Step =
  | { call: 'mkdir'; path: string; recursive: boolean }
  | { call: 'lstat'; path: string }
  /** Create `temp` exclusively (mode 0644), write `data` into it and close it; on failure, close and remove it. */
  | { call: 'writeNew'; temp: string; data: OutputData }
  | { call: 'rename'; from: string; to: string }
  | { call: 'unlink'; path: string };

/** The calls a way of doing I/O provides, one per kind of step (`R`: a result, or a promise of one). */
export interface StepCalls<R> {
  mkdir(path: string, recursive: boolean): R;
  lstat(path: string): R;
  writeNew(temp: string, data: OutputData): R;
  rename(from: string, to: string): R;
  unlink(path: string): R;
}

/** Carry out one step with the calls given. */
export function perform<R>(step: Step, calls: StepCalls<R>): R {
  switch (step.call) {
    case 'mkdir':
      return calls.mkdir(step.path, step.recursive);
    case 'lstat':
      return calls.lstat(step.path);
    case 'writeNew':
      return calls.writeNew(step.temp, step.data);
    case 'rename':
      return calls.rename(step.from, step.to);
    case 'unlink':
      return calls.unlink(step.path);
  }
}

/** The steps of writing `outputs` all or nothing. */
export function* writeAllSteps(outputs: ReadonlyArray<readonly [string, OutputData]>, options: WriteOptions = {}): Generator<Step, void, unknown> {
  for (const [path] of outputs) yield* checkTarget(path, options.below);
  const temps: Array<[string, string]> = [];
  try {
    for (const [path, data] of outputs) {
      const temp = temporaryPath(path);
      pending.add(temp);
      try {
        // No fsync: rename already guarantees readers see the old file or the whole new one;
        // durability across power loss is not worth ~100 ms per file in a batch.
        yield { call: 'writeNew', temp, data };
      } catch (error) {
        pending.delete(temp);
        throw writeError(path, error);
      }
      temps.push([temp, path]);
    }
    for (const [temp, path] of temps) {
      try {
        yield { call: 'rename', from: temp, to: path };
      } catch (error) {
        throw writeError(path, error);
      } finally {
        pending.delete(temp);
      }
    }
  } catch (error) {
    for (const [temp] of temps) {
      try {
        yield { call: 'unlink', path: temp };
      } catch {
        /* renamed already, or gone */
      }
      pending.delete(temp);
    }
    throw error;
  }
}

function* checkTarget(path: string, below: string | undefined): Generator<Step, void, unknown> {
  const dir = dirname(path);
  const folders = below === undefined ? [] : foldersBelow(path, below);
  try {
    yield { call: 'mkdir', path: below ?? dir, recursive: true };
  } catch (error) {
    throw writeError(path, error, below ?? dir);
  }
  for (const folder of folders) {
    // mkdir never follows a link at its last component: an existing one is EEXIST, then seen by lstat.
    try {
      yield { call: 'mkdir', path: folder, recursive: false };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw writeError(path, error, folder);
    }
    refuseNonFolder(path, folder, (yield { call: 'lstat', path: folder }) as Stats);
  }
  let existing: Stats;
  try {
    existing = (yield { call: 'lstat', path }) as Stats;
  } catch {
    return; // does not exist yet
  }
  refuseExisting(path, existing);
}
