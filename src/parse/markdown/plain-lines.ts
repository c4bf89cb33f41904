/**
 * Notes pasted as plain text (from a Word document or an e-mail, without Markdown): the two ways of writing that
 * are unambiguous there are read as Markdown, each with an info message.
 *
 * - Bullets Word pastes (`•`, `◦`, `▪`, `‣`, `∙`, `●`, and Symbol's private U+F0B7) at the start of a line are
 *   list markers. They are swapped for `-` before parsing: one UTF-16 unit for one, so every line, column and offset
 *   stays where the author wrote it, and the text of the items (sliced from the original) is unchanged.
 * - When no heading of the body names a part, a paragraph that is one line and exactly a part's name (`Highlights`,
 *   `Next steps`, `Nächste Schritte`, optionally numbered, in bold or with a colon) is that part's heading; with the
 *   parts' names in bold, bold lines under a part with items are its items' headings.
 */
import type { Heading, List, Paragraph, PhrasingContent, RootContent } from 'mdast';
import { diagnostic, quote, type Diagnostic } from '../../diagnostics/message.js';
import type { TextEdit } from '../parsed-notes.js';
import { rangeAt } from '../../diagnostics/position.js';
import { matchHeading, stripNumbering } from '../section-names.js';
import { keyOfWord, keyWordsFor } from './key-lines.js';
import { withoutWholeEmphasis } from './sections.js';
import { positionOf } from './tree.js';

const PASTED_BULLET = /^([ \t]{0,3})[•◦▪‣∙●\uF0B7](?=[ \t])/gmu;

/** The text with pasted bullets as `-` (same length), and where they were. */
export function withMarkdownBullets(text: string, bodyStart: number): { text: string; bullets: number[] } {
  const bullets: number[] = [];
  const body = text.slice(bodyStart).replace(PASTED_BULLET, (_match, indent: string, offset: number) => {
    bullets.push(bodyStart + offset + indent.length);
    return indent + '-';
  });
  return { text: bullets.length ? text.slice(0, bodyStart) + body : text, bullets };
}

/** Each pasted bullet written as Markdown's `-` (for `report fix`). */
export function bulletEdits(bullets: readonly number[]): TextEdit[] {
  return bullets.map((at) => ({ start: at, end: at + 1, text: '-', rule: 'pasted-bullets' }));
}

/** One info for the first pasted bullet (one is enough to say how the lists were read). */
export function bulletMessages(bullets: readonly number[], text: string): Diagnostic[] {
  if (bullets.length === 0) return [];
  const at = bullets[0]!;
  return [
    diagnostic('pasted-bullets', `Lines starting with ${quote(text[at]!)} are read as list items (${bullets.length} in all)`, rangeAt(text, at, at + 1), {
      severity: 'info',
      note: 'In Markdown a list item starts with `- `',
    }),
  ];
}

/** Where the body starts: after the front matter, which keeps its text as written (`•` in YAML is YAML's). */
export function bodyStartOf(text: string): number {
  return /^\uFEFF?---[ \t]*\r?\n(?:[\s\S]*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text)?.[0].length ?? 0;
}

/** Parts whose sub-headings are their items: under a part name set in bold, a bold line of its own is one. */
const PARTS_WITH_ITEMS = new Set(['highlights', 'practices', 'nextSteps']);

/**
 * Body blocks with one-line part names as headings, when no heading names a part; and the infos saying so. A part
 * name may be set in bold (`**Highlights**`, as a Word document's headings paste); when the notes write their parts
 * so, a line set in bold as a whole under a part with items (highlights, good practices, next steps) is the heading of
 * one of its items (a theme, a practice, a group), unless it is a key (`**Key figures**`).
 */
