/**
 * The keys of each mapping in the notes, and the other words authors use for
 * them. Keys are compared case-insensitively with spaces, underscores, hyphens
 * and dots ignored, so `End Date`, `end_date` and `endDate` are one key.
 */
import { didYouMean } from '../../diagnostics/suggest.js';
import { labelPacks, type LabelPack } from '../../i18n/locales.js';
import { foldText } from './dates.js';
import { languageOfName } from './languages.js';

/** The kinds of mapping in the notes, each with its own keys. */
export type KeyContext =
  | 'event' | 'place' | 'organiser' | 'contact' | 'person' | 'highlights' | 'theme' | 'practices' | 'topic' | 'practice'
  | 'nextSteps' | 'group' | 'upcoming' | 'upcomingItem' | 'resources' | 'link' | 'image' | 'section';

export const CANONICAL_KEYS: Record<KeyContext, readonly string[]> = {
  event: ['$schema', 'title', 'subtitle', 'series', 'kind', 'date', 'endDate', 'place', 'url', 'website', 'organisers', 'speakers', 'language', 'logo', 'summary', 'highlights', 'practices', 'nextSteps', 'upcoming', 'resources', 'contacts', 'sections'],
  place: ['city', 'country', 'venue', 'online', 'hybrid'],
  organiser: ['name', 'role', 'url'],
  contact: ['name', 'email', 'phone', 'role', 'organisation', 'internal'],
  person: ['name', 'role', 'organisation', 'internal'],
  highlights: ['title', 'intro', 'themes', 'participation', 'internal'],
  theme: ['title', 'text', 'speakers', 'links', 'images', 'internal'],
  practices: ['title', 'intro', 'topics', 'internal'],
  topic: ['title', 'practices', 'internal'],
  // `topic` is not a key of a practice in the schema: a flat list of practices names its topic so.
  practice: ['$schema', 'project', 'title', 'presenter', 'region', 'country', 'description', 'figures', 'links', 'images', 'topic', 'internal'],
  nextSteps: ['title', 'intro', 'groups', 'internal'],
  group: ['title', 'intro', 'items', 'internal'],
  upcoming: ['title', 'items', 'internal'],
  upcomingItem: ['title', 'kind', 'date', 'url', 'internal'],
  resources: ['title', 'items', 'note', 'internal'],
  link: ['title', 'url', 'internal'],
  image: ['src', 'alt', 'caption'],
  section: ['title', 'body', 'after', 'internal'],
};

/** What a synonym stands for: the canonical key, and for organisers the role the word gives. */
export interface KeyMeaning {
  key: string;
  role?: string;
}

const s = (key: string, ...words: string[]): [string, KeyMeaning][] => words.map((w) => [w, { key }]);
const role = (r: string, ...words: string[]): [string, KeyMeaning][] => words.map((w) => [w, { key: 'organisers', role: r }]);

