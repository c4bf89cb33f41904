/**
 * The event's facts written as key lines at the top of the body, as notes without front matter have them (a
 * Notion page, a Word or e-mail template): `Date: 12 March 2025`, `**Location:** Bologna, Italy`, `- Organisers: …`,
 * `Luogo: Bologna`. Read as the front matter's keys would be, when every line of the block is `Word: value` and
 * at least one word is a fact of the event (title, date, place, organisers …) in English or any label pack's
 * language; the canonicaliser then reads their values (dates in words, `City, Country`, `A; B (host)`).
 */
import type { List, Paragraph, RootContent } from 'mdast';
import { diagnostic, quote } from '../../diagnostics/message.js';
import { readDate } from '../canonical/dates.js';
import { isAddress } from '../canonical/addresses.js';
import { normaliseKey, resolveKey } from '../canonical/keys.js';
import { sameValue, sameWords } from './merge.js';
import type { ReaderContext } from './context.js';
import { keyLine, keyLinePlace, linePieces, type KeyLine } from './key-lines.js';
import { stringify } from 'yaml';
import type { TextEdit } from '../parsed-notes.js';
import type { BodyWriter, Path } from './body.js';
import { withoutWholeEmphasis } from './sections.js';
import { isTextBlock, positionOf } from './tree.js';
import { linesAsBlocks, type ParagraphLine } from './paragraph-lines.js';
import { pathKey } from '../parsed-notes.js';

/** The event's keys a line before the first part may set; parts have headings of their own. */
const FACT_KEYS = new Set(['title', 'subtitle', 'series', 'kind', 'date', 'endDate', 'place', 'url', 'website', 'organisers', 'speakers', 'language']);
/** A place's keys, which a line may set too (`Country: Italy`). */
const PLACE_KEYS = new Set(['city', 'country', 'venue']);
/** Words that name a date only when what follows is one (`From: Maria Rossi` is an e-mail's sender). */
const WEAK_DATE_WORDS = new Set(['from', 'to', 'start', 'end', 'until', 'day', 'finish']);
/** Words that name an address only when what follows is one. */
const WEAK_ADDRESS_WORDS = new Set(['link', 'page', 'web', 'site']);
const NO_WORDS = new Map();
/** The words of an e-mail's header lines. */
const EMAIL_HEADER_WORDS = new Set(['from', 'to', 'cc', 'bcc', 'subject', 'sent', 'von', 'an', 'betreff', 'de', 'à', 'objet', 'da', 'a', 'oggetto', 'asunto', 'para']);
const VENUE_WORDS = new Set(['venue', 'building']);

interface Fact {
  path: Path;
  line: KeyLine;
  value: string;
}

/**
 * Reads the leading key-line blocks of the text before the first part into the body's facts and returns the
 * blocks that remain (the summary's). Stops at the first block that is not such a block.
 */
export function readTitleBlock(preamble: readonly RootContent[], ctx: ReaderContext, taken: RootContent[] = [], subtitle = true): RootContent[] {
  let used = 0;
  const facts: Array<{ fact: Fact; paragraph: Paragraph }> = [];
  const kept: RootContent[] = [];
  for (const [i, block] of preamble.entries()) {
    // (a comment between the lines is passed over; anything else ends them)
    if (!isTextBlock(block)) continue;
    // (a line of words opening the first block is its subtitle, unless the front matter has one)
    const lines = factLines(block, ctx, subtitle && used === 0 && facts.length === 0);
    if (!lines) {
      // `Date: …` and `Participants: 65 from 17 countries`, `Moderator: …` in one block: the facts are read, and the
      // other lines stay text (the summary's), said once; `report fix` then leaves the block as written.
      const mixed = block.type === 'paragraph' ? mixedFactLines(block, ctx) : undefined;
      if (!mixed) break;
      facts.push(...mixed.facts);
      kept.push(...linesAsBlocks(mixed.others, NO_WORDS, ctx.source));
      ctx.out.partialTitleBlock = true;
      ctx.out.report(
        diagnostic('title-block-line', `The ${mixed.others.length === 1 ? 'line' : 'lines'} ${mixed.others.map((l) => quote(l.text.trim())).join(', ')} among the event's facts ${mixed.others.length === 1 ? 'names' : 'name'} none of them: kept as the summary's text`, { start: { line: mixed.others[0]!.line, column: 1 }, end: { line: mixed.others[0]!.line, column: 1 + mixed.others[0]!.text.length } }, {
          severity: 'info',
          note: 'Write them in the summary, or below the facts after a blank line',
        }),
      );
    } else {
      facts.push(...lines);
      taken.push(block);
    }
    used = i + 1;
  }
  for (const { fact, paragraph } of facts) setFact(fact, paragraph, ctx);
  assemblePlace(ctx);
  return [...kept, ...preamble.slice(used)];
}

