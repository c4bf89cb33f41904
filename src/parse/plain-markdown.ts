/**
 * Markdown -> mdast in sections, the plain ones without micromark.
 *
 * Most notes are written in a small part of Markdown: ATX headings,
 * paragraphs, tight `- ` lists and `**bold**` names. micromark tokenizes that
 * one character at a time through GFM's constructs, which is most of the time
 * an HTML build spends on a file. Here the document is cut into sections at
 * its ATX headings; a section written entirely in that plain part is built
 * straight into mdast, any other section is handed to the full parser and its
 * positions moved to where the section sits. The trees are the very ones
 * remark-parse + remark-gfm (+ remark-frontmatter) give, positions included:
 * test/unit/gfm-parser.test.ts compares both on the examples, the fixtures
 * and generated text.
 *
 * Why sections at headings are safe to parse apart: an ATX heading at the
 * start of a line ends every open block (paragraph, list, quote, indented
 * code, a table without pipes) except fenced code and HTML blocks (a
 * document with either, or with a `|`, is parsed whole), and the only
 * document-wide state, link and footnote definitions, cannot occur without
 * `]:` (a document with one is parsed whole as well).
 */
import type { Heading, List, ListItem, Paragraph, PhrasingContent, Root, RootContent, Text } from 'mdast';
import type { Point } from 'unist';
import { lineIndexOf, lineStartsOf } from '../diagnostics/position.js';

export type ParseMarkdown = (text: string) => Root;

/** In the body, anything that could make sections depend on each other or shift columns: the document is parsed whole. */
const NOT_SECTIONABLE = /[\t\uFEFF|]|\]:|^ {0,3}(?:```|~~~|<)/m;
const ANYWHERE_NOT_SECTIONABLE = /[\r\0]/;
/** Runs of sections for micromark above which the document is parsed whole. */
const MAX_SECTION_RUNS = 32;
/** An ATX heading line, where a section starts. */
const HEADING_LINE = /^#{1,6}(?: |$)/gm;
/** Inline syntax (code, emphasis, links, HTML, references, escapes, strikethrough, autolinks) other than `**name**`. */
const NOT_PLAIN_INLINE = /[\\`_[\]<&~@]|www\.|https?:/i;
/**
 * A paragraph line's start that could begin another block or continue one: indentation, markers, underlines, a
 * table's delimiter row (`**` before a letter starts a bold name, not a list item or a rule).
 */
