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
import { CLOSE_MARK, InternalMarks, OPEN_MARK } from './internal-marks.js';
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

/** Text between internal marks, which the edition cuts out or keeps (src/model/edition.ts). */
export const asInternal = (text: string): string => `${OPEN_MARK}\n${text}\n${CLOSE_MARK}`;

/** The source text of the notes, read back node by node. */
export class Source {
  constructor(
    readonly text: string,
    /** What the notes mark internal (internal-marks.ts). */
    readonly marks = new InternalMarks(),
  ) {}

  /** The node as written. */
  slice(node: Placed): string {
    const p = node.position as { start: { offset?: number }; end: { offset?: number } } | undefined;
    return p ? this.text.slice(p.start.offset, p.end.offset) : '';
  }

  /** The node as written, without the `Internal:` words taken off inside it. */
  private sliceWithoutCuts(node: Placed): string {
    const p = node.position as { start: { offset?: number }; end: { offset?: number } } | undefined;
    if (!p || p.start.offset === undefined || p.end.offset === undefined) return '';
    let out = '';
    let at = p.start.offset;
    for (const [from, to] of this.marks.cuts) {
      if (to <= at || from >= p.end.offset) continue;
      out += this.text.slice(at, Math.max(at, from));
      at = Math.max(at, to);
    }
    return out + this.text.slice(at, p.end.offset);
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

  /** A list item's text as a string of the notes: between internal marks when it is internal, or holds something that is. */
  itemString(item: ListItem): string {
    const text = this.itemText(item);
    return text && this.marks.touches(item) ? asInternal(text) : text;
  }

  /**
   * Blocks as Markdown separated by blank lines: paragraphs and list items as one line each, anything else
   * (tables, code, quotes, sub-headings) as written, so nothing the author put there is lost. Internal blocks are
   * between internal marks.
   */
  paragraphs(blocks: readonly RootContent[]): string {
    return blocks
      .flatMap((b) => {
        if (b.type === 'list') return (b as List).children.map((item) => this.itemString(item));
        const text = b.type === 'paragraph' ? this.inline(b) : this.slice(b).trim();
        return [text && this.marks.touches(b) ? asInternal(text) : text];
      })
      .filter((s) => s.length > 0)
      .join('\n\n');
  }

  /** Raw Markdown of a run of blocks, for free sections. */
  raw(blocks: readonly RootContent[]): string {
    if (blocks.length === 0) return '';
    if (blocks.some((b) => this.marks.touches(b))) return this.rawWithInternal(blocks);
    const start = blocks[0]!.position?.start.offset ?? 0;
    const end = blocks[blocks.length - 1]!.position?.end.offset ?? start;
    const written = this.text.slice(start, end);
    const text = written.trim();
    // The renderer reuses the blocks instead of parsing the text again (paragraph-trees.ts).
    if (text === written) keepBlocks(text, blocks);
    return text;
  }

  /**
   * Raw Markdown of blocks some of which are internal: block by block, internal ones between internal marks (a list
   * item by item; a block holding an internal block deeper down is internal whole, so that nothing of it leaks).
   */
  private rawWithInternal(blocks: readonly RootContent[]): string {
    const pieces: string[] = [];
    for (const block of blocks) {
      if (this.marks.isFence(block)) continue;
      if (block.type === 'list' && !this.marks.has(block) && (block as List).children.every((item) => this.marks.has(item) || !this.marks.touches(item))) {
        pieces.push((block as List).children.map((item) => (this.marks.has(item) ? asInternal(this.sliceWithoutCuts(item).trim()) : this.slice(item).trim())).join('\n'));
      } else {
        const text = this.sliceWithoutCuts(block).trim();
        if (text) pieces.push(this.marks.touches(block) ? asInternal(text) : text);
      }
    }
    return pieces.join('\n\n');
  }
}
