/**
 * Blocks in reading order -> canonical Markdown notes (front matter + body, docs/notes-format.md), and the lines
 * a person should look at. The body is written so that the notes reader finds every part where the report had it:
 * parts as `##`, themes, topics, groups and nested parts as `###`, practices as `####`.
 */
import { stringify } from 'yaml';
import { labelPack, type PartName } from '../i18n/locales.js';
import { stripNumbering } from '../parse/section-names.js';
import { blockText, plainOf, type ImportedText, type TextBlock } from './blocks.js';
import { practiceCard, themeCard } from './report-cards.js';
import { findClosing } from './closing-lines.js';
import { contactsOf, type Contact } from './contacts.js';
import { isContentsHeading, skipContents } from './contents-page.js';
import { isHeadingLike, isPracticeHeading, partOf, type HeadingLook } from './headings.js';
import { LetterCase } from './letter-case.js';
import { organisedBy, readOrganisers, readTitleBlock, type Organiser } from './title-block.js';

export interface ImportedNotes {
  markdown: string;
  /** What needs a person's look, one short sentence each. */
  review: string[];
}

const SUMMARY_LEAD = /^(?:\*\*)?([^:*]{3,30}?)(?:\*\*)?:\s*(?:\*\*)?\s+(.+)$/u;

/** The most common font size, weighted by characters: the body text's. */
function bodySize(blocks: readonly TextBlock[]): number | undefined {
  const weights = new Map<number, number>();
  for (const b of blocks) if (b.size !== undefined) weights.set(b.size, (weights.get(b.size) ?? 0) + blockText(b).length);
  let best: number | undefined;
  for (const [size, weight] of weights) if (best === undefined || weight > weights.get(best)!) best = size;
  return best;
}

function summaryOf(block: TextBlock, language: string | undefined): string | undefined {
  const m = SUMMARY_LEAD.exec(blockText(block));
  return m && partOf(m[1]!, language) === 'summary' ? m[2]! : undefined;
}

