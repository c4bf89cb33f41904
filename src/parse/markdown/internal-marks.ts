/**
 * What Markdown notes mark internal (docs/editions.md), found once before the parts are read:
 * - a heading ending in `(internal)`: its whole section (part, theme, topic, practice, group, free section), with
 *   the sections below it;
 * - `<!-- internal -->` … `<!-- /internal -->` on lines of their own: every block between them (paragraphs,
 *   lists, list items when inside an item, a heading and its section);
 * - a paragraph or list item starting with `Internal:`: that block (the word is taken off).
 * The builders ask `InternalMarks` whether a node is internal: an item becomes `internal: true`, text becomes
 * text between internal marks (`<!-- internal -->`), which the edition (src/model/edition.ts) cuts out or keeps.
 */
import type { Heading, Paragraph, PhrasingContent, RootContent } from 'mdast';
import { diagnostic, type Diagnostic, type Position } from '../../diagnostics/message.js';

/** What text between internal marks looks like in the written notes' strings. */
export const OPEN_MARK = '<!-- internal -->';
export const CLOSE_MARK = '<!-- /internal -->';

const OPEN_FENCE = /^\s*<!--[ \t]*internal[ \t]*-->\s*$/iu;
const CLOSE_FENCE = /^\s*<!--[ \t]*\/internal[ \t]*-->\s*$/iu;
/** The heading marker: `## Budget discussion (internal)`. */
const HEADING_MARKER = /\s*\(internal\)\s*$/iu;
/** `Internal:` (or `**Internal:**`, `**Internal**:`) starting a paragraph, and the spaces after it. */
const PREFIX = /^(?:(\*\*|__)internal:\1|(\*\*|__)internal\2:|internal:)[ \t]*/iu;

/** A node's place (tree.ts's `positionOf`, which imports this module). */
const positionOf = (node: Node): Position | undefined => (node.position ? { start: { ...node.position.start }, end: { ...node.position.end } } : undefined);

type Node = { type: string; children?: Node[]; position?: RootContent['position']; value?: string };

export class InternalMarks {
  private readonly internal = new WeakSet<object>();
  /** Nodes holding an internal node somewhere inside (a list with an internal item). */
  private readonly holding = new WeakSet<object>();
  /** Offsets of the notes' text taken out (the `Internal:` words), start and end. */
  readonly cuts: Array<[number, number]> = [];

  /** Is the node internal (itself, or inside an internal block or section)? */
  has(node: object | undefined): boolean {
    return !!node && this.internal.has(node);
  }

  /** Does the node hold an internal node, or is it one? */
  touches(node: object | undefined): boolean {
    return !!node && (this.internal.has(node) || this.holding.has(node));
  }

  /** Marks the node and everything inside it; `ancestors` learn that they hold it. */
  mark(node: object, ancestors: readonly object[] = []): void {
    for (const a of ancestors) this.holding.add(a);
    const visit = (n: Node) => {
      this.internal.add(n);
      for (const child of n.children ?? []) visit(child);
    };
    visit(node as Node);
  }

  isFence(node: object): boolean {
    const n = node as Node;
    return n.type === 'html' && (OPEN_FENCE.test(n.value ?? '') || CLOSE_FENCE.test(n.value ?? ''));
  }
}

/** `Budget discussion (internal)` -> the title without the marker, and whether it was there. */
export function headingMarker(title: string): { title: string; internal: boolean } {
  return HEADING_MARKER.test(title) && title.replace(HEADING_MARKER, '') ? { title: title.replace(HEADING_MARKER, ''), internal: true } : { title, internal: false };
}

