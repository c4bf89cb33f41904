/**
 * Good practices: an introduction, topics (sub-headings), and practices (the
 * headings below a topic) with their key lines, figures and description.
 */
import type { List, Paragraph, RootContent, Table } from 'mdast';
import type { Notes, Path } from './body.js';
import { labelPack } from '../../i18n/locales.js';
import { bracketPlace, splitProjectTitle, unbold } from '../canonical/practice-line.js';
import { readPerson, splitPeople } from '../canonical/people.js';
import type { ReaderContext } from './context.js';
import { buildPartWithItems } from './part-with-items.js';
import { practiceColumns, readPracticeTable } from './practice-table.js';
import { practiceListItems, readPracticeList } from './practice-list.js';
import { diagnostic, quote } from '../../diagnostics/message.js';
import { didYouMean } from '../../diagnostics/suggest.js';
import { keyLine, keyLinePlace, keyParagraph, keyWordsFor, type KeyLine, type KeyName, type KeyWords } from './key-lines.js';
import { linesAsBlocks, paragraphLines, titleLine, type ParagraphLine } from './paragraph-lines.js';
import { allBlocks, type Section } from './sections.js';
import { classifyHeading } from '../section-names.js';
import { isTextBlock, positionOf, span, type Placed } from './tree.js';

export function buildPractices(section: Section, ctx: ReaderContext, reason: string): void {
  const grouped = { ...section, children: withPracticesUnderNoTopic(section.children, ctx) };
  buildPartWithItems(grouped, ctx, reason, { part: 'practices', items: 'topics', itemWord: 'topic', buildItem: buildTopic, leadItems: tableTopics });
}

/**
 * A sub-heading of good practices that names a project (`DIGI-SME – Digital vouchers`) and has no sub-headings of
 * its own is a practice written under no topic, not a topic: consecutive ones go into one topic named as the
 * part's practices label, as a flat list of practices in YAML does.
 */
function withPracticesUnderNoTopic(children: readonly Section[], ctx: ReaderContext): Section[] {
  const out: Section[] = [];
  for (const child of children) {
    // (`Good practice 1: Digital vouchers` names the part by its first words: its label aside, it names none)
    const title = child.title.replace(PRACTICE_LABEL, '');
    const practice = child.children.length === 0 && (splitProjectTitle(title).project !== undefined || hasPracticeKeys(child, ctx)) && classifyHeading(title, ctx.language) === undefined;
    if (!practice) {
      out.push(child);
      continue;
    }
    const last = out[out.length - 1];
    if (last?.made) last.children.push(child);
    else out.push({ heading: child.heading, title: labelPack(ctx.language).labels.practices ?? 'Good practices', depth: child.depth, blocks: [], children: [child], made: true });
  }
  return out;
}

/** A section whose text has a practice's own key lines (`Project:`, `Presenter:`, `Country:`, `Region:`): a practice. */
function hasPracticeKeys(section: Section, ctx: ReaderContext): boolean {
  const words = keyWordsFor(ctx.language, 'practice');
  return section.blocks.some((b) => b.type === 'paragraph' && keyParagraph(b, ctx.source, words)?.keys.some((k) => k.key === 'project' || k.key === 'presenter' || k.key === 'country' || k.key === 'region'));
}

