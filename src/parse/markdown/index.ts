/**
 * Markdown notes -> the written notes object (`EventNotes` shape), with a map
 * from every value's path to its place in the file and a record of where each
 * block went.
 *
 * The stages, each in its own module:
 * tree.ts (remark) -> front-matter.ts -> sections.ts (nested sections by
 * heading) -> parts.ts (which part each section is) -> one builder per part
 * (summary.ts, highlights.ts, practices.ts, next-steps.ts, upcoming.ts,
 * resources.ts, contacts.ts, free-sections.ts), with closing.ts and left-out.ts
 * for what the reader leaves out or moves -> merge.ts (with the front matter).
 * Headings that name no part become free sections, kept in order, with a
 * warning. Nothing the author wrote is dropped silently.
 */
import { diagnostic, quote, type Diagnostic } from '../../diagnostics/message.js';
import { readDay } from '../canonical/dates.js';
import { pathKey, type ParsedNotes } from '../parsed-notes.js';
import { eventValue, notesLanguage } from '../canonical/keys.js';
import { classifyHeading } from '../section-names.js';
import { writeFreeSections } from './free-sections.js';
import { readFrontMatter } from './front-matter.js';
import { readerContext } from './parts.js';
import { splitSections } from './sections.js';
import { addStrayContacts, leaveOutBeforeReading } from './closing.js';
import { reportTaskMarks } from './left-out.js';
import { mergeWithFrontMatter, sameWords } from './merge.js';
import { warnPlaceholderLinks } from './placeholder-links.js';
import { addSummary } from './summary.js';
import { bodyStartOf, bulletEdits, bulletMessages, promotePlainHeadings, withMarkdownBullets } from './plain-lines.js';
import { promoteTitleLines, splitPastedLines } from './pasted-lines.js';
import { markInternalBlocks, markInternalSections } from './internal-marks.js';
import { isTextBlock, parseMarkdownTree, positionOf, tooDeepToRender } from './tree.js';
import { languageOfKeyLines, languageOfNotesHeadings, sayLanguageFromHeadings, sayLanguageFromKeyLines } from './notes-language.js';
import { readBoldTitle, readTitleBlock, titleBlockEdits } from './title-block.js';
import type { RootContent } from 'mdast';

export type { Placement, PlacementKind } from '../placement.js';
export { parseContact } from './contacts.js';
export { splitProjectTitle } from '../canonical/practice-line.js';
export { parseUpcomingItem } from './upcoming.js';
export { positionOf } from './tree.js';

/** More text blocks than this, and no part: a `no-parts` warning (a summary is a few paragraphs). */
const SUMMARY_ALONE_BLOCKS = 4;

