/**
 * The report's typefaces, shipped with the package (@fontsource/noto-sans, and
 * @fontsource/noto-sans-mono for code), so output looks the same everywhere
 * and printing never waits on the network. Every face text can ask for is
 * there (bold italic included): Chromium neither synthesises one as a Type 3
 * font nor falls back on a system font.
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
const FAMILIES = [
  {
    family: 'Report Sans',
    pkg: '@fontsource/noto-sans',
    prefix: 'noto-sans',
    faces: [
      { weight: 400, style: 'normal' },
      { weight: 400, style: 'italic' },
      { weight: 700, style: 'normal' },
      { weight: 700, style: 'italic' },
    ],
  },
  // Noto Sans Mono has no italic: italic code is the upright face, slanted by Chromium as an outline font.
  {
    family: 'Report Mono',
    pkg: '@fontsource/noto-sans-mono',
    prefix: 'noto-sans-mono',
    faces: [
      { weight: 400, style: 'normal' },
      { weight: 700, style: 'normal' },
    ],
  },
] as const;

/** Path under the printer's origin where served fonts live. */
export const FONT_PATH_PREFIX = '/assets/fonts/';

interface FontFile {
  family: string;
  name: string;
  unicodeRange: string;
  subset: string;
  weight: number;
  style: string;
  bytes: Buffer;
}

let files: FontFile[] | undefined;
let unicodeRanges: Record<string, string> | undefined;

function fontFiles(): FontFile[] {
  if (files) return files;
  files = [];
  for (const { family, pkg, prefix, faces } of FAMILIES) {
    const root = dirname(require.resolve(`${pkg}/package.json`));
    const ranges = JSON.parse(readFileSync(join(root, 'unicode.json'), 'utf8')) as Record<string, string>;
    if (family === 'Report Sans') unicodeRanges = ranges;
    for (const subset of SUBSETS) {
      if (!Object.hasOwn(ranges, subset)) continue;
      for (const face of faces) {
        const name = `${prefix}-${subset}-${face.weight}-${face.style}.woff2`;
        files.push({ family, name, unicodeRange: ranges[subset]!, subset, weight: face.weight, style: face.style, bytes: readFileSync(join(root, 'files', name)) });
      }
    }
  }
  return files;
}

function css(url: (file: FontFile) => string, keep: (file: FontFile) => boolean = () => true): string {
  return fontFiles()
    .filter(keep)
    .map(
      (f) =>
        `@font-face{font-family:"${f.family}";font-style:${f.style};font-weight:${f.weight};font-display:block;` +
        `src:url(${url(f)}) format("woff2");unicode-range:${f.unicodeRange};}`,
    )
    .join('\n');
}

/**
 * Whether the notes' text (Markdown) can show code, or bold italic: the
 * self-contained HTML embeds those faces only then (a browser makes do
 * without them; the printer always has them).
 */
const SHOWS_CODE = /`|<code|<pre/;
const SHOWS_BOLD_ITALIC = /\*\*\*|___|\*\*_|_\*\*|__\*|\*__|\*\*[^*\n]*(?<![*\w])[*_]\w|\w[*_](?![*\w])[^*\n]*\*\*/;

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
  const code = text === undefined || SHOWS_CODE.test(text);
  const boldItalic = text === undefined || SHOWS_BOLD_ITALIC.test(text);
  const key = `${subsets.join(',')}|${code}|${boldItalic}`;
  let value = inlineCss.get(key);
  if (value === undefined) {
    const only = new Set<string>(subsets);
    value = css(
      (f) => `data:font/woff2;base64,${f.bytes.toString('base64')}`,
      (f) => only.has(f.subset) && (f.family !== 'Report Mono' || code) && !(f.family === 'Report Sans' && f.weight === 700 && f.style === 'italic' && !boldItalic),
    );
    inlineCss.set(key, value);
  }
  return value;
}

/** The served fonts, by path, for the browser session to answer from memory. */
export function fontAssets(): Map<string, { contentType: string; body: Buffer }> {
  return new Map(fontFiles().map((f) => [FONT_PATH_PREFIX + f.name, { contentType: 'font/woff2', body: f.bytes }]));
}
