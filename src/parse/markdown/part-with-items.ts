/**
 * The frame shared by the parts whose sub-headings are their items (highlights -> themes, good practices ->
 * topics, next steps -> groups): the part's title, the text before its first item, one item per sub-heading, and
 * nested parts (contacts under next steps ...) placed where they belong.
 */
import type { RootContent } from 'mdast';
import type { Path } from './body.js';
import type { ReaderContext } from './context.js';
import { splitNestedParts, type Section } from './sections.js';
import { diagnostic, quote } from '../../diagnostics/message.js';
import { keyLine, keyWordsFor, type KeyPlace } from './key-lines.js';
import { isTextBlock, positionOf, span } from './tree.js';

export interface PartWithItems {
  part: 'highlights' | 'practices' | 'nextSteps';
  /** Where the items go: `themes`, `topics`, `groups`. */
  items: string;
  /** What an item is called in the placement's reason: `theme`, `topic`, `group`. */
  itemWord: string;
  buildItem: (section: Section, path: Path, ctx: ReaderContext) => void;
  /** Items written in the part's own text, before its sub-headings (a table of practices): built first; returns the blocks they took and how many items. */
  leadItems?: (section: Section, ctx: ReaderContext) => { taken: readonly unknown[]; count: number };
}

export function buildPartWithItems(section: Section, ctx: ReaderContext, reason: string, shape: PartWithItems): void {
  const { out, source } = ctx;
  const { part } = shape;
  out.set([part, 'title'], section.title, section.heading);
  out.placed('part', [part], section.heading, reason, section.title);
  out.markInternal([part], section.heading);
  const lead = shape.leadItems?.(section, ctx) ?? { taken: [], count: 0 };
  const introBlocks = section.blocks.filter((b) => isTextBlock(b) && !lead.taken.includes(b));
  const intro = source.paragraphs(introBlocks);
  out.mark([part], section.heading);
  if (intro) {
    out.set([part, 'intro'], intro, span(introBlocks));
    out.placed('intro', [part, 'intro'], span(introBlocks), `text before the first ${shape.itemWord}`);
  }
  ctx.lastPart = part;
  const { own, parts } = splitNestedParts(section.children, ctx.language);
  // Highlights or good practices with no item at all, whose text has a theme's or a practice's key lines
  // (`Speakers:`, `Country:`): all of it is the introduction, and those lines plain text, which a person should
  // hear of (the report shows no theme, no practice). Prose alone is an introduction and says nothing.
  const keyed = part !== 'nextSteps' && lead.count === 0 && own.length === 0 ? introBlocks.find((b) => holdsKeyLine(b, part === 'practices' ? 'practice' : 'theme', ctx)) : undefined;
  if (keyed) {
    const noun = part === 'practices' ? 'practice' : shape.itemWord;
    out.report(
      diagnostic('part-without-items', `${quote(section.title)} holds no ${noun}: its text, key lines and all, is read as its introduction`, positionOf(keyed), {
        severity: 'warning',
        note: part === 'practices' ? 'Give each practice a heading of its own (`### PROJECT – Title`), or a `Project:` line' : 'Give each theme a sub-heading of its own (`### Theme`), or start each with its title in bold',
      }),
    );
  }
  own.forEach((item, i) => shape.buildItem(item, [part, shape.items, lead.count + i], ctx));
  for (const nested of parts) ctx.handle(nested, true);
}

/** Whether a paragraph has a line that is a key line of the place (`Speakers: …` for a theme, `Country: …` for a practice). */
function holdsKeyLine(block: RootContent, place: KeyPlace, ctx: ReaderContext): boolean {
  if (block.type !== 'paragraph') return false;
  const words = keyWordsFor(ctx.language, place);
  return ctx.source.slice(block).split(/\r?\n/).some((line, i) => keyLine(line, words, i)?.key !== undefined);
}
