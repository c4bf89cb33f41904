/**
 * Highlights: an introduction, then one theme per sub-heading (its text, with
 * the speakers in bold), and participation.
 */
import type { List, Paragraph, RootContent } from 'mdast';
import type { Notes, Path } from './body.js';
import { keyLine, keyOfWord, keyParagraph, keyWordsFor } from './key-lines.js';
import { linesAsBlocks, paragraphLines, titleLine, type ParagraphLine } from './paragraph-lines.js';
import { diagnostic } from '../../diagnostics/message.js';
import type { ReaderContext } from './context.js';
import { buildPartWithItems } from './part-with-items.js';
import { allBlocks, type Section } from './sections.js';
import { isTextBlock, positionOf, span } from './tree.js';
import { readPerson, splitPeople } from '../canonical/people.js';

export function buildHighlights(section: Section, ctx: ReaderContext, reason: string): void {
  const leadItems = (part: Section, c: ReaderContext) => {
    const listed = themeLists(part, c);
    if (listed.count) return listed;
    const bold = themeBoldParagraphs(part, c);
    return bold.count ? bold : themeParagraphs(part, c);
  };
  buildPartWithItems(section, ctx, reason, { part: 'highlights', items: 'themes', itemWord: 'theme', buildItem: buildTheme, leadItems });
}

/** `**Digital innovation hubs**: EDIHs should … (Speaker: Anna Gruber, SFG)`: a title in bold, its text after it. */
const BOLD_LEAD = /^(?:\*\*|__)(?!\s)([^*_]{1,150}?)(?::)?(?:\*\*|__)\s*(?:[:–—-]\s*)?(\S[\s\S]*)$/u;
/** A paragraph that opens with a title in bold closed by a full stop or a colon (`**Grid expansion.** …`, `**Skills**: …`): a name in bold opening a sentence (`**Laura Bianchi** (EIB) said …`) is not one. */
const BOLD_TITLE_LEAD = /^(?:\*\*|__)(?!\s)([^*_]{1,150}?)(?:[.:](?:\*\*|__)|(?:\*\*|__)[.:])\s*(\S[\s\S]*)$/u;
/** A paragraph that is only a title in bold (`**Financing is the bottleneck**`, a colon or full stop allowed). */
const BOLD_ALONE = /^(?:\*\*|__)(?!\s)([^*_\n]{1,150}?)[:.]?(?:\*\*|__)[:.]?$/u;

/**
 * Highlights written as a list of themes, no sub-headings (`- **Skills**: SMEs need short courses.`): each item
 * whose text starts with a title in bold is a theme, a `(Speaker: …)` at its end its speakers. Only a list whose
 * every item is written so; one info for the list.
 */
function themeLists(section: Section, ctx: ReaderContext): { taken: RootContent[]; count: number } {
  const taken: RootContent[] = [];
  let count = 0;
  if (section.children.length > 0) return { taken, count };
  for (const block of section.blocks) {
    if (block.type !== 'list') continue;
    // An item is a theme in one paragraph (`**Skills**: SMEs need …`), or a title alone in bold with the theme's
    // paragraphs (its `Speakers:` line among them) below it in the item, as Word's numbered lists are exported.
    const items = (block as List).children.map((item) =>
      item.children.length === 1 && item.children[0]!.type === 'paragraph'
        ? BOLD_LEAD.exec(ctx.source.itemText(item))
        : item.children.length > 1 && item.children[0]!.type === 'paragraph'
          ? BOLD_ALONE.exec(ctx.source.slice(item.children[0]!).trim())
          : null,
    );
    if (!items.length || items.some((m) => !m)) continue;
    taken.push(block);
    (block as List).children.forEach((item, i) => {
      if (item.children.length > 1) {
        const [first, ...rest] = item.children;
        buildTheme({ heading: first as never, title: items[i]![1]!.trim(), depth: section.depth + 1, blocks: rest as RootContent[], children: [] }, ['highlights', 'themes', count++], ctx, 'a list item in bold under highlights, its text below');
        return;
      }
      const [, title, rest] = items[i]!;
      oneParagraphTheme(item, title!, rest!, ['highlights', 'themes', count++], ctx, 'a list item in bold under highlights');
    });
    ctx.out.report(
      diagnostic('theme-list', `The list is read as ${items.length} ${items.length === 1 ? 'theme' : 'themes'}, one per item, each named by its words in bold`, positionOf(block), {
        severity: 'info',
        note: 'Or give each theme a sub-heading of its own (`### Skills`)',
      }),
    );
  }
  return { taken, count };
}