export function promotePlainHeadings(
  blocks: readonly RootContent[],
  inline: (node: { position?: unknown }) => string,
  language: string | undefined,
  slice: (node: { position?: unknown }) => string = () => '',
): { blocks: RootContent[]; messages: Diagnostic[]; edits: TextEdit[] } {
  const namesPart = (title: string) => matchHeading(title, language)?.by === 'phrase';
  const headings = blocks.filter((b): b is Heading => b.type === 'heading');
  if (headings.some((h) => namesPart(stripNumbering(inline({ position: spanOf(h.children) }))))) return { blocks: [...blocks], messages: [], edits: [] };
  // Under a heading that is the title (or none), plain part names are one level below it.
  const depth = headings.length > 0 ? Math.min(6, Math.min(...headings.map((h) => h.depth)) + 1) : 2;
  const messages: Diagnostic[] = [];
  const edits: TextEdit[] = [];
  const keys = [keyWordsFor(language, 'practice'), keyWordsFor(language, 'theme')];
  const heading = (block: Paragraph, title: string, written: string, level: number, why: string, place = block.position): Heading => {
    const { start, end } = place!;
    // (`report fix` writes it as the heading it was read as, with the words as written)
    if (start.offset !== undefined && end.offset !== undefined) edits.push({ start: start.offset, end: end.offset, text: `${'#'.repeat(level)} ${written}`, rule: 'plain-heading' });
    messages.push(
      diagnostic('plain-heading', `The line ${quote(title)} is read as a heading: ${why}`, positionOf({ position: place }), {
        severity: 'info',
        note: `In Markdown a heading starts with \`${'#'.repeat(level)} \``,
      }),
    );
    return { type: 'heading', depth: level as Heading['depth'], children: block.children as PhrasingContent[], position: place };
  };
  const outline = numberedOutline(blocks, inline, slice);
  let boldParts = false;
  let part: string | undefined;
  const out = outline.blocks.flatMap((block): RootContent[] => {
    const numbered = outline.headings.get(block);
    if (numbered) {
      part = matchHeading(numbered.title, language)?.part ?? part;
      return [heading(numbered.paragraph, numbered.title, numbered.written, Math.min(6, depth + numbered.level), 'it is numbered as the outline of a document', block.position)];
    }
    if (block.type !== 'paragraph' || !isOneLine(block)) return [block];
    const inner = withoutWholeEmphasis(block.children);
    const bold = inner !== block.children;
    const written = inline(bold ? { position: spanOf(inner) } : block).trim();
    const title = stripNumbering(written);
    if (!title) return [block];
    if (namesPart(title)) {
      boldParts ||= bold;
      part = matchHeading(title, language)?.part;
      return [heading(block, title, written, depth, 'it names a part of a report and stands alone')];
    }
    const item = bold && boldParts && part && PARTS_WITH_ITEMS.has(part) && title.length <= 150 && !/[.:;]$/.test(title) && !keys.some((words) => keyOfWord(title, words));
    return [item ? heading(block, title, written, Math.min(6, depth + 1), 'a line in bold under a part whose name is in bold') : block];
  });
  return { blocks: out, messages, edits };
}

/** `2.1 Citizens first`: the outline number, and the words. */
const NUMBERED_LINE = /^(\d{1,2}(?:\.\d{1,2})*)\.?\s+(\S.{0,79})$/u;

interface NumberedLine {
  paragraph: Paragraph;
  /** The line as written, numbering included. */
  written: string;
  title: string;
  /** 0 for `2.`, 1 for `2.1`. */
  level: number;
  number: number[];
}

type Slice = (node: { position?: unknown }) => string;

/**
 * A Word document's numbered headings pasted as text: lines `1. Background`, `2. Main messages`, `2.1 Citizens
 * first` (a one-line paragraph, or an item of an ordered list, as Markdown reads `1. …`). They are headings when
 * they make an outline: two or more top-level numbers counting up from 1, and each sub-number under the number
 * before it. Lines ending as sentences do (`.`, `;`, `,`) are not headings. Markdown joins `3. Good practices`, the
 * list numbered from 1 under it and `4. Recommendations` into one list: its items are split where the numbering
 * restarts or jumps, and a run of one item that fits the outline is a heading. Returns the blocks (lists split only
 * when there is an outline) and the headings among them.
 */