/** Synonyms per context, written in their normalised form (see `normaliseKey`). */
const SYNONYMS: Record<KeyContext, [string, KeyMeaning][]> = {
  event: [
    ...s('title', 'name', 'eventname', 'eventtitle', 'workshoptitle', 'workshopname', 'meetingtitle', 'titleoftheevent'),
    ...s('kind', 'type', 'format', 'eventtype', 'eventkind', 'kindofevent', 'typeofevent', 'eventformat'),
    ...s('place', 'location', 'where', 'venue'),
    ...s('date', 'startdate', 'start', 'eventdate', 'from', 'day', 'when', 'dates'),
    ...s('endDate', 'end', 'until', 'to', 'lastday', 'finish'),
    ...s('url', 'link', 'eventurl', 'eventpage', 'eventlink', 'page', 'webpage', 'eventwebsite'),
    ...s('website', 'web', 'site', 'homepage', 'programmewebsite', 'programwebsite', 'programmesite'),
    ...s('organisers', 'organiser', 'organizer', 'organizers', 'organisedby', 'organizedby', 'organisations', 'organizations'),
    ...role('host', 'host', 'hosts', 'hostedby'),
    ...role('partner', 'partner', 'partners'),
    ...role('co-organiser', 'coorganiser', 'coorganisers', 'coorganizer', 'coorganizers'),
    ...s('contacts', 'contact', 'contactperson', 'contactpersons', 'contactpeople'),
    ...s('summary', 'abstract', 'overview', 'description'),
    ...s('speakers', 'speaker', 'presenters', 'panellists', 'panelists', 'keynotes', 'keynotespeakers'),
    ...s('language', 'lang', 'locale'),
    ...s('series', 'programme', 'program'),
    ...s('highlights', 'keyhighlights', 'themes', 'sessions'),
    ...s('practices', 'goodpractices', 'examples', 'goodpracticesandexamples'),
    ...s('nextSteps', 'recommendations', 'conclusions', 'followup'),
    ...s('upcoming', 'upcomingactivities', 'forthcoming', 'forthcomingactivities', 'calendar', 'staytuned', 'events'),
    ...s('resources', 'furtherreading', 'publications', 'reading', 'readings', 'policybriefs'),
    ...s('sections', 'freesections', 'othersections'),
  ],
  place: [...s('city', 'town'), ...s('venue', 'building', 'location'), ...s('online', 'virtual', 'remote')],
  organiser: [...s('name', 'organisation', 'organization'), ...s('url', 'website', 'web', 'link', 'site', 'homepage')],
  contact: [...s('name', 'fullname', 'person'), ...s('email', 'mail', 'emailaddress', 'e-mail'), ...s('phone', 'telephone', 'tel', 'mobile', 'phonenumber', 'telephonenumber'), ...s('role', 'jobtitle', 'position', 'function'), ...s('organisation', 'organization', 'org', 'affiliation')],
  person: [...s('name', 'fullname'), ...s('role', 'jobtitle', 'position', 'function'), ...s('organisation', 'organization', 'org', 'affiliation', 'company')],
  highlights: [...s('themes', 'sessions', 'items', 'topics')],
  theme: [...s('title', 'name', 'theme', 'session'), ...s('text', 'description', 'summary', 'notes', 'body'), ...s('speakers', 'speaker', 'presenters', 'presenter', 'panellists', 'panelists'), ...s('links', 'link'), ...s('images', 'image', 'pictures', 'photos')],
  practices: [...s('topics', 'items')],
  topic: [...s('title', 'name', 'topic'), ...s('practices', 'items', 'examples')],
  practice: [
    ...s('title', 'name'),
    ...s('presenter', 'speaker', 'presentedby', 'presenters'),
    ...s('description', 'text', 'summary', 'body'),
    ...s('figures', 'keyfigures', 'numbers', 'figure', 'results'),
    ...s('links', 'link'),
    ...s('images', 'image', 'pictures', 'photos'),
  ],
  nextSteps: [...s('groups', 'items', 'recommendations')],
  group: [...s('title', 'name', 'heading'), ...s('items', 'recommendations', 'points')],
  upcoming: [...s('items', 'activities', 'events')],
  upcomingItem: [...s('title', 'name'), ...s('kind', 'type', 'format'), ...s('url', 'link', 'website', 'web')],
  resources: [...s('items', 'links', 'publications')],
  link: [...s('title', 'name', 'text', 'label'), ...s('url', 'link', 'href', 'address', 'website')],
  image: [...s('src', 'path', 'file'), ...s('alt', 'alttext', 'description')],
  section: [...s('body', 'text', 'content')],
};

/** Words close to a key but not safe to read as it: suggested, never applied. */
const SUGGESTIONS: Partial<Record<KeyContext, [string, string][]>> = {
  event: [['city', 'place'], ['country', 'place'], ['participants', 'highlights']],
  practice: [['url', 'links'], ['website', 'links'], ['organisation', 'presenter'], ['organization', 'presenter']],
  theme: [['url', 'links']],
};

export function normaliseKey(key: string): string {
  return foldText(key).replace(/[\s_\-.]+/g, '');
}

const tables = new Map<KeyContext, Map<string, KeyMeaning>>();

function table(context: KeyContext): Map<string, KeyMeaning> {
  let found = tables.get(context);
  if (!found) {
    found = new Map();
    for (const key of CANONICAL_KEYS[context]) found.set(normaliseKey(key), { key });
    for (const [word, meaning] of SYNONYMS[context]) if (!found.has(word)) found.set(word, meaning);
    tables.set(context, found);
  }
  return found;
}

/**
 * The keys a label pack's words may stand for (locales/*.json `fields`), and
 * where else in the pack the words for a key already are: a part's heading
 * phrases are its key, a key line's words are its key (`link` lines are
 * `links`), so packs do not repeat them.
 */
