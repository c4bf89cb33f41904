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
/** Noto Emoji's subsets, as @fontsource names them (`[0]` … `[10]`). */
const EMOJI_SUBSETS = ['[0]', '[1]', '[2]', '[3]', '[4]', '[5]', '[6]', '[7]', '[8]', '[9]', '[10]'] as const;

interface Face {
  weight: number;
  style: 'normal' | 'italic';
  /** The file's style when it differs (an upright face declared for italic text too). */
  fileStyle?: 'normal';
}

interface Family {
  family: string;
  /** What the family is among the shipped ones (the emoji's faces are declared under `Report Sans`). */
  id: 'sans' | 'mono' | 'emoji';
  pkg: string;
  prefix: string;
  subsets: readonly string[];
  faces: readonly Face[];
}

/** A family of a `@fontsource` package: its files are `<prefix>-<subset>-<weight>-<style>.woff2`. */
const family = (id: Family['id'], name: string, prefix: string, subsets: readonly string[], faces: readonly Face[]): Family => ({ family: name, id, pkg: `@fontsource/${prefix}`, prefix, subsets, faces });
/** Faces by weight and style, `italic→normal` for an italic declared with the upright file. */
const faces = (...written: string[]): Face[] =>
  written.map((w) => {
    const [weight, style, fileStyle] = w.split(/[ →]/) as [string, Face['style'], Face['style'] | undefined];
    return { weight: Number(weight), style, ...(fileStyle ? { fileStyle } : {}) } as Face;
  });

const FAMILIES: readonly Family[] = [
  family('sans', 'Report Sans', 'noto-sans', SUBSETS, faces('400 normal', '400 italic', '700 normal', '700 italic')),
  // Noto Sans Mono has no italic: italic code is the upright face, slanted by Chromium as an outline font.
  family('mono', 'Report Mono', 'noto-sans-mono', SUBSETS, faces('400 normal', '700 normal')),
  // Pictographs (`📝`, `✅`, as Notion pages and chat messages have them) in Noto Emoji's outlines, declared under
  // `Report Sans` with their own unicode ranges (the characters Noto Sans has taken out), so that text needs no
  // font of the system; italic text uses the upright faces, so Chromium does not synthesise a Type 3 font.
  family('emoji', 'Report Sans', 'noto-emoji', EMOJI_SUBSETS, faces('400 normal', '400 italic→normal', '700 normal', '700 italic→normal')),
];

/** Path under the printer's origin where served fonts live. */
export const FONT_PATH_PREFIX = '/assets/fonts/';

interface FontFile {
  family: string;
  id: Family['id'];
  name: string;
  unicodeRange: string;
  subset: string;
  weight: number;
  style: string;
  bytes: Buffer;
}

let files: FontFile[] | undefined;

type Ranges = Array<[number, number]>;

const parseRanges = (text: string): Ranges =>
  text.split(/\s*,\s*/).map((part) => {
    const [a, b] = part.replace(/^U\+/i, '').split('-');
    return [parseInt(a!, 16), parseInt(b ?? a!, 16)] as [number, number];
  });

const writeRanges = (ranges: Ranges): string => ranges.map(([a, b]) => (a === b ? `U+${a.toString(16)}` : `U+${a.toString(16)}-${b.toString(16)}`)).join(',');

/** `ranges` without the code points of `taken` (Noto Sans's digits, `#`, `©` stay Noto Sans's). */
function without(ranges: Ranges, taken: Ranges): Ranges {
  let out = ranges;
  for (const [ta, tb] of taken) {
    out = out.flatMap(([a, b]): Ranges => (tb < a || ta > b ? [[a, b]] : [...(a < ta ? [[a, ta - 1] as [number, number]] : []), ...(b > tb ? [[tb + 1, b] as [number, number]] : [])]));
  }
  return out;
}

function fontFiles(): FontFile[] {
  if (files) return files;
  files = [];
  let sansRanges: Ranges = [];
  for (const { family, id, pkg, prefix, subsets, faces } of FAMILIES) {
    const root = dirname(require.resolve(`${pkg}/package.json`));
    const ranges = JSON.parse(readFileSync(join(root, 'unicode.json'), 'utf8')) as Record<string, string>;
    if (id === 'sans') sansRanges = SUBSETS.flatMap((subset) => parseRanges(ranges[subset]!));
    for (const subset of subsets) {
      if (!Object.hasOwn(ranges, subset)) continue;
      const fileSubset = subset.replace(/^\[(\d+)\]$/, '$1');
      const unicodeRange = id === 'emoji' ? writeRanges(without(parseRanges(ranges[subset]!), sansRanges)) : ranges[subset]!;
      if (!unicodeRange) continue;
      for (const face of faces) {
        const name = `${prefix}-${fileSubset}-${face.weight}-${face.fileStyle ?? face.style}.woff2`;
        const key = id === 'emoji' ? `emoji-${fileSubset}` : subset;
        files.push({ family, id, name, unicodeRange, subset: key, weight: face.weight, style: face.style, bytes: readFileSync(join(root, 'files', name)) });
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
let ranges: Map<string, Ranges> | undefined;

/** Each subset's code points (the emoji's as declared, without Noto Sans's), in the order they are embedded. */
function subsetRanges(): Map<string, Ranges> {
  if (ranges) return ranges;
  ranges = new Map();
  for (const file of fontFiles()) if (!ranges.has(file.subset) && file.id !== 'mono') ranges.set(file.subset, parseRanges(file.unicodeRange));
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

/** Each character of `text` beyond ASCII, once. */
function distinctBeyondAscii(text: string): string {
  const seen = new Set<number>();
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) < 0x80) continue;
    const point = text.codePointAt(i)!;
    seen.add(point);
    if (point > 0xffff) i++;
  }
  return String.fromCodePoint(...seen);
}

/** The subsets whose characters occur in `text` (Latin always, for the labels), emoji subsets included. */
export function subsetsFor(text: string): string[] {
  const needed = new Set<string>(['latin']);
  // One scan gathers the distinct characters beyond ASCII (a handful in most reports, a few dozen in Cyrillic or
  // Greek ones); the subsets' patterns are tested against those alone, not each against the whole text (~2 ms a file).
  const beyondAscii = distinctBeyondAscii(text);
  if (beyondAscii) {
    for (const [subset, pattern] of subsetCharacters()) if (!needed.has(subset) && pattern.test(beyondAscii)) needed.add(subset);
  }
  return [...subsetRanges().keys()].filter((s) => needed.has(s));
}

/**
 * @font-face rules. `inline` embeds, as data: URLs, only the subsets the
 * document's text needs (given as `text`), so an English report carries
 * Latin only and a Bulgarian one Latin and Cyrillic (and pictographs only
 * when the text has them).
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
      (f) => only.has(f.subset) && (f.id !== 'mono' || code) && !(f.id === 'sans' && f.weight === 700 && f.style === 'italic' && !boldItalic),
    );
    inlineCss.set(key, value);
  }
  return value;
}

/** The served fonts, by path, for the browser session to answer from memory. */
export function fontAssets(): Map<string, { contentType: string; body: Buffer }> {
  // (an upright emoji face declared for italic too is one file)
  return new Map(fontFiles().map((f) => [FONT_PATH_PREFIX + f.name, { contentType: 'font/woff2', body: f.bytes }]));
}
