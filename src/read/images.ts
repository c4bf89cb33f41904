/**
 * Local images referenced by the notes, read and embedded as data: URLs.
 * Paths resolve against the notes file's folder and must stay inside the
 * allowed root (the notes' folder unless widened explicitly): `../` escapes,
 * absolute paths, symlinks leading outside and (outside a root the operator
 * named) hard links are refused, and anything but a regular file is refused
 * without being opened. Remote images are never fetched.
 */
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, open, realpath } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { diagnostic, quote, type Diagnostic, type Position } from '../diagnostics/message.js';

export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

/** An image the report mentions (found by src/render/image-references.ts, where the renderer finds them). */
export interface ImageReference {
  src: string;
  /** Path of the value that mentions it, for placing diagnostics. */
  path: (string | number)[];
  /** What to look for in that value to place the diagnostic, when not `src` itself. */
  needle?: string;
}

/** An image's type told by its first bytes (PNG, JPEG, GIF, WebP, SVG), never by its name. */
export function sniffMime(bytes: Buffer): string | undefined {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.subarray(0, 6).toString('latin1') === 'GIF87a' || bytes.subarray(0, 6).toString('latin1') === 'GIF89a') return 'image/gif';
  if (bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  const head = bytes.subarray(0, 512).toString('utf8').trimStart();
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]/i.test(head)) return 'image/svg+xml';
  return undefined;
}

export function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel) && !rel.startsWith(`..${sep}`));
}

export interface ResolvedImages {
  dataUrls: Map<string, string>;
  messages: Diagnostic[];
  /** Every local image embedded, by the path it was found at, with the SHA-256 of its bytes (for the build cache). */
  files: EmbeddedImage[];
}

export interface EmbeddedImage {
  path: string;
  digest: string;
}

/** Why a file could not be read as an image file. */
export type UnreadableReason = 'not-a-file' | 'too-large' | 'link' | { code: string };

/**
 * Read a regular file without ever blocking on it: `lstat` first, so a FIFO or device is refused without being
 * opened (opening a FIFO for reading waits for a writer, for ever, and opening some devices has effects); then
 * opened with O_NONBLOCK and O_NOFOLLOW and checked again on the descriptor (same file, still regular), and read
 * up to `maxBytes`. `path` must be a real path (symlinks already resolved).
 */
export async function readRegularFile(path: string, maxBytes: number): Promise<{ bytes: Buffer; links: number } | { unreadable: UnreadableReason }> {
  let before;
  try {
    before = await lstat(path);
  } catch (error) {
    return { unreadable: { code: (error as NodeJS.ErrnoException).code ?? 'error' } };
  }
  if (before.isSymbolicLink()) return { unreadable: 'link' };
  if (!before.isFile()) return { unreadable: 'not-a-file' };
  if (before.size > maxBytes) return { unreadable: 'too-large' };
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
    const stat = await handle.stat();
    // Swapped between the two looks: not the file that was checked.
    if (!stat.isFile() || stat.dev !== before.dev || stat.ino !== before.ino) return { unreadable: 'not-a-file' };
    if (stat.size > maxBytes) return { unreadable: 'too-large' };
    // Read at most one byte past the limit, whatever the size said (the file may be growing).
    const buffer = Buffer.alloc(Math.min(stat.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length === buffer.length) {
        if (length > maxBytes) return { unreadable: 'too-large' };
        break;
      }
    }
    return { bytes: buffer.subarray(0, length), links: stat.nlink };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return { unreadable: code === 'ELOOP' ? 'link' : { code } };
  } finally {
    await handle?.close();
  }
}

export async function realOrResolved(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    return resolve(path);
  }
}