/**
 * A paragraph of `Word: value` lines of which some are the event's facts and the others name none (and the facts
 * include its date or place, so that this is the title block): the facts, and the other lines; else undefined.
 */
function mixedFactLines(paragraph: Paragraph, ctx: ReaderContext): { facts: Array<{ fact: Fact; paragraph: Paragraph }>; others: ParagraphLine[] } | undefined {
  const facts: Array<{ fact: Fact; paragraph: Paragraph }> = [];
  const others: ParagraphLine[] = [];
  const written = ctx.source.slice(paragraph);
  let offset = 0;
  for (const [index, text] of written.split(/\r?\n/).entries()) {
    const start = offset;
    offset += text.length + (written[offset + text.length] === '\r' ? 2 : 1);
    if (!text.trim()) continue;
    const read = lineFacts(text, index, start, ctx.language);
    const key = read ? undefined : keyLine(text, NO_WORDS);
    // (an e-mail's header, `From:` / `To:` / `Subject:`, dates the e-mail, not the event)
    if (key && EMAIL_HEADER_WORDS.has(key.written)) return undefined;
    if (read) for (const fact of read) facts.push({ fact, paragraph });
    else if (key) others.push({ text, start: paragraph.position!.start.offset! + start, line: paragraph.position!.start.line + index });
    else return undefined;
  }
  return others.length && facts.some(({ fact }) => ['date', 'place', 'placeParts'].includes(String(fact.path[0]))) ? { facts, others } : undefined;
}

/** The event's facts this module may set, in the order a front matter lists them. */
const FRONT_ORDER = ['title', 'subtitle', 'series', 'kind', 'date', 'endDate', 'place', 'url', 'website', 'organisers', 'speakers', 'language'];
const FRONT_MATTER = /^(\uFEFF?---[ \t]*\r?\n)([\s\S]*?\r?\n)?(---[ \t]*(?:\r?\n|$))/;

/**
 * For `report fix`: the blocks read as the event's facts (key lines, a bold title) taken out of the body, and the
 * facts written into the front matter (made when there is none), keys by their canonical names and values as
 * written, which the same fix then writes in their canonical forms. None when a fact is also in the front matter
 * with another value (an error the author must settle), or the body had nothing of the kind.
 */
