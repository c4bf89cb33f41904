import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Gray {
  width: number;
  height: number;
  pixels: Uint8Array;
}

/** A binary PGM (P5) as written by `pdftoppm -gray`. */
export function readPgm(bytes: Buffer): Gray {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(bytes.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('not a binary PGM');
  const [, w, h] = header.map(Number);
  return { width: w!, height: h!, pixels: new Uint8Array(bytes.subarray(header[0].length)) };
}

/** Each page of a PDF as a small grayscale image. */
export function renderPages(pdf: string, outPrefix: string, dpi = 20): Gray[] {
  execFileSync('pdftoppm', ['-gray', '-r', String(dpi), pdf, outPrefix]);
  const dir = join(outPrefix, '..');
  const base = outPrefix.split('/').pop()!;
  return readdirSync(dir)
    .filter((f) => f.startsWith(base + '-') && f.endsWith('.pgm'))
    .sort()
    .map((f) => readPgm(readFileSync(join(dir, f))));
}

/** Share of pixels that differ by more than `threshold` gray levels. */
export function difference(a: Gray, b: Gray, threshold = 48): number {
  if (a.width !== b.width || a.height !== b.height) return 1;
  let differing = 0;
  for (let i = 0; i < a.pixels.length; i++) if (Math.abs(a.pixels[i]! - b.pixels[i]!) > threshold) differing++;
  return differing / a.pixels.length;
}

export function toPgm(image: Gray): Buffer {
  return Buffer.concat([Buffer.from(`P5\n${image.width} ${image.height}\n255\n`, 'latin1'), Buffer.from(image.pixels)]);
}