function numberedOutline(blocks: readonly RootContent[], inline: Slice, slice: Slice): { blocks: readonly RootContent[]; headings: Map<RootContent, NumberedLine> } {
  const runs = blocks.flatMap((block) => (block.type === 'list' && block.ordered && block.children.length > 1 ? numberedRuns(block, slice) : [block]));
  const headings = new Map<RootContent, NumberedLine>();
  let top = 0;
  let tops = 0;
  for (const block of runs) {
    const line = numberedLine(block, inline);
    if (!line) continue;
    const [first, ...rest] = line.number;
    if (rest.length === 0 ? first !== top + 1 : first !== top) continue;
    if (rest.length === 0) {
      top = first!;
      tops++;
    }
    headings.set(block, line);
  }
  if (tops < 2) return { blocks, headings: new Map() };
  // Runs that are no heading are put back together as the lists they were written as.
  const out: RootContent[] = [];
  for (const block of runs) {
    const previous = out[out.length - 1];
    const origin = block.type === 'list' ? runOrigin.get(block) : undefined;
    const joined = origin !== undefined && !headings.has(block) && previous?.type === 'list' && !headings.has(previous) && runOrigin.get(previous) === origin;
    if (joined) {
      const merged: List = { ...previous, children: [...previous.children, ...(block as List).children], position: { start: previous.position!.start, end: block.position!.end } };
      runOrigin.set(merged, origin);
      out[out.length - 1] = merged;
    } else out.push(block);
  }
  return { blocks: out, headings };
}

/** The list each run was cut from. */
const runOrigin = new WeakMap<List, List>();

/** Runs of an ordered list's items numbered one after the other (as written), each as a list of its own. */
function numberedRuns(list: List, slice: Slice): List[] {
  const runs: List[] = [];
  let previous: number | undefined;
  for (const item of list.children) {
    const written = Number(/^\s*(\d{1,9})[.)]/.exec(slice(item))?.[1] ?? NaN);
    const last = runs[runs.length - 1];
    if (last && previous !== undefined && written === previous + 1) {
      last.children.push(item);
      last.position = { start: last.position!.start, end: item.position!.end };
    } else {
      const run: List = { ...list, start: Number.isNaN(written) ? 1 : written, children: [item], position: item.position };
      runOrigin.set(run, list);
      runs.push(run);
    }
    previous = written;
  }
  return runs;
}

function numberedLine(block: RootContent, inline: Slice): NumberedLine | undefined {
  let paragraph: Paragraph | undefined;
  let written: string | undefined;
  if (block.type === 'paragraph' && isOneLine(block)) {
    paragraph = block;
    written = inline(block).trim();
  } else if (block.type === 'list' && block.ordered && block.children.length === 1) {
    const only = block.children[0]!.children;
    if (only.length === 1 && only[0]!.type === 'paragraph' && isOneLine(only[0])) {
      paragraph = only[0];
      written = `${block.start ?? 1}. ${inline(only[0]).trim()}`;
    }
  }
  if (!paragraph || !written) return undefined;
  const plain = written.replace(/\*\*|__/g, '');
  const match = NUMBERED_LINE.exec(plain);
  if (!match || /[.;,!?]$/.test(match[2]!)) return undefined;
  const number = match[1]!.split('.').map(Number);
  return { paragraph, written, title: match[2]!.replace(/\s*:$/, ''), level: number.length - 1, number };
}

function isOneLine(paragraph: Paragraph): boolean {
  const p = paragraph.position;
  return !!p && p.start.line === p.end.line && paragraph.children.every((c) => c.type === 'text' || c.type === 'strong' || c.type === 'emphasis');
}

function spanOf(children: readonly { position?: unknown }[]): unknown {
  const first = children[0]?.position as { start: unknown } | undefined;
  const last = children[children.length - 1]?.position as { end: unknown } | undefined;
  return first && last ? { start: first.start, end: last.end } : undefined;
}
