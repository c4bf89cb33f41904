/**
 * Notes pasted from a Word document or an e-mail keep one paragraph per line and no blank line between them. In
 * Markdown those lines are one paragraph (and a line after a list item continues the item), so a part's name, a
 * theme's title, its `Speaker:` line and its text would run together. When the body reads so throughout, every
 * line is a block of its own, and a short title line followed by key lines is a sub-heading; one info says so.
 *
 * The tree is changed, not the text: each new block's position is the line it was written on, so messages,
 * placements and the text the builders slice from the notes stay the author's.
 */
import type { Heading, List, ListItem, Paragraph, PhrasingContent, RootContent, Text } from 'mdast';
import { diagnostic, quote, type Diagnostic } from '../../diagnostics/message.js';
import { splitProjectTitle, unbold } from '../canonical/practice-line.js';

interface Point {
  line: number;
  column: number;
  offset: number;
}

/** Where each line of the text starts (offsets). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function pointAt(text: string, starts: readonly number[], line: number, trimStart: boolean): Point {
  const lineStart = starts[line - 1] ?? text.length;
  let offset = lineStart;
  if (trimStart) while (offset < text.length && (text[offset] === ' ' || text[offset] === '\t')) offset++;
  return { line, column: offset - lineStart + 1, offset };
}

function endOfLine(text: string, starts: readonly number[], line: number): Point {
  const lineStart = starts[line - 1] ?? text.length;
  let offset = (starts[line] ?? text.length + 1) - 1;
  while (offset > lineStart && /[ \t\r]/.test(text[offset - 1]!)) offset--;
  return { line, column: offset - lineStart + 1, offset };
}

type Positioned = { position?: { start: Point; end: Point } };

/** A paragraph's content split at its line breaks: one child list per line, each child with its own position. */
function splitAtLineBreaks(paragraph: Paragraph, text: string, starts: readonly number[]): PhrasingContent[][] {
  const lines: PhrasingContent[][] = [[]];
  for (const child of paragraph.children) {
    const at = (child as Positioned).position;
    if (child.type === 'break') {
      lines.push([]);
      continue;
    }
    if (child.type !== 'text' || !child.value.includes('\n') || !at) {
      lines[lines.length - 1]!.push(child);
      continue;
    }
    const pieces = child.value.split('\n');
    pieces.forEach((piece, k) => {
      if (k > 0) lines.push([]);
      if (!piece.trim()) return;
      const line = at.start.line + k;
      const start = k === 0 ? at.start : pointAt(text, starts, line, true);
      const end = k === pieces.length - 1 ? at.end : endOfLine(text, starts, line);
      const node: Text = { type: 'text', value: piece.trim(), position: { start: { ...start }, end: { ...end } } };
      lines[lines.length - 1]!.push(node);
    });
  }
  return lines.filter((l) => l.length > 0);
}

function paragraphOf(children: PhrasingContent[]): Paragraph {
  const first = (children[0] as Positioned).position;
  const last = (children[children.length - 1] as Positioned).position;
  return { type: 'paragraph', children, ...(first && last ? { position: { start: { ...first.start }, end: { ...last.end } } } : {}) };
}

function isMultiLine(node: { position?: unknown }): boolean {
  const p = (node as Positioned).position;
  return !!p && p.end.line > p.start.line;
}

const BLOCK_END = /[.!?:;…)"”»]$/u;
const STARTS_BLOCK = /^[\p{Lu}\p{N}]/u;

/** The line breaks inside paragraphs (list items' too), each as the line before it and the line after it. */
function breaks(blocks: readonly RootContent[], text: string, starts: readonly number[]): Array<[string, string]> {
  const found: Array<[string, string]> = [];
  const line = (n: number) => text.slice(starts[n - 1], (starts[n] ?? text.length + 1) - 1).trim();
  const visit = (node: RootContent | ListItem) => {
    if (node.type === 'paragraph' && isMultiLine(node)) {
      const p = (node as Positioned).position!;
      for (let n = p.start.line; n < p.end.line; n++) found.push([line(n), line(n + 1)]);
    }
    if (node.type === 'list' || node.type === 'listItem' || node.type === 'blockquote') for (const c of node.children) visit(c as RootContent);
  };
  blocks.forEach(visit);
  return found;
}

