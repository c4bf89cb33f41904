/**
 * Markdown text -> mdast, with GFM and YAML front matter: remark-parse,
 * remark-gfm and remark-frontmatter as published, and the few helpers the
 * builders share for turning nodes back into the text the author wrote.
 */
import type { List, ListItem, Paragraph, Root, RootContent } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { diagnostic, type Position } from '../../diagnostics/message.js';
import { MARKDOWN_LIMITS, tooDeep } from '../complexity.js';
import type { ParsedNotes } from '../parsed-notes.js';
import { keepBlocks, keepParagraph, keepTree, startKeepingParagraphs } from './paragraph-trees.js';

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).freeze();

/** Notes (or a practice file) whose lists, quotes or emphasis nest too deep to render: the fatal result, or undefined. */
export function tooDeepToRender(tree: Root, text?: string): ParsedNotes | undefined {
  const deep = tooDeep(tree as never);
  if (!deep) return undefined;
  return {
    data: undefined,
    messages: [diagnostic('markdown-depth', `Lists, quotes or emphasis nested more than ${MARKDOWN_LIMITS.maxDepth} levels deep cannot be rendered`, positionOf(deep as { position?: unknown }), { fatal: true })],
    locate: () => undefined,
    ...(text !== undefined ? { text } : {}),
  };
}

/** The notes' Markdown as a tree; every node keeps its line, column and offset in `text`. */
export function parseMarkdownTree(text: string): Root {
  startKeepingParagraphs(text);
  const tree = processor.parse(text) as Root;
  keepTree(tree);
  return tree;
}

/** Anything with a unist position. */
export type Placed = { position?: unknown };

export function positionOf(node: Placed): Position | undefined {
  const p = node.position as { start: { line: number; column: number; offset?: number }; end: { line: number; column: number; offset?: number } } | undefined;
  if (!p) return undefined;
  return { start: { ...p.start }, end: { ...p.end } };
}

/** A node-like value spanning a run of blocks, for placing a value made of several paragraphs. */
export function span(blocks: readonly Placed[]): Placed | undefined {
  const first = blocks[0]?.position as { start: unknown } | undefined;
  const last = blocks[blocks.length - 1]?.position as { end: unknown } | undefined;
  return first && last ? { position: { start: first.start, end: last.end } } : undefined;
}

/**
 * Blocks that are content of the part they stand in: everything but comments. (Raw HTML stays in the text,
 * where validation reports it and rendering leaves it out.)
 */
export function isTextBlock(node: RootContent): boolean {
  if (node.type === 'html') return !/^\s*<!--[\s\S]*-->\s*$/.test(node.value);
  return node.type !== 'yaml';
}

/** The source text of the notes, read back node by node. */
export class Source {
  constructor(readonly text: string) {}

  /** The node as written. */
  slice(node: Placed): string {
    const p = node.position as { start: { offset?: number }; end: { offset?: number } } | undefined;
    return p ? this.text.slice(p.start.offset, p.end.offset) : '';
  }

  /** A paragraph as one line of inline Markdown: soft line breaks become spaces. */
  inline(node: Placed): string {
    const written = this.slice(node);
    const text = written.replace(/[ \t]*\r?\n[ \t]*/g, ' ').trim();
    // The renderer reuses a one-line paragraph's tree instead of parsing its text again (paragraph-trees.ts).
    if ((node as { type?: string }).type === 'paragraph' && !/[\r\n]/.test(written)) keepParagraph(text, node as Paragraph);
    return text;
  }

  /** A list item's blocks, one paragraph each. */
  itemText(item: ListItem): string {
    return item.children.map((c) => this.inline(c)).filter(Boolean).join('\n\n');
  }

  /**
   * Blocks as Markdown separated by blank lines: paragraphs and list items as one line each, anything else
   * (tables, code, quotes, sub-headings) as written, so nothing the author put there is lost.
   */
  paragraphs(blocks: readonly RootContent[]): string {
    return blocks
      .flatMap((b) => (b.type === 'list' ? (b as List).children.map((item) => this.itemText(item)) : b.type === 'paragraph' ? [this.inline(b)] : [this.slice(b).trim()]))
      .filter((s) => s.length > 0)
      .join('\n\n');
  }

  /** Raw Markdown of a run of blocks, for free sections. */
  raw(blocks: readonly RootContent[]): string {
    if (blocks.length === 0) return '';
    const start = blocks[0]!.position?.start.offset ?? 0;
    const end = blocks[blocks.length - 1]!.position?.end.offset ?? start;
    const written = this.text.slice(start, end);
    const text = written.trim();
    // The renderer reuses the blocks instead of parsing the text again (paragraph-trees.ts).
    if (text === written) keepBlocks(text, blocks);
    return text;
  }
}
