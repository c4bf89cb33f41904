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
import { resolveImageNodes } from './image-references.js';
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

const parse = parseRichText;
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
