/**
 * The body's blocks -> nested sections: each heading opens a section that
 * holds the blocks up to the next heading of the same or a higher level.
 */
import type { Emphasis, Heading, PhrasingContent, RootContent, Strong } from 'mdast';
import { classifyHeading, NESTABLE_PARTS, stripNumbering } from '../section-names.js';
import { headingMarker } from './internal-marks.js';
import type { Source } from './tree.js';

export interface Section {
  heading: Heading;
  /** The heading's words, without numbering or a trailing colon. */
  title: string;
  depth: number;
  /** Marked internal: by `(internal)` ending its heading, a fence around the heading, or a section above (internal-marks.ts). */
  internal?: boolean;
  blocks: RootContent[];
  children: Section[];
  /** Not written: a topic made to hold practices written under no topic (its heading is its first practice's). */
  made?: true;
}

export interface SplitBody {
  /** Blocks before the first heading. */
  preamble: RootContent[];
  roots: Section[];
}

export function splitSections(blocks: readonly RootContent[], source: Source): SplitBody {
  const preamble: RootContent[] = [];
  const roots: Section[] = [];
  const stack: Section[] = [];
  for (const node of blocks) {
    if (node.type === 'heading') {
      const { title, internal } = headingMarker(headingTitle(node, source));
      const section: Section = { heading: node, title, depth: node.depth, ...(internal ? { internal } : {}), blocks: [], children: [] };
      while (stack.length && stack[stack.length - 1]!.depth >= node.depth) stack.pop();
      if (stack.length) stack[stack.length - 1]!.children.push(section);
      else roots.push(section);
      stack.push(section);
    } else if (stack.length) stack[stack.length - 1]!.blocks.push(node);
    else preamble.push(node);
  }
  return { preamble, roots };
}

/**
 * A heading's text as written (inline Markdown kept), without its `#` marks or setext underline. A heading bold or
 * italic as a whole (`# **2. Highlights**`, as Google Docs and Word exports write them) is read without that
 * emphasis: a heading is set in its own type anyway, and its words name the part.
 */
export function headingTitle(heading: Heading, source: Source): string {
  const children = withoutWholeEmphasis(heading.children);
  const start = children[0]?.position?.start;
  const end = children[children.length - 1]?.position?.end;
  if (!start || !end) return '';
  return stripNumbering(source.inline({ position: { start, end } }));
}

/** Inline content without the bold or italic that wraps all of it (`**2. Highlights**` -> `2. Highlights`). */
export function withoutWholeEmphasis(children: readonly PhrasingContent[]): readonly PhrasingContent[] {
  let inner = children;
  while (inner.length === 1 && (inner[0]!.type === 'strong' || inner[0]!.type === 'emphasis')) inner = (inner[0] as Strong | Emphasis).children;
  return inner;
}

/** Sub-sections as blocks again (their headings included), for parts whose content is text. */
export function flattenChildren(sections: readonly Section[]): RootContent[] {
  return sections.flatMap((s) => [s.heading as RootContent, ...s.blocks, ...flattenChildren(s.children)]);
}

/** A section's own blocks followed by its sub-sections as blocks. */
export function allBlocks(section: Section): RootContent[] {
  return [...section.blocks, ...flattenChildren(section.children)];
}

/** Children of a part that are themselves parts (e.g. "Stay tuned" under "Next steps"), apart from its own. */
export function splitNestedParts(children: readonly Section[], language: string | undefined): { own: Section[]; parts: Section[] } {
  const own: Section[] = [];
  const parts: Section[] = [];
  for (const child of children) {
    const part = classifyHeading(child.title, language);
    if (part && NESTABLE_PARTS.has(part)) parts.push(child);
    else own.push(child);
  }
  return { own, parts };
}
