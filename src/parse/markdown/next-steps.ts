/** Next steps: an introduction, then one group of recommendations (list items) per sub-heading. */
import type { List, RootContent } from 'mdast';
import type { Path } from './body.js';
import type { ReaderContext } from './context.js';
import { buildPartWithItems } from './part-with-items.js';
import { allBlocks, type Section } from './sections.js';
import { isTextBlock, span } from './tree.js';

export function buildNextSteps(section: Section, ctx: ReaderContext, reason: string): void {
  buildPartWithItems(section, ctx, reason, { part: 'nextSteps', items: 'groups', itemWord: 'group', buildItem: buildGroup });
}

export function buildGroup(group: Section, path: Path, ctx: ReaderContext): void {
  const { out, source } = ctx;
  out.mark(path, group.heading);
  out.set([...path, 'title'], group.title, group.heading);
  out.placed('group', path, group.heading, 'a sub-heading of next steps', group.title);
  const blocks = allBlocks(group);
  const items: string[] = [];
  const introBlocks: RootContent[] = [];
  for (const block of blocks) {
    if (block.type === 'list') {
      for (const item of (block as List).children) {
        out.place([...path, 'items', items.length], item);
        items.push(source.itemText(item));
      }
    } else if (isTextBlock(block)) introBlocks.push(block);
  }
  const intro = source.paragraphs(introBlocks);
  if (intro) out.set([...path, 'intro'], intro, span(introBlocks));
  out.set([...path, 'items'], items, blocks.find((b) => b.type === 'list') ?? group.heading);
}