export function notesFromBlocks(source: ImportedText, language = 'en'): ImportedNotes {
  const { blocks } = source;
  const review = [...source.notes];
  const look: HeadingLook = { hasSizes: source.hasSizes, bodySize: bodySize(blocks), hasHeadingLevels: blocks.some((b) => b.headingLevel !== undefined) };

  // A PDF's headings set in capitals get their case back from the body's words.
  const letterCase = new LetterCase();
  if (source.facts.headings) letterCase.know(source.facts.headings);
  if (source.hasSizes) for (const b of blocks) if (!isHeadingLike(b, look, language)) letterCase.learn(plainOf(blockText(b)));
  let groupLetter = 0;
  const participationLabel = labelPack(language).labels.participation ?? 'Participation';
  // Where the title block ends: the summary, a contents page or the first part.
  let start = 0;
  while (
    start < blocks.length &&
    !summaryOf(blocks[start]!, language) &&
    !isContentsHeading(blocks[start]!, language) &&
    !(start > 0 && isHeadingLike(blocks[start]!, look, language) && partOf(blockText(blocks[start]!), language))
  ) {
    start++;
    if (source.hasSizes && blocks[start] && blocks[start]!.page > 1) break;
  }
  const titleFacts = readTitleBlock(blocks.slice(0, start), source.facts, language);
  const ORGANISED_BY = organisedBy(language);
  // The running footer's `Place – date`, printed once more at the end.
  const closingPlace = titleFacts.place?.city && titleFacts.place.country ? `${titleFacts.place.city}, ${titleFacts.place.country} – ` : undefined;
  if (!titleFacts.title && source.facts.title) titleFacts.title = source.facts.title;
  const closing = findClosing(blocks, start, language);

  const body: string[] = [];
  const contacts: Contact[] = [];
  let organisers: Organiser[] | undefined;
  let part: PartName | 'free' | undefined;
  let nested: PartName | undefined;
  let inTopic = false;
  let themes = 0;
  let participation = false;
  let topicSize: number | undefined;
  let practiceSize: number | undefined;
  let topicAt = -1;
  let list = false;
  const emit = (text: string, asItem = false) => {
    if (asItem && list) body.push(text);
    else body.push('', text);
    list = asItem;
  };

  for (let i = start; i < closing.end; i++) {
    const block = blocks[i]!;
    const text = blockText(block);
    if (isContentsHeading(block, language)) {
      i = skipContents(blocks, i) - 1;
      review.push('a contents page was left out (the report makes its own)');
      continue;
    }
    const summary = summaryOf(block, language);
    if (summary !== undefined && part === undefined) {
      emit(`## ${labelPack(language).labels.summary ?? 'Summary'}`);
      emit(summary);
      part = 'summary';
      continue;
    }
    if (closingPlace && !block.bullet && plainOf(text).startsWith(closingPlace) && plainOf(text).length < closingPlace.length + 40) {
      review.push(`the closing line \`${plainOf(text)}\` was left out (it repeats the footer)`);
      continue;
    }
    const organised = ORGANISED_BY.exec(plainOf(text));
    if (organised && (!block.bullet || part === 'summary')) {
      organisers = readOrganisers(organised[1]!);
      continue;
    }
    const found = contactsOf(block);
    if (found && !block.bullet) {
      contacts.push(...found);
      continue;
    }
    // A PDF sets a contact's name and address in blocks of their own.
    const next = blocks[i + 1];
    // (A tagged PDF may say the address is a list item's: the card lists them.)
    const pair = !block.bullet && next && block.lines.length === 1 && next.lines.length === 1 ? contactsOf({ ...block, lines: [...block.lines, ...next.lines] }) : undefined;
    if (pair) {
      contacts.push(...pair);
      i++;
      continue;
    }
    if (block.bullet) {
      const inner = contactsOf(block);
      if (inner && (part === 'contacts' || nested === 'contacts')) {
        contacts.push(...inner);
        continue;
      }
      // `**Thematic workshop:** title`: an activity's kind, as the notes write it.
      emit(`- ${text.replace(/^\*\*([^*]{1,40}?):\*\*\s*/u, '$1: ')}`, true);
      continue;
    }
    // The brief template sets participation below the themes with its label: `**Participation:** text`.
    const labelled = part === 'highlights' && themes > 0 && !participation ? new RegExp(`^\\*\\*${participationLabel.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}:\\*\\*\\s*(.+)$`, 'su').exec(text) : null;
    if (labelled) {
      participation = true;
      emit(`### ${participationLabel}`);
      emit(labelled[1]!);
      continue;
    }
    // The default template sets participation apart below the last theme by a rule and space, with no heading.
    if (part === 'highlights' && themes > 0 && !participation && look.hasSizes && block.size === look.bodySize && (block.gapBefore ?? 0) >= block.size! * 2.4 && !isHeadingLike(block, look, language)) {
      participation = true;
      emit(`### ${labelPack(language).labels.participation ?? 'Participation'}`);
      review.push('the text set apart after the last theme was read as participation');
    }
    if (isHeadingLike(block, look, language)) {
      const named = partOf(text, language);
      let heading = source.hasSizes ? letterCase.restore(plainOf(text)) : plainOf(text);
      // `A Digital skills…`: the letter the brief template sets before each group of recommendations.
      if (part === 'nextSteps' && !named && heading.startsWith(`${String.fromCharCode(65 + groupLetter)} `)) {
        heading = heading.slice(2);
        groupLetter++;
      }
      const title = stripNumbering(heading);
      if (named === 'contacts') {
        part = 'contacts';
        continue;
      }
      if (named && part && part !== 'summary' && part !== named && ['participation', 'upcoming', 'resources'].includes(named) && !/^\d/u.test(text)) {
        nested = named;
        emit(`### ${heading}`);
        continue;
      }
      if (named) {
        part = named;
        nested = undefined;
        inTopic = false;
        emit(`## ${heading}`);
        continue;
      }
      if (part && part !== 'summary' && part !== 'contacts' && title) {
        nested = undefined;
        // A PDF sets a practice smaller than its topic; plain text says it by `PROJECT – Title`.
        // The brief template sets it larger than its topic, right below it: a practice's size is then known.
        const practice =
          look.hasSizes && block.size !== undefined
            ? practiceSize !== undefined
              ? block.size === practiceSize
              : (topicSize !== undefined && block.size < topicSize) || (inTopic && topicAt === i - 1)
            : isPracticeHeading(title);
        if (part === 'practices' && practice) {
          if (look.hasSizes && topicSize !== undefined && block.size! > topicSize) practiceSize = block.size;
          if (!inTopic) review.push(`the practice \`${title}\` has no topic heading above it`);
          emit(`#### ${title}`);
          const card = practiceCard(blocks, i + 1, look.bodySize, language);
          if (card.lines.length) emit(card.lines.join('\n'));
          i = card.next - 1;
        } else {
          inTopic = part === 'practices';
          if (inTopic) {
            topicSize = block.size;
            topicAt = i;
          }
          emit(`### ${heading}`);
          if (part === 'highlights') {
            themes++;
            const card = themeCard(blocks, i + 1, look.bodySize);
            if (card.lines.length) emit(card.lines.join('\n'));
            i = card.next - 1;
          }
        }
        continue;
      }
    }
    emit(block.hardBreaks ? block.lines.join('\n') : text);
  }

  if (contacts.length) {
    emit('## Contacts');
    for (const c of contacts) emit(`- ${c.name} <${c.email}>`, true);
  }
  for (const line of closing.leftOut) review.push(`the closing line \`${line}\` was left out (it repeats the footer)`);
  for (const line of titleFacts.unplaced) review.push(`the title-page line \`${line}\` was not placed`);
  if (!titleFacts.date) review.push('no date found on the first page: `date` is missing');
  if (!titleFacts.place) review.push('no place found on the first page: `place` is missing');
  const placeholders = (body.join('\n').match(/\]\(#\)/gu) ?? []).length;
  if (placeholders) review.push(`${placeholders} link${placeholders === 1 ? '' : 's'} lost ${placeholders === 1 ? 'its' : 'their'} address (\`#\`)`);

  const front: Record<string, unknown> = {};
  const set = (key: string, value: unknown) => {
    if (value !== undefined && value !== '') front[key] = value;
  };
  set('title', titleFacts.title);
  set('subtitle', titleFacts.subtitle);
  set('series', titleFacts.series);
  set('kind', titleFacts.kind);
  set('date', titleFacts.date);
  set('endDate', titleFacts.endDate);
  set('place', titleFacts.place);
  set('url', titleFacts.url);
  set('website', closing.website);
  set('language', language);
  set('organisers', titleFacts.organisers ?? organisers);
  const yaml = stringify(front, { lineWidth: 0 }).trimEnd();
  return { markdown: `---\n${yaml}\n---\n${body.join('\n')}\n`, review };
}