export function titleBlockEdits(text: string, blocks: readonly RootContent[], out: BodyWriter, front: Record<string, unknown>): TextEdit[] {
  if ((!blocks.length && !out.factKeys.has('language')) || out.conflicts > 0 || out.partialTitleBlock) return [];
  // (a fact also in the front matter with another value is an error the author settles: fix must not pick one)
  for (const key of out.factKeys) if (Object.hasOwn(front, key) && Object.hasOwn(out.body, key) && !sameValue(front[key], out.body[key])) return [];
  const facts: Record<string, unknown> = {};
  for (const key of FRONT_ORDER) if (out.factKeys.has(key) && Object.hasOwn(out.body, key) && !Object.hasOwn(front, key)) facts[key] = out.body[key];
  const edits: TextEdit[] = blocks.map((block) => {
    const start = block.position!.start.offset!;
    // the block and the blank lines after it
    const end = block.position!.end.offset! + (/^[ \t]*(?:\r?\n[ \t]*)*(?:\r?\n|$)/.exec(text.slice(block.position!.end.offset!))?.[0].length ?? 0);
    return { start, end, text: '', rule: 'title-block-line' };
  });
  if (Object.keys(facts).length === 0) return edits;
  const yaml = stringify(facts, { lineWidth: 0 });
  const fence = FRONT_MATTER.exec(text);
  const at = fence ? fence[0].length - fence[3]!.length : text.startsWith('\uFEFF') ? 1 : 0;
  const ending = fence && fence[2] !== undefined && !fence[2].endsWith('\n') ? '\n' : '';
  edits.push({ start: at, end: at, text: fence ? ending + yaml : `---\n${yaml}---\n\n`, rule: 'title-block-line' });
  return edits;
}

/** A programme's or platform's name, which stands above an event's title in Word templates. */
const SERIES_WORDS = /\b(?:interreg|programmes?|programs?|platform|horizon|urbact|espon|interact|erasmus|life|cohesion|policy learning)\b/iu;
const MAX_TITLE = 200;

/**
 * Notes with no title anywhere else (no front matter title, no level-1 heading) whose body starts with lines set
 * in bold as a whole (a Word document's title, pasted): the last is the title, and one before it the series
 * (`**Interreg Europe Policy Learning Platform**`) when it names a programme, else the title is the first and the
 * next one its subtitle. Each with an info. Returns the blocks after them.
 */
export function readBoldTitle(preamble: readonly RootContent[], ctx: ReaderContext, taken: RootContent[] = []): RootContent[] {
  const lines: Array<{ block: Paragraph; text: string }> = [];
  for (const block of preamble) {
    if (block.type !== 'paragraph' || block.position?.start.line !== block.position?.end.line || lines.length === 2) break;
    const inner = withoutWholeEmphasis(block.children);
    if (inner === block.children || !inner.length) break;
    const text = ctx.source.inline({ position: { start: inner[0]!.position!.start, end: inner[inner.length - 1]!.position!.end } }).trim();
    const asKey = keyLine(text, NO_WORDS);
    if (!text || text.length > MAX_TITLE || /[.;:]$/.test(text) || (asKey && factOf(asKey, ctx.language))) break;
    lines.push({ block, text });
  }
  if (!lines.length) return [...preamble];
  taken.push(...lines.map((l) => l.block));
  const seriesFirst = lines.length === 2 && SERIES_WORDS.test(lines[0]!.text) && !SERIES_WORDS.test(lines[1]!.text);
  const roles: Array<'title' | 'subtitle' | 'series'> = lines.length === 1 ? ['title'] : seriesFirst ? ['series', 'title'] : ['title', 'subtitle'];
  lines.forEach(({ block, text }, i) => {
    const key = roles[i]!;
    ctx.out.set([key], text, block);
    ctx.out.factKeys.add(key);
    ctx.out.placed('field', [key], block, `a line in bold at the top of notes with no title`, text);
    ctx.out.report(
      diagnostic('title-block-line', `The line ${quote(text)} in bold at the top is read as the event's ${quote(key)}`, positionOf(block), {
        severity: 'info',
        note: `Write it as \`${key}: …\` in the front matter${key === 'title' ? ', or as a level-1 heading (`# …`)' : ''} to make this certain.`,
      }),
    );
  });
  return preamble.slice(lines.length);
}

