/**
 * The report's typeface, shipped with the package (@fontsource/noto-sans) and
 * embedded as data: URLs, so output looks the same everywhere and printing
 * never waits on the network. Built once per process.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** Scripts used in Europe: Latin with all EU accents, Greek, Cyrillic (Bulgarian, Ukrainian). */
const SUBSETS = ['latin', 'latin-ext', 'greek', 'cyrillic', 'cyrillic-ext'] as const;
const FACES = [
  { weight: 400, style: 'normal' },
  { weight: 400, style: 'italic' },
  { weight: 700, style: 'normal' },
] as const;

let css: string | undefined;

export function fontFaceCss(): string {
  if (css !== undefined) return css;
  const root = dirname(require.resolve('@fontsource/noto-sans/package.json'));
  const unicode = JSON.parse(readFileSync(join(root, 'unicode.json'), 'utf8')) as Record<string, string>;
  const rules: string[] = [];
  for (const subset of SUBSETS) {
    for (const face of FACES) {
      const file = join(root, 'files', `noto-sans-${subset}-${face.weight}-${face.style}.woff2`);
      const data = readFileSync(file).toString('base64');
      rules.push(
        `@font-face{font-family:"Report Sans";font-style:${face.style};font-weight:${face.weight};font-display:block;` +
          `src:url(data:font/woff2;base64,${data}) format("woff2");unicode-range:${unicode[subset]};}`,
      );
    }
  }
  css = rules.join('\n');
  return css;
}
