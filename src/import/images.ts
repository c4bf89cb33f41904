/**
 * Images a report holds (a Word document's pictures, an event page's `<img>`) kept for the notes: each becomes a
 * file in a folder beside the notes (`<notes>-images/figure-1.png`) that the notes reference with its alt text.
 * The limits are the builder's (src/read/images.ts): at most 10 MiB, PNG, JPEG, GIF, WebP or SVG told by the
 * bytes, not by the name (an SVG is shown as an `<img>`, where it runs no script, as the builder does). An
 * image on a page is read from the page's own folder only, never from outside it, never over the network.
 */
import { createHash } from 'node:crypto';
import { realpath } from 'node:fs/promises';
import { basename, extname, isAbsolute, resolve } from 'node:path';
import { inside, MAX_IMAGE_BYTES, readRegularFile, sniffMime } from '../read/images.js';

/** More images than a workshop report has: the rest are left out (and said so). */
export const MAX_IMAGES = 200;

const EXTENSIONS: ReadonlyMap<string, string> = new Map([
  ['image/png', 'png'],
  ['image/jpeg', 'jpg'],
  ['image/gif', 'gif'],
  ['image/webp', 'webp'],
  ['image/svg+xml', 'svg'],
]);

/** An image file to write beside the notes. */
export interface ImportedImage {
  /** Its path from the notes' folder, as the notes reference it (`vilnius-2024-images/figure-1.png`). */
  src: string;
  bytes: Uint8Array;
}

/** `notes/Vilnius 2024.md` -> `Vilnius-2024-images`: letters, digits, `.`, `_` and `-` only, never hidden. */
export function imageFolderOf(notesPath: string): string {
  const name = basename(notesPath, extname(notesPath))
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .replace(/^[.-]+/u, '')
    .slice(0, 100);
  return `${name || 'notes'}-images`;
}

/** The images of one report, as they are found, each under a name of its own (the same bytes twice: one file). */
export class ReportImages {
  readonly images: ImportedImage[] = [];
  /** What a person should look at, one short sentence each. */
  readonly review: string[] = [];
  private readonly byDigest = new Map<string, string>();
  private tooMany = false;

  constructor(private readonly folder: string) {}

  /**
   * The bytes of an image the report holds -> the path the notes reference it by, or undefined when it is left
   * out (said why). `what` names it for the person (`the Word image 2`, `` `photo.jpg` ``).
   */
  keep(bytes: Uint8Array, alt: string | undefined, what: string): string | undefined {
    if (bytes.length > MAX_IMAGE_BYTES) return this.leaveOut(`${what} is larger than ${MAX_IMAGE_BYTES / 1048576} MiB`);
    const mime = sniffMime(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    const extension = mime ? EXTENSIONS.get(mime) : undefined;
    if (!extension) return this.leaveOut(`${what} is not a PNG, JPEG, GIF, WebP or SVG image`);
    const digest = createHash('sha256').update(bytes).digest('hex');
    let src = this.byDigest.get(digest);
    if (src === undefined) {
      if (this.images.length >= MAX_IMAGES) {
        if (!this.tooMany) this.review.push(`only the first ${MAX_IMAGES} images were kept`);
        this.tooMany = true;
        return undefined;
      }
      src = `${this.folder}/figure-${this.images.length + 1}.${extension}`;
      this.byDigest.set(digest, src);
      this.images.push({ src, bytes });
    }
    if (!alt?.trim()) this.review.push(`the image \`${src}\` has no alternative text: write what it shows between its brackets (the build asks for it)`);
    return src;
  }

  /** Say why an image is not kept. */
  leaveOut(why: string): undefined {
    this.review.push(`${why}; it was left out`);
    return undefined;
  }
}

const DATA_URL = /^data:([^,]*?),(.*)$/isu;

/** `data:image/png;base64,…` -> its bytes, or why not (too large is told before decoding). */
function bytesOfDataUrl(url: string): Uint8Array | 'too-large' | undefined {
  const m = DATA_URL.exec(url);
  if (!m) return undefined;
  const base64 = /;base64$/iu.test(m[1]!);
  const payload = m[2]!;
  if ((base64 ? (payload.length * 3) / 4 : payload.length / 3) > MAX_IMAGE_BYTES) return 'too-large';
  if (base64) return Buffer.from(payload.replace(/\s+/gu, ''), 'base64');
  try {
    return Buffer.from(decodeURIComponent(payload), 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * An event page's `<img src>` -> the path the notes reference it by, or undefined (said why): a `data:` URL is
 * decoded; a relative path is read from the page's folder `pageFolder` (a real path) when it is inside it, a
 * regular file and no hard link to a file elsewhere; anything else (`https:`, `/site/root.png`, `file:`) is not.
 */
export async function keepPageImage(images: ReportImages, src: string, alt: string | undefined, pageFolder: string): Promise<string | undefined> {
  const shown = `the image \`${src.length > 60 ? `${src.slice(0, 57)}…` : src}\``;
  if (/^data:/iu.test(src)) {
    const bytes = bytesOfDataUrl(src);
    if (bytes === 'too-large') return images.leaveOut(`${shown} is larger than ${MAX_IMAGE_BYTES / 1048576} MiB`);
    if (!bytes) return images.leaveOut(`${shown} is not a data: URL that can be read`);
    return images.keep(bytes, alt, shown);
  }
  if (/^[a-z][a-z0-9+.-]*:/iu.test(src) || src.startsWith('//')) return images.leaveOut(`${shown} is not fetched (nothing is): save it beside the notes`);
  let path: string;
  try {
    path = decodeURIComponent(src.replace(/[?#].*$/su, ''));
  } catch {
    return images.leaveOut(`${shown} is not a path that can be read`);
  }
  if (!path || isAbsolute(path) || path.startsWith('\\')) return images.leaveOut(`${shown} is not a path relative to the page`);
  const target = resolve(pageFolder, path);
  const outside = () => images.leaveOut(`${shown} is outside the page's folder`);
  if (!inside(pageFolder, target)) return outside();
  let real: string;
  try {
    real = await realpath(target);
  } catch {
    return images.leaveOut(`${shown} is not in the page's folder`);
  }
  if (!inside(pageFolder, real)) return outside();
  const read = await readRegularFile(real, MAX_IMAGE_BYTES);
  if ('unreadable' in read) {
    if (read.unreadable === 'too-large') return images.leaveOut(`${shown} is larger than ${MAX_IMAGE_BYTES / 1048576} MiB`);
    if (read.unreadable === 'link') return outside();
    return images.leaveOut(`${shown} cannot be read`);
  }
  // A hard link may be a file from anywhere: the builder trusts one only in a folder the operator named.
  if (read.links > 1) return images.leaveOut(`${shown} has other hard links, so it may be a file from outside the page's folder`);
  return images.keep(read.bytes, alt, shown);
}
