/**
 * Read one notes file as text, refusing what cannot be notes: too large,
 * not a regular file, not UTF-8.
 */
import { closeSync, constants, fstatSync, openSync, readFileSync, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';
import { diagnostic, type Diagnostic } from '../diagnostics/message.js';

export const MAX_NOTES_BYTES = 2 * 1024 * 1024;

export type ReadResult = { text: string; bytes: Buffer; messages: Diagnostic[] } | { text?: undefined; messages: Diagnostic[] };

/**
 * `sync`: with blocking calls, for threads that have nothing else to do meanwhile (a worker, or the main thread
 * of a run without PDF): the same checks and results without a round trip through libuv's thread pool per call.
 */
export async function readNotes(path: string, maxBytes = MAX_NOTES_BYTES, sync = false): Promise<ReadResult> {
  if (sync) return readNotesSync(path, maxBytes);
  let handle;
  try {
    // Non-blocking: opening a FIFO named like notes must not wait for a writer.
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const stat = await handle.stat();
    const refused = refusal(stat, maxBytes);
    if (refused) return refused;
    return decoded(await handle.readFile());
  } catch (error) {
    return readError(error);
  } finally {
    await handle?.close();
  }
}

function readNotesSync(path: string, maxBytes: number): ReadResult {
  let fd: number | undefined;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const refused = refusal(fstatSync(fd), maxBytes);
    if (refused) return refused;
    return decoded(readFileSync(fd));
  } catch (error) {
    return readError(error);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Not a regular file, or too large to be notes. */
function refusal(stat: Stats, maxBytes: number): ReadResult | undefined {
  if (!stat.isFile()) return { messages: [diagnostic('read-error', 'Expected a notes file, not a folder or device', undefined, { fatal: true })] };
  if (stat.size > maxBytes) {
    return {
      messages: [
        diagnostic('file-too-large', `The file is ${stat.size.toLocaleString('en')} bytes; notes may be at most ${maxBytes.toLocaleString('en')} bytes (${formatBytes(maxBytes)})`, undefined, { fatal: true }),
      ],
    };
  }
  return undefined;
}

function decoded(bytes: Buffer): ReadResult {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  const bad = text.indexOf('\uFFFD');
  if (bad >= 0 && !bytes.includes(Buffer.from('\uFFFD', 'utf8'))) {
    const before = text.slice(0, bad);
    const line = before.split('\n').length;
    const column = bad - before.lastIndexOf('\n');
    return {
      messages: [diagnostic('encoding', 'Expected UTF-8 text; this byte sequence is not valid UTF-8', { start: { line, column, offset: bad } }, { fatal: true })],
    };
  }
  if (text.includes('\u0000')) {
    return { messages: [diagnostic('encoding', 'Expected a text file, but it contains NUL bytes', undefined, { fatal: true })] };
  }
  return { text: text.replace(/^\uFEFF/, ''), bytes, messages: [] };
}

function readError(error: unknown): ReadResult {
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    code === 'ENOENT' ? 'The file does not exist' : code === 'EACCES' ? 'The file cannot be read (permission denied)' : `The file cannot be read (${code ?? 'error'})`;
  return { messages: [diagnostic('read-error', reason, undefined, { fatal: true })] };
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}