/** Finds the fences and `Internal:` blocks of the body (nested in lists and quotes too), and marks them. */
export function markInternalBlocks(blocks: readonly RootContent[], text: string, marks: InternalMarks): Diagnostic[] {
  const messages: Diagnostic[] = [];
  const walk = (children: readonly Node[], ancestors: readonly object[]) => {
    let open: Node | undefined;
    for (const child of children) {
      if (child.type === 'html' && OPEN_FENCE.test(child.value ?? '')) {
        if (open) {
          messages.push(
            diagnostic('internal-fence-nested', `An \`${OPEN_MARK}\` mark inside another one (opened on line ${open.position?.start.line}) changes nothing`, positionOf(child), {
              severity: 'warning',
              note: `Internal text ends at the first \`${CLOSE_MARK}\`.`,
            }),
          );
        } else open = child;
        continue;
      }
      if (child.type === 'html' && CLOSE_FENCE.test(child.value ?? '')) {
        if (!open) messages.push(diagnostic('internal-fence-unopened', `A \`${CLOSE_MARK}\` mark with no \`${OPEN_MARK}\` before it is left out`, positionOf(child), { severity: 'warning' }));
        open = undefined;
        continue;
      }
      if (open) {
        marks.mark(child, ancestors);
        continue;
      }
      if (child.type === 'paragraph' && takePrefix(child as Paragraph, text, marks)) marks.mark(child, ancestors);
      else if (child.type === 'listItem' && child.children?.[0]?.type === 'paragraph' && takePrefix(child.children[0] as Paragraph, text, marks)) marks.mark(child, ancestors);
      if (child.children && !marks.has(child) && child.type !== 'paragraph' && child.type !== 'heading') walk(child.children, [...ancestors, child]);
    }
    if (open) {
      // Everything after it is internal already (nothing leaks); the file still fails so the author closes it.
      messages.push(
        diagnostic('internal-fence-unclosed', `The \`${OPEN_MARK}\` mark is never closed: everything after it in this part is taken as internal`, positionOf(open), {
          note: `Close the internal text with \`${CLOSE_MARK}\` on a line of its own.`,
        }),
      );
    }
  };
  walk(blocks as readonly Node[], []);
  return messages;
}

/**
 * A paragraph starting with `Internal:` is internal, and the word is taken off: its place then starts after the
 * word, and so does its first text node, so that the text read from it (and the tree the renderer reuses) no
 * longer has it. When the word cannot be taken off cleanly (the bold runs on past it), it stays in the text.
 */
function takePrefix(paragraph: Paragraph, text: string, marks: InternalMarks): boolean {
  const start = paragraph.position?.start;
  const end = paragraph.position?.end;
  if (start?.offset === undefined || end?.offset === undefined) return false;
  const match = PREFIX.exec(text.slice(start.offset, end.offset));
  if (!match || match[0].length === end.offset - start.offset) return false;
  const cut = start.offset + match[0].length;
  const kept: PhrasingContent[] = [];
  for (const child of paragraph.children) {
    const from = child.position?.start.offset;
    const to = child.position?.end.offset;
    if (from === undefined || to === undefined) return true;
    if (to <= cut) continue;
    if (from < cut) {
      const taken = cut - from;
      if (child.type !== 'text' || !child.value.startsWith(text.slice(from, cut))) return true;
      kept.push({ ...child, value: child.value.slice(taken), position: { start: { ...child.position!.start, column: child.position!.start.column + taken, offset: cut }, end: child.position!.end } });
      continue;
    }
    kept.push(child);
  }
  if (kept.length === 0) return true;
  paragraph.children = kept;
  paragraph.position = { start: { line: start.line, column: start.column + match[0].length, offset: cut }, end: paragraph.position!.end };
  marks.cuts.push([start.offset, cut]);
  return true;
}

/** Sections marked internal by their heading, a fence around it, or a section above: every block in them too. */
export function markInternalSections(sections: ReadonlyArray<{ heading: Heading; internal?: boolean; blocks: RootContent[]; children: unknown[] }>, marks: InternalMarks, above = false): void {
  for (const section of sections) {
    const internal = above || section.internal === true || marks.has(section.heading);
    if (internal) {
      section.internal = true;
      marks.mark(section.heading);
      for (const block of section.blocks) marks.mark(block);
    }
    markInternalSections(section.children as typeof sections, marks, internal);
  }
}