export function parseMarkdownNotes(text: string): ParsedNotes {
  const pasted = withMarkdownBullets(text, bodyStartOf(text));
  const tree = parseMarkdownTree(pasted.text);
  const deep = tooDeepToRender(tree);
  if (deep) return deep;

  const front = readFrontMatter(text, tree);
  if (front.fatal) return { data: undefined, messages: front.messages, locate: front.locate };
  const messages: Diagnostic[] = [...front.messages, ...bulletMessages(pasted.bullets, text)];
  const declared = notesLanguage(front.data);
  const fromHeadings = declared === undefined ? languageOfNotesHeadings(tree, text) : undefined;
  // (no language said, and no headings' language: that of the event's key lines, `Datum:` and `Ort:`)
  const fromKeys = declared === undefined && fromHeadings === undefined ? languageOfKeyLines(tree, text) : undefined;
  const language = declared ?? fromHeadings ?? fromKeys?.language;
  const ctx = readerContext(text, language);
  const lines = splitPastedLines(tree.children[0]?.type === 'yaml' ? tree.children.slice(1) : tree.children, text, bodyStartOf(text));
  const plain = promotePlainHeadings(lines.blocks, (node) => ctx.source.inline(node), language, (node) => ctx.source.slice(node));
  const titles = lines.messages.length ? promoteTitleLines(plain.blocks, text) : { blocks: plain.blocks, messages: [] };
  messages.push(...lines.messages, ...plain.messages, ...titles.messages);
  const bodyBlocks = titles.blocks;
  messages.push(...markInternalBlocks(bodyBlocks, text, ctx.source.marks));

  const { out } = ctx;
  const { preamble, roots } = splitSections(bodyBlocks, ctx.source);

  // The first level-1 heading is the title, and its sections the top level; unless the front matter has the title
  // and the body is parts at level 1 (Word, Google Docs and pandoc exports), which are then parts.
  let topLevel = roots;
  const writtenTitle = eventValue(front.data, 'title', language);
  const frontTitle = typeof writtenTitle === 'string' ? writtenTitle : undefined;
  const first = roots[0];
  // (with no title in the front matter, level-1 headings of which the first names a part, `# Summary`, are parts
  // too: the title is then a line in bold at the top, as pandoc writes a Word document's title)
  const levelOneParts =
    first !== undefined &&
    roots.every((r) => r.depth === 1) &&
    (frontTitle !== undefined
      ? !sameWords(first.title, frontTitle) && (roots.length > 1 || classifyHeading(first.title, language) !== undefined)
      : roots.length > 1 && classifyHeading(first.title, language) !== undefined);
  if (first && first.depth === 1 && !levelOneParts) {
    // `Workshop on tourism – 8 October 2024, Matera (Italy)`: a date (and a place) closing the title heading are
    // the event's, when the notes give no date elsewhere.
    const facts = eventValue(front.data, 'date', language) === undefined ? titleFacts(first.title, language) : undefined;
    out.set(['title'], facts?.title ?? first.title, first.heading);
    out.placed('field', ['title'], first.heading, 'the first level-1 heading', facts?.title ?? first.title);
    if (facts) {
      out.set(['date'], facts.date, first.heading);
      out.placed('field', ['date'], first.heading, 'a date closing the title heading', facts.date);
      if (facts.place && eventValue(front.data, 'place', language) === undefined) {
        out.set(['place'], facts.place, first.heading);
        out.placed('field', ['place'], first.heading, 'a place after the date in the title heading', facts.place);
      }
      out.report(
        diagnostic('title-block-line', `The words ${quote(facts.written)} closing the title are read as the event's date${facts.place ? ' and place' : ''}`, positionOf(first.heading), {
          severity: 'info',
          note: 'Write them as `date:`' + (facts.place ? ' and `place:`' : '') + ' in the front matter to make this certain (`report fix` keeps the title as written).',
        }),
      );
    }
    preamble.push(...first.blocks);
    topLevel = [...first.children, ...roots.slice(1)];
  }
  // (the title's heading cannot be internal: the report is not made without its title)
  markInternalSections(topLevel, ctx.source.marks);
  topLevel = leaveOutBeforeReading(preamble, topLevel, front.data, ctx);
  const untitled = frontTitle === undefined && out.get(['title']) === undefined;
  const factBlocks: RootContent[] = [];
  const summaryText = readTitleBlock(untitled ? readBoldTitle(preamble, ctx, factBlocks) : preamble, ctx, factBlocks, eventValue(front.data, 'subtitle', language) === undefined);
  if (summaryText.length) addSummary(summaryText, summaryText[0]!, ctx, 'text before the first part');
  if (fromHeadings !== undefined) sayLanguageFromHeadings(fromHeadings, topLevel, ctx);
  else if (fromKeys !== undefined) sayLanguageFromKeyLines(fromKeys, topLevel, ctx);
  // A body with nothing but a long summary was most likely written in a way the reader does not know: say so.
  const summaryBlocks = summaryText.filter(isTextBlock);
  if (topLevel.length === 0 && summaryBlocks.length > SUMMARY_ALONE_BLOCKS) {
    out.report(
      diagnostic('no-parts', `No heading of the body names a part: all of its ${summaryBlocks.length} blocks are read as the summary`, positionOf(summaryBlocks[0]!), {
        severity: 'warning',
        note: 'Start each part with a heading (`## Highlights`, `## Good practices`, `## Next steps` …); `report explain` shows what was read',
      }),
    );
  }

  for (const section of topLevel) ctx.handle(section, false);
  addStrayContacts(ctx);
  writeFreeSections(ctx);
  warnPlaceholderLinks(bodyBlocks, ctx);
  reportTaskMarks(tree, ctx);
  messages.push(...out.messages);

  const data = mergeWithFrontMatter(front, ctx, messages);

  const locate: ParsedNotes['locate'] = (path, target = 'value') => {
    if (path.length === 0) return front.place ?? { start: { line: 1, column: 1, offset: 0 } };
    if (Object.hasOwn(front.data, String(path[0]))) return front.locate(path, target);
    for (let n = path.length; n >= 0; n--) {
      const place = out.places.get(pathKey(path.slice(0, n)));
      if (place) return place;
    }
    return undefined;
  };
  // (pasted one paragraph per line, the lines are headings only as read line by line: fix leaves those as written)
  const edits = [...bulletEdits(pasted.bullets), ...(lines.messages.length ? [] : plain.edits), ...titleBlockEdits(text, factBlocks, out, front.data)];
  return { data, messages, locate, placements: out.placements, ...(edits.length ? { edits } : {}) };
}

/**
 * A title heading closed by a date and maybe a place, after a dash or in brackets (`Workshop – 8 ottobre 2024,
 * Matera (Italia)`, `Webinar (12 March 2025)`): the title before them, the date and the place as written; else
 * undefined (the words must read as a date, or it is all title).
 */
function titleFacts(heading: string, language: string | undefined): { title: string; date: string; place?: string; written: string } | undefined {
  const split = /^(.+?)\s+[–—-]\s+([^–—]+)$/u.exec(heading) ?? /^(.+?)\s*\(([^()]+(?:\([^()]*\))?[^()]*)\)$/u.exec(heading);
  if (!split) return undefined;
  const [, title, tail] = split as unknown as [string, string, string];
  const isDate = (text: string) => {
    const reading = readDay(text.trim(), language);
    return reading !== undefined && 'ok' in reading;
  };
  if (isDate(tail)) return { title: title.trim(), date: tail.trim(), written: tail.trim() };
  // `8 ottobre 2024, Matera (Italia)`: the date, then the place after its comma.
  const comma = tail.indexOf(',');
  if (comma > 0 && isDate(tail.slice(0, comma)) && tail.slice(comma + 1).trim()) return { title: title.trim(), date: tail.slice(0, comma).trim(), place: tail.slice(comma + 1).trim(), written: tail.trim() };
  return undefined;
}