export const FIELD_NAMES = [
  'title', 'subtitle', 'kind', 'date', 'endDate', 'place', 'city', 'country', 'venue', 'online', 'url', 'website', 'organisers', 'speakers',
  'language', 'summary', 'highlights', 'practices', 'nextSteps', 'upcoming', 'resources', 'contacts', 'topic', 'project', 'presenter', 'role',
  'organisation', 'region', 'description', 'figures', 'links', 'text', 'name', 'email', 'items', 'intro',
] as const;

const FROM_HEADINGS = new Set(['summary', 'highlights', 'practices', 'nextSteps', 'upcoming', 'resources', 'contacts']);
const FROM_KEY_LINES: Record<string, string> = {
  project: 'project', presenter: 'presenter', role: 'role', organisation: 'organisation', region: 'region', country: 'country', links: 'link', figures: 'figures', speakers: 'speakers',
};

type PackWithFields = LabelPack & { fields?: Partial<Record<string, unknown>> };

const words = (value: unknown): string[] => (Array.isArray(value) ? value.filter((w): w is string => typeof w === 'string') : []);

/** Every word a pack gives for a canonical key: its `fields`, and the heading phrases or key-line words it already has. */
export function fieldWords(pack: LabelPack, key: string): string[] {
  const { fields } = pack as PackWithFields;
  const own = fields && Object.hasOwn(fields, key) ? words(fields[key]) : [];
  const headings = FROM_HEADINGS.has(key) && Object.hasOwn(pack.headings, key) ? words(pack.headings[key as keyof LabelPack['headings']]) : [];
  const line = Object.hasOwn(FROM_KEY_LINES, key) ? words(pack.keys[FROM_KEY_LINES[key] as keyof LabelPack['keys']]) : [];
  return [...new Set([...own, ...headings, ...line])];
}

/**
 * The key a pack's field stands for in one context: the field itself where it
 * is a key there, or the key its English name is a synonym of there (a pack's
 * words for `text` are a practice's `description`, as `text:` is).
 */
function keyOfField(field: string, context: KeyContext): string | undefined {
  if (CANONICAL_KEYS[context].includes(field)) return field;
  const meaning = table(context).get(normaliseKey(field));
  return meaning && meaning.role === undefined && CANONICAL_KEYS[context].includes(meaning.key) ? meaning.key : undefined;
}

/** One pack's words in one context (normalised), each with the canonical key it stands for; a word the pack gives two keys is left out. */
function packTable(pack: LabelPack, context: KeyContext): Map<string, string> {
  const found = new Map<string, string>();
  const twice = new Set<string>();
  for (const field of new Set<string>([...CANONICAL_KEYS[context], ...FIELD_NAMES])) {
    const key = keyOfField(field, context);
    if (key === undefined) continue;
    for (const word of fieldWords(pack, field)) {
      const normal = normaliseKey(word);
      const before = found.get(normal);
      if (before !== undefined && before !== key) twice.add(normal);
      else found.set(normal, key);
    }
  }
  for (const word of twice) found.delete(word);
  return found;
}

interface Multilingual {
  /** Words every pack that has them gives the same key. */
  shared: Map<string, string>;
  /** Each pack's own words, for notes whose `language` picks it. */
  byPack: Map<string, Map<string, string>>;
}

const multilingual = new Map<KeyContext, Multilingual>();

/** The words of all 24 packs for one context, built at first use. A word two packs read as different keys is only read in its language. */
function multilingualTable(context: KeyContext): Multilingual {
  let found = multilingual.get(context);
  if (found) return found;
  const byPack = new Map<string, Map<string, string>>();
  const meanings = new Map<string, Set<string>>();
  for (const [code, pack] of labelPacks()) {
    const own = packTable(pack, context);
    byPack.set(code, own);
    for (const [word, key] of own) {
      const keys = meanings.get(word) ?? new Set<string>();
      keys.add(key);
      meanings.set(word, keys);
    }
  }
  const shared = new Map<string, string>();
  for (const [word, keys] of meanings) if (keys.size === 1) shared.set(word, [...keys][0]!);
  found = { shared, byPack };
  multilingual.set(context, found);
  return found;
}

/**
 * The canonical key a written key stands for in this context, or undefined
 * when it is not known: the canonical keys and English synonyms first, then
 * the words of the notes' language (a BCP 47 tag, `de-AT` reads `de`), then
 * the words of any language that no other language reads differently.
 */
