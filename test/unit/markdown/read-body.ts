/** Runs one part builder on the first section of a Markdown string, as the reader would. */
import { readerContext } from '../../../src/parse/markdown/parts.js';
import { splitSections, type Section } from '../../../src/parse/markdown/sections.js';
import type { ReaderContext } from '../../../src/parse/markdown/context.js';
import { parseMarkdownTree } from '../../../src/parse/markdown/tree.js';

export function readBody(markdown: string, build: (section: Section, ctx: ReaderContext, reason: string) => void, language?: string) {
  const ctx = readerContext(markdown, language);
  const { roots } = splitSections(parseMarkdownTree(markdown).children, ctx.source);
  build(roots[0]!, ctx, 'test');
  return { body: ctx.out.body as Record<string, any>, messages: ctx.out.messages, placements: ctx.out.placements, ctx };
}
