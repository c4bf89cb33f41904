/**
 * Highlights: an introduction, then one theme per sub-heading (its text, with
 * the speakers in bold), and participation.
 */
import type { List, RootContent } from 'mdast';
import type { Notes, Path } from './body.js';
import { keyParagraph, keyWordsFor } from './key-lines.js';
import type { ReaderContext } from './context.js';
import { buildPartWithItems } from './part-with-items.js';
import { allBlocks, type Section } from './sections.js';
import { isTextBlock, span } from './tree.js';
import { readPerson, splitPeople } from '../canonical/people.js';

export function buildHighlights(section: Section, ctx: ReaderContext, reason: string): void {
  buildPartWithItems(section, ctx, reason, { part: 'highlights', items: 'themes', itemWord: 'theme', buildItem: buildTheme });
}

export function buildTheme(theme: Section, path: Path, ctx: ReaderContext): void {
  const { out, source } = ctx;
  out.set([...path, 'title'], theme.title, theme.heading);
  out.mark(path, theme.heading);
  out.placed('theme', path, theme.heading, 'a sub-heading of highlights', theme.title);
  out.markInternal(path, theme.heading);
  const words = keyWordsFor(ctx.language, 'theme');
  const blocks = allBlocks(theme);
  const textBlocks: RootContent[] = [];
  const speakers: Notes[] = [];
  let speakersAt: RootContent | undefined;
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    // (an internal paragraph of a theme that is not is text, between internal marks: a speaker cannot be internal there)
    const keys = block.type === 'paragraph' && source.marks.has(block) === source.marks.has(theme.heading) ? keyParagraph(block, source, words) : undefined;
    // A paragraph of `Speakers:` lines only (a `Word:` line of another kind keeps it text).
    if (keys && !keys.unknown.length) {
      for (const line of keys.keys) for (const value of splitPeople(line.value)) speakers.push(readPerson(value));
      const next = blocks[i + 1];
      if (keys.takesList && next && next.type === 'list') {
        for (const item of (next as List).children) speakers.push({ ...readPerson(source.itemText(item)), ...out.internalFlag(item) });
        i++;
      }
      speakersAt ??= block;
      out.placed('field', [...path, 'speakers'], block, `line ${JSON.stringify(keys.keys[0]!.line.trim())}`);
      continue;
    }
    if (isTextBlock(block)) textBlocks.push(block);
  }
  if (speakers.length) out.set([...path, 'speakers'], speakers, speakersAt);
  const text = source.paragraphs(textBlocks);
  if (text) out.set([...path, 'text'], text, span(textBlocks));
}

export function buildParticipation(section: Section, ctx: ReaderContext, reason: string): void {
  const textBlocks = section.blocks.filter(isTextBlock);
  ctx.out.set(['highlights', 'participation'], ctx.source.paragraphs(textBlocks), span(textBlocks) ?? section.heading);
  ctx.out.placed('part', ['highlights', 'participation'], section.heading, reason, section.title);
  for (const child of section.children) ctx.handle(child, true);
}
