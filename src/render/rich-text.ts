/**
 * Inline Markdown from notes -> safe HTML. Raw HTML is dropped (and reported
 * by validation), links keep only http(s), mailto and #anchors, images only
 * the data: URLs the pipeline embedded for local files.
 */
import type { Element, Root as HastRoot } from 'hast';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { gfmParser } from '../parse/gfm-parser.js';
import { resolveImageNodes } from './image-references.js';

export type ImageResolver = (src: string) => string | undefined;

const sanitizeSchema: SanitizeSchema = {
  ...defaultSchema,
  // No id clobbering games: headings inside free sections get no ids at all.
  clobber: [],
  protocols: { href: ['http', 'https', 'mailto'], src: ['data'] },
  attributes: {
    ...defaultSchema.attributes,
    a: ['href', 'title'],
    img: ['src', 'alt', 'title'],
    '*': [],
    td: [['align', 'left', 'right', 'center']],
    th: [['align', 'left', 'right', 'center']],
  },
  tagNames: (defaultSchema.tagNames ?? []).filter((t) => !['input', 'details', 'summary'].includes(t)),
};

const parse = gfmParser();
const toHtml = unified()
  .use(remarkRehype, { allowDangerousHtml: false })
  .use(rehypeSanitize, sanitizeSchema)
  .use(rehypeStringify);