/**
 * Whether the body is written as pasted text: hardly a blank line, and its paragraphs' line breaks fall where
 * paragraphs end (after a full stop or a colon, or before a capital), not inside sentences as a wrapped Markdown
 * paragraph's do.
 */
export function readsAsPasted(blocks: readonly RootContent[], text: string, bodyStart: number): boolean {
  const starts = lineStarts(text);
  const body = text.slice(bodyStart).split('\n');
  const blank = body.filter((l) => !l.trim()).length;
  if (blank * 2 >= body.length - blank) return false;
  // Runs of key lines (`Country: …` then `Figures:`) are Markdown's own way of writing; the other breaks tell.
  const found = breaks(blocks, text, starts).filter(([before]) => !KEY_LINE.test(before));
  if (found.length < 3) return false;
  const atEnds = found.filter(([before, after]) => BLOCK_END.test(before) || STARTS_BLOCK.test(after)).length;
  return atEnds >= found.length * 0.8;
}

/** A list split where a line written at the margin continued one of its items: the lists and the lines between. */
function splitList(list: List, text: string, starts: readonly number[]): RootContent[] {
  const out: RootContent[] = [];
  let items: ListItem[] = [];
  const flush = () => {
    if (!items.length) return;
    const first = (items[0] as Positioned).position;
    const last = (items[items.length - 1] as Positioned).position;
    out.push({ ...list, children: items, ...(first && last ? { position: { start: { ...first.start }, end: { ...last.end } } } : {}) });
    items = [];
  };
  for (const item of list.children) {
    const [head, ...rest] = item.children;
    if (head?.type !== 'paragraph' || !isMultiLine(head)) {
      items.push(item);
      continue;
    }
    const lines = splitAtLineBreaks(head, text, starts).map(paragraphOf);
    // A line at the margin ends the item (Word's bullets are not indented); an indented one stays in it.
    const atMargin = (p: Paragraph) => ((p as Positioned).position?.start.column ?? 1) <= 1;
    const stays = [lines[0]!, ...lines.slice(1).filter((p) => !atMargin(p))];
    const leaves = lines.slice(1).filter(atMargin);
    const last = (stays[stays.length - 1] as Positioned).position!;
    const start = (item as Positioned).position!.start;
    items.push({ ...item, children: [...stays, ...rest], position: { start: { ...start }, end: { ...last.end } } } as ListItem);
    if (leaves.length) {
      flush();
      out.push(...leaves);
    }
  }
  flush();
  return out;
}