/** A theme written in one paragraph or list item: its title in bold, its text after it, `(Speaker: …)` at the end. */
function oneParagraphTheme(node: RootContent | List['children'][number], title: string, rest: string, path: Path, ctx: ReaderContext, reason: string): void {
  const { out } = ctx;
  const words = keyWordsFor(ctx.language, 'theme');
  out.mark(path, node);
  out.set([...path, 'title'], title.trim().replace(/[.:]$/u, ''), node);
  out.placed('theme', path, node, reason, title.trim());
  if (out.marks.has(node)) out.set([...path, 'internal'], true, node);
  const speakers = /\s*\(([^():]{2,40}):\s*([^()]+)\)\s*\.?$/u.exec(rest);
  const key = speakers ? keyOfWord(speakers[1]!, words) : undefined;
  const text = key === 'speakers' ? rest.slice(0, speakers!.index).trim() : rest.trim();
  if (key === 'speakers') out.set([...path, 'speakers'], splitPeople(speakers![2]!).map(readPerson), node);
  if (text) out.set([...path, 'text'], text, node);
}

/**
 * Highlights as paragraphs that each open with a title in bold (`**Grid expansion.** Dr. Vollmer presented …`), no
 * sub-headings and no lists, as Word documents and e-mails write them: from the first such paragraph on, each is a
 * theme (two or more, every paragraph after the first one so written); the paragraphs before them stay the
 * introduction. One info.
 */
function themeBoldParagraphs(section: Section, ctx: ReaderContext): { taken: RootContent[]; count: number } {
  const none = { taken: [], count: 0 };
  if (section.children.length > 0) return none;
  const blocks = section.blocks.filter(isTextBlock);
  if (blocks.some((b) => b.type !== 'paragraph' || ctx.source.marks.touches(b))) return none;
  const leads = blocks.map((b) => BOLD_TITLE_LEAD.exec(ctx.source.slice(b).trim()));
  const first = leads.findIndex((lead) => lead !== null);
  const themes = first < 0 ? [] : blocks.slice(first);
  if (themes.length < 2 || leads.slice(first).some((lead) => !lead)) return none;
  themes.forEach((block, i) => {
    const [, title, rest] = leads[first + i]!;
    oneParagraphTheme(block, title!, rest!.replace(/\s*\n\s*/g, ' '), ['highlights', 'themes', i], ctx, 'a paragraph under highlights opening with its title in bold');
  });
  ctx.out.report(
    diagnostic('theme-paragraphs', `The paragraphs are read as ${themes.length} themes, each named by its words in bold`, positionOf(themes[0]!), {
      severity: 'info',
      note: 'Or give each theme a sub-heading of its own (`### Theme`)',
    }),
  );
  return { taken: themes, count: themes.length };
}

/**
 * Highlights pasted as plain text, no sub-headings and no lists: every paragraph a title on its first line (a few
 * words, no full stop) and the theme below it, one of them with a `Speakers:` line. Each paragraph is a theme read
 * as under a sub-heading; one info. Anything else (prose) stays the introduction.
 */
