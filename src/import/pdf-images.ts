/**
 * A PDF's figures: the images a page paints (image XObjects, inline images), as pdf.js decodes them, written as
 * PNG files beside the notes (images.ts keeps them, under the builder's limits) with the alternative text of the
 * structure tree's `Figure` they belong to. In a tagged PDF an image outside the structure (a logo the layout
 * draws) is the layout's and is not kept.
 */
import { crc32, deflateSync } from 'node:zlib';
import type { ReportImages } from './images.js';

/** Larger than a report's picture: not encoded (pdf.js has already decoded it, but a PNG of it is not written). */
export const MAX_IMAGE_PIXELS = 40_000_000;

/** pdf.js's decoded image: `kind` 1 is 1 bit grey (1 = white), 2 RGB, 3 RGBA, 8 bits a sample. */
interface DecodedImage {
  width: number;
  height: number;
  kind?: number;
  data?: Uint8Array | Uint8ClampedArray;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(data, crc32(head.subarray(4))) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** A decoded image -> PNG bytes (each row unfiltered, then deflated), or undefined for a kind it does not know. */
export function pngOf(image: DecodedImage): Uint8Array | undefined {
  const { width, height, kind, data } = image;
  if (!data || !Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) return undefined;
  const layout = kind === 1 ? { colour: 0, depth: 1, stride: Math.ceil(width / 8) } : kind === 2 ? { colour: 2, depth: 8, stride: width * 3 } : kind === 3 ? { colour: 6, depth: 8, stride: width * 4 } : undefined;
  if (!layout || data.length < layout.stride * height) return undefined;
  const rows = Buffer.alloc((layout.stride + 1) * height);
  for (let y = 0; y < height; y++) rows.set(data.subarray(y * layout.stride, (y + 1) * layout.stride), y * (layout.stride + 1) + 1);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = layout.depth;
  header[9] = layout.colour;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', new Uint8Array(0))]);
}

/** An image the page paints, and where: the marked content it is painted in (a tagged PDF), if any. */
export interface PaintedImage {
  objId?: string;
  inline?: DecodedImage;
  /** The MCID of the innermost marked content around it. */
  mcid?: number;
}

/** The images an operator list paints, in painting order, with the marked content each is in. */
export function paintedImages(ops: { fnArray: number[]; argsArray: unknown[][] }, OPS: Record<string, number>): PaintedImage[] {
  const found: PaintedImage[] = [];
  const marked: Array<number | undefined> = [];
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    const args = ops.argsArray[i] ?? [];
    if (fn === OPS.beginMarkedContentProps) marked.push(typeof args[1] === 'number' ? args[1] : undefined);
    else if (fn === OPS.beginMarkedContent) marked.push(undefined);
    else if (fn === OPS.endMarkedContent) marked.pop();
    else if (fn === OPS.paintImageXObject || fn === OPS.paintImageXObjectRepeat) {
      const mcid = marked.findLast((m) => m !== undefined);
      if (typeof args[0] === 'string') found.push({ objId: args[0], ...(mcid !== undefined ? { mcid } : {}) });
    } else if (fn === OPS.paintInlineImageXObject) {
      const mcid = marked.findLast((m) => m !== undefined);
      if (args[0] && typeof args[0] === 'object') found.push({ inline: args[0] as DecodedImage, ...(mcid !== undefined ? { mcid } : {}) });
    }
  }
  return found;
}

type Objects = { get(id: string, callback: (data: unknown) => void): unknown };

/** Waited for at most this long: pdf.js sends a page's images after its operator list. */
const IMAGE_WAIT_MS = 5_000;

/** The decoded image pdf.js holds for `objId` (on the page, or shared between pages) once it has arrived, or undefined. */
export function decodedImage(page: { objs: Objects; commonObjs: Objects }, objId: string): Promise<DecodedImage | undefined> {
  const objs = objId.startsWith('g_') ? page.commonObjs : page.objs;
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), IMAGE_WAIT_MS);
    try {
      objs.get(objId, (data) => {
        clearTimeout(timer);
        resolve((data ?? undefined) as DecodedImage | undefined);
      });
    } catch {
      clearTimeout(timer);
      resolve(undefined);
    }
  });
}

/** `![alt](src)` with the alt text's brackets and backslashes escaped. */
export const imageMarkdown = (alt: string | undefined, src: string) => `![${(alt ?? '').replace(/\s+/gu, ' ').trim().replace(/([\\[\]])/gu, '\\$1')}](${src})`;

/** Keeps one painted image for the notes: the path they reference it by, or undefined (said why). */
export function keepPdfImage(images: ReportImages, image: DecodedImage | undefined, alt: string | undefined, what: string): string | undefined {
  if (!image) return images.leaveOut(`${what} could not be read`);
  if (image.width * image.height > MAX_IMAGE_PIXELS) return images.leaveOut(`${what} is larger than ${MAX_IMAGE_PIXELS / 1_000_000} million pixels`);
  const png = pngOf(image);
  if (!png) return images.leaveOut(`${what} is in a form that cannot be saved as PNG`);
  return images.keep(png, alt, what);
}
