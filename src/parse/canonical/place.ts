/**
 * A place written as text: `City, Country`, `Online`, `Hybrid`, `Online / Vilnius`, `Venue, City, Country`, `Online
 * (Zoom)` (a meeting platform is an online event's venue).
 */
import { foldText } from './dates.js';

export interface PlaceReading {
  city?: string;
  country?: string;
  venue?: string;
  online?: boolean;
  hybrid?: boolean;
}

const ONLINE = new Set(['online', 'on-line', 'virtual', 'remote', 'webinar', 'en ligne', 'en linea', 'in linea', 'online event', 'digital']);
/** Meeting platforms: an online event's `venue` (`Online (Zoom)`, `MS Teams`), never a city. */
const PLATFORMS = new Set(['zoom', 'teams', 'ms teams', 'microsoft teams', 'webex', 'cisco webex', 'google meet', 'meet', 'gotomeeting', 'gotowebinar', 'jitsi', 'jitsi meet', 'youtube', 'youtube live', 'livestorm', 'hopin', 'bluejeans', 'skype', 'whereby', 'clickmeeting', 'bigbluebutton', 'big blue button', 'vimeo', 'facebook live', 'linkedin live', 'airmeet', 'swapcard', 'webinarjam', 'on24']);

/** A platform's name, with `webinar`, `meeting` or `call` after it (`Zoom webinar`) or `via` before it. */
function isPlatform(word: string): boolean {
  const bare = word.replace(/^(?:via|on|über|sur|su|por|przez)\s+/u, '').replace(/\s+(?:webinar|meeting|call|event|session|live)$/u, '');
  return PLATFORMS.has(bare);
}

const HYBRID = new Set(['hybrid', 'hybride', 'hibrido', 'ibrido', 'hibrid', 'hybrydowy', 'hybrid event']);

const COUNTRY_LANGUAGES = ['en', 'bg', 'cs', 'da', 'de', 'el', 'es', 'et', 'fi', 'fr', 'ga', 'hr', 'hu', 'it', 'lt', 'lv', 'mt', 'nl', 'pl', 'pt', 'ro', 'sk', 'sl', 'sv'];
let regionCodes: string[] | undefined;
const countryNames = new Map<string, Set<string>>();

/** The names of every country in one language (folded), from the ICU data Node ships (`Intl.DisplayNames`). */
function countriesIn(language: string): Set<string> {
  let names = countryNames.get(language);
  if (names) return names;
  names = new Set();
  try {
    const display = new Intl.DisplayNames([language], { type: 'region', fallback: 'none' });
    if (!regionCodes) {
      const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
      const english = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
      regionCodes = [...letters].flatMap((a) => [...letters].map((b) => a + b)).filter((code) => english.of(code) !== undefined);
    }
    for (const code of regionCodes) {
      const name = display.of(code);
      if (name) names.add(foldText(name));
    }
  } catch {
    // A Node built without full ICU knows fewer names; the place is then read as written.
  }
  countryNames.set(language, names);
  return names;
}

/** Whether a text is a country's name in English or any of the EU's languages (`Estonia`, `Deutschland`, `Italia`). */
export function isCountryName(text: string): boolean {
  const folded = foldText(text.trim());
  return COUNTRY_LANGUAGES.some((language) => countriesIn(language).has(folded));
}

const JOINING = '(?:and|et|und|y|e|i|en|og|och|ja|és|és|și|ir|un|oraz|a|plus|&)';

/** The text with `and` (in the EU's languages) next to an online or hybrid word written as `/`; else undefined. */
function splitAtJoin(text: string): string | undefined {
  const mode = (words: string) => {
    const folded = foldText(words.trim()).replace(/[.!]$/, '');
    return ONLINE.has(folded) || HYBRID.has(folded) || isPlatform(folded);
  };
  for (const join of text.matchAll(new RegExp(`\\s${JOINING}\\s`, 'giu'))) {
    const before = text.slice(0, join.index).trim();
    const after = text.slice(join.index + join[0].length).trim();
    if (before && after && (mode(after) || mode(before))) return `${before} / ${after}`;
  }
  return undefined;
}

export function readPlace(text: string): PlaceReading | undefined {
  const trimmed = text.trim();
  if (!trimmed || trimmed.length > 200) return undefined;
  const out: PlaceReading = {};
  // Mode words stand alone, after a slash, a dash, a plus or in brackets: `Vilnius (hybrid)`, `Online / Vilnius`.
  // `Brussels, Belgium and online`, `Lille, France et en ligne`, `Online und Berlin`: a joining word next to a mode
  // word is a separator (and only there: `Bosnia and Herzegovina` is one country).
  const joined = splitAtJoin(trimmed);
  if (joined) return readPlace(joined);
  // (a dash right after a bracket, `Bari (Italia) – ibrido`, lost the space before it to the bracket's split)
  const pieces = trimmed.split(/\s*(?:\/|\+|\||\s[–—-]\s|\(|\)|&|\svia\s)\s*/i).map((p) => p.replace(/^[–—-]\s+/, '').trim()).filter(Boolean);
  const rest: string[] = [];
  for (const piece of pieces) {
    const word = foldText(piece).replace(/[.!]$/, '');
    if (HYBRID.has(word)) out.hybrid = out.online = true;
    else if (ONLINE.has(word)) {
      out.online = true;
      if (rest.length) out.hybrid = true;
    } else if (isPlatform(word) && out.venue === undefined) {
      out.online = true;
      out.venue = piece;
      if (rest.length) out.hybrid = true;
    } else {
      if (out.online) out.hybrid = true;
      rest.push(piece);
    }
  }
  // `Tartu (Estonia)`, `Tartu – Estonia`: a city and a country when the second is a country's name.
  if (rest.length === 2 && !rest.some((r) => r.includes(',')) && isCountryName(rest[1]!)) rest.splice(0, 2, `${rest[0]}, ${rest[1]}`);
  if (rest.length > 1) return undefined;
  if (rest.length === 1) {
    const parts = rest[0]!.split(/\s*,\s*/).filter(Boolean);
    if (parts.length === 1) out.city = parts[0];
    else if (parts.length === 2) [out.city, out.country] = parts as [string, string];
    else {
      out.country = parts.pop();
      out.city = parts.pop();
      out.venue = parts.join(', ');
    }
  }
  if (out.hybrid && out.online === undefined) out.online = true;
  // In the schema's order, as `report fix` writes it.
  const ordered: PlaceReading = {};
  for (const key of ['venue', 'city', 'country', 'online', 'hybrid'] as const) if (out[key] !== undefined) (ordered as Record<string, unknown>)[key] = out[key];
  return ordered;
}
