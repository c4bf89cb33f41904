/**
 * The frame shared by the parts whose sub-headings are their items (highlights -> themes, good practices ->
 * topics, next steps -> groups): the part's title, the text before its first item, one item per sub-heading, and
 * nested parts (contacts under next steps ...) placed where they belong.
 */
import type { Path } from './body.js';
import type { ReaderContext } from './context.js';
import { splitNestedParts, type Section } from './sections.js';
import { isTextBlock, span } from './tree.js';

export interface PartWithItems {
  part: 'highlights' | 'practices' | 'nextSteps';
  /** Where the items go: `themes`, `topics`, `groups`. */
  items: string;
  /** What an item is called in the placement's reason: `theme`, `topic`, `group`. */
  itemWord: string;
  buildItem: (section: Section, path: Path, ctx: ReaderContext) => void;
}

export function buildPartWithItems(section: Section, ctx: ReaderContext, reason: string, shape: PartWithItems): void {
  const { out, source } = ctx;
  const { part } = shape;
  out.set([part, 'title'], section.title, section.heading);
  out.placed('part', [part], section.heading, reason, section.title);
  out.markInternal([part], section.heading);
  const introBlocks = section.blocks.filter(isTextBlock);
  const intro = source.paragraphs(introBlocks);
  out.mark([part], section.heading);
  if (intro) {
    out.set([part, 'intro'], intro, span(introBlocks));
    out.placed('intro', [part, 'intro'], span(introBlocks), `text before the first ${shape.itemWord}`);
  }
  ctx.lastPart = part;
  const { own, parts } = splitNestedParts(section.children, ctx.language);
  own.forEach((item, i) => shape.buildItem(item, [part, shape.items, i], ctx));
  for (const nested of parts) ctx.handle(nested, true);
}
