/**
 * Which part each section is, and the builder that reads it. A heading names
 * a part by its words (src/parse/section-names.ts); anything else, and a part
 * written twice, is a free section.
 */
import type { Heading, List } from 'mdast';
import { readActivityLine } from '../canonical/activity-line.js';
import { diagnostic, quote } from '../../diagnostics/message.js';
import type { PartName } from '../../i18n/locales.js';
import { matchHeading, NESTABLE_PARTS } from '../section-names.js';
import { BodyWriter } from './body.js';
import { buildContacts } from './contacts.js';
import type { ReaderContext } from './context.js';
import { addFreeSection } from './free-sections.js';
import { buildHighlights, buildParticipation } from './highlights.js';
import { buildNextSteps } from './next-steps.js';
import { buildPractices } from './practices.js';
import { buildResources } from './resources.js';
import type { Section } from './sections.js';
import { buildSummary } from './summary.js';
import { buildUpcoming } from './upcoming.js';
import { positionOf, Source } from './tree.js';

/** Parts as a person names them, for messages. */
export const PART_WORDS: Record<PartName, string> = {
  summary: 'summary',
  highlights: 'highlights',
  participation: 'participation',
  practices: 'good practices',
  nextSteps: 'next steps',
  upcoming: 'upcoming activities',
  resources: 'resources',
  contacts: 'contacts',
};

type Builder = (section: Section, ctx: ReaderContext, reason: string) => void;

const BUILDERS: Record<PartName, Builder> = {
  summary: (section, ctx) => buildSummary(section, ctx),
  highlights: buildHighlights,
  participation: buildParticipation,
  practices: buildPractices,
  nextSteps: buildNextSteps,
  upcoming: buildUpcoming,
  resources: buildResources,
  contacts: buildContacts,
};

/**
 * Whether a section is a list (or lists) of activities, and nothing else: every item names a year (`June 2025:
 * Policy brief`, `Autumn 2025 — workshop`) and at least one reads as a whole date.
 */
function readsAsActivities(section: Section, ctx: ReaderContext): boolean {
  if (section.children.length) return false;
  let items = 0;
  let dated = 0;
  for (const block of section.blocks) {
    if (block.type === 'html') continue;
    if (block.type !== 'list') return false;
    for (const item of (block as List).children) {
      const text = ctx.source.itemText(item);
      if (readActivityLine(text, ctx.language).date !== undefined) dated++;
      else if (!/(?<!\d)(?:19|20)\d\d(?!\d)/.test(text)) return false;
      items++;
    }
  }
  return dated > 0;
}

/** A reader over `text` writing into `out`: `handle` places each section in its part. */
export function readerContext(text: string, language: string | undefined, out = new BodyWriter()): ReaderContext & { seenParts: Map<PartName, Heading> } {
  const seenParts = new Map<PartName, Heading>();
  const ctx: ReaderContext & { seenParts: Map<PartName, Heading> } = {
    source: new Source(text, out.marks),
    language,
    out,
    lastPart: 'start',
    seenParts,
    handle(section, nested) {
      const match = matchHeading(section.title, language);
      const part = match?.part;
      if (!part || (nested && !NESTABLE_PARTS.has(part))) return addFreeSection(section, 'unknown', ctx);
      const earlier = seenParts.get(part);
      if (earlier && part === 'nextSteps' && !seenParts.has('upcoming') && readsAsActivities(section, ctx)) {
        // `## Recommendations` and then `## What's next` listing dated events: the second is the calendar.
        seenParts.set('upcoming', section.heading);
        out.report(
          diagnostic('part-by-content', `Heading ${quote(section.title)} is read as the upcoming activities: the next steps are on line ${earlier.position?.start.line}, and its items are dated activities`, positionOf(section.heading), {
            severity: 'info',
            note: 'Name the part `Upcoming activities` (or the words of your notes’ language) to make this certain.',
          }),
        );
        return buildUpcoming(section, ctx, `heading ${JSON.stringify(section.title)}, a second next steps part whose items are dated activities`);
      }
      if (earlier) {
        out.report(
          diagnostic('duplicate-part', `Expected one ${PART_WORDS[part]} section, but found a second one (the first is on line ${earlier.position?.start.line})`, positionOf(section.heading), {
            note: 'Its content is kept as a free section.',
          }),
        );
        return addFreeSection(section, 'duplicate', ctx);
      }
      seenParts.set(part, section.heading);
      if (match.by === 'word') {
        // An info, not a warning: the phrase ends the heading's main words (the reference report's "Policy Learning
        // Platform Policy briefs and articles"), so the reading is all but certain; it is still said, at its line.
        out.report(
          diagnostic('heading-matched-by-word', `Heading ${quote(section.title)} is read as the ${PART_WORDS[part]} part by its words ${quote(match.phrase)}`, positionOf(section.heading), {
            severity: 'info',
            note: 'Start the heading with the part’s name to make this certain, or rename it if it is not that part.',
          }),
        );
      }
      BUILDERS[part](section, ctx, match.by === 'word' ? `heading ${JSON.stringify(section.title)}, by its words "${match.phrase}"` : `heading ${JSON.stringify(section.title)}`);
    },
  };
  return ctx;
}
