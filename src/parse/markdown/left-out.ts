/**
 * What the reader leaves out, and says so: a pasted contents list (the report
 * makes its own) and closing lines that repeat the footer (the series and
 * website the report prints on every page).
 */
import type { List, ListItem, Root, RootContent } from 'mdast';
import { visit } from 'unist-util-visit';
import { toString } from 'mdast-util-to-string';
import { diagnostic, quote } from '../../diagnostics/message.js';
import { labelPack } from '../../i18n/locales.js';
import { normaliseHeading } from '../section-names.js';
import type { ReaderContext } from './context.js';
import type { Section } from './sections.js';
import { positionOf } from './tree.js';

const CONTENTS_PHRASES = ['contents', 'table of contents', 'toc'];

/** Is this heading a "Contents" part, in English or the notes' language? */
export function isContentsHeading(title: string, language: string | undefined): boolean {
  const words = normaliseHeading(title);
  const phrases = new Set([...CONTENTS_PHRASES, ...[labelPack('en'), labelPack(language)].map((p) => (p.labels.contents ?? '').toLowerCase())]);
  return phrases.has(words);
}

/** A list whose every item (numbering, links and page numbers aside) is a heading of the notes. */
export function isContentsList(block: RootContent, headings: ReadonlySet<string>): boolean {
  if (block.type !== 'list') return false;
  const items = flattenItems(block as List);
  return items.length >= 2 && items.every((item) => headings.has(normaliseHeading(item.replace(/[\s.·…]+\d+\s*$/u, ''))));
}

function flattenItems(list: List): string[] {
  return list.children.flatMap((item) =>
    item.children.flatMap((child) => (child.type === 'list' ? flattenItems(child) : child.type === 'paragraph' ? [toString(child)] : [toString(child)])),
  );
}

export function leaveOutContentsPart(section: Section, ctx: ReaderContext): void {
  ctx.out.placed('left-out', [], section.heading, 'a contents list: the report makes its own', section.title);
  ctx.out.report(
    diagnostic('contents-left-out', `The contents list under ${quote(section.title)} is left out; the report makes its own contents`, positionOf(section.heading), { severity: 'info' }),
  );
}

export function leaveOutContentsList(block: RootContent, ctx: ReaderContext): void {
  ctx.out.placed('left-out', [], block, 'a list of the notes’ own headings: the report makes its own contents');
  ctx.out.report(diagnostic('contents-left-out', 'A list of the notes’ own headings is left out; the report makes its own contents', positionOf(block), { severity: 'info' }));
}

/** Does the paragraph repeat the footer: a short line naming the series or the website? */
export function repeatsFooter(block: RootContent, footer: readonly string[]): boolean {
  if (block.type !== 'paragraph' || !footer.length) return false;
  const text = toString(block).toLowerCase().replace(/\s+/g, ' ').trim();
  return text.length > 0 && text.length <= 200 && footer.some((f) => text.includes(f));
}

/** The footer's words to look for: the series, and the website without its scheme or trailing slash. */
export function footerWords(front: Record<string, unknown>): string[] {
  const words: string[] = [];
  if (typeof front.series === 'string' && front.series.trim().length >= 4) words.push(front.series.trim().toLowerCase());
  if (typeof front.website === 'string') {
    const site = front.website.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/\/+$/, '');
    if (site.length >= 4) words.push(site);
  }
  return words;
}

export function leaveOutFooterLine(block: RootContent, ctx: ReaderContext): void {
  const line = ctx.source.inline(block);
  ctx.out.placed('left-out', [], block, 'repeats the footer', line);
  ctx.out.report(diagnostic('footer-left-out', `The closing line ${quote(line)} repeats the report’s footer and is left out`, positionOf(block), { severity: 'info' }));
}

/**
 * A task list's marks (`- [x] Share the slides`, `- [ ] Publish a brief`): the items are read as plain items, and
 * one info at the first says that the done and open marks are not printed.
 */
export function reportTaskMarks(tree: Root, ctx: ReaderContext): void {
  // (most notes have no task list: the tree is walked only when the text has a mark at a list item's start)
  if (!/^[ \t>]*(?:[-*+]|\d{1,9}[.)])[ \t]+\[[ xX]\]/m.test(ctx.source.text)) return;
  let first: ListItem | undefined;
  let count = 0;
  visit(tree, 'listItem', (item: ListItem) => {
    if (typeof item.checked !== 'boolean') return;
    first ??= item;
    count++;
  });
  if (!first) return;
  ctx.out.report(
    diagnostic('task-marks-left-out', `${count} list ${count === 1 ? 'item is' : 'items are'} marked done or open (\`[x]\`, \`[ ]\`); ${count === 1 ? 'it is' : 'they are'} printed as plain items, without the marks`, positionOf(first), {
      severity: 'info',
      note: 'Write what is done in the words of the item (`Shared the slides`) if the report should say so.',
    }),
  );
}