function themeParagraphs(section: Section, ctx: ReaderContext): { taken: RootContent[]; count: number } {
  const none = { taken: [], count: 0 };
  if (section.children.length > 0) return none;
  const words = keyWordsFor(ctx.language, 'theme');
  const blocks = section.blocks.filter(isTextBlock);
  if (blocks.length === 0 || blocks.some((b) => b.type !== 'paragraph' || ctx.source.marks.touches(b))) return none;
  const themes = blocks.map((b) => paragraphLines(b as Paragraph, ctx.source));
  const titled = (lines: ParagraphLine[]) => lines.length >= 2 && /^\S.{0,80}$/u.test(lines[0]!.text.trim()) && !/[.!?;:,]$/u.test(lines[0]!.text.trim()) && lines[0]!.text.trim().split(/\s+/).length <= 12 && keyLine(lines[0]!.text, words)?.key === undefined;
  if (!themes.every(titled) || !themes.some((lines) => lines.slice(1).some((l) => keyLine(l.text, words)?.key === 'speakers'))) return none;
  themes.forEach((lines, i) => {
    const [first, ...rest] = lines;
    buildTheme({ heading: titleLine(first!, blocks[i] as Paragraph), title: first!.text.trim(), depth: section.depth + 1, blocks: linesAsBlocks(rest, words, ctx.source), children: [] }, ['highlights', 'themes', i], ctx, 'a paragraph under highlights whose first line is its title');
  });
  ctx.out.report(
    diagnostic('theme-paragraphs', `The paragraphs are read as ${themes.length} ${themes.length === 1 ? 'theme' : 'themes'}, each named by its first line`, positionOf(blocks[0]!), {
      severity: 'info',
      note: 'Or give each theme a sub-heading of its own (`### Theme`)',
    }),
  );
  return { taken: blocks, count: themes.length };
}

export function buildTheme(theme: Section, path: Path, ctx: ReaderContext, reason = 'a sub-heading of highlights'): void {
  const { out, source } = ctx;
  const words = keyWordsFor(ctx.language, 'theme');
  // `### Drought planning — Speaker: Laura Gómez (Ebro Basin Authority)`, `### Skills (Speakers: A, B)`: the speakers
  // named at the end of the heading are the theme's, the words before them its title.
  const named = /^(.+?)\s*\(([^:()]{2,30}):\s*([^()]+(?:\([^()]*\)[^()]*)*)\)$/u.exec(theme.title) ?? /^(.+?)(?:\s+[–—|-]\s+|,\s+)([^:()]{2,30}):\s*(.+)$/u.exec(theme.title);
  const inHeading = named && keyOfWord(named[2]!, words) === 'speakers' ? named : undefined;
  const title = inHeading ? inHeading[1]!.trim() : theme.title;
  out.set([...path, 'title'], title, theme.heading);
  out.mark(path, theme.heading);
  out.placed('theme', path, theme.heading, reason, title);
  out.markInternal(path, theme.heading);
  const blocks = allBlocks(theme);
  const textBlocks: RootContent[] = [];
  const speakers: Notes[] = inHeading ? splitPeople(inHeading[3]!).map(readPerson) : [];
  if (inHeading) out.placed('field', [...path, 'speakers'], theme.heading, `the heading's words ${JSON.stringify(`${inHeading[2]}: ${inHeading[3]}`)}`);
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
  if (speakers.length) out.set([...path, 'speakers'], speakers, speakersAt ?? (inHeading ? theme.heading : undefined));
  const text = source.paragraphs(textBlocks);
  if (text) out.set([...path, 'text'], text, span(textBlocks));
}

export function buildParticipation(section: Section, ctx: ReaderContext, reason: string): void {
  const textBlocks = section.blocks.filter(isTextBlock);
  ctx.out.set(['highlights', 'participation'], ctx.source.paragraphs(textBlocks), span(textBlocks) ?? section.heading);
  ctx.out.placed('part', ['highlights', 'participation'], section.heading, reason, section.title);
  for (const child of section.children) ctx.handle(child, true);
}
