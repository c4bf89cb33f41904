/** The summary: the text before the first part, or under a "Summary" heading. */
import type { RootContent } from 'mdast';
import type { ReaderContext } from './context.js';
import type { Section } from './sections.js';
import { isTextBlock, span, type Placed } from './tree.js';

/** Adds the text blocks to the summary (after any summary read before). */
export function addSummary(blocks: readonly RootContent[], node: Placed, ctx: ReaderContext, reason: string): void {
  const textBlocks = blocks.filter(isTextBlock);
  const text = ctx.source.paragraphs(textBlocks);
  if (!text) return;
  const existing = ctx.out.get(['summary']) as string | undefined;
  ctx.out.set(['summary'], existing ? existing + '\n\n' + text : text, span(textBlocks) ?? node);
  ctx.out.placed('summary', ['summary'], span(textBlocks) ?? node, reason);
}

export function buildSummary(section: Section, ctx: ReaderContext): void {
  ctx.out.placed('part', ['summary'], section.heading, `heading ${JSON.stringify(section.title)}`, section.title);
  addSummary(section.blocks, section.heading, ctx, 'text under the summary heading');
  for (const child of section.children) ctx.handle(child, true);
  ctx.lastPart = 'start';
}
