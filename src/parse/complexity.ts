/**
 * Limits that keep pathological notes from tying up a build, checked before
 * parsing: Markdown's bracket matching is quadratic in unclosed `[`, and its
 * emphasis matching in unmatched `_` and `*` of one paragraph; container
 * markers on one line (`- - - … x`, `> > …`) nest as deep as they are many,
 * and the parser is slow on them long before the depth check after parsing
 * refuses them. Real notes are far below these limits; whatever else is
 * slow is cut by the file's time limit (src/file-budget.ts).
 */
import { diagnostic, type Diagnostic } from '../diagnostics/message.js';
import { pointAt } from '../diagnostics/position.js';

export const MARKDOWN_LIMITS = {
  /** `[` in one file: links, images, brackets. */
  maxBrackets: 5_000,
  /** Blockquote and list markers at the start of one line, and levels of the Markdown tree. */
  maxDepth: 64,
  /** Runs of `_` or `*` inside the lines of one paragraph (between blank lines): ~0.1 s to parse at the limit. */
  maxEmphasisRuns: 5_000,
  /**
   * Cells of one table (its rows times its columns). Tables cost more than their size: 6,000 cells took ~1 s to
   * parse and render, 24,000 ~5 s, and a 60,000-row table 2.6 GB.
   */
  maxTableCells: 10_000,
} as const;

const DEPTH_MESSAGE = `Lists, quotes or emphasis nested more than ${MARKDOWN_LIMITS.maxDepth} levels deep cannot be rendered`;
/** One container marker and the spaces after it: `>`, or a bullet or ordered-list marker followed by a space. */
const CONTAINER_MARKER = /(?:>|(?:[-*+]|\d{1,9}[.)])(?=[ \t]))[ \t]*/y;
/** What ends a line of markers without content: nothing, or a thematic break's own characters. */
const NO_CONTENT = /^[-*_+ \t\r]*$/;

export function complexityProblems(text: string): Diagnostic[] {
  let brackets = 0;
  for (let i = text.indexOf('['); i >= 0; i = text.indexOf('[', i + 1)) {
    if (++brackets > MARKDOWN_LIMITS.maxBrackets) {
      const at = pointAt(text, i);
      return [
        diagnostic('markdown-complexity', `More than ${MARKDOWN_LIMITS.maxBrackets.toLocaleString('en')} \`[\` in one file; notes cannot hold that many links or brackets`, { start: at, end: at }, { fatal: true }),
      ];
    }
  }
  return deepLine(text) ?? hugeTable(text) ?? emphasisRuns(text);
}

/** A line that opens more containers than the depth limit, before any content. */
function deepLine(text: string): Diagnostic[] | undefined {
  for (let start = 0; start < text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    let at = start;
    while (at < end && (text[at] === ' ' || text[at] === '\t')) at++;
    let depth = 0;
    let deepAt = -1;
    CONTAINER_MARKER.lastIndex = at;
    while (at < end && CONTAINER_MARKER.test(text)) {
      if (++depth === MARKDOWN_LIMITS.maxDepth + 1) deepAt = at;
      at = CONTAINER_MARKER.lastIndex;
    }
    // (`- - - -`, however long, with nothing after is a thematic break, not lists)
    if (deepAt >= 0 && !NO_CONTENT.test(text.slice(start, end))) {
      const point = pointAt(text, deepAt);
      const reason = /^[ \t>]*$/.test(text.slice(start, at)) ? `Quotes nested more than ${MARKDOWN_LIMITS.maxDepth} levels deep cannot be rendered` : DEPTH_MESSAGE;
      return [diagnostic('markdown-depth', reason, { start: point, end: point }, { fatal: true })];
    }
    start = end + 1;
  }
  return undefined;
}

/** A GFM table's delimiter row (`|---|:--:|`), with at least one `|`. */
const DELIMITER_ROW = /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*\r?$/;

/** A table with more cells than the limit: its rows run from the delimiter row to the next blank line. */
function hugeTable(text: string): Diagnostic[] | undefined {
  if (!text.includes('|')) return undefined;
  let columns = 0;
  let cells = 0;
  let previousHasPipe = false;
  for (let start = 0; start < text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    const line = text.slice(start, end);
    if (columns > 0) {
      if (line.trim() === '') columns = 0;
      else if ((cells += columns) > MARKDOWN_LIMITS.maxTableCells) {
        const at = pointAt(text, start);
        return [
          diagnostic(
            'markdown-complexity',
            `More than ${MARKDOWN_LIMITS.maxTableCells.toLocaleString('en')} cells in one table; split it into smaller tables`,
            { start: at, end: at },
            { fatal: true },
          ),
        ];
      }
    } else if (previousHasPipe && line.includes('-') && line.includes('|') && DELIMITER_ROW.test(line)) {
      columns = line.replace(/^[ \t]*\|/, '').replace(/\|[ \t]*\r?$/, '').split('|').length;
      // (the header row)
      cells = columns;
    }
    previousHasPipe = line.includes('|');
    start = end + 1;
  }
  return undefined;
}

/** A paragraph with more runs of `_` or `*` than the limit (list bullets at the start of a line do not count). */
function emphasisRuns(text: string): Diagnostic[] {
  let runs = 0;
  let lineStart = true;
  let blank = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10) {
      // A blank line ends the paragraph.
      if (blank) runs = 0;
      lineStart = true;
      blank = true;
      continue;
    }
    if (ch !== 32 && ch !== 9 && ch !== 13) blank = false;
    if (ch !== 95 && ch !== 42) {
      if (ch !== 32 && ch !== 9) lineStart = false;
      continue;
    }
    const first = i;
    while (text.charCodeAt(i + 1) === ch) i++;
    const bullet = lineStart && (text[i + 1] === ' ' || text[i + 1] === '\t');
    lineStart = false;
    if (bullet) continue;
    if (++runs > MARKDOWN_LIMITS.maxEmphasisRuns) {
      const at = pointAt(text, first);
      return [
        diagnostic(
          'markdown-complexity',
          `More than ${MARKDOWN_LIMITS.maxEmphasisRuns.toLocaleString('en')} runs of \`_\` or \`*\` in one paragraph; separate paragraphs with a blank line, or write them as \`\\_\``,
          { start: at, end: at },
          { fatal: true },
        ),
      ];
    }
  }
  return [];
}

interface TreeNode {
  children?: TreeNode[];
  position?: { start: { line: number; column: number; offset?: number } };
}

/** The first node nested deeper than the limit, if any (iterative: the tree itself may be that deep). */
export function tooDeep(root: TreeNode, limit: number = MARKDOWN_LIMITS.maxDepth): TreeNode | undefined {
  const stack: Array<[TreeNode, number]> = [[root, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (depth > limit) return node;
    for (const child of node.children ?? []) stack.push([child, depth + 1]);
  }
  return undefined;
}