/** `Good practice 1: Digital vouchers`, `Practice 2 – …`, `GP3: …`: a label before a practice's title, in a few languages. */
const PRACTICE_LABEL = /^(?:(?:good|best)\s+practice|practice|gp|buona\s+pratica|bonne\s+pratique|gute\s+praxis|buena\s+pr[aá]ctica|boa\s+pr[aá]tica|dobra\s+praktyka|goede\s+praktijk)\s*(?:no\.?\s*|n[°º]\s*|#)?\d{0,3}\s*[:–—-]\s+(?=\S)/iu;

/**
 * Tables and lists of practices in the part's own text: their topics (a table's topic column, else one topic named
 * as the part's practices label).
 */
function tableTopics(section: Section, ctx: ReaderContext): { taken: RootContent[]; count: number } {
  const taken: RootContent[] = [];
  const topics: string[] = [];
  const counts: number[] = [];
  const at = (topic: string | undefined, block: RootContent, why: string): Path => {
    const title = topic ?? labelPack(ctx.language).labels.practices ?? 'Good practices';
    let t = topics.indexOf(title);
    if (t < 0) {
      t = topics.push(title) - 1;
      counts.push(0);
      ctx.out.set(['practices', 'topics', t, 'title'], title, block);
      ctx.out.placed('topic', ['practices', 'topics', t], block, topic ? 'a topic column of a table of practices' : why, title);
    }
    return ['practices', 'topics', t, 'practices', counts[t]!++];
  };
  // Practices written as runs of key lines, no headings (`Project: RENOVATE` / `Practice: Bundled tenders` /
  // `Country: Portugal`, then their description): each run from one `Project:` or `Practice:` line to the next.
  const runs = keyLineRuns(section, ctx);
  for (const run of runs) {
    taken.push(...run.taken);
    buildPractice(run.practice, at(undefined, run.practice.heading as RootContent, 'practices written as key lines under no topic'), ctx, run.reason);
  }
  if (runs.length) {
    const n = runs.length;
    ctx.out.report(
      diagnostic('practice-key-lines', `The key lines are read as ${n} ${n === 1 ? 'practice' : 'practices'}, each from the line that names it (\`Project:\`, \`Practice:\` or \`PROJECT – Title\`) to the next`, positionOf(runs[0]!.practice.heading), {
        severity: 'info',
        note: 'Or write each practice under a heading of its own (`### PROJECT – Title`)',
      }),
    );
  }
  for (const block of section.blocks) {
    if (taken.includes(block)) continue;
    const items = practiceListItems(block, ctx);
    if (items) {
      taken.push(block);
      readPracticeList(block as List, items, ctx, () => at(undefined, block, 'a list of practices under no topic'));
      continue;
    }
    const columns = practiceColumns(block, ctx);
    if (!columns) continue;
    taken.push(block);
    const table = block as Table;
    readPracticeTable(table, columns, ctx, true, (topic) => at(topic, table, 'a table of practices under no topic'));
    tableRead(table, ctx);
  }
  return { taken, count: topics.length };
}

/**
 * The part's own blocks as practices written with key lines and no headings: a paragraph of key lines holding
 * `Project:` or `Practice:` starts one, which runs to the next such paragraph (or to the part's sub-headings);
 * what comes before the first stays the introduction. None when no paragraph starts one.
 */
function keyLineRuns(section: Section, ctx: ReaderContext): Array<{ practice: Section; taken: RootContent[]; reason: string }> {
  const words = keyWordsFor(ctx.language, 'practice');
  const starts = (block: RootContent) =>
    block.type === 'paragraph' && practiceRefLines(block, ctx) === undefined && keyParagraph(block, ctx.source, words)?.keys.some((k) => k.key === 'project' || k.key === 'title') === true;
  const runs: Array<{ practice: Section; taken: RootContent[]; reason: string }> = [];
  for (const block of section.blocks) {
    const titled = titledPractice(block, words, ctx);
    if (starts(block)) {
      const keys = keyParagraph(block as Paragraph, ctx.source, words)!.keys;
      const named = keys.find((k) => k.key === 'title')?.value || keys.find((k) => k.key === 'project')?.value || '';
      runs.push({ practice: { heading: block as never, title: named, depth: section.depth + 1, blocks: [block], children: [] }, taken: [block], reason: 'a `Project:` or `Practice:` line under good practices' });
    } else if (titled) {
      const [first, ...rest] = titled;
      const alone = (text: string) => presenterPhrase(text.trim(), ctx.language) !== undefined;
      const practice = { heading: titleLine(first!, block as Paragraph), title: unbold(first!.text.trim()), depth: section.depth + 1, blocks: linesAsBlocks(rest, words, ctx.source, alone), children: [] };
      runs.push({ practice, taken: [block], reason: 'a paragraph under good practices whose first line names a project and a practice' });
    } else if (runs.length) {
      runs[runs.length - 1]!.practice.blocks.push(block);
      runs[runs.length - 1]!.taken.push(block);
    }
  }
  return runs;
}

/**
 * A paragraph pasted as plain text whose first line names a project and a practice (`GREENPRO – Circular furniture`)
 * and whose other lines hold a practice's key lines (`Country: Portugal`): its lines; else undefined.
 */
function titledPractice(block: RootContent, words: KeyWords, ctx: ReaderContext): ParagraphLine[] | undefined {
  if (block.type !== 'paragraph' || ctx.source.marks.touches(block)) return undefined;
  const lines = paragraphLines(block, ctx.source);
  const written = lines[0]!.text.trim();
  const first = unbold(written);
  const { project } = splitProjectTitle(first);
  // (`Country: Portugal` is a key line, and `Note: …` no project: before a colon, only a name in capitals is one)
  if (project === undefined || keyLine(first, words) !== undefined || (!/\s[–—-]\s/.test(first) && /\p{Ll}/u.test(project))) return undefined;
  // A title line in bold (`**BUILD-CIRC – Reuse hub (Belgium)**`) is a practice's whatever follows it; a plain one
  // needs a practice's key line below it.
  if (first !== written) return lines;
  if (lines.length < 2) return undefined;
  return lines.slice(1).some((line) => keyLine(line.text, words)?.key !== undefined || presenterPhrase(line.text.trim(), ctx.language) !== undefined) ? lines : undefined;
}

/** Says that a table was read as practices (a reading a person should be able to check). */
function tableRead(table: Table, ctx: ReaderContext): void {
  const rows = table.children.length - 1;
  ctx.out.report(
    diagnostic('practice-table', `The table is read as ${rows} ${rows === 1 ? 'practice' : 'practices'}, one per row`, positionOf(table.children[0]!), {
      severity: 'info',
      note: 'Or write each practice under a heading of its own, with key lines (`Country: …`)',
    }),
  );
}

export function buildTopic(topic: Section, path: Path, ctx: ReaderContext): void {
  ctx.out.set([...path, 'title'], topic.title, topic.heading);
  ctx.out.mark(path, topic.heading);
  if (topic.made) {
    // (its heading is its first practice's, which may be internal alone)
    ctx.out.placed('topic', path, topic.heading, 'practices under no topic: headings naming a project', topic.title);
    topic.children.forEach((practice, i) => buildPractice(practice, [...path, 'practices', i], ctx, 'a heading naming a project under good practices'));
    return;
  }
  ctx.out.placed('topic', path, topic.heading, 'a sub-heading of good practices', topic.title);
  ctx.out.markInternal(path, topic.heading);
  // Lines `Practice: practices/x.yaml` name practices written in files of their own (src/read/practice-refs.ts).
  const refs = topic.blocks.filter((b): b is Paragraph => b.type === 'paragraph' && practiceRefLines(b, ctx) !== undefined);
  const tables = topic.blocks.filter((b) => practiceColumns(b, ctx) !== undefined) as Table[];
  const blocks = topic.blocks.filter((b) => !refs.includes(b as Paragraph) && !tables.includes(b as Table));
  let p = 0;
  for (const paragraph of refs) {
    for (const { ref, place } of practiceRefLines(paragraph, ctx)!) {
      ctx.out.set([...path, 'practices', p, 'ref'], ref, { position: place });
      ctx.out.place([...path, 'practices', p], { position: place });
      const line = { position: place };
      if (ctx.source.marks.has(paragraph)) ctx.source.marks.mark(line);
      ctx.out.placed('practice', [...path, 'practices', p], line, 'a `Practice:` line naming a practice file', ref);
      ctx.out.markInternal([...path, 'practices', p], paragraph);
      p++;
    }
  }
  for (const table of tables) {
    readPracticeTable(table, practiceColumns(table, ctx)!, ctx, false, () => [...path, 'practices', p++], topic.title);
    tableRead(table, ctx);
  }
  // Content written straight under a topic, without practice headings, is a practice of the same title;
  // a topic with nothing under it stays an empty topic (and validation says so).
  const hasContent = blocks.some(isTextBlock);
  const practices = [...(hasContent ? [{ ...topic, blocks, children: [] }] : []), ...topic.children];
  practices.forEach((practice, i) => buildPractice(practice, [...path, 'practices', p + i], ctx, i === 0 && hasContent ? 'text straight under a topic' : 'a heading under a topic'));
}

const PRACTICE_REF_LINE = /^(?:\*\*)?practice:(?:\*\*)?[ \t]+(\S+\.(?:ya?ml|md|markdown))[ \t]*$/i;

/** A paragraph that is only lines `Practice: <path to a practice file>`: each line's path and place; else undefined. */
function practiceRefLines(paragraph: Paragraph, ctx: ReaderContext): { ref: string; place: NonNullable<ReturnType<typeof positionOf>> }[] | undefined {
  const start = paragraph.position?.start;
  const end = paragraph.position?.end;
  if (start?.offset === undefined || end?.offset === undefined) return undefined;
  const text = ctx.source.text.slice(start.offset, end.offset);
  const lines = text.split('\n');
  const found: { ref: string; place: NonNullable<ReturnType<typeof positionOf>> }[] = [];
  let offset = start.offset;
  for (const [i, raw] of lines.entries()) {
    const line = raw.replace(/\r$/, '');
    const lead = line.length - line.trimStart().length;
    const match = PRACTICE_REF_LINE.exec(line.trim());
    if (!match) return undefined;
    const column = (i === 0 ? start.column : 1) + lead;
    const from = offset + lead;
    const length = line.trim().length;
    found.push({ ref: match[1]!, place: { start: { line: start.line + i, column, offset: from }, end: { line: start.line + i, column: column + length, offset: from + length } } });
    offset += raw.length + 1;
  }
  return found;
}

export function buildPractice(section: Section, path: Path, ctx: ReaderContext, reason = 'a heading under a topic'): void {
  const { out, source } = ctx;
  out.mark(path, section.heading);
  const { project, title } = splitProjectTitle(section.title.replace(PRACTICE_LABEL, ''));
  if (project) out.set([...path, 'project'], project, section.heading);
  out.set([...path, 'title'], title, section.heading);
  out.placed('practice', path, section.heading, reason, title);
  out.markInternal(path, section.heading);
  const words = keyWordsFor(ctx.language, 'practice');
  const blocks = allBlocks(section);
  /** The description's paragraphs, and the blocks they come from (for its place). */
  const description: string[] = [];
  const descriptionBlocks: RootContent[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    // (an internal paragraph of a practice that is not is description, between internal marks: a field cannot be internal)
    const keys = block.type === 'paragraph' && source.marks.has(block) === source.marks.has(section.heading) ? keyParagraph(block, source, words) : undefined;
    if (keys) {
      const next = blocks[i + 1];
      const list = keys.takesList && next && next.type === 'list' ? next : undefined;
      // A `Practice:` line names the practice: under a heading that is only its project (`### NETFISH`) it is the
      // title; under a heading that names the practice already, a second title is kept in the description.
      for (const line of keys.keys.filter((k) => k.key === 'title')) {
        const headingTitle = out.get([...path, 'title']);
        if (headingTitle === line.value || section.made) continue;
        if (headingTitle === title && project === undefined && out.get([...path, 'project']) === undefined && title.split(/\s+/).length <= 3) {
          out.set([...path, 'project'], title, section.heading);
          continue;
        }
        keys.keys.splice(keys.keys.indexOf(line), 1);
        description.push(line.line.trim());
        descriptionBlocks.push(block);
        out.report(
          diagnostic('practice-title-line', `The practice has its title from its heading, ${quote(String(headingTitle))}: the line ${quote(line.line.trim())} is kept in its description`, positionOf(keyLinePlace(block as Paragraph, line)), {
            severity: 'warning',
            note: 'Give the practice one title: in its heading, or in a `Practice:` line under a heading naming its project',
          }),
        );
      }
      readKeyLines(block as Paragraph, keys.keys, keys.takesList ? list : undefined, path, ctx, description);
      if (list) i++;
      for (const line of keys.unknown) {
        warnUnknownKey(block as Paragraph, line, words, ctx);
        description.push(line.line.trim());
        descriptionBlocks.push(block);
      }
      continue;
    }
    // `- Land: Österreich` / `- Vortragender: Max Huber, Stadt Wien`: a list whose every item is a key line of a
    // practice is its key lines, as a paragraph of them would be.
    const keyItems = block.type === 'list' && source.marks.has(block) === source.marks.has(section.heading) ? keyLineItems(block as List, words, ctx) : undefined;
    if (keyItems) {
      for (const { item, line } of keyItems) {
        out.placed(line.key === 'figures' ? 'figures' : 'field', [...path, line.key!], item, `list item ${quote(line.line.trim())}`);
        setPracticeField(line.key!, line.value, path, item, ctx, description);
      }
      continue;
    }
    // `- 14 rain gardens` / `- 900 pupils involved`: a list of figures without its `Figures:` line.
    const figureItems = block.type === 'list' && out.get([...path, 'figures']) === undefined && source.marks.has(block) === source.marks.has(section.heading) ? figureListItems(block as List, ctx) : undefined;
    if (figureItems) {
      figureItems.forEach((item, f) => out.place([...path, 'figures', f], item));
      out.set([...path, 'figures'], figureItems.map((item) => source.itemString(item)), block);
      out.placed('figures', [...path, 'figures'], block, 'a list whose every item starts with a number');
      out.report(
        diagnostic('list-as-figures', `The list is read as the practice's figures: every item starts with a number`, positionOf(block), {
          severity: 'info',
          note: 'Write `Figures:` on the line before the list to make this certain, or words before the numbers to keep it as text',
        }),
      );
      continue;
    }
    const presenter = out.get([...path, 'presenter']) === undefined ? presentedBy(block, source, ctx.language) : undefined;
    if (presenter) {
      for (const [key, value] of Object.entries(presenter)) out.set([...path, 'presenter', key], value, block);
      out.placed('field', [...path, 'presenter'], block, `line ${JSON.stringify(source.inline(block))}`);
      continue;
    }
    if (isTextBlock(block)) {
      const text = source.paragraphs([block]);
      if (text) description.push(text);
      descriptionBlocks.push(block);
    }
  }
  if (description.length) out.set([...path, 'description'], description.join('\n\n'), span(descriptionBlocks));
  // `Village compost network (Slovenia)`, `… (Andalucía, España)`: a country's name in brackets at the end of the
  // title is the country, and what comes before it there the region.
  const place = /^(.+?)\s*\(([^()]{2,80})\)$/.exec(title);
  const where = place && out.get([...path, 'country']) === undefined ? bracketPlace(place[2]!) : undefined;
  if (where) {
    out.set([...path, 'title'], place![1]!, section.heading);
    out.set([...path, 'country'], where.country, section.heading);
    if (where.region && out.get([...path, 'region']) === undefined) out.set([...path, 'region'], where.region, section.heading);
  }
}

/** A figure as notes write one: a number first (`14 rain gardens`, `+35 % visitors`, `€2.4 million invested`), short. */
const FIGURE_ITEM = /^(?:[~≈+<>±]\s?|[€$£]\s?)?\d[\d.,  ]*(?:\s?%|\s|[€$£]|$)/u;

/** The items of a list that are all short one-line figures; else undefined. */
function figureListItems(list: List, ctx: ReaderContext): List['children'] | undefined {
  if (list.children.length < 2) return undefined;
  for (const item of list.children) {
    if (item.children.length !== 1 || item.children[0]!.type !== 'paragraph') return undefined;
    const text = ctx.source.itemText(item);
    if (text.includes('\n') || text.length > 100 || !FIGURE_ITEM.test(text)) return undefined;
  }
  return list.children;
}

/** The items of a list that are all key lines of a practice with a value (`- Country: Austria`); else undefined. */
function keyLineItems(list: List, words: KeyWords, ctx: ReaderContext): Array<{ item: List['children'][number]; line: KeyLine }> | undefined {
  const items = list.children.map((item) => {
    const text = item.children.length === 1 && item.children[0]!.type === 'paragraph' ? ctx.source.itemText(item) : '';
    const line = text && !text.includes('\n') ? keyLine(text, words) : undefined;
    return line?.key && line.value && line.key !== 'title' ? { item, line } : undefined;
  });
  return items.length && items.every((i) => i !== undefined) ? (items as Array<{ item: List['children'][number]; line: KeyLine }>) : undefined;
}

/**
 * A line of its own that starts with a presenter's key phrase of several words and no colon (`Presented by
 * Marko Novak, Municipality of Kamnik`, as pasted notes write it): the presenter; else undefined.
 */
function presentedBy(block: RootContent, source: ReaderContext['source'], language: string | undefined): Notes | undefined {
  if (block.type !== 'paragraph' || !block.position || block.position.start.line !== block.position.end.line) return undefined;
  // (`Presented by Jan Peeters, OVAM.`: a full stop closing the line is not part of the organisation)
  const line = source.inline(block).replace(/(?<!\b\p{Lu})\.$/u, '');
  if (line.length > 120 || /[.!?:;]$/.test(line)) return undefined;
  const phrase = presenterPhrase(line, language);
  if (!phrase) return undefined;
  const person = readPerson(line.slice(phrase.length + 1));
  return /^\p{Lu}/u.test(String(person.name)) ? person : undefined;
}

/** The presenter's key phrase of several words opening a line (`Presented by`, `Vorgestellt von`), or undefined. */
function presenterPhrase(line: string, language: string | undefined): string | undefined {
  const phrases = [...new Set([...labelPack('en').keys.presenter, ...labelPack(language).keys.presenter])].filter((p) => p.includes(' '));
  return phrases.find((p) => line.toLowerCase().startsWith(p.toLowerCase() + ' '));
}

function warnUnknownKey(paragraph: Paragraph, line: KeyLine, words: KeyWords, ctx: ReaderContext): void {
  const guess = didYouMean(line.written, [...words.keys()]);
  ctx.out.report(
    diagnostic('unknown-key-line', `Line ${quote(line.line.trim())} names no key of a practice; it is kept in the description`, positionOf(keyLinePlace(paragraph, line)), {
      severity: 'warning',
      note: guess ? `Did you mean ${quote(guess + ':')}?` : `Keys of a practice: ${PRACTICE_KEYS}.`,
    }),
  );
}

const PRACTICE_KEYS = 'Project, Presenter, Role, Organisation, Region, Country, Link, Figures';

/** Sets the practice's fields from its key lines, and the figures from `list` when given. */
function readKeyLines(paragraph: Paragraph, keys: readonly KeyLine[], list: List | undefined, path: Path, ctx: ReaderContext, description: string[]): void {
  for (const key of keys) {
    const node = keyLinePlace(paragraph, key);
    ctx.out.placed(key.key === 'figures' ? 'figures' : 'field', [...path, key.key!], node, `line ${quote(key.line.trim())}`);
    setPracticeField(key.key!, key.value, path, node, ctx, description, list);
  }
}

/**
 * One field of a practice from the words after its key (a key line's value, a table's cell); the figures from `list`
 * when the value is empty. What the field cannot hold (a second presenter) goes to `description`.
 */
export function setPracticeField(key: KeyName, value: string, path: Path, node: Placed, ctx: ReaderContext, description: string[], list?: List): void {
  const { out, source } = ctx;
  switch (key) {
    case 'project':
    case 'title':
    case 'region':
    case 'country':
      out.set([...path, key], value, node);
      break;
    case 'presenter': {
      // `Presenter: Jan Peeters, OVAM` as a `Speakers:` line reads it; a `Role:` or `Organisation:` line of its own wins.
      // A practice has one presenter: with several (`Ann Lee (Cork) and Bo Kim (SEAI)`), the first is it and the
      // others are kept in the description, as `Presented by: …`, with a warning.
      const people = splitPeople(value);
      if (people.length > 1) {
        const others = people.slice(1).join('; ');
        const also = `${labelPack(ctx.language).labels.presentedBy ?? 'Presented by'}: ${others}`;
        description.push(also);
        ctx.out.report(
          diagnostic('several-presenters', `A practice has one presenter: ${quote(people[0]!)} is it, and ${quote(others)} is kept in its description`, positionOf(node), {
            severity: 'warning',
            note: 'Name the other presenters in the description, or give each its own practice',
          }),
        );
        value = people[0]!;
      }
      const person = readPerson(value);
      for (const [field, text] of Object.entries(person)) if (field === 'name' || out.get([...path, 'presenter', field]) === undefined) out.set([...path, 'presenter', field], text, node);
      break;
    }
    case 'role':
    case 'organisation':
      out.set([...path, 'presenter', key], value, node);
      break;
    case 'link': {
      const link = /^\[([^\]]+)\]\(([^)\s]+)\)$/.exec(value);
      const links = ((out.get([...path, 'links']) as unknown[]) ?? []).length;
      out.set([...path, 'links', links, 'title'], link ? link[1] : value, node);
      out.set([...path, 'links', links, 'url'], link ? link[2] : value, node);
      break;
    }
    case 'figures': {
      const figures: string[] = value ? value.split(/\s*;\s*/).filter(Boolean) : [];
      if (!value && list) {
        list.children.forEach((item, f) => {
          figures.push(source.itemString(item));
          out.place([...path, 'figures', f], item);
        });
      }
      out.set([...path, 'figures'], figures, node);
      break;
    }
  }
}


