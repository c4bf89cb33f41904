/**
 * Free sections: headings that name no part, and parts written twice. Their
 * Markdown is kept as written, printed after the part they follow.
 */
import type { RootContent } from 'mdast';
import { diagnostic, quote } from '../../diagnostics/message.js';
import { didYouMean } from '../../diagnostics/suggest.js';
import { knownHeadingPhrases } from '../section-names.js';
import type { ReaderContext } from './context.js';
import { allBlocks, type Section } from './sections.js';
import { positionOf, span } from './tree.js';

export function addFreeSection(section: Section, reason: 'unknown' | 'duplicate', ctx: ReaderContext): void {
  const content = allBlocks(section);
  const bodyPlace = span(content) ? positionOf(span(content)!) : undefined;
  const index = ctx.out.freeSections.length;
  ctx.out.freeSections.push({ title: section.title, body: ctx.source.raw(content), after: ctx.lastPart, heading: section.heading, ...ctx.out.internalFlag(section.heading), ...(bodyPlace ? { bodyPlace } : {}) });
  ctx.out.placed('free-section', ['sections', index], section.heading, reason === 'unknown' ? 'heading names no part' : 'a second section for a part', section.title);
  if (reason === 'unknown') {
    const guess = didYouMean(
      section.title.toLowerCase(),
      knownHeadingPhrases(ctx.language).map((p) => p.phrase),
    );
    ctx.out.report(
      diagnostic('unknown-heading', `Heading ${quote(section.title)} is not a known part of a report; it is kept as a free section`, positionOf(section.heading), {
        severity: 'warning',
        ...(guess ? { note: `Did you mean ${quote(guess)}?` } : {}),
      }),
    );
  }
}

/** A block a part cannot hold (a paragraph among activities), kept as a free section under the part's heading. */
export function keepAsFreeSection(block: RootContent, section: Section, ctx: ReaderContext): void {
  const index = ctx.out.freeSections.length;
  ctx.out.freeSections.push({ title: section.title, body: ctx.source.raw([block]), after: ctx.lastPart, heading: section.heading, ...ctx.out.internalFlag(block) });
  ctx.out.placed('free-section', ['sections', index], block, `text the ${section.title} part cannot hold`, section.title);
}

/** Writes the free sections collected so far as `sections`. */
export function writeFreeSections(ctx: ReaderContext): void {
  const { out } = ctx;
  if (!out.freeSections.length) return;
  const list = out.freeSections.map((f, i) => {
    out.place(['sections', i], f.heading);
    out.place(['sections', i, 'title'], f.heading);
    if (f.bodyPlace) out.places.set(`sections/${i}/body`, f.bodyPlace);
    return { title: f.title, body: f.body, after: f.after, ...(f.internal ? { internal: true } : {}) };
  });
  out.set(['sections'], list, undefined);
}
