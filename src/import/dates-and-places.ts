/**
 * The facts a report's first page and closing line are written in: a date, a place, an address. Dates and
 * places are read by the notes reader's own canonical readers (`readDate`: month names of the 24 EU languages,
 * ranges; `readPlace`: `Online`, `hybrid`), so an imported report in any of them gets the same reading as notes.
 */
import { labelPack } from '../i18n/locales.js';
import { isCalendarDate, readDate } from '../parse/canonical/dates.js';
import { readPlace, type PlaceReading } from '../parse/canonical/place.js';

export interface FoundDate {
  /** ISO `YYYY-MM-DD`: the first (or only) day. */
  iso: string;
  /** ISO: the last day of a range. */
  endIso?: string;
  /** The words of the line the date was written as. */
  written: string;
}

/** A date in words is at most this many words long (`30 Sept – 2 Oct 2024`, `12 de junio de 2024`). */
const MAX_DATE_WORDS = 9;
/** Lines longer than this are prose, not a title page's or footer's date line. */
const MAX_LINE = 200;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/u;
/** Brackets and separators around a date on a line (`(5 June 2024)`, `– 12 mars 2025,`). */
const AROUND = /^[\s([{,;:–—-]+|[\s)\]},;:–—-]+$/gu;

/**
 * The date in a line of text (`Vilnius, Lithuania – 5 June 2024`, `12–13 mars 2025   Lille, France`,
 * `19. September 2024`, `2024-06-05`), in the report's language or any EU language that reads it one way.
 * The longest run of words that reads as one date wins (a range over its first day); a numeric form with two
 * readings (`03/04/2024`) is no date here.
 */
export function findDate(text: string, language?: string): FoundDate | undefined {
  if (text.length > MAX_LINE) return undefined;
  const words = [...text.matchAll(/\S+/gu)];
  let best: FoundDate | undefined;
  let bestWords = 0;
  for (let from = 0; from < words.length; from++) {
    for (let to = Math.min(words.length, from + MAX_DATE_WORDS); to > from && to - from > bestWords; to--) {
      const start = words[from]!.index!;
      const end = words[to - 1]!.index! + words[to - 1]![0].length;
      const written = text.slice(start, end).replace(AROUND, '');
      if (!/\d{4}/u.test(written)) continue;
      const reading = readDateOf(written, language);
      if (!reading) continue;
      best = { iso: reading.date, ...(reading.endDate ? { endIso: reading.endDate } : {}), written };
      bestWords = to - from;
      break;
    }
  }
  return best;
}

function readDateOf(written: string, language: string | undefined): { date: string; endDate?: string } | undefined {
  // An ISO day is already canonical (readDate leaves it alone): it is a date when the calendar has it.
  if (ISO_DAY.test(written)) return isCalendarDate(Number(written.slice(0, 4)), Number(written.slice(5, 7)), Number(written.slice(8))) ? { date: written } : undefined;
  const result = readDate(written, language);
  return result && 'ok' in result ? result.ok : undefined;
}

/** `<https://…>`, `https://…` or `www.…` alone on a line: the address with its scheme. */
export function lineAddress(text: string): string | undefined {
  const t = text.trim().replace(/^<(.*)>$/u, '$1').replace(/^\[(.*)\]\((.*)\)$/u, '$2');
  if (/^https?:\/\/\S+$/iu.test(t)) return t;
  if (/^www\.[^\s/]+\.[a-z]{2,}\S*$/iu.test(t)) return `https://${t}`;
  return undefined;
}

/** A place's words: letters, spaces and the marks of names (`Saint-Étienne`, `L'Aquila`). */
const PLACE_WORDS = /^[\p{L}][\p{L}\s.'’-]{0,40}$/u;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');

/**
 * A line that is only a place: `Vilnius, Lithuania`, `Online`, `En ligne`, `Vilnius (hybrid)`, `Online / Vilnius,
 * Lithuania`, or how the report prints a hybrid event in its language (`Lille, France et en ligne`). A lone word
 * is a place only when it says online or hybrid: anything else could be any short line.
 */
export function linePlace(text: string, language?: string): PlaceReading | undefined {
  const t = text.trim();
  const labels = labelPack(language).labels;
  for (const pattern of new Set([labels.hybrid, labelPack('en').labels.hybrid])) {
    if (!pattern?.includes('{place}')) continue;
    const [before, after] = pattern.split('{place}') as [string, string];
    const m = new RegExp(`^${escape(before)}(.+?)${escape(after)}$`, 'iu').exec(t);
    const where = m ? cityAndCountry(m[1]!) : undefined;
    if (where) return { ...where, online: true, hybrid: true };
  }
  for (const online of new Set([labels.online, labelPack('en').labels.online])) if (online && t.toLowerCase() === online.toLowerCase()) return { online: true };
  const reading = readPlace(t);
  if (!reading) return undefined;
  if (reading.online) {
    // `Online / Vilnius, Lithuania`: the city and country must still look like a place's words.
    const named = [reading.city, reading.country, reading.venue].filter((w): w is string => w !== undefined);
    return named.every((w) => PLACE_WORDS.test(w)) ? reading : undefined;
  }
  return cityAndCountry(t);
}

/** `Vilnius, Lithuania`: a city and a country, words only. */
function cityAndCountry(text: string): { city: string; country: string } | undefined {
  const reading = readPlace(text);
  if (!reading || reading.online || reading.venue || !reading.city || !reading.country) return undefined;
  return PLACE_WORDS.test(reading.city) && PLACE_WORDS.test(reading.country) ? { city: reading.city, country: reading.country } : undefined;
}