const NOT_PARAGRAPH_START = /^(?:[ #\-+>=_|<`~[:]|\*(?!\*[\p{L}\p{N}])|\d+[.)])/u;
/** Letters or digits at both ends: `**` around it opens and closes strong emphasis whatever is outside. */
const WORD_AT_BOTH_ENDS = /^[\p{L}\p{N}](?:[^]*[\p{L}\p{N}])?$/u;
const BEFORE_STRONG = new Set(['', ' ', '\n', '(']);
const AFTER_STRONG = new Set(['', ' ', '\n', ',', '.', ';', ':', '!', '?', ')']);

/** Offsets -> points for one document (columns in UTF-16 units, as micromark counts them). */
class Lines {
  readonly starts: number[];
  constructor(readonly text: string) {
    this.starts = lineStartsOf(text);
  }
  /** The index of the line holding `offset` (0-based). */
  lineOf(offset: number): number {
    return lineIndexOf(this.starts, offset);
  }
  point(offset: number): Point {
    const line = this.lineOf(offset);
    return { line: line + 1, column: offset - this.starts[line]! + 1, offset };
  }
  /** The text of line `index`, without its line ending. */
  line(index: number): string {
    const end = index + 1 < this.starts.length ? this.starts[index + 1]! - 1 : this.text.length;
    return this.text.slice(this.starts[index]!, end);
  }
}

/**
 * Parses `text` as `whole` would, section by section: plain sections directly, the others with `section` (the same
 * parser without front matter).
 */
export function parseInSections(text: string, frontmatter: boolean, whole: ParseMarkdown, section: ParseMarkdown): Root {
  // Carriage returns end lines for micromark, NULs are replaced: both anywhere, front matter included.
  if (ANYWHERE_NOT_SECTIONABLE.test(text)) return whole(text);
  let bodyStart = 0;
  const children: RootContent[] = [];
  const lines = new Lines(text);
  if (frontmatter && text.startsWith('---')) {
    const yaml = frontMatter(text, lines);
    if (!yaml) return whole(text);
    children.push(yaml);
    bodyStart = yaml.position!.end.offset! + 1;
  }
  if (NOT_SECTIONABLE.test(bodyStart ? text.slice(bodyStart) : text)) return whole(text);

  const starts = [bodyStart];
  HEADING_LINE.lastIndex = bodyStart;
  for (let match = HEADING_LINE.exec(text); match; match = HEADING_LINE.exec(text)) {
    if (match.index > bodyStart) starts.push(match.index);
  }
  starts.push(text.length);
  // Plain sections become blocks at once; the others are kept as runs of consecutive sections, each parsed by
  // micromark in one call.
  const parts: Array<RootContent[] | { start: number; end: number }> = [];
  for (let i = 0; i + 1 < starts.length; i++) {
    const start = starts[i]!;
    const end = starts[i + 1]!;
    if (start >= end) continue;
    const plain = plainSection(lines, lines.lineOf(start), end);
    const last = parts.at(-1);
    if (plain) parts.push(plain);
    else if (last && !Array.isArray(last)) last.end = end;
    else parts.push({ start, end });
  }
  // Each call costs micromark's set-up: many short runs (thousands of empty headings between plain ones) are
  // cheaper parsed whole.
  if (parts.filter((part) => !Array.isArray(part)).length > MAX_SECTION_RUNS) return whole(text);
  for (const part of parts) {
    const blocks = Array.isArray(part) ? part : moved(section(text.slice(part.start, part.end)).children, lines.lineOf(part.start), part.start);
    for (const node of blocks) children.push(node);
  }
  return {
    type: 'root',
    children,
    position: { start: { line: 1, column: 1, offset: 0 }, end: lines.point(text.length) },
  };
}

/**
 * The front matter as remark-frontmatter reads it: from a first line `---` to the next line `---` (which may not
 * carry trailing spaces here), or undefined when the text has none of that exact form.
 */
function frontMatter(text: string, lines: Lines): RootContent | undefined {
  if (lines.line(0) !== '---') return undefined;
  for (let index = 1; index < lines.starts.length; index++) {
    const line = lines.line(index);
    if (!line.startsWith('---') || !/^---[ \t]*$/.test(line)) continue;
    if (line !== '---') return undefined;
    const close = lines.starts[index]!;
    return {
      type: 'yaml',
      value: index === 1 ? '' : text.slice(4, close - 1),
      position: { start: lines.point(0), end: lines.point(close + 3) },
    };
  }
  return undefined;
}

/** The blocks of the section from line `first` up to offset `end`, or undefined when it is not all plain. */
function plainSection(lines: Lines, first: number, end: number): RootContent[] | undefined {
  const blocks: RootContent[] = [];
  const { text, starts } = lines;
  let index = first;
  const lineEnd = (i: number) => Math.min(i + 1 < starts.length ? starts[i + 1]! - 1 : text.length, end);
  const within = (i: number) => i < starts.length && starts[i]! < end;

  if (isHeadingLine(text, starts[index]!)) {
    const heading = plainHeading(lines, starts[index]!, lineEnd(index));
    if (!heading) return undefined;
    blocks.push(heading);
    index++;
  }
  let afterList = false;
  while (within(index)) {
    const start = starts[index]!;
    if (lineEnd(index) === start) {
      index++;
      continue;
    }
    if (isListItem(text, start, lineEnd(index))) {
      // After a list and blank lines, another item would join that list (and make it loose).
      if (afterList) return undefined;
      const items: ListItem[] = [];
      while (within(index) && lineEnd(index) > starts[index]!) {
        const itemStart = starts[index]!;
        const itemEnd = lineEnd(index);
        // A line that is not an item continues the last item's paragraph (lazily).
        if (!isListItem(text, itemStart, itemEnd)) return undefined;
        const paragraph = plainParagraph(lines, itemStart + 2, itemEnd);
        if (!paragraph) return undefined;
        items.push({ type: 'listItem', spread: false, checked: null, children: [paragraph], position: span(lines, itemStart, itemEnd) });
        index++;
      }
      const list: List = { type: 'list', ordered: false, start: null, spread: false, children: items, position: span(lines, start, lineEnd(index - 1)) };
      blocks.push(list);
      afterList = true;
      continue;
    }
    afterList = false;
    // A paragraph: up to a blank line, or a list item (which interrupts it).
    let last = index;
    while (within(last + 1) && lineEnd(last + 1) > starts[last + 1]! && !isListItem(text, starts[last + 1]!, lineEnd(last + 1))) last++;
    for (let i = index; i <= last; i++) {
      const line = text.slice(starts[i]!, lineEnd(i));
      if (NOT_PARAGRAPH_START.test(line) || line.endsWith(' ')) return undefined;
    }
    const paragraph = plainParagraph(lines, start, lineEnd(last));
    if (!paragraph) return undefined;
    blocks.push(paragraph);
    index = last + 1;
  }
  return blocks;
}

const HEADING_AT = /#{1,6}(?: |$)/my;

function isHeadingLine(text: string, start: number): boolean {
  HEADING_AT.lastIndex = start;
  return HEADING_AT.test(text);
}

/** `- ` and a plain start: a bullet list item this module builds (anything else after `-` goes to the full parser). */
function isListItem(text: string, start: number, end: number): boolean {
  if (text.charCodeAt(start) !== 45 /* - */ || text.charCodeAt(start + 1) !== 32 || end <= start + 2) return false;
  return text.charCodeAt(end - 1) !== 32 && !NOT_PARAGRAPH_START.test(text.slice(start + 2, end));
}

function plainHeading(lines: Lines, start: number, end: number): Heading | undefined {
  const { text } = lines;
  let depth = 0;
  while (text.charCodeAt(start + depth) === 35) depth++;
  let contentStart = start + depth;
  while (text.charCodeAt(contentStart) === 32) contentStart++;
  // Empty headings, closing `#`s and trailing spaces are left to the full parser.
  const last = text.charCodeAt(end - 1);
  if (contentStart >= end || last === 35 || last === 32) return undefined;
  const children = plainInline(lines, contentStart, end);
  if (!children) return undefined;
  return { type: 'heading', depth: depth as Heading['depth'], children, position: span(lines, start, end) };
}

function plainParagraph(lines: Lines, start: number, end: number): Paragraph | undefined {
  const children = plainInline(lines, start, end);
  return children && { type: 'paragraph', children, position: span(lines, start, end) };
}

/** Text, and `**strong**` around a plain run of words, or undefined for anything else. */
function plainInline(lines: Lines, start: number, end: number): PhrasingContent[] | undefined {
  const content = lines.text.slice(start, end);
  if (NOT_PLAIN_INLINE.test(content)) return undefined;
  const children: PhrasingContent[] = [];
  const text = (from: number, to: number): Text => ({ type: 'text', value: content.slice(from, to), position: span(lines, start + from, start + to) });
  let textStart = 0;
  for (let open = content.indexOf('*'); open !== -1; open = content.indexOf('*', textStart)) {
    const close = content.indexOf('**', open + 2);
    if (content.charCodeAt(open + 1) !== 42 || close === -1) return undefined;
    const inner = content.slice(open + 2, close);
    if (inner.includes('*') || inner.includes('\n') || !WORD_AT_BOTH_ENDS.test(inner)) return undefined;
    if (!BEFORE_STRONG.has(content.slice(open - 1, open)) || !AFTER_STRONG.has(content.slice(close + 2, close + 3))) return undefined;
    if (open > textStart) children.push(text(textStart, open));
    children.push({ type: 'strong', children: [text(open + 2, close)], position: span(lines, start + open, start + close + 2) });
    textStart = close + 2;
  }
  if (textStart < content.length) children.push(text(textStart, content.length));
  return children;
}

function span(lines: Lines, start: number, end: number) {
  return { start: lines.point(start), end: lines.point(end) };
}

/** Nodes parsed from a section, with their positions moved to where the section starts in the document. */
function moved(nodes: RootContent[], lineIndex: number, offset: number): RootContent[] {
  const move = (point: Point): Point => ({ line: point.line + lineIndex, column: point.column, offset: point.offset === undefined ? undefined : point.offset + offset });
  // Iterative: a section's tree may be deeply nested.
  const stack: Array<{ position?: { start: Point; end: Point }; children?: unknown[] }> = [...nodes];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.position) node.position = { start: move(node.position.start), end: move(node.position.end) };
    if (Array.isArray(node.children)) for (const child of node.children) stack.push(child as (typeof stack)[number]);
  }
  return nodes;
}