/** Every line of a paragraph, or of each one-paragraph item of a list, as a fact; undefined when one line is not. */
function factLines(block: RootContent, ctx: ReaderContext, subtitle = false): Array<{ fact: Fact; paragraph: Paragraph }> | undefined {
  const paragraphs: Paragraph[] = [];
  if (block.type === 'paragraph') paragraphs.push(block);
  else if (block.type === 'list') {
    for (const item of (block as List).children) {
      if (item.children.length !== 1 || item.children[0]!.type !== 'paragraph') return undefined;
      paragraphs.push(item.children[0] as Paragraph);
    }
  } else return undefined;
  const found: Array<{ fact: Fact; paragraph: Paragraph }> = [];
  for (const paragraph of paragraphs) {
    let offset = 0;
    const written = ctx.source.slice(paragraph);
    const lines = written.split(/\r?\n/);
    for (let index = 0; index < lines.length; index++) {
      const text = lines[index]!;
      const start = offset;
      offset += text.length + (written[offset + text.length] === '\r' ? 2 : 1);
      if (!text.trim()) continue;
      const facts = lineFacts(text, index, start, ctx.language) ?? (subtitle && index === 0 && !found.length && block.type === 'paragraph' ? subtitleLine(text, lines, ctx.language) : undefined);
      if (!facts) return undefined;
      for (const fact of facts) found.push({ fact, paragraph });
    }
  }
  return found.length ? found : undefined;
}

/**
 * `Workshop der Interreg Europe Policy Learning Platform` on the first line of a block whose other lines are all facts
 * (`Datum: …`, `Ort: …`): a line of words under the title, read as its subtitle.
 */
function subtitleLine(text: string, lines: readonly string[], language: string | undefined): Fact[] | undefined {
  const words = text.trim();
  if (words.length > 120 || /[.!?;,]$/.test(words) || keyLine(text, NO_WORDS) || lines.length < 2) return undefined;
  if (!lines.slice(1).every((line) => !line.trim() || lineFacts(line, 1, 0, language))) return undefined;
  return [{ path: ['subtitle'], value: words.replace(/^(\*\*|__)(.+)\1$/u, '$2'), line: { written: 'subtitle', key: undefined, value: words, index: 0, column: 1, line: text, offset: 0 } }];
}

/** Between facts written on one line: `**Date:** 4 March 2025 | **Venue:** Online`. */
const FACT_SEPARATOR = /\s+[|·•]\s+/gu;

/**
 * The facts one line sets: the whole line as one key line, or, when it holds separators (`|`, `·`, `•`) and each
 * piece is a key line of a fact, each piece (a value holding a `|` stays whole: the pieces must all be facts).
 */
function lineFacts(text: string, index: number, offset: number, language: string | undefined): Fact[] | undefined {
  const pieces = linePieces(text, FACT_SEPARATOR);
  if (pieces.length > 1) {
    const facts = pieces.map((piece) => {
      const line = keyLine(piece, NO_WORDS, index);
      return line && factOf({ ...line, offset }, language);
    });
    if (facts.every((fact) => fact !== undefined)) return facts as Fact[];
  }
  const line = keyLine(text, NO_WORDS, index);
  const fact = line && factOf({ ...line, offset }, language);
  return fact ? [fact] : undefined;
}

/** The fact a key line sets, or undefined when its word names none (or names a date or address and is not one). */
function factOf(line: KeyLine, language: string | undefined): Fact | undefined {
  const value = linkTarget(line.value);
  if (!value) return undefined;
  const word = normaliseKey(line.written);
  // `Venue:` is the place's venue on a line of its own (in YAML, `venue:` may be the whole place).
  if (VENUE_WORDS.has(word)) return { path: ['placeParts', 'venue'], line, value };
  const event = resolveKey('event', line.written, language);
  if (event && event.role === undefined && FACT_KEYS.has(event.key)) {
    if ((event.key === 'date' || event.key === 'endDate') && WEAK_DATE_WORDS.has(word) && !readsAsDate(value, language)) return undefined;
    if ((event.key === 'url' || event.key === 'website') && WEAK_ADDRESS_WORDS.has(word) && !isAddress(value)) return undefined;
    return { path: [event.key], line, value };
  }
  if (event?.role !== undefined) return { path: ['organisers'], line, value: `${value} (${event.role})` };
  const place = resolveKey('place', line.written, language);
  if (place && PLACE_KEYS.has(place.key)) return { path: ['placeParts', place.key], line, value };
  return undefined;
}

