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
import type { Heading, Paragraph, PhrasingContent, RootContent } from 'mdast';
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
export function promotePlainHeadings(blocks: readonly RootContent[], inline: (node: { position?: unknown }) => string, language: string | undefined): { blocks: RootContent[]; messages: Diagnostic[]; edits: TextEdit[] } {
  const namesPart = (title: string) => matchHeading(title, language)?.by === 'phrase';
  const headings = blocks.filter((b): b is Heading => b.type === 'heading');
  if (headings.some((h) => namesPart(stripNumbering(inline({ position: spanOf(h.children) }))))) return { blocks: [...blocks], messages: [], edits: [] };
  // Under a heading that is the title (or none), plain part names are one level below it.
  const depth = headings.length > 0 ? Math.min(6, Math.min(...headings.map((h) => h.depth)) + 1) : 2;
  const messages: Diagnostic[] = [];
  const edits: TextEdit[] = [];
  const keys = [keyWordsFor(language, 'practice'), keyWordsFor(language, 'theme')];
  const heading = (block: Paragraph, title: string, written: string, level: number, why: string): Heading => {
    const { start, end } = block.position!;
    // (`report fix` writes it as the heading it was read as, with the words as written)
    if (start.offset !== undefined && end.offset !== undefined) edits.push({ start: start.offset, end: end.offset, text: `${'#'.repeat(level)} ${written}`, rule: 'plain-heading' });
    messages.push(
      diagnostic('plain-heading', `The line ${quote(title)} is read as a heading: ${why}`, positionOf(block), {
        severity: 'info',
        note: `In Markdown a heading starts with \`${'#'.repeat(level)} \``,
      }),
    );
    return { type: 'heading', depth: level as Heading['depth'], children: block.children as PhrasingContent[], position: block.position };
  };
  let boldParts = false;
  let part: string | undefined;
  const out = blocks.map((block): RootContent => {
    if (block.type !== 'paragraph' || !isOneLine(block)) return block;
    const inner = withoutWholeEmphasis(block.children);
    const bold = inner !== block.children;
    const written = inline(bold ? { position: spanOf(inner) } : block).trim();
    const title = stripNumbering(written);
    if (!title) return block;
    if (namesPart(title)) {
      boldParts ||= bold;
      part = matchHeading(title, language)?.part;
      return heading(block, title, written, depth, 'it names a part of a report and stands alone');
    }
    const item = bold && boldParts && part && PARTS_WITH_ITEMS.has(part) && title.length <= 150 && !/[.:;]$/.test(title) && !keys.some((words) => keyOfWord(title, words));
    return item ? heading(block, title, written, Math.min(6, depth + 1), 'a line in bold under a part whose name is in bold') : block;
  });
  return { blocks: out, messages, edits };
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
