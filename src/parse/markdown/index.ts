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
import type { RootContent } from 'mdast';
import { diagnostic, quote, type Diagnostic } from '../../diagnostics/message.js';
import type { PartName } from '../../i18n/locales.js';
import { MARKDOWN_LIMITS, tooDeep } from '../complexity.js';
import { pathKey, type ParsedNotes } from '../parsed-notes.js';
import { classifyHeading, normaliseHeading } from '../section-names.js';
import type { Notes } from './body.js';
import { writeFreeSections } from './free-sections.js';
import { readFrontMatter } from './front-matter.js';
import { readerContext } from './parts.js';
import { splitSections } from './sections.js';
import { footerWords, isContentsHeading, isContentsList, leaveOutContentsList, leaveOutContentsPart, leaveOutFooterLine, repeatsFooter } from './left-out.js';
import { warnPlaceholderLinks } from './placeholder-links.js';
import { contactEntries, takeStrayContacts } from './stray-contacts.js';
import type { ReaderContext } from './context.js';
import type { Section } from './sections.js';
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

  // The first level-1 heading is the title, and its sections the top level; unless the front matter has the title
  // and the body is parts at level 1 (Word, Google Docs and pandoc exports), which are then parts.
  let topLevel = roots;
  const frontTitle = typeof front.data.title === 'string' ? front.data.title : undefined;
  const first = roots[0];
  const levelOneParts =
    frontTitle !== undefined &&
    first !== undefined &&
    !sameWords(first.title, frontTitle) &&
    roots.every((r) => r.depth === 1) &&
    (roots.length > 1 || classifyHeading(first.title, language) !== undefined);
  if (first && first.depth === 1 && !levelOneParts) {
    out.set(['title'], first.title, first.heading);
    out.placed('field', ['title'], first.heading, 'the first level-1 heading', first.title);
    preamble.push(...first.blocks);
    topLevel = [...first.children, ...roots.slice(1)];
  }
  topLevel = leaveOutBeforeReading(preamble, topLevel, front.data, ctx);
  if (preamble.length) addSummary(preamble, preamble[0]!, ctx, 'text before the first part');

  for (const section of topLevel) ctx.handle(section, false);
  addStrayContacts(ctx);
  writeFreeSections(ctx);
  warnPlaceholderLinks(bodyBlocks, ctx);
  messages.push(...out.messages);

  // Merge: front matter facts + body parts. A thing written twice with the same value is merged (with a warning);
  // with two different values it is an error that shows both, never an overwrite.
  const data: Notes = { ...front.data };
  for (const [key, value] of Object.entries(out.body)) {
    if (!Object.hasOwn(front.data, key)) {
      data[key] = value;
      continue;
    }
    const bodyPlace = positionOf(ctx.seenParts.get(key as PartName) ?? {}) ?? out.places.get(pathKey([key])) ?? front.locate([key], 'key');
    const frontLine = front.locate([key], 'key')?.start.line;
    if (sameValue(front.data[key], value)) {
      messages.push(
        diagnostic('same-value-twice', `${quote(key)} is written in the front matter (line ${frontLine}) and again in the body with the same value; the two are one`, bodyPlace, {
          severity: 'warning',
          note: 'Keep one of them.',
        }),
      );
      continue;
    }
    messages.push(
      diagnostic('duplicate-part', `${quote(key)} is set in the front matter and again in the body; keep one`, bodyPlace, {
        note: `Front matter (line ${frontLine}): ${quote(preview(front.data[key]))}; body: ${quote(preview(value))}.`,
      }),
    );
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

const sameWords = (a: string, b: string): boolean => a.replace(/\s+/g, ' ').trim().toLowerCase() === b.replace(/\s+/g, ' ').trim().toLowerCase();

/** Equal as data: the same strings, numbers, lists and mappings (key order aside). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'string' && typeof b === 'string') return sameWords(a, b);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && sameValue((a as Notes)[k], (b as Notes)[k]));
  }
  return false;
}

/** A value on one line, for a message. */
function preview(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 80 ? line.slice(0, 79) + '…' : line;
}

/**
 * Before the parts are read: a pasted contents list is left out, and at the very end of the notes, closing lines
 * that repeat the footer are left out and lines with e-mail addresses after the last part are taken as contacts.
 * Returns the top-level sections to read.
 */
function leaveOutBeforeReading(preamble: RootContent[], topLevel: Section[], front: Notes, ctx: ReaderContext): Section[] {
  const headings = new Set<string>();
  const collect = (sections: readonly Section[]): void => sections.forEach((s) => (headings.add(normaliseHeading(s.title)), collect(s.children)));
  collect(topLevel);
  const kept = topLevel.filter((section) => {
    if (!isContentsHeading(section.title, ctx.language)) return true;
    leaveOutContentsPart(section, ctx);
    return false;
  });
  for (let i = preamble.length - 1; i >= 0; i--) {
    if (isContentsList(preamble[i]!, headings)) {
      leaveOutContentsList(preamble[i]!, ctx);
      preamble.splice(i, 1);
    }
  }

  // The deepest last section, and whether it stands in a contacts part.
  let last = kept[kept.length - 1];
  let inContacts = false;
  while (last) {
    if (classifyHeading(last.title, ctx.language) === 'contacts') inContacts = true;
    if (!last.children.length) break;
    last = last.children[last.children.length - 1];
  }
  const trailing = last?.blocks ?? preamble;
  const footer = footerWords(front);
  const strays: RootContent[] = [];
  let removed = 0;
  for (; trailing.length; removed++) {
    const block = trailing[trailing.length - 1]!;
    if (repeatsFooter(block, footer)) leaveOutFooterLine(block, ctx);
    else if (block.type === 'thematicBreak' && removed > 0) ctx.out.placed('left-out', [], block, 'a rule before the closing lines');
    else if (last && !inContacts && contactEntries(block, ctx)) strays.unshift(block);
    else break;
    trailing.pop();
  }
  for (const block of strays) takeStrayContacts(contactEntries(block, ctx)!, 'after the last part', ctx);
  return kept;
}

/** Contacts found outside the contacts part join it (or make it). */
function addStrayContacts(ctx: ReaderContext): void {
  const { out } = ctx;
  if (!out.strayContacts.length) return;
  const contacts = (out.get(['contacts']) as Notes[] | undefined) ?? [];
  for (const { contact, node } of out.strayContacts) {
    out.place(['contacts', contacts.length], node);
    out.placed('contact', ['contacts', contacts.length], node, 'a line with an e-mail address outside a contacts part', contact.name as string);
    contacts.push(contact);
  }
  out.set(['contacts'], contacts, undefined);
  if (!out.places.has('contacts')) out.place(['contacts'], out.strayContacts[0]!.node);
}
