/**
 * Local images referenced by the notes, read and embedded as data: URLs.
 * Paths resolve against the notes file's folder and must stay inside the
 * allowed root (the notes' folder unless widened explicitly): `../` escapes,
 * absolute paths and symlinks leading outside are refused. Remote images are
 * never fetched.
 */
import { open, realpath } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { diagnostic, quote, type Diagnostic, type Position } from '../diagnostics/message.js';

export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

export interface ImageReference {
  src: string;
  /** Path of the value that mentions it, for placing diagnostics. */
  path: (string | number)[];
}

const INLINE_IMAGE = /!\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;

/** Every image the report mentions: image fields and `![alt](src)` inside text. */
export function findImageReferences(notes: unknown): ImageReference[] {
  const out: ImageReference[] = [];
  const visit = (value: unknown, path: (string | number)[]) => {
    if (typeof value === 'string') {
      for (const match of value.matchAll(INLINE_IMAGE)) out.push({ src: match[1]!, path });
    } else if (Array.isArray(value)) value.forEach((v, i) => visit(v, [...path, i]));
    else if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if (typeof record.src === 'string' && typeof record.alt === 'string') out.push({ src: record.src, path: [...path, 'src'] });
      for (const [k, v] of Object.entries(record)) if (k !== 'src') visit(v, [...path, k]);
    }
  };
  visit(notes, []);
  return out;
}

function sniffMime(bytes: Buffer): string | undefined {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.subarray(0, 6).toString('latin1') === 'GIF87a' || bytes.subarray(0, 6).toString('latin1') === 'GIF89a') return 'image/gif';
  if (bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  const head = bytes.subarray(0, 512).toString('utf8').trimStart();
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]/i.test(head)) return 'image/svg+xml';
  return undefined;
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel) && !rel.startsWith(`..${sep}`));
}

export interface ResolvedImages {
  dataUrls: Map<string, string>;
  messages: Diagnostic[];
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
  if (references.length === 0) return { dataUrls, messages };
  const baseDir = dirname(notesPath);
  let root: string;
  try {
    root = await realpath(options.allowedRoot ?? baseDir);
  } catch {
    root = resolve(options.allowedRoot ?? baseDir);
  }
  const done = new Set<string>();
  for (const ref of references) {
    if (done.has(ref.src)) continue;
    done.add(ref.src);
    const place = locate(ref.path, ref.src);
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
    if (!inside(root, target)) {
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
    if (!inside(root, real)) {
      fail('image-outside-root', `The image ${quote(ref.src)} is a link to a file outside the notes' folder`);
      continue;
    }
    let handle;
    try {
      handle = await open(real, 'r');
      const stat = await handle.stat();
      if (!stat.isFile()) {
        fail('image-path', `Expected ${quote(ref.src)} to be an image file`);
        continue;
      }
      if (stat.size > MAX_IMAGE_BYTES) {
        fail('image-too-large', `The image ${quote(ref.src)} is larger than ${MAX_IMAGE_BYTES / 1024 / 1024} MiB`);
        continue;
      }
      const bytes = await handle.readFile();
      const mime = sniffMime(bytes);
      if (!mime) {
        fail('image-type', `${quote(ref.src)} is not a PNG, JPEG, GIF, WebP or SVG image`);
        continue;
      }
      dataUrls.set(ref.src, `data:${mime};base64,${bytes.toString('base64')}`);
    } catch (error) {
      fail('missing-image', `The image ${quote(ref.src)} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    } finally {
      await handle?.close();
    }
  }
  return { dataUrls, messages };
}
