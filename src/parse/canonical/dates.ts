/**
 * Dates as people write them, read into ISO `YYYY-MM-DD`: month names in
 * English and in the 24 EU languages (built from Intl at run time, so no table
 * is typed by hand), ordinals, ranges, and numeric forms when they can only
 * mean one day.
 */

/** The 24 official languages of the EU. */
export const EU_LANGUAGES = ['bg', 'cs', 'da', 'de', 'el', 'en', 'es', 'et', 'fi', 'fr', 'ga', 'hr', 'hu', 'it', 'lt', 'lv', 'mt', 'nl', 'pl', 'pt', 'ro', 'sk', 'sl', 'sv'] as const;

/** Lower case, accents folded, curly apostrophes straightened: the form month names are compared in. */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[’`]/g, "'");
}

type MonthTable = Map<string, number>;
const tables = new Map<string, MonthTable>();
const weekdayTables = new Map<string, Set<string>>();

/** Month names of one language (long, short, and the genitive a day takes), lower-cased and folded. */
export function monthNames(language: string): MonthTable {
  const base = language.toLowerCase().split(/[-_]/)[0]!;
  let table = tables.get(base);
  if (table) return table;
  table = new Map();
  try {
    const long = new Intl.DateTimeFormat(base, { month: 'long', timeZone: 'UTC' });
    const short = new Intl.DateTimeFormat(base, { month: 'short', timeZone: 'UTC' });
    const withDay = new Intl.DateTimeFormat(base, { day: 'numeric', month: 'long', timeZone: 'UTC' });
    const shortWithDay = new Intl.DateTimeFormat(base, { day: 'numeric', month: 'short', timeZone: 'UTC' });
    for (let month = 1; month <= 12; month++) {
      const date = new Date(Date.UTC(2024, month - 1, 15));
      const names = [long.format(date), short.format(date)];
      for (const f of [withDay, shortWithDay]) names.push(...f.formatToParts(date).filter((p) => p.type === 'month').map((p) => p.value));
      for (const name of names) {
        const folded = foldText(name).replace(/\.$/, '').trim();
        if (folded && !/\d/.test(folded)) table.set(folded, month);
      }
    }
  } catch {
    // An unknown language tag: no names of its own (English still applies).
  }
  if (base === 'en') for (const [name, month] of [['sept', 9], ['june', 6], ['july', 7]] as const) table.set(name, month);
  tables.set(base, table);
  return table;
}

function weekdayNames(language: string): Set<string> {
  const base = language.toLowerCase().split(/[-_]/)[0]!;
  let names = weekdayTables.get(base);
  if (names) return names;
  names = new Set();
  try {
    for (const weekday of ['long', 'short'] as const) {
      const f = new Intl.DateTimeFormat(base, { weekday, timeZone: 'UTC' });
      for (let day = 1; day <= 7; day++) names.add(foldText(f.format(new Date(Date.UTC(2024, 0, day)))).replace(/\.$/, ''));
    }
  } catch {
    // as above
  }
  weekdayTables.set(base, names);
  return names;
}

/** Words around a date that say nothing about it: `5th of June`, `12 de junio de 2024`, `3 października 2024 r.` … */
const FILLER = new Set(['of', 'the', 'on', 'de', 'del', 'di', 'du', 'le', 'el', 'il', 'am', 'den', 'ta', "ta'", 'm', 'd', 'r', 'g', 'г', 'god', 'gada', 'a', 'ano', 'year',
  // before a range's first day: `from`, `vom`, `dal`, `od`, `van`, `desde`, `entre`, `fra`, `från`, `alates`, `nuo`, `no`
  'from', 'vom', 'von', 'dal', 'dall', 'od', 'van', 'desde', 'entre', 'fra', 'fran', 'alates', 'nuo', 'no', 'ot']);
/**
 * Words between a range's two sides, in the EU's languages (`16 a 17 de outubro`, `du 16 au 17 octobre`, `vom 16.
 * bis 17. Oktober`, `od 16 do 17 października`, `16 and 17 October`), read as a dash when a number follows.
 */
const RANGE_WORDS = ['a', 'al', 'au', 'ao', 'ate', 'hasta', 'bis', 'tot', 't/m', 'do', 'az', 'la', 'till', 'til', 'tills', 'εως', 'до', 'iki', 'lidz', 'kuni', 'sa', 'go', 'fino al', 'fino a',
  'and', 'e', 'y', 'et', 'und', 'i', 'en', 'og', 'och', 'ja', 'es', 'si', 'ir', 'un', 'oraz', 'и', 'και'];
const RANGE_WORD = new RegExp(`(?<=[\\d.\\p{L}])\\s+(?:${RANGE_WORDS.map((w) => w.replace(/[/.]/g, '\\$&')).join('|')})\\s+(?=\\d)`, 'gu');
const ORDINAL = /^(\d{1,4})(st|nd|rd|th|er|re|e|eme|o|a|º|ª|\.)?$/;

export interface DateReading {
  /** The first (or only) day, ISO. */
  date: string;
  /** The last day of a range, ISO. */
  endDate?: string;
  /** How it was read, for the message: `words`, `numeric`, `iso-range`. */
  form: 'words' | 'numeric' | 'iso-range';
  /** A time of day written after the date (`09:30–16:00`), which the model does not hold: said, and left out. */
  time?: string;
}

export type DateResult = { ok: DateReading } | { ambiguous: [string, string] } | undefined;

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

export function isCalendarDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return y >= 1000 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * Read a date written by a person. `undefined` when it is not a date this
 * recognises (the schema then reports it as written); `ambiguous` when a
 * numeric form has two readings.
 */
export function readDate(value: unknown, language?: string): DateResult {
  if (value instanceof Date && !Number.isNaN(value.getTime())) {
    return { ok: { date: value.toISOString().slice(0, 10), form: 'numeric' } };
  }
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined; // already canonical
  const read = readIsoRange(text) ?? readNumeric(text) ?? readWords(text, language);
  if (read) return read;
  // `5 June 2024, 09:30–16:00`, `2024-06-05T09:00`, `19.09.2024 um 10 Uhr`: the day, and the time said apart.
  const timed = TIME_AFTER.exec(text);
  if (!timed) return undefined;
  const day = timed[1]!.trim();
  const dayRead = /^\d{4}-\d{2}-\d{2}$/.test(day) ? { ok: { date: day, form: 'numeric' as const } } : readDate(day, language);
  return dayRead && 'ok' in dayRead && isCalendarDate(...(dayRead.ok.date.split('-').map(Number) as [number, number, number])) ? { ok: { ...dayRead.ok, time: timed[2]!.trim() } } : dayRead;
}

/** A time of day (a range too, a zone) closing a date: `, 09:30–16:00 CET`, `T09:00:00Z`, ` at 10 am`, ` um 10 Uhr`. */
const TIME_AFTER =
  /^(.*?\S)(?:\s*[,;|–—-]\s*|\s+|T)((?:(?:at|from|um|à|alle|a las|às|o|kl\.?|klo)\s+)?\d{1,2}(?:[:.h]\d{2}(?::\d{2}(?:\.\d+)?)?)?\s*(?:[ap]\.?\s?m\.?|h|Uhr)?(?:\s*(?:[–—-]|to|bis|à|a)\s*\d{1,2}(?:[:.h]\d{2})?\s*(?:[ap]\.?\s?m\.?|h|Uhr)?)?(?:\s*(?:Z|[+-]\d{2}:?\d{2}|\(?(?:CET|CEST|UTC|GMT|EET|EEST|WET|WEST|BST)(?:\s*[+-]\s*\d{1,2})?\)?))?)$/iu;

/** `2024-10-16/17`, `2024-10-16/2024-10-17`, `2024-10-16 – 2024-10-18`. */
function readIsoRange(text: string): DateResult {
  const m = /^(\d{4})-(\d{2})-(\d{2})\s*(?:\/|–|—|-|\bto\b)\s*(?:(\d{4})-(\d{2})-)?(\d{1,2})$/.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [y2, mo2, d2] = [m[4] ? Number(m[4]) : y, m[5] ? Number(m[5]) : mo, Number(m[6])];
  if (!isCalendarDate(y, mo, d) || !isCalendarDate(y2, mo2, d2)) return undefined;
  return { ok: { date: iso(y, mo, d), endDate: iso(y2, mo2, d2), form: 'iso-range' } };
}

/** `25/03/2024`, `25.03.2024`, `2024/03/25`; `03/04/2024` has two readings (`03.04.2024`, with dots, is day first). */
function readNumeric(text: string): DateResult {
  const ymd = /^(\d{4})[./](\d{1,2})[./](\d{1,2})\.?$/.exec(text);
  if (ymd) {
    const [y, m, d] = [Number(ymd[1]), Number(ymd[2]), Number(ymd[3])];
    return isCalendarDate(y, m, d) ? { ok: { date: iso(y, m, d), form: 'numeric' } } : undefined;
  }
  const dmy = /^(\d{1,2})([./-])(\d{1,2})\2(\d{4})\.?$/.exec(text);
  if (!dmy) return undefined;
  const [a, b, y] = [Number(dmy[1]), Number(dmy[3]), Number(dmy[4])];
  // `19.09.2024`: dates with dots are written day first wherever they are used (DIN 5008, and across the EU).
  if (dmy[2] === '.') return isCalendarDate(y, b, a) ? { ok: { date: iso(y, b, a), form: 'numeric' } } : undefined;
  const dayFirst = isCalendarDate(y, b, a) ? iso(y, b, a) : undefined;
  const monthFirst = isCalendarDate(y, a, b) ? iso(y, a, b) : undefined;
  if (dayFirst && monthFirst && dayFirst !== monthFirst) return { ambiguous: [dayFirst, monthFirst] };
  const only = dayFirst ?? monthFirst;
  return only ? { ok: { date: only, form: 'numeric' } } : undefined;
}

interface Side {
  day?: number;
  month?: number;
  year?: number;
}

/** Month names to look in: the notes' language and English first, then the other EU languages when they agree. */
function lookupMonth(word: string, language: string | undefined): number | undefined {
  for (const lang of [language, 'en']) {
    if (!lang) continue;
    const found = monthNames(lang).get(word);
    if (found) return found;
  }
  const readings = new Set<number>();
  for (const lang of EU_LANGUAGES) {
    const found = monthNames(lang).get(word);
    if (found) readings.add(found);
  }
  return readings.size === 1 ? [...readings][0] : undefined;
}

function isWeekday(word: string, language: string | undefined): boolean {
  return weekdayNames('en').has(word) || (language ? weekdayNames(language).has(word) : false);
}

/** `26 February 2025`, `February 26, 2025`, `5th June 2024`, `19. September 2024`, `16–17 October 2024`, `30 Sept – 2 Oct 2024`. */
function readWords(text: string, language: string | undefined): DateResult {
  const folded = foldText(text);
  if (!/\p{L}/u.test(folded) || folded.length > 80) return undefined;
  // Multi-word month names (Irish `deireadh fomhair`) are joined before splitting into words.
  let joined = folded;
  for (const lang of [language, 'en', ...EU_LANGUAGES]) {
    if (!lang) continue;
    for (const name of monthNames(lang).keys()) if (name.includes(' ') && joined.includes(name)) joined = joined.split(name).join(name.replace(/ /g, '_'));
  }
  joined = joined.replace(RANGE_WORD, ' – ');
  const sides = joined.split(/\s*(?:–|—|\s-\s|(?<=\d)-(?=\d)|(?<=\p{L})-(?=\d)|\bto\b|\buntil\b|\btill\b)\s*/u);
  if (sides.length < 1 || sides.length > 2) return undefined;
  const read: Side[] = [];
  for (const side of sides) {
    const parsed = readSide(side, language);
    if (!parsed) return undefined;
    read.push(parsed);
  }
  const [first, last] = [read[0]!, read[1]];
  if (last) {
    first.month ??= last.month;
    first.year ??= last.year;
    last.month ??= first.month;
    last.year ??= first.year;
  }
  const complete = (s: Side): s is Required<Side> => s.day !== undefined && s.month !== undefined && s.year !== undefined;
  if (!complete(first) || (last && !complete(last))) return undefined;
  if (!isCalendarDate(first.year, first.month, first.day)) return undefined;
  if (last && !isCalendarDate(last.year, last.month, last.day)) return undefined;
  const start = iso(first.year, first.month, first.day);
  // A range `30 December – 2 January 2025` crosses into the year written: its start is the year before.
  if (last && complete(last)) {
    let end = iso(last.year, last.month, last.day);
    let from = start;
    if (end < from && read[0]!.year === read[1]!.year) from = iso(first.year - 1, first.month, first.day);
    if (end < from) return undefined;
    if (end === from) return { ok: { date: from, form: 'words' } };
    return { ok: { date: from, endDate: end, form: 'words' } };
  }
  return { ok: { date: start, form: 'words' } };
}

function readSide(side: string, language: string | undefined): Side | undefined {
  const words = side.split(/[\s,/]+/).filter(Boolean);
  const out: Side = {};
  let sawMonthWord = false;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!.replace(/_/g, ' ');
    const number = ORDINAL.exec(word);
    if (number) {
      const n = Number(number[1]);
      if (number[1]!.length === 4 && (!number[2] || number[2] === '.')) {
        if (out.year !== undefined) return undefined;
        out.year = n;
      } else if (number[1]!.length <= 2) {
        if (out.day !== undefined) return undefined;
        out.day = n;
      } else return undefined;
      continue;
    }
    const bare = word.replace(/\.$/, '');
    const month = lookupMonth(bare, language);
    if (month !== undefined) {
      if (sawMonthWord) return undefined;
      sawMonthWord = true;
      out.month = month;
      continue;
    }
    if (FILLER.has(bare)) continue;
    // A weekday before the date, after an article or not (`mardi 11 mars`, `le mardi 11 mars`, `am Dienstag, 11. März`).
    if (out.day === undefined && out.month === undefined && out.year === undefined && isWeekday(bare, language)) continue;
    return undefined;
  }
  return out;
}

/**
 * `readDate` for a date inside a line of other words (an activity, a title): a reading that would leave a time out
 * is no reading there, so that the time stays in the words it was written with.
 */
export function readDay(value: string, language?: string): DateResult {
  const read = readDate(value, language);
  return read && 'ok' in read && read.ok.time !== undefined ? undefined : read;
}
