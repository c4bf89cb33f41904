/**
 * Highlights: an introduction, then one theme per sub-heading (its text, with
 * the speakers in bold), and participation.
 */
import type { Path } from './body.js';
import type { ReaderContext } from './context.js';
import { allBlocks, splitNestedParts, type Section } from './sections.js';
import { isTextBlock, span } from './tree.js';

export function buildHighlights(section: Section, ctx: ReaderContext, reason: string): void {
  const { out, source } = ctx;
  out.set(['highlights', 'title'], section.title, section.heading);
  out.placed('part', ['highlights'], section.heading, reason, section.title);
  const introBlocks = section.blocks.filter(isTextBlock);
  const intro = source.paragraphs(introBlocks);
  out.mark(['highlights'], section.heading);
  if (intro) {
    out.set(['highlights', 'intro'], intro, span(introBlocks));
    out.placed('intro', ['highlights', 'intro'], span(introBlocks), 'text before the first theme');
  }
  ctx.lastPart = 'highlights';
  const { own, parts } = splitNestedParts(section.children, ctx.language);
  own.forEach((theme, i) => buildTheme(theme, ['highlights', 'themes', i], ctx));
  for (const part of parts) ctx.handle(part, true);
}

export function buildTheme(theme: Section, path: Path, ctx: ReaderContext): void {
  const { out, source } = ctx;
  out.set([...path, 'title'], theme.title, theme.heading);
  out.mark(path, theme.heading);
  out.placed('theme', path, theme.heading, 'a sub-heading of highlights', theme.title);
  const textBlocks = allBlocks(theme).filter(isTextBlock);
  const text = source.paragraphs(textBlocks);
  if (text) out.set([...path, 'text'], text, span(textBlocks));
}

export function buildParticipation(section: Section, ctx: ReaderContext, reason: string): void {
  const textBlocks = section.blocks.filter(isTextBlock);
  ctx.out.set(['highlights', 'participation'], ctx.source.paragraphs(textBlocks), span(textBlocks) ?? section.heading);
  ctx.out.placed('part', ['highlights', 'participation'], section.heading, reason, section.title);
  for (const child of section.children) ctx.handle(child, true);
}
