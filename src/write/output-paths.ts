import { basename, dirname, extname, join, relative, resolve } from 'node:path';

export type OutputFormat = 'html' | 'pdf' | 'json';

/**
 * Where an input's outputs go: beside it, or under `outDir` mirroring the
 * input's place below the root it was found under. Named after the input:
 * `vilnius-2024.md` -> `vilnius-2024.html`, `.pdf`, `.json`.
 */
export function outputPath(input: string, root: string, outDir: string | undefined, format: OutputFormat): string {
  const stem = basename(input, extname(input));
  const folder = outDir ? resolve(outDir, relative(root, dirname(input))) : dirname(input);
  return join(folder, `${stem}.${format}`);
}
