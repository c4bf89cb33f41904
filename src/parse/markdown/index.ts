/**
 * Markdown notes -> the written notes object (`EventNotes` shape), with a map
 * from every value's path to its place in the file and a record of where each
 * block went.
 *
 * The stages, each in its own module:
 * tree.ts (remark) -> front-matter.ts -> sections.ts (nested sections by
 * heading) -> parts.ts (which part each section is) -> one builder per part
 * (summary.ts, highlights.ts, practices.ts, next-steps.ts, upcoming.ts,
 * resources.ts, contacts.ts, free-sections.ts) -> merge with the front matter.
 * Headings that name no part become free sections, kept in order, with a
 * warning. Nothing the author wrote is dropped silently.
 */
import { diagnostic, quote, type Diagnostic } from '../../diagnostics/message.js';
import type { PartName } from '../../i18n/locales.js';
import { MARKDOWN_LIMITS, tooDeep } from '../complexity.js';
import { pathKey, type ParsedNotes } from '../parsed-notes.js';
import type { Notes } from './body.js';
import { writeFreeSections } from './free-sections.js';
import { readFrontMatter } from './front-matter.js';
import { readerContext } from './parts.js';
import { splitSections } from './sections.js';
import { addSummary } from './summary.js';
import { parseMarkdownTree, positionOf } from './tree.js';

export type { Placement, PlacementKind } from '../placement.js';
export { parseContact } from './contacts.js';
export { splitProjectTitle } from './practices.js';
export { parseUpcomingItem } from './upcoming.js';
export { positionOf } from './tree.js';

export function parseMarkdownNotes(text: string): ParsedNotes {
  const tree = parseMarkdownTree(text);
  const deep = tooDeep(tree as never);
  if (deep) {
    return {
      data: undefined,
      messages: [diagnostic('markdown-depth', `Lists, quotes or emphasis nested more than ${MARKDOWN_LIMITS.maxDepth} levels deep cannot be rendered`, positionOf(deep as { position?: unknown }), { fatal: true })],
      locate: () => undefined,
    };
  }

  const front = readFrontMatter(text, tree);
  if (front.fatal) return { data: undefined, messages: front.messages, locate: front.locate };
  const messages: Diagnostic[] = [...front.messages];
  const language = typeof front.data.language === 'string' ? front.data.language : undefined;
  const bodyBlocks = tree.children[0]?.type === 'yaml' ? tree.children.slice(1) : tree.children;

  const ctx = readerContext(text, language);
  const { out } = ctx;
  const { preamble, roots } = splitSections(bodyBlocks, ctx.source);

  // A single level-1 heading is the title; its sections are the top level.
  let topLevel = roots;
  if (roots.length >= 1 && roots[0]!.depth === 1) {
    const titleSection = roots[0]!;
    out.set(['title'], titleSection.title, titleSection.heading);
    out.placed('field', ['title'], titleSection.heading, 'the first level-1 heading', titleSection.title);
    preamble.push(...titleSection.blocks);
    topLevel = [...titleSection.children, ...roots.slice(1)];
  }
  if (preamble.length) addSummary(preamble, preamble[0]!, ctx, 'text before the first part');

  for (const section of topLevel) ctx.handle(section, false);
  writeFreeSections(ctx);
  messages.push(...out.messages);

  // Merge: front matter facts + body parts; a part written twice is an error, never an overwrite.
  const data: Notes = { ...front.data };
  for (const [key, value] of Object.entries(out.body)) {
    if (Object.hasOwn(front.data, key)) {
      messages.push(
        diagnostic(
          'duplicate-part',
          `${quote(key)} is set in the front matter and again in the body; keep one`,
          positionOf(ctx.seenParts.get(key as PartName) ?? {}) ?? out.places.get(pathKey([key])) ?? front.locate([key], 'key'),
        ),
      );
      continue;
    }
    data[key] = value;
  }

  const locate: ParsedNotes['locate'] = (path, target = 'value') => {
    if (path.length === 0) return front.place ?? { start: { line: 1, column: 1, offset: 0 } };
    if (Object.hasOwn(front.data, String(path[0]))) return front.locate(path, target);
    for (let n = path.length; n >= 0; n--) {
      const place = out.places.get(pathKey(path.slice(0, n)));
      if (place) return place;
    }
    return undefined;
  };
  return { data, messages, locate, placements: out.placements };
}