export function resolveKey(context: KeyContext, written: string, language?: string): KeyMeaning | undefined {
  if (CANONICAL_KEYS[context].includes(written)) return { key: written };
  const normal = normaliseKey(written);
  const meaning = table(context).get(normal);
  if (meaning) return CANONICAL_KEYS[context].includes(meaning.key) ? meaning : undefined;
  const { shared, byPack } = multilingualTable(context);
  const primary = language?.toLowerCase().split(/[-_]/)[0];
  const key = (primary !== undefined ? byPack.get(primary)?.get(normal) : undefined) ?? shared.get(normal);
  return key !== undefined ? { key } : undefined;
}

/** The value of the event's key written under any name that means `key` (`Titel:` for `title`), in the order written. */
export function eventValue(data: Readonly<Record<string, unknown>>, key: string, language?: string): unknown {
  if (Object.hasOwn(data, key)) return data[key];
  const written = Object.keys(data).find((k) => resolveKey('event', k, language)?.key === key);
  return written === undefined ? undefined : data[written];
}

/**
 * The language of notes that do not say theirs, from their keys (`titre`, `lieu`, `résumé` …): the label pack whose
 * words are most of the event's keys not written in English, when at least two are and no other pack reads as
 * many; else undefined. The keys written in English (or the canonical ones) say nothing either way.
 */
export function languageOfKeys(data: Readonly<Record<string, unknown>>): { language: string; keys: string[] } | undefined {
  const { byPack } = multilingualTable('event');
  const english = table('event');
  const foreign = Object.keys(data).filter((k) => !english.has(normaliseKey(k)) && !CANONICAL_KEYS.event.includes(k));
  const scores = [...byPack].map(([code, words]) => ({ code, keys: foreign.filter((k) => words.has(normaliseKey(k))) })).filter((s) => s.code !== 'en');
  scores.sort((a, b) => b.keys.length - a.keys.length);
  const [best, next] = scores;
  return best && best.keys.length >= 2 && (!next || next.keys.length < best.keys.length) ? { language: best.code, keys: best.keys } : undefined;
}

/** The notes' language tag, from whichever key means `language` (`Sprache: de`, `Langue : français`). */
export function notesLanguage(data: Readonly<Record<string, unknown>>): string | undefined {
  const value = eventValue(data, 'language');
  return typeof value === 'string' ? (languageOfName(value) ?? value.trim()) : undefined;
}

/** The context of the mapping at a canonical path of the notes (`['place']` -> `place`). */
export function contextOf(path: readonly (string | number)[]): KeyContext | undefined {
  const names = path.filter((p) => typeof p === 'string' && !/^\d+$/.test(p)).map(String);
  if (names.length === 0) return 'event';
  const byPath: Record<string, KeyContext> = {
    place: 'place', organisers: 'organiser', speakers: 'person', contacts: 'contact', logo: 'image', highlights: 'highlights', 'highlights/themes': 'theme',
    'highlights/themes/speakers': 'person', 'highlights/themes/links': 'link', 'highlights/themes/images': 'image', practices: 'practices',
    'practices/topics': 'topic', 'practices/topics/practices': 'practice', 'practices/topics/practices/presenter': 'person',
    'practices/topics/practices/links': 'link', 'practices/topics/practices/images': 'image', nextSteps: 'nextSteps', 'nextSteps/groups': 'group',
    upcoming: 'upcoming', 'upcoming/items': 'upcomingItem', resources: 'resources', 'resources/items': 'link', sections: 'section',
  };
  const joined = names.join('/');
  return Object.hasOwn(byPath, joined) ? byPath[joined] : undefined;
}

/**
 * "Did you mean" for a key the schema does not know: by synonym (a key that
 * means something here, or a misspelt synonym) as well as by spelling.
 */
export function suggestKey(written: string, parentPath: readonly (string | number)[], known: readonly string[]): string | undefined {
  const context = contextOf(parentPath);
  const normal = normaliseKey(written);
  if (context) {
    for (const [word, key] of SUGGESTIONS[context] ?? []) if (word === normal && known.includes(key) && key !== written) return key;
    const words = [...table(context).keys()];
    const close = didYouMean(normal, words);
    const meaning = close ? table(context).get(close) : undefined;
    if (meaning && known.includes(meaning.key)) return meaning.key;
  }
  return didYouMean(written, known);
}
