/**
 * A paragraph's lines as blocks of their own, for notes pasted as plain text, where a theme or a practice is one
 * paragraph: its title on the first line, then its key lines and its text, with no blank line between them
 * (`Circular criteria in tenders` / `Speakers: Maria Costa (City of Lisbon)` / `Lisbon now uses …`). Each run of
 * key lines and each run of other lines is parsed as Markdown on its own, with remark as the notes are, and every
 * node keeps its line, column and offset in the notes.
 */
import type { Heading, Paragraph, RootContent } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { keyLine, type KeyWords } from './key-lines.js';
import type { Source } from './tree.js';

/** (no front matter: a run of lines is a piece of the body) */
const linesProcessor = unified().use(remarkParse).use(remarkGfm).freeze();

export interface ParagraphLine {
  text: string;
  /** Offset in the notes of the line's first character (its indentation included). */
  start: number;
  line: number;
}

/** The lines of a paragraph as written, each with where it starts. */
export function paragraphLines(paragraph: Paragraph, source: Source): ParagraphLine[] {
  const position = paragraph.position!;
  const written = source.slice(paragraph);
  const lines: ParagraphLine[] = [];
  let at = 0;
  written.split('\n').forEach((text, index) => {
    lines.push({ text: text.replace(/\r$/, ''), start: position.start.offset! + at, line: position.start.line + index });
    at += text.length + 1;
  });
  return lines;
}

/** A paragraph's first line as a heading-like node (its place only: the title of the item it names). */
export function titleLine(line: ParagraphLine, paragraph: Paragraph): Heading {
  const trimmed = line.text.trim();
  const start = { ...paragraph.position!.start };
  return { type: 'heading', depth: 3, children: [{ type: 'text', value: trimmed }], position: { start, end: { line: start.line, column: start.column + trimmed.length, offset: start.offset! + trimmed.length } } };
}

/**
 * Lines after a title as blocks: each run of key lines (of `words`) one paragraph, each run of other lines
 * Markdown parsed on its own; positions are those of the notes.
 */
export function linesAsBlocks(lines: readonly ParagraphLine[], words: KeyWords, source: Source, alone: (text: string) => boolean = () => false): RootContent[] {
  const runs: ParagraphLine[][] = [];
  let keyed: boolean | undefined;
  let single = false;
  for (const line of lines) {
    const isKey = keyLine(line.text, words)?.key !== undefined;
    // (a line that `alone` picks, such as `Presented by …`, is a block of its own)
    const own = !isKey && alone(line.text);
    if (isKey !== keyed || own || single || !runs.length) runs.push([]);
    runs[runs.length - 1]!.push(line);
    keyed = isKey;
    single = own;
  }
  return runs.flatMap((run) => {
    const first = run[0]!;
    const last = run[run.length - 1]!;
    const text = source.text.slice(first.start, last.start + last.text.length);
    const tree = linesProcessor.parse(text);
    for (const child of tree.children) shift(child, first.start, first.line - 1);
    return tree.children as RootContent[];
  });
}

/** Moves a node parsed from a piece that starts at a line's start to where the piece is in the notes. */
function shift(node: { position?: { start: Point; end: Point }; children?: unknown[] }, offset: number, lines: number): void {
  if (node.position) {
    for (const point of [node.position.start, node.position.end]) {
      point.offset = (point.offset ?? 0) + offset;
      point.line += lines;
    }
  }
  for (const child of node.children ?? []) shift(child as never, offset, lines);
}

interface Point {
  line: number;
  column: number;
  offset?: number;
}