export async function resolveImages(
  references: readonly ImageReference[],
  notesPath: string,
  /** Where `needle` (the image's path) is written inside the value at `path`. */
  locate: (path: readonly (string | number)[], needle: string) => Position | undefined,
  options: { allowedRoot?: string } = {},
): Promise<ResolvedImages> {
  const dataUrls = new Map<string, string>();
  const messages: Diagnostic[] = [];
  const files: EmbeddedImage[] = [];
  if (references.length === 0) return { dataUrls, messages, files };
  // The notes' folder and the root are both taken by their real paths, like each image: notes reached through a
  // symlinked folder keep their own images, and `../` is judged from where the notes really are.
  const baseDir = await realOrResolved(dirname(notesPath));
  // Images may come from the notes' own folder and from the folder the operator named with --allow-root.
  const allowed = options.allowedRoot !== undefined ? await realOrResolved(options.allowedRoot) : undefined;
  const roots = allowed ? [baseDir, allowed] : [baseDir];
  const insideRoots = (path: string) => roots.some((root) => inside(root, path));
  const done = new Set<string>();
  for (const ref of references) {
    if (done.has(ref.src)) continue;
    done.add(ref.src);
    const place = locate(ref.path, ref.needle ?? ref.src);
    const fail = (ruleId: string, reason: string, severity: 'error' | 'warning' = 'error') =>
      messages.push(diagnostic(ruleId, reason, place, { severity }));
    if (/^[a-z][a-z0-9+.-]*:/i.test(ref.src) && !/^[a-z]:[\\/]/i.test(ref.src)) {
      if (/^https?:/i.test(ref.src)) fail('remote-image', `Remote images are not fetched: ${quote(ref.src)}; save the image next to the notes and use a relative path`);
      else fail('image-path', `Expected a relative path to an image file, not ${quote(ref.src)}`);
      continue;
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(ref.src);
    } catch {
      decoded = ref.src;
    }
    if (isAbsolute(decoded) || /^[a-z]:[\\/]/i.test(decoded) || decoded.startsWith('\\\\')) {
      fail('image-outside-root', `Image paths must be relative to the notes file, not absolute: ${quote(ref.src)}`);
      continue;
    }
    const target = resolve(baseDir, decoded);
    if (!insideRoots(target)) {
      fail('image-outside-root', `The image ${quote(ref.src)} is outside the notes' folder; only files inside it may be used`);
      continue;
    }
    let real: string;
    try {
      real = await realpath(target);
    } catch {
      fail('missing-image', `The image ${quote(ref.src)} does not exist (looked for ${quote(relative(baseDir, target) || target)})`);
      continue;
    }
    if (!insideRoots(real)) {
      fail('image-outside-root', `The image ${quote(ref.src)} is a link to a file outside the notes' folder`);
      continue;
    }
    const read = await readRegularFile(real, MAX_IMAGE_BYTES);
    if ('unreadable' in read) {
      const why = read.unreadable;
      if (why === 'not-a-file') fail('image-path', `Expected ${quote(ref.src)} to be an image file, not a folder, pipe or device`);
      else if (why === 'too-large') fail('image-too-large', `The image ${quote(ref.src)} is larger than ${MAX_IMAGE_BYTES / 1024 / 1024} MiB`);
      else if (why === 'link') fail('image-outside-root', `The image ${quote(ref.src)} was replaced by a link while it was read`);
      else fail('missing-image', `The image ${quote(ref.src)} cannot be read (${why.code})`);
      continue;
    }
    // Hard links are only trusted inside the folder the operator named (see docs/security.md).
    if (read.links > 1 && !(allowed && inside(allowed, real))) {
      fail(
        'image-outside-root',
        `The image ${quote(ref.src)} has other hard links (${read.links} names), so it may be a file from outside the notes' folder; ` +
          `copy it instead of linking it, or name a folder whose files you trust with --allow-root`,
      );
      continue;
    }
    const mime = sniffMime(read.bytes);
    if (!mime) {
      fail('image-type', `${quote(ref.src)} is not a PNG, JPEG, GIF, WebP or SVG image`);
      continue;
    }
    dataUrls.set(ref.src, `data:${mime};base64,${read.bytes.toString('base64')}`);
    files.push({ path: target, digest: createHash('sha256').update(read.bytes).digest('hex') });
  }
  return { dataUrls, messages, files };
}
