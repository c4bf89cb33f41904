/**
 * Inline Markdown from notes -> safe HTML. Raw HTML is dropped (and reported
 * by validation), links keep only http(s), mailto and #anchors, images only
 * the data: URLs the pipeline embedded for local files.
 */
import type { Element, Root as HastRoot } from 'hast';
import type { Nodes as MdastNode, Root as MdastRoot } from 'mdast';
import { toString as mdastToString } from 'mdast-util-to-string';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { resolveImageNodes } from './image-references.js';
import { keptBlocks, keptParagraph } from '../parse/markdown/paragraph-trees.js';
import { parseRichText } from './markdown-text.js';

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

/**
 * How many texts were parsed, how many were built from the paragraphs the reader kept, and how many were searched
 * for images (for tests).
 */
export const richTextCounts = { parsed: 0, reused: 0, imageSearches: 0 };

/**
 * The text's tree: the reader's blocks when the text is a free section it kept, or built from the paragraphs it
 * already parsed when each of the text's blank-line-separated pieces is one (the tree remark-parse would make of
 * it, see paragraph-trees.ts); parsed otherwise.
 */
function parse(markdown: string): MdastRoot {
  const blocks = keptBlocks(markdown);
  if (blocks) {
    richTextCounts.reused++;
    return { type: 'root', children: hasImages(markdown) ? structuredClone(blocks) : blocks };
  }
  const pieces = markdown.split('\n\n');
  const paragraphs = [];
  for (const piece of pieces) {
    const paragraph = keptParagraph(piece);
    if (!paragraph) {
      richTextCounts.parsed++;
      return parseRichText(markdown);
    }
    paragraphs.push(paragraph);
  }
  richTextCounts.reused++;
  // Images get their embedded URLs written into the tree: on a copy, so that the reader's tree stays as it was
  // (turning mdast into hast does not change it).
  return { type: 'root', children: hasImages(markdown) ? structuredClone(paragraphs) : paragraphs };
}
const toHtml = unified()
  .use(remarkRehype, { allowDangerousHtml: false })
  .use(rehypeSanitize, sanitizeSchema)
  .use(rehypeStringify);

/** Every Markdown image, reference-style ones too, starts with `![`: a text without one has none (and needs no search). */
const hasImages = (markdown: string) => markdown.includes('![');

const ALLOWED_HREF = /^(#|https?:|mailto:)/i;

/** `<br>`, `<br/>`, `<br />`: the one HTML tag that Word and Google Docs exports put in Markdown, read as a line break. */
const LINE_BREAK_TAG = /^<br\s*\/?>$/i;

/** The tree with every `<br>` as a hard line break (on a copy: the reader's trees are shared). */
function withLineBreaks(tree: MdastRoot): MdastRoot {
  const copy = structuredClone(tree);
  visit(copy, 'html', (node, index, parent) => {
    if (parent && index !== undefined && LINE_BREAK_TAG.test(node.value.trim())) parent.children.splice(index, 1, { type: 'break' } as never);
  });
  return copy;
}

function toHast(markdown: string, resolveImage?: ImageResolver): HastRoot {
  const parsed = parse(markdown);
  const mdast = /<br/i.test(markdown) ? withLineBreaks(parsed) : parsed;
  // Every image, reference-style ones too, shows only what the pipeline checked and embedded.
  if (hasImages(markdown)) {
    richTextCounts.imageSearches++;
    resolveImageNodes(mdast, resolveImage);
  }
  const tree = toHtml.runSync(mdast) as HastRoot;
  keepAllowedLinks(tree);
  return tree;
}

/**
 * Relative links would point at files next to the report: keep only the allowed kinds (and images only with the
 * embedded data: URL). Every element, each before what it holds; a plain walk, as it runs over every text.
 */
function keepAllowedLinks(node: HastRoot | HastRoot['children'][number]): void {
  if (node.type === 'element') {
    if (node.tagName === 'a') {
      const href = node.properties?.href;
      if (typeof href !== 'string' || !ALLOWED_HREF.test(href)) delete node.properties.href;
      else if (!href.startsWith('#')) node.properties.rel = ['noopener', 'noreferrer'];
    }
    if (node.tagName === 'img' && !(typeof node.properties?.src === 'string' && node.properties.src.startsWith('data:'))) {
      delete node.properties.src;
    }
  }
  const children = (node as { children?: HastRoot['children'] }).children;
  if (children) for (const child of children) keepAllowedLinks(child);
}

function stringify(tree: HastRoot): string {
  return toHtml.stringify(tree) as unknown as string;
}

/** Block Markdown (paragraphs, lists, tables) as HTML. */
export function renderBlock(markdown: string | undefined, resolveImage?: ImageResolver, headingOffset = 0): string {
  if (!markdown) return '';
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
  return inlineHtml(toHast(markdown, resolveImage));
}

function inlineHtml(tree: HastRoot): string {
  const only = tree.children.filter((c) => !(c.type === 'text' && /^\s*$/.test(c.value)));
  if (only.length === 1 && only[0]!.type === 'element' && only[0]!.tagName === 'p') {
    return stringify({ type: 'root', children: only[0]!.children });
  }
  return stringify(tree);
}

/** Blocks whose children are separate runs of text: a space between them, as between words. */
const BLOCK_CONTAINERS = new Set(['root', 'blockquote', 'list', 'listItem', 'table', 'tableRow', 'footnoteDefinition']);

/** The words of a tree: text as the reader sees it (entities and escapes decoded), raw HTML and definitions left out. */
function wordsOf(node: MdastNode): string {
  if (node.type === 'break' || (node.type === 'html' && LINE_BREAK_TAG.test(node.value.trim()))) return ' ';
  if (node.type === 'html' || node.type === 'definition' || node.type === 'footnoteDefinition') return '';
  if (BLOCK_CONTAINERS.has(node.type)) return (node as { children: MdastNode[] }).children.map(wordsOf).join(' ');
  if ('children' in node) return (node.children as MdastNode[]).map(wordsOf).join('');
  return mdastToString(node);
}

/** Plain text of inline Markdown (for PDF metadata, JSON-LD, alt texts): the parsed tree's text, not a guess by pattern. */
export function plainText(markdown: string | undefined): string {
  if (!markdown) return '';
  if (isPlainWords(markdown)) return markdown.replace(/\s+/g, ' ').trim();
  return parsedPlainText(markdown);
}

/** `plainText` always through the parsed tree (for tests: the fast path gives the same words). */
export function parsedPlainText(markdown: string): string {
  return wordsOf(parse(markdown)).replace(/\s+/g, ' ').trim();
}

/**
 * Characters that may make Markdown of a text (emphasis, code, links, images, raw HTML, entities, escapes, strike-
 * through, tables), and the first characters of a line that may start a block other than a paragraph (headings,
 * quotes, lists, thematic breaks, setext underlines, fences, HTML).
 */
const MARKUP_CHARACTER = /[\\`*_[\]<>&~|]/;
const BLOCK_START = /(?:^|[\n\r])[ \t]*[#>+\-*=0-9~`<]/;

/**
 * Text in which Markdown can find nothing but paragraphs of words (names, places, most titles): its plain text is
 * its words as written, without a parse (a theme's speakers, a practice's country, texts of YAML notes, which the
 * reader never parsed). Links written as bare addresses keep their text either way.
 */
function isPlainWords(text: string): boolean {
  return !MARKUP_CHARACTER.test(text) && !BLOCK_START.test(text);
}