const readsAsDate = (value: string, language: string | undefined): boolean => {
  const read = readDate(value, language);
  return read !== undefined && 'ok' in read;
};

/** `[text](https://…)` and `<https://…>` -> the address; anything else as written. */
function linkTarget(value: string): string {
  const link = /^\[[^\]]*\]\(([^)\s]+)\)$/.exec(value) ?? /^<([^>\s]+)>$/.exec(value);
  return link ? link[1]! : value;
}

function setFact({ path, line, value }: Fact, paragraph: Paragraph, ctx: ReaderContext): void {
  const { out } = ctx;
  const node = keyLinePlace(paragraph, line);
  const before = out.get(path);
  if (typeof before === 'string') {
    // Two lines (or the title heading and a `Title:` line) for one fact: the same words are one, others an error.
    if (path[0] === 'organisers' || path[0] === 'speakers') value = `${before}; ${value}`;
    else {
      const same = sameWords(before, value);
      if (!same) ctx.out.conflicts++;
      out.report(
        diagnostic(same ? 'same-value-twice' : 'duplicate-part', same ? `${quote(shown(path))} is written twice with the same value; the two are one` : `${quote(shown(path))} is written twice with different values; keep one`, node.position, {
          severity: same ? 'warning' : 'error',
          note: same ? 'Keep one of them.' : `First: ${quote(before)}; then: ${quote(value)}.`,
        }),
      );
      return;
    }
  }
  out.set(path, value, node);
  out.factKeys.add(path[0] === 'placeParts' ? 'place' : String(path[0]));
  out.placed('field', path[0] === 'placeParts' ? ['place', path[1]!] : path, node, `line ${quote(line.line.trim())} before the first part`);
  out.report(
    diagnostic('title-block-line', `Line ${quote(line.line.trim())} is read as the event's ${quote(shown(path))}`, node.position, {
      severity: 'info',
      note: 'Facts of the event go in the front matter; `report fix` moves them there.',
    }),
  );
}

const shown = (path: Path): string => (path[0] === 'placeParts' ? `place.${path[1]}` : path.join('.'));

/**
 * `Venue:`, `City:` and `Country:` lines are the place's parts (a `Venue:` line alone is the place, as in YAML);
 * with a `Location:` line too, a venue goes before it (`Palazzo Re Enzo, Bologna, Italy`, read as venue, city and country), and a city or country is an error.
 */
function assemblePlace(ctx: ReaderContext): void {
  const { out } = ctx;
  const parts = out.get(['placeParts']) as Record<string, string> | undefined;
  if (!parts) return;
  delete out.body.placeParts;
  const written = out.get(['place']);
  const at = out.places.get(pathKey(['placeParts', Object.keys(parts)[0]!]));
  // A `Venue:` line alone is the whole place, as `venue:` in YAML is (`Venue: Online (MS Teams)`).
  if (written === undefined && Object.keys(parts).length === 1 && parts.venue !== undefined) {
    out.set(['place'], parts.venue, at ? { position: at } : undefined);
    return;
  }
  if (typeof written !== 'string') {
    for (const [key, value] of Object.entries(parts)) out.set(['place', key], value, at ? { position: out.places.get(pathKey(['placeParts', key])) } : undefined);
    return;
  }
  const { venue, ...rest } = parts;
  if (venue !== undefined) out.set(['place'], `${venue}, ${written}`, at ? { position: at } : undefined);
  const extra = Object.keys(rest);
  if (extra.length) {
    out.conflicts++;
    out.report(
      diagnostic('duplicate-part', `The place is written twice: ${quote(written)} and a line for its ${extra.join(' and ')}; keep one`, at, {
        note: `Write \`Location: ${written}\` alone, or its parts alone (\`City:\`, \`Country:\`).`,
      }),
    );
  }
}
