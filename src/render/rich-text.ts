/**
 * Inline Markdown from notes -> safe HTML. Raw HTML is dropped (and reported
 * by validation), links keep only http(s), mailto and #anchors, images only
 * the data: URLs the pipeline embedded for local files.
 */
import type { Element, Root as HastRoot } from 'hast';
import type { Image, Root as MdastRoot } from 'mdast';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { gfmParser } from '../parse/gfm-parser.js';

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

function resolveImages(tree: MdastRoot, resolveImage: ImageResolver | undefined): void {
  visit(tree, 'image', (node: Image) => {
    node.url = (resolveImage && resolveImage(node.url)) ?? '';
  });
}

const ALLOWED_HREF = /^(#|https?:|mailto:)/i;

function toHast(markdown: string, resolveImage?: ImageResolver): HastRoot {
  const mdast = parse(markdown);
  resolveImages(mdast, resolveImage);
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

/**
 * Text with nothing Markdown would act on (no emphasis, links, code, HTML,
 * entities, autolinks, block markers) renders as escaped text without a full
 * parse: most titles, figures and list items in notes are like that.
 */
const MARKUP = /[*_[\]!<>&\\`~|#]|https?:|www\.|@|^\s*([-+>]|\d+[.)])\s|\n\s*([-+>]|\d+[.)])\s|^\s{4}|\n\s{4}|^(=+|-+)\s*$/m;

const escapeHtml = (text: string) => text.replace(/&/g, '&#x26;').replace(/</g, '&#x3C;');
const escapeAttribute = (text: string) => escapeHtml(text).replace(/"/g, '&#x22;');

/** What the fast inline renderer understands: `**strong**` and `[text](https://…)`, nothing else. */
const SIMPLE_MARKUP = /[_!<>&\\`~|#]|(?<!\]\()https?:|www\.|@|^\s*([-+>*]|\d+[.)])\s|\n\s*([-+>*]|\d+[.)])\s|^\s{4}|\n\s{4}|^(=+|-+)\s*$/m;
const STRONG = /\*\*(?=\S)([^*\n[\]]*?\S)\*\*/y;
const LINK = /\[([^[\]\n*]+)\]\((https?:\/\/[^\s()<>"']+|mailto:[^\s()<>"']+|#[^\s()<>"']*)\)/y;

/**
 * Inline text with only strong emphasis and plain links, rendered without a
 * full CommonMark parse (most prose in notes is like that). Returns undefined
 * for anything else, which then takes the full, sanitised path. A test checks
 * that both paths give the same HTML.
 */
export function simpleInline(text: string): string | undefined {
  if (SIMPLE_MARKUP.test(text)) return undefined;
  let out = '';
  let plain = '';
  for (let i = 0; i < text.length; ) {
    const ch = text[i]!;
    if (ch === '*') {
      STRONG.lastIndex = i;
      const strong = STRONG.exec(text);
      if (!strong) return undefined;
      out += escapeHtml(plain) + `<strong>${escapeHtml(strong[1]!)}</strong>`;
      plain = '';
      i = STRONG.lastIndex;
    } else if (ch === '[') {
      LINK.lastIndex = i;
      const link = LINK.exec(text);
      if (!link || link[1]!.trim() !== link[1]) return undefined;
      const rel = link[2]!.startsWith('#') ? '' : ' rel="noopener noreferrer"';
      out += escapeHtml(plain) + `<a href="${escapeAttribute(encodeURI(decodeURIComponentSafe(link[2]!)))}"${rel}>${escapeHtml(link[1]!)}</a>`;
      plain = '';
      i = LINK.lastIndex;
    } else if (ch === ']' || ch === '(' && text[i - 1] === ']') {
      return undefined;
    } else {
      plain += ch;
      i++;
    }
  }
  return out + escapeHtml(plain);
}

function decodeURIComponentSafe(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}

function isPlain(markdown: string): boolean {
  return !MARKUP.test(markdown);
}

/** Paragraphs of simple inline text, or undefined when any needs the full parser. */
function simpleParagraphs(markdown: string): string | undefined {
  const out: string[] = [];
  for (const raw of markdown.split(/\n[ \t]*\n/)) {
    const p = raw.trim();
    if (!p) continue;
    const html = isPlain(p) ? escapeHtml(p.replace(/[ \t]*\n[ \t]*/g, '\n')) : simpleInline(p.replace(/[ \t]*\n[ \t]*/g, '\n'));
    if (html === undefined) return undefined;
    out.push(`<p>${html}</p>`);
  }
  return out.join('\n');
}

/** Block Markdown (paragraphs, lists, tables) as HTML. */
export function renderBlock(markdown: string | undefined, resolveImage?: ImageResolver, headingOffset = 0): string {
  if (!markdown) return '';
  if (!headingOffset) {
    const simple = simpleParagraphs(markdown);
    if (simple !== undefined) return simple;
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
  if (!/\n[ \t]*\n/.test(markdown)) {
    const line = markdown.trim().replace(/[ \t]*\n[ \t]*/g, '\n');
    const simple = isPlain(line) ? escapeHtml(line) : simpleInline(line);
    if (simple !== undefined) return simple;
  }
  const tree = toHast(markdown, resolveImage);
  const only = tree.children.filter((c) => !(c.type === 'text' && /^\s*$/.test(c.value)));
  if (only.length === 1 && only[0]!.type === 'element' && only[0]!.tagName === 'p') {
    return stringify({ type: 'root', children: only[0]!.children });
  }
  return stringify(tree);
}

/** The full CommonMark path, bypassing the fast ones (for tests). */
export function renderBlockFull(markdown: string): string {
  return stringify(toHast(markdown));
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
