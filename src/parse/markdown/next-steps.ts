/** Next steps: an introduction, then one group of recommendations (list items) per sub-heading. */
import type { Heading, List, Paragraph, RootContent } from 'mdast';
import { diagnostic, quote } from '../../diagnostics/message.js';
import { labelPack } from '../../i18n/locales.js';
import type { Path } from './body.js';
import type { ReaderContext } from './context.js';
import { buildPartWithItems } from './part-with-items.js';
import { allBlocks, splitNestedParts, type Section } from './sections.js';
import { isTextBlock, positionOf, span } from './tree.js';

export function buildNextSteps(section: Section, ctx: ReaderContext, reason: string): void {
  buildPartWithItems(withListAsGroup(withLabelledGroups(withNestedListGroups(section, ctx), ctx), ctx), ctx, reason, { part: 'nextSteps', items: 'groups', itemWord: 'group', buildItem: buildGroup });
}

/**
 * Next steps written as one list of group titles, each holding its recommendations as a list inside it (`- Policy`
 * and, indented below it, `- Set reuse targets …`), with no sub-headings: each item is a group named by its line.
 * Only when every item of the list is so written; the text before the list stays the introduction.
 */
function withNestedListGroups(section: Section, ctx: ReaderContext): Section {
  if (splitNestedParts(section.children, ctx.language).own.length > 0) return section;
  const at = section.blocks.findIndex((b) => b.type === 'list');
  const list = section.blocks[at] as List | undefined;
  if (!list || section.blocks.slice(at + 1).some((b) => b.type === 'list')) return section;
  const nested = list.children.map((item) => {
    const [label, inner, ...more] = item.children;
    if (more.length || label?.type !== 'paragraph' || inner?.type !== 'list' || label.position?.start.line !== label.position?.end.line) return undefined;
    const title = ctx.source.inline(label).trim().replace(/^(\*\*|__)(.*)\1$/, '$2').replace(/\s*:$/, '').trim();
    return title && title.length <= 100 ? { label: label as Paragraph, inner: inner as List, title } : undefined;
  });
  if (!nested.length || nested.some((n) => n === undefined)) return section;
  ctx.out.report(
    diagnostic('list-as-group', `The list under ${quote(section.title)} is read as ${nested.length} ${nested.length === 1 ? 'group' : 'groups'} of recommendations, each named by its item and holding the list inside it`, positionOf(list), {
      severity: 'info',
      note: 'Give each group of recommendations a sub-heading to name it',
    }),
  );
  const groups = (nested as Array<{ label: Paragraph; inner: List; title: string }>).map(({ label, inner, title }): Section => {
    const heading: Heading = { type: 'heading', depth: Math.min(6, section.depth + 1) as Heading['depth'], children: label.children, ...(label.position ? { position: label.position } : {}) };
    return { heading, title, depth: section.depth + 1, blocks: [inner], children: [] };
  });
  return { ...section, blocks: [...section.blocks.slice(0, at), ...section.blocks.slice(at + 1)], children: [...groups, ...section.children] };
}

/**
 * A one-line paragraph ending with a colon (`For the region of Tartu:`, `**For projects:**`), or set in bold as a
 * whole (`**For regions**`, as a Word paste writes a list's title): its words, or undefined.
 */
function labelOf(block: RootContent | undefined, ctx: ReaderContext): string | undefined {
  if (block?.type !== 'paragraph' || !block.position || block.position.start.line !== block.position.end.line) return undefined;
  const written = ctx.source.inline(block).trim();
  const bold = /^(\*\*|__)([^*_].{0,118}?)\1$/.exec(written);
  const line = written.replace(/^(\*\*|__)(.*)\1$/, '$2').trim();
  const label = /^(.{2,120}?)\s*:(\*\*|__)?$/.exec(line)?.[1]?.replace(/^(\*\*|__)|(\*\*|__)$/g, '').trim();
  if (label) return label;
  return bold && !/[.!?;:]$/.test(bold[2]!) ? bold[2]!.trim() : undefined;
}

/**
 * Next steps written as labelled lists with no sub-headings (`For the region of Tartu:` then its list, twice or
 * more): each label and its list is a group of recommendations named by the label. One labelled list alone is
 * an introduction and a list, read by `withListAsGroup`.
 */
function withLabelledGroups(section: Section, ctx: ReaderContext): Section {
  if (splitNestedParts(section.children, ctx.language).own.length > 0) return section;
  const starts = section.blocks.flatMap((b, i) => (labelOf(b, ctx) !== undefined && section.blocks[i + 1]?.type === 'list' ? [i] : []));
  if (starts.length < 2) return section;
  const groups = starts.map((at, n): Section => {
    const label = section.blocks[at] as Paragraph;
    const title = labelOf(label, ctx)!;
    ctx.out.report(
      diagnostic('list-as-group', `The line ${quote(ctx.source.inline(label))} and the list after it are read as a group of recommendations, ${quote(title)}`, positionOf(label), {
        severity: 'info',
        note: 'Give each group of recommendations a sub-heading to name it',
      }),
    );
    const heading: Heading = { type: 'heading', depth: Math.min(6, section.depth + 1) as Heading['depth'], children: label.children, ...(label.position ? { position: label.position } : {}) };
    return { heading, title, depth: section.depth + 1, blocks: section.blocks.slice(at + 1, starts[n + 1] ?? section.blocks.length), children: [] };
  });
  return { ...section, blocks: section.blocks.slice(0, starts[0]), children: [...groups, ...section.children] };
}

/**
 * Next steps written as a list with no group headings (`1. Create a network …`): the list, and what follows it,
 * is one group of recommendations under the pack's word for them; the text before it stays the part's introduction.
 */
function withListAsGroup(section: Section, ctx: ReaderContext): Section {
  const firstList = section.blocks.findIndex((b) => b.type === 'list');
  const hasGroups = splitNestedParts(section.children, ctx.language).own.length > 0;
  if (firstList < 0 || hasGroups) return section;
  const title = labelPack(ctx.language).labels.recommendations ?? 'Recommendations';
  const list = section.blocks[firstList]!;
  ctx.out.report(
    diagnostic('list-as-group', `The list under ${quote(section.title)} has no group heading: it is read as one group, ${quote(title)}`, positionOf(list), {
      severity: 'info',
      note: 'Give each group of recommendations a sub-heading to name it',
    }),
  );
  const group: Section = { heading: { ...section.heading, depth: Math.min(6, section.depth + 1) as Heading['depth'] }, title, depth: section.depth + 1, blocks: section.blocks.slice(firstList), children: [] };
  return { ...section, blocks: section.blocks.slice(0, firstList), children: [group, ...section.children] };
}

export function buildGroup(group: Section, path: Path, ctx: ReaderContext): void {
  const { out, source } = ctx;
  out.mark(path, group.heading);
  out.set([...path, 'title'], group.title, group.heading);
  out.placed('group', path, group.heading, 'a sub-heading of next steps', group.title);
  out.markInternal(path, group.heading);
  const blocks = allBlocks(group);
  const items: string[] = [];
  const introBlocks: RootContent[] = [];
  for (const block of blocks) {
    if (block.type === 'list') {
      for (const item of (block as List).children) {
        out.place([...path, 'items', items.length], item);
        items.push(source.itemString(item));
      }
    } else if (isTextBlock(block)) introBlocks.push(block);
  }
  const intro = source.paragraphs(introBlocks);
  if (intro) out.set([...path, 'intro'], intro, span(introBlocks));
  out.set([...path, 'items'], items, blocks.find((b) => b.type === 'list') ?? group.heading);
}
