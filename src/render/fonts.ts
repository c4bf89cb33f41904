/**
 * The report's typeface, shipped with the package (@fontsource/noto-sans), so
 * output looks the same everywhere and printing never waits on the network.
 *
 * Two forms, each built once per process:
 * - inline: data: URLs, for the self-contained HTML file;
 * - served: URLs under the printer's own origin, answered from memory by the
 *   browser session, so each print loads only the subsets its text needs and
 *   Chromium does not re-parse half a megabyte of base64 per page.
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

/** Path under the printer's origin where served fonts live. */
export const FONT_PATH_PREFIX = '/assets/fonts/';

interface FontFile {
  name: string;
  subset: string;
  weight: number;
  style: string;
  bytes: Buffer;
}

let files: FontFile[] | undefined;
let unicodeRanges: Record<string, string> | undefined;

function fontFiles(): FontFile[] {
  if (files) return files;
  const root = dirname(require.resolve('@fontsource/noto-sans/package.json'));
  unicodeRanges = JSON.parse(readFileSync(join(root, 'unicode.json'), 'utf8')) as Record<string, string>;
  files = [];
  for (const subset of SUBSETS) {
    for (const face of FACES) {
      const name = `noto-sans-${subset}-${face.weight}-${face.style}.woff2`;
      files.push({ name, subset, weight: face.weight, style: face.style, bytes: readFileSync(join(root, 'files', name)) });
    }
  }
  return files;
}

function css(url: (file: FontFile) => string, only?: ReadonlySet<string>): string {
  return fontFiles()
    .filter((f) => !only || only.has(f.subset))
    .map(
      (f) =>
        `@font-face{font-family:"Report Sans";font-style:${f.style};font-weight:${f.weight};font-display:block;` +
        `src:url(${url(f)}) format("woff2");unicode-range:${unicodeRanges![f.subset]};}`,
    )
    .join('\n');
}

let servedCss: string | undefined;
const inlineCss = new Map<string, string>();
let ranges: Map<string, Array<[number, number]>> | undefined;

/** `U+0000-00FF, U+0131` -> [[0, 255], [305, 305]] per subset. */
function subsetRanges(): Map<string, Array<[number, number]>> {
  if (ranges) return ranges;
  fontFiles();
  ranges = new Map();
  for (const subset of SUBSETS) {
    ranges.set(
      subset,
      unicodeRanges![subset]!.split(/\s*,\s*/).map((part) => {
        const [a, b] = part.replace(/^U\+/i, '').split('-');
        return [parseInt(a!, 16), parseInt(b ?? a!, 16)] as [number, number];
      }),
    );
  }
  return ranges;
}

let subsetPatterns: Map<string, RegExp> | undefined;

/** Per subset, a pattern matching any of its characters beyond ASCII (ASCII text never asks for a subset). */
function subsetCharacters(): Map<string, RegExp> {
  if (subsetPatterns) return subsetPatterns;
  subsetPatterns = new Map();
  for (const [subset, list] of subsetRanges()) {
    const classes = list
      .filter(([, b]) => b >= 0x80)
      .map(([a, b]) => `\\u{${Math.max(a, 0x80).toString(16)}}-\\u{${b.toString(16)}}`)
      .join('');
    if (classes) subsetPatterns.set(subset, new RegExp(`[${classes}]`, 'u'));
  }
  return subsetPatterns;
}

/** The subsets whose characters occur in `text` (Latin always, for the labels). */
export function subsetsFor(text: string): string[] {
  const needed = new Set<string>(['latin']);
  // Most reports are ASCII with a few accents: one scan for anything beyond ASCII, then one per subset.
  if (/[^\u0000-\u007f]/.test(text)) {
    for (const [subset, pattern] of subsetCharacters()) if (!needed.has(subset) && pattern.test(text)) needed.add(subset);
  }
  return SUBSETS.filter((s) => needed.has(s));
}

/**
 * @font-face rules. `inline` embeds, as data: URLs, only the subsets the
 * document's text needs (given as `text`), so an English report carries
 * Latin only and a Bulgarian one Latin and Cyrillic.
 */
export function fontFaceCss(mode: 'inline' | 'served' = 'inline', text?: string): string {
  if (mode === 'served') return (servedCss ??= css((f) => FONT_PATH_PREFIX + f.name));
  const subsets = text === undefined ? [...SUBSETS] : subsetsFor(text);
  const key = subsets.join(',');
  let value = inlineCss.get(key);
  if (value === undefined) {
    value = css((f) => `data:font/woff2;base64,${f.bytes.toString('base64')}`, new Set(subsets));
    inlineCss.set(key, value);
  }
  return value;
}

/** The served fonts, by path, for the browser session to answer from memory. */
export function fontAssets(): Map<string, { contentType: string; body: Buffer }> {
  return new Map(fontFiles().map((f) => [FONT_PATH_PREFIX + f.name, { contentType: 'font/woff2', body: f.bytes }]));
}