const KEY_LINE = /^[\p{L}][\p{L} '’-]{1,30}:(\s|$)/u;

function textOf(node: RootContent, text: string): string {
  const p = (node as Positioned).position;
  return p ? text.slice(p.start.offset, p.end.offset).trim() : '';
}

/** The one line of a paragraph, or of a list of one item of one line (a pasted bullet before a title). */
function oneLine(node: RootContent): Paragraph | undefined {
  if (node.type === 'paragraph') return isMultiLine(node) ? undefined : node;
  if (node.type !== 'list' || node.children.length !== 1) return undefined;
  const [only, ...more] = node.children[0]!.children;
  return only?.type === 'paragraph' && !more.length && !isMultiLine(only) ? only : undefined;
}

/** A short line with no closing punctuation: the title of what follows. */
function isTitleLine(block: RootContent, text: string): boolean {
  const node = oneLine(block);
  if (!node) return false;
  const line = textOf(node, text);
  return line.length > 0 && line.length <= 100 && !/[.!?;,:]$/.test(line) && !KEY_LINE.test(line);
}

const isKeyLine = (node: RootContent | undefined, text: string) => node?.type === 'paragraph' && KEY_LINE.test(textOf(node, text));

/** Pasted notes' blocks one per line, with title lines before key lines as sub-headings; and the info saying so. */
export function splitPastedLines(blocks: readonly RootContent[], text: string, bodyStart: number): { blocks: RootContent[]; messages: Diagnostic[] } {
  if (!readsAsPasted(blocks, text, bodyStart)) return { blocks: [...blocks], messages: [] };
  const starts = lineStarts(text);
  const lines: RootContent[] = [];
  for (const block of blocks) {
    if (block.type === 'paragraph' && isMultiLine(block)) lines.push(...splitAtLineBreaks(block, text, starts).map(paragraphOf));
    else if (block.type === 'list') lines.push(...splitList(block, text, starts));
    else lines.push(block);
  }
  const first = (lines[0] as Positioned | undefined)?.position?.start;
  const messages = [
    diagnostic('pasted-lines', 'The notes have one paragraph per line, as text pasted from a document has: each line is read as a block of its own', first ? { start: { ...first }, end: { ...first } } : undefined, {
      severity: 'info',
      note: 'In Markdown a blank line separates paragraphs, and `## ` starts a heading',
    }),
  ];
  return { blocks: lines, messages };
}

/**
 * In pasted notes, under a part's heading, a title line followed by a key line (`Speaker:`, `Country:`), or by
 * one or two lines and then a key line, is the heading of a theme or a practice, one level below the part's.
 * Run after the part names are headings.
 */
export function promoteTitleLines(blocks: readonly RootContent[], text: string): { blocks: RootContent[]; messages: Diagnostic[] } {
  const out: RootContent[] = [];
  const messages: Diagnostic[] = [];
  let partDepth: number | undefined;
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    if (block.type === 'heading') partDepth = block.depth;
    const previous = out[out.length - 1];
    // The lines right after a title are its own (`Presented by …`), not the next title.
    const afterTitle = previous?.type === 'heading' && partDepth !== undefined && previous.depth > partDepth;
    const line = oneLine(block);
    if (line && partDepth !== undefined && partDepth < 6 && !afterTitle && isTitleLine(block, text)) {
      // `**CIRCON – Circular procurement guide (Finland)**`: a line wholly in bold naming a project and a practice
      // is a practice's title whatever follows it.
      const written = textOf(line, text);
      const bold = unbold(written);
      if (bold !== written && splitProjectTitle(bold).project !== undefined && /\s[–—-]\s/.test(bold)) {
        const position = (line as Positioned).position!;
        out.push({ type: 'heading', depth: (partDepth + 1) as Heading['depth'], children: line.children, position });
        messages.push(
          diagnostic('plain-heading', `The line ${quote(written)} is read as a heading: in bold, it names a project and a practice`, { start: { ...position.start }, end: { ...position.end } }, {
            severity: 'info',
            note: `In Markdown a heading starts with \`${'#'.repeat(partDepth + 1)} \``,
          }),
        );
        continue;
      }
      const window = blocks.slice(i + 1, i + 4);
      const keyAt = window.findIndex((b) => isKeyLine(b, text));
      if (keyAt !== -1 && window.slice(0, keyAt).every((b) => b.type === 'paragraph')) {
        const position = (line as Positioned).position!;
        const heading: Heading = { type: 'heading', depth: (partDepth + 1) as Heading['depth'], children: line.children, position };
        messages.push(
          diagnostic('plain-heading', `The line ${quote(textOf(line, text))} is read as a heading: it stands alone before \`${textOf(window[keyAt]!, text).split(':')[0]}:\``, { start: { ...position.start }, end: { ...position.end } }, {
            severity: 'info',
            note: `In Markdown a heading starts with \`${'#'.repeat(partDepth + 1)} \``,
          }),
        );
        out.push(heading);
        continue;
      }
    }
    out.push(block);
  }
  return { blocks: out, messages };
}