const ALLOWED_HREF = /^(#|https?:|mailto:)/i;

function toHast(markdown: string, resolveImage?: ImageResolver): HastRoot {
  const mdast = parse(markdown);
  // Every image, reference-style ones too, shows only what the pipeline checked and embedded.
  resolveImageNodes(mdast, resolveImage);
  const tree = toHtml.runSync(mdast) as HastRoot;
  // Relative links would point at files next to the report: keep only the allowed kinds.
  visit(tree, 'element', (node: Element) => {
    if (node.tagName === 'a') {
      const href = node.properties?.href;
      if (typeof href !== 'string' || !ALLOWED_HREF.test(href)) delete node.properties.href;
      else if (!href.startsWith('#')) node.properties.rel = ['noopener', 'noreferrer'];
    }
    if (node.tagName === 'img' && !(typeof node.properties?.src === 'string' && node.properties.src.startsWith('data:'))) {
      delete node.properties.src;
    }
  });
  return tree;
}

function stringify(tree: HastRoot): string {
  return toHtml.stringify(tree) as unknown as string;
}

/*
 * Fast paths: most titles, figures, list items and prose in notes are plain
 * text with at most `**strong**` and `[text](https://…)` links. Those render
 * here without a CommonMark parse, to exactly the HTML the full path gives.
 * They are deliberately narrow: anything outside the shapes below returns
 * undefined and takes the full parser, so a construct they do not know can only
 * cost time, never change the output. test/unit/rich-text-fast-path.test.ts
 * compares both paths on generated Markdown.
 *
 * Accepted text, line by line (lines split on `\n` only):
 * - the first line of a paragraph is indented by at most 3 spaces (4 make code);
 * - after its leading spaces, a line starts with a letter, mark or number
 *   (digits not followed by `.` or `)` and a space or the line end: an ordered
 *   list), `(`, a quotation mark, `**` or `[`: no line can start a heading,
 *   quote, list, thematic break, setext underline, table delimiter row, fence,
 *   HTML block, indented code or link/footnote definition;
 * - no line but a paragraph's last ends in two spaces (a hard break);
 * - text (outside link destinations) holds only letters, marks, numbers,
 *   spaces (U+0020, no-break spaces) and the punctuation in TEXT: no
 *   `_ * [ ] < & \ ` ~ | @ ^` (except `*`, `[`, `]` in the two shapes), no tab,
 *   `\r` or control character, and nothing GFM autolinks (`www.`, `http:`,
 *   `https:`, `://`);
 * - `**x**`: exactly two asterisks on each side (not part of a longer run), the
 *   content on one line and TEXT, the opening run left-flanking and the closing
 *   one right-flanking as CommonMark defines them (then the pair always matches:
 *   nothing else in the text is a delimiter);
 * - `[x](url)` not after `!`: TEXT without leading or trailing space as the
 *   label; `http(s)://…` or `#…` of characters that URL normalisation keeps
 *   as they are (`%` only before two hex digits; `&` only without `;`, so no
 *   character reference) as the destination; no title.
 */

/** Characters of text the fast paths take as they are (besides `\n` between lines). */
const TEXT = /^[\p{L}\p{M}\p{N}\n \u00a0\u202f.,;:?!'"()/%+\-=$#>–—‘’‚“”„«»…€£°·×]*$/u;
/** Sequences GFM turns into links (`@` is not in TEXT). */
const AUTOLINK = /www\.|https?:|:\/\//i;
/** What a line may start with (after up to 3 spaces of indentation). */
const LINE_START = /^[\p{L}\p{M}\p{N}("'‘‚“„«]|^\*\*|^\[/u;
/** An ordered list item's marker. */
const ORDERED = /^\d+[.)](?: |$)/;
const STRONG = /\*\*([^*[\]\n]+)\*\*/y;
const LINK = /\[([^[\]\n*]+)\]\(((?:https?:\/\/|#)(?:[A-Za-z0-9\-._~:/?#=+,;!$&]|%[0-9A-Fa-f]{2})*)\)/y;

const escapeHtml = (text: string) => text.replace(/&/g, '&#x26;').replace(/</g, '&#x3C;');
const escapeAttribute = (text: string) => escapeHtml(text).replace(/"/g, '&#x22;');

const isText = (text: string) => TEXT.test(text) && !AUTOLINK.test(text);

/** CommonMark's classes for the flanking rules (micromark-util-character's: `\s`, `\p{P}` or `\p{S}`, other). */
function kind(c: string | undefined): 'space' | 'punct' | 'other' {
  if (c === undefined || /\s/.test(c)) return 'space';
  return /\p{P}|\p{S}/u.test(c) ? 'punct' : 'other';
}

/**
 * One paragraph (lines already stripped of their leading and trailing spaces,
 * joined by `\n`) with only text, `**strong**` and plain links, as inline HTML;
 * undefined for anything else.
 */
function fastParagraph(text: string): string | undefined {
  let out = '';
  for (let i = 0; i < text.length; ) {
    const ch = text.charCodeAt(i);
    if (ch === 42 /* * */) {
      STRONG.lastIndex = i;
      const strong = STRONG.exec(text);
      if (!strong) return undefined;
      const end = STRONG.lastIndex;
      const content = strong[1]!;
      const before = kind(text[i - 1]);
      const first = kind(content[0]);
      const last = kind(content[content.length - 1]);
      const after = kind(text[end]);
      const opens = first !== 'space' && (first !== 'punct' || before !== 'other');
      const closes = last !== 'space' && (last !== 'punct' || after !== 'other');
      if (text[i - 1] === '*' || text[end] === '*' || !opens || !closes || !isText(content)) return undefined;
      out += `<strong>${escapeHtml(content)}</strong>`;
      i = end;
    } else if (ch === 91 /* [ */) {
      LINK.lastIndex = i;
      const link = LINK.exec(text);
      if (!link || text[i - 1] === '!') return undefined;
      const label = link[1]!;
      const url = link[2]!;
      if (label.trim() !== label || !isText(label) || (url.includes('&') && url.includes(';'))) return undefined;
      const rel = url.startsWith('#') ? '' : ' rel="noopener noreferrer"';
      out += `<a href="${escapeAttribute(url)}"${rel}>${escapeHtml(label)}</a>`;
      i = LINK.lastIndex;
    } else {
      let end = i + 1;
      for (let c = text.charCodeAt(end); end < text.length && c !== 42 && c !== 91; c = text.charCodeAt(++end));
      const plain = text.slice(i, end);
      if (!isText(plain)) return undefined;
      out += escapeHtml(plain);
      i = end;
    }
  }
  return out;
}

/** Paragraphs of plain inline text as HTML (one per paragraph), or undefined when any needs the full parser. */
function fastParagraphs(markdown: string): string[] | undefined {
  const paragraphs: string[] = [];
  let lines: string[] = [];
  let hardBreak = false;
  const flush = () => {
    if (!lines.length) return true;
    const html = fastParagraph(lines.join('\n'));
    lines = [];
    if (html === undefined) return false;
    paragraphs.push(html);
    return true;
  };
  for (const line of markdown.split('\n')) {
    let indent = 0;
    while (line.charCodeAt(indent) === 32) indent++;
    let end = line.length;
    while (end > indent && line.charCodeAt(end - 1) === 32) end--;
    if (end === indent) {
      if (!flush()) return undefined;
      hardBreak = false;
      continue;
    }
    const content = line.slice(indent, end);
    if ((!lines.length && indent > 3) || hardBreak || !LINE_START.test(content) || ORDERED.test(content)) return undefined;
    hardBreak = line.length - end >= 2;
    lines.push(content);
  }
  return flush() ? paragraphs : undefined;
}

/** The fast block path alone: HTML, or undefined when the text needs the full parser (for tests). */
export function fastBlock(markdown: string): string | undefined {
  return fastParagraphs(markdown)?.map((html) => `<p>${html}</p>`).join('\n');
}

/** The fast inline path alone: HTML, or undefined when the text needs the full parser (for tests). */
export function fastInline(markdown: string): string | undefined {
  const paragraphs = fastParagraphs(markdown);
  return paragraphs && paragraphs.length <= 1 ? (paragraphs[0] ?? '') : undefined;
}

/** Block Markdown (paragraphs, lists, tables) as HTML. */
export function renderBlock(markdown: string | undefined, resolveImage?: ImageResolver, headingOffset = 0): string {
  if (!markdown) return '';
  if (!headingOffset) {
    const fast = fastBlock(markdown);
    if (fast !== undefined) return fast;
  }
  const tree = toHast(markdown, resolveImage);
  if (headingOffset) {
    visit(tree, 'element', (node: Element) => {
      const m = /^h([1-6])$/.exec(node.tagName);
      if (m) node.tagName = `h${Math.min(6, Number(m[1]) + headingOffset)}`;
    });
  }
  return stringify(tree);
}

/** One paragraph of inline Markdown as HTML without the wrapping <p>. */
export function renderInline(markdown: string | undefined, resolveImage?: ImageResolver): string {
  if (!markdown) return '';
  const fast = fastInline(markdown);
  if (fast !== undefined) return fast;
  return inlineHtml(toHast(markdown, resolveImage));
}

function inlineHtml(tree: HastRoot): string {
  const only = tree.children.filter((c) => !(c.type === 'text' && /^\s*$/.test(c.value)));
  if (only.length === 1 && only[0]!.type === 'element' && only[0]!.tagName === 'p') {
    return stringify({ type: 'root', children: only[0]!.children });
  }
  return stringify(tree);
}

/** The full CommonMark path of `renderBlock`, bypassing the fast one (for tests). */
export function renderBlockFull(markdown: string): string {
  return stringify(toHast(markdown));
}

/** The full CommonMark path of `renderInline`, bypassing the fast one (for tests). */
export function renderInlineFull(markdown: string): string {
  return inlineHtml(toHast(markdown));
}

/** Plain text of inline Markdown (for PDF metadata, JSON-LD, alt texts). */
export function plainText(markdown: string | undefined): string {
  if (!markdown) return '';
  return markdown
    .replace(/^[ \t]{0,3}\[[^\]]+\]:[ \t]*\S+.*$/gm, '') // link reference definitions are not text
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__|\*|_|`)/g, '')
    .replace(/<[^>]*>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
