/**
 * The walk over written notes that makes them canonical: keys, lists, values
 * (dates, addresses, places, people, links), recording for every change its
 * message, its rewrite for `report fix` and where it was written. The parts'
 * short forms (highlights, practices, next steps …) are in ./parts.ts.
 */
import { diagnostic, quote, type Diagnostic, type Position } from '../../diagnostics/message.js';
import { pathKey, type ParsedNotes } from '../parsed-notes.js';
import { withScheme } from './addresses.js';
import { readActivityLine } from './activity-line.js';
import { readDate } from './dates.js';
import { labelPack } from '../../i18n/locales.js';
import { matchHeading } from '../section-names.js';
import { CANONICAL_KEYS, languageOfKeys, normaliseKey, notesLanguage, resolveKey, type KeyContext, type KeyMeaning } from './keys.js';
import { highlights, nextSteps, practices, section } from './parts.js';
import { readPlace } from './place.js';
import { practiceLine } from './practice-line.js';
import type { NotesPath, Rewrite } from './rewrite.js';
import { languageOfName } from './languages.js';
import { readPerson, splitPeople } from './people.js';
import { readContact, readLink, readOrganiser, splitOrganisers, splitSemicolons } from './short-forms.js';
import { canonName, FILL_DOCS, fieldOf, flow, isMapping, type Json } from './wording.js';

/** Lists the model holds, which a synonym's items join instead of clashing with. */
/** Lists of names that people write on one line, separated by `;` (a comma can be part of a name). */
const SEPARATED_LISTS = new Set(['organisers', 'speakers', 'contacts']);
const LIST_KEYS = new Set(['organisers', 'contacts', 'speakers', 'figures', 'links', 'images', 'items', 'groups', 'themes', 'topics', 'practices', 'sections']);

/**
 * A string naming several entries of a list: people also at `and` between names and at a comma after a bracket
 * (`A (X), B (Y)`), as on a `Speakers:` line; organisers at `;` and at `, with` (src/parse/canonical/short-forms.ts);
 * contacts at `;` only (a comma can be part of a name).
 */
function severalNames(value: string, key: string, language: string | undefined): string[] | undefined {
  if (key === 'organisers') return splitOrganisers(value, language);
  if (key !== 'speakers') return splitSemicolons(value);
  const people = splitPeople(value);
  return people.length > 1 ? people : undefined;
}

/** Words for a mapping that people put around the title block's keys. */
const WRAPPERS = new Set(['event', 'meta', 'metadata', 'details', 'eventdetails', 'eventinfo', 'info', 'general', 'workshop', 'meeting']);

/**
 * The key of a mapping around the title block (`event:` holding `title`, `date` …), when it is not itself a key
 * of the notes and at least two of its keys are keys of the event; else undefined.
 */
function eventWrapper(data: Json, language: string | undefined): string | undefined {
  for (const written of Object.keys(data)) {
    const value = data[written];
    if (!WRAPPERS.has(normaliseKey(written)) || resolveKey('event', written, language) || !isMapping(value)) continue;
    const known = Object.keys(value).filter((k) => CANONICAL_KEYS.event.includes(resolveKey('event', k, language)?.key ?? ''));
    if (known.length >= 2) return written;
  }
  return undefined;
}

/** Keys of an entry of a list of headed sections: its heading, and what it holds. */
const SECTION_HEADING = new Set(['heading', 'title', 'section', 'name', 'part']);
const SECTION_TEXT = new Set(['text', 'content', 'body', 'description', 'summary', 'intro']);
const SECTION_ITEMS = new Set(['items', 'points', 'list', 'bullets', 'entries']);
/** The event's key for each part a heading may name. */
const PART_KEYS: Record<string, string> = { summary: 'summary', highlights: 'highlights', practices: 'practices', nextSteps: 'nextSteps', upcoming: 'upcoming', resources: 'resources', contacts: 'contacts' };

interface HeadedSection {
  heading: string;
  text?: unknown;
  items?: unknown;
  /** Where the entry is written. */
  orig: NotesPath;
}

/**
 * The key of a list of headed sections (`report:` holding `- heading: Summary` / `text: …`, `- heading: Next steps` /
 * `items: […]`), as notes typed in YAML by hand outline a report: not itself a key of the notes, every entry a
 * mapping of a heading and text or items only, at least one heading naming a part. Else undefined.
 */
function headedSections(data: Json, language: string | undefined): { key: string; sections: HeadedSection[] } | undefined {
  for (const written of Object.keys(data)) {
    const value = data[written];
    if (resolveKey('event', written, language) || !Array.isArray(value) || value.length === 0) continue;
    const sections: HeadedSection[] = [];
    for (const [i, entry] of value.entries()) {
      if (!isMapping(entry)) break;
      const keys = Object.keys(entry);
      const heading = keys.find((k) => SECTION_HEADING.has(normaliseKey(k)));
      const text = keys.find((k) => SECTION_TEXT.has(normaliseKey(k)));
      const items = keys.find((k) => SECTION_ITEMS.has(normaliseKey(k)));
      if (!heading || typeof entry[heading] !== 'string' || keys.length !== [heading, text, items].filter(Boolean).length) break;
      sections.push({ heading: String(entry[heading]).trim(), ...(text ? { text: entry[text] } : {}), ...(items ? { items: entry[items] } : {}), orig: [written, i] });
    }
    if (sections.length === value.length && sections.some((section) => matchHeading(section.heading, language)?.part !== undefined)) return { key: written, sections };
  }
  return undefined;
}

type ChildFn = (key: string, value: unknown, orig: NotesPath, canon: NotesPath, meaning: KeyMeaning, offset: number) => unknown;

export class Canonicaliser {
  readonly messages: Diagnostic[] = [];
  rewrites: Rewrite[] = [];
  /** canonical path -> the path as written, wherever they differ. */
  readonly origin = new Map<string, NotesPath>();
  readonly language: string | undefined;

  /** The language read from the notes' keys, when they do not say theirs (`language-from-keys`). */
  private readonly keysLanguage: { language: string; keys: string[] } | undefined;

  constructor(
    private readonly parsed: ParsedNotes,
    data: Json,
  ) {
    const declared = notesLanguage(data);
    this.keysLanguage = declared === undefined ? languageOfKeys(data) : undefined;
    this.language = declared ?? this.keysLanguage?.language;
  }

  where(orig: NotesPath, target: 'value' | 'key' = 'value'): Position | undefined {
    for (let n = orig.length; n >= 0; n--) {
      const at = this.parsed.locate(orig.slice(0, n), n === orig.length ? target : 'value');
      if (at) return at;
    }
    return undefined;
  }

  map(canon: NotesPath, orig: NotesPath): void {
    if (pathKey(canon) !== pathKey(orig)) this.origin.set(pathKey(canon), orig);
  }

  info(rule: string, reason: string, orig: NotesPath, target: 'value' | 'key' = 'value', note?: string): void {
    this.messages.push(diagnostic(rule, reason, this.where(orig, target), { severity: 'info', ...(note ? { note } : {}) }));
  }

  /** Record that the value written at `orig` is now `to`. */
  set(orig: NotesPath, from: unknown, to: unknown, rule: string): void {
    this.rewrites.push({ action: 'set-value', path: orig, from, to, position: this.where(orig), rule });
  }

  /** Run `work` keeping its messages but not its rewrites (a whole value replaced above it holds them). */
  quietly<T>(work: () => T): T {
    const kept = this.rewrites;
    this.rewrites = [];
    try {
      return work();
    } finally {
      this.rewrites = kept;
    }
  }

  // -------------------------------------------------------------------------

  event(data: Json): Json {
    const child: ChildFn = (key, value, orig, canon, meaning, offset) => this.eventValue(key, value, orig, canon, meaning, offset);
    const headed = headedSections(data, this.language);
    if (headed) data = Object.fromEntries(Object.entries(data).filter(([k]) => k !== headed.key));
    const wrapper = eventWrapper(data, this.language);
    let out: Json;
    if (wrapper) {
      // `event: { name, date, place }` around the title block: its keys are the event's own, where they were written.
      this.info('event-wrapper', `The keys under ${quote(wrapper)} are read as the event's own`, [wrapper], 'key', `Write them at the top level, without \`${wrapper}:\``);
      const inner = this.mapping('event', data[wrapper] as Json, [wrapper], [], child);
      const rest = this.mapping('event', Object.fromEntries(Object.entries(data).filter(([k]) => k !== wrapper)), [], [], child);
      for (const key of Object.keys(rest)) if (Object.hasOwn(inner, key)) this.conflict(key, key, [], [inner[key], rest[key]]);
      out = { ...inner, ...rest };
    } else out = this.mapping('event', data, [], [], child);
    if (headed) out = this.readHeadedSections(headed.key, headed.sections, out, child);
    this.kindAsPlace(out);
    const fromKeys = this.keysLanguage;
    if (fromKeys && out.language === undefined) {
      out.language = fromKeys.language;
      const name = new Intl.DisplayNames(['en'], { type: 'language' }).of(fromKeys.language) ?? fromKeys.language;
      this.info('language-from-keys', `The notes do not say their language; their keys (${fromKeys.keys.slice(0, 3).map(quote).join(', ')}) are ${name}, so they are read and printed in it`, [fromKeys.keys[0]!], 'key', `Write \`language: ${fromKeys.language}\` to make this certain (\`report fix\` does).`);
      this.rewrites.push({ action: 'insert-key', path: ['language'], from: undefined, to: fromKeys.language, after: 'title', position: this.where([fromKeys.keys[0]!], 'key'), rule: 'language-from-keys' });
    }
    const range = this.pendingEnd;
    if (range) {
      if (out.endDate === undefined) {
        out.endDate = range.value;
        this.map(['endDate'], range.orig);
        this.rewrites.push({ action: 'insert-key', path: ['endDate'], from: undefined, to: range.value, after: 'date', position: this.where(range.orig), rule: 'date-form' });
      } else if (out.endDate !== range.value) {
        this.messages.push(
          diagnostic('date-form', `The range ends on ${quote(range.value)}, but \`endDate\` is ${quote(out.endDate)}`, this.where(range.orig), {
            severity: 'warning',
            note: 'Keep one end date: write `date` as one day, or remove `endDate`',
          }),
        );
      }
    }
    return endDateAfterDate(out);
  }

  /**
   * Each headed section as the part its heading names, read as that part's key would be (a list of items in the
   * short forms the parts take, text as its introduction); any other heading a free section, kept as written. The
   * parts' own messages point at the entries. `report fix` leaves the layout as it is (the info says how to write it).
   */
  private readHeadedSections(key: string, sections: readonly HeadedSection[], out: Json, child: ChildFn): Json {
    this.info('headed-sections', `The entries of ${quote(key)} are read as the report's parts, each named by its heading`, [key], 'key', 'Write each part under its own key (`summary:`, `highlights:`, `nextSteps:` …), as docs/notes-format.md shows');
    const free: Json[] = [];
    for (const section of sections) {
      const part = matchHeading(section.heading, this.language)?.part;
      const name = part === undefined ? undefined : PART_KEYS[part];
      if (name === undefined || Object.hasOwn(out, name)) {
        if (name !== undefined) this.conflict(name, name, section.orig, [out[name], section.items ?? section.text]);
        free.push({ title: section.heading, body: sectionBody(section) });
        this.map(['sections', free.length - 1], section.orig);
        continue;
      }
      const value = name === 'summary' ? section.text ?? sectionBody(section) : section.items === undefined ? textOnly(name, section.text) : section.text === undefined ? section.items : introAndItems(name, section.text, section.items, this.language);
      // (a part's short forms recorded as rewrites would be written into the entry by `fix`: the messages alone)
      const read = this.quietly(() => this.mapping('event', { [name]: value }, section.orig, [], child));
      // (practices written as a list are grouped into topics first; the text is then the part's introduction)
      if (name === 'practices' && section.text !== undefined && section.items !== undefined && isMapping(read.practices)) read.practices = { intro: this.text(section.text, section.orig), ...read.practices };
      Object.assign(out, read);
      this.map([name], section.orig);
    }
    if (free.length) out.sections = [...(Array.isArray(out.sections) ? out.sections : []), ...free];
    return out;
  }

  /**
   * `format: Online (Zoom)`, `type: hybrid` with no place: how the event was held, which the place says (an online
   * event needs no city). Read as the place, with an info; a kind such as `Webinar` stays the kind.
   */
  private kindAsPlace(out: Json): void {
    if (out.place !== undefined || typeof out.kind !== 'string') return;
    const reading = readPlace(out.kind);
    if (!reading?.online || reading.city !== undefined || reading.country !== undefined) return;
    const orig = this.origin.get(pathKey(['kind'])) ?? ['kind'];
    // (`Webinar`, `Online webinar` name a kind of event held online: the kind stays, and the place says online)
    const aKind = /webinar|seminar|workshop|conference|meeting|session/i.test(out.kind);
    this.info('short-form', `${quote(out.kind)} says how the event was held: ${aKind ? 'the place is' : 'read as its place,'} ${flow(reading as Json)}`, orig, 'value', aKind ? 'Write `place: Online` to make this certain' : 'Write it as `place:` (`place: Online`), and the kind of event (`Webinar`) as `kind:`');
    out.place = reading as Json;
    if (!aKind) delete out.kind;
    this.map(['place'], orig);
  }

  private pendingEnd: { value: string; orig: NotesPath } | undefined;

  private eventValue(key: string, value: unknown, orig: NotesPath, canon: NotesPath, meaning: KeyMeaning, offset: number): unknown {
    switch (key) {
      case 'date':
        return this.date(value, orig, true);
      case 'endDate':
        return this.date(value, orig, false);
      case 'place':
        return this.place(value, orig, canon, normaliseKey(String(orig[orig.length - 1])) === 'venue');
      case 'url':
      case 'website':
        return this.address(value, orig);
      case 'summary':
        return this.text(value, orig);
      case 'language':
        return this.languageTag(value, orig);
      case 'organisers': {
        const rolled = (item: unknown, o: NotesPath, c: NotesPath) => this.organiser(item, o, c, meaning.role);
        if (!meaning.role) return this.list(value, orig, canon, offset, rolled);
        // `host: …`: every organiser it names gets the role the word gives.
        const before = value;
        const list = this.quietly(() => this.list(value, orig, canon, offset, rolled));
        if (JSON.stringify(list) !== JSON.stringify(before)) this.set(orig, before, list, 'canonical-key');
        return list;
      }
      case 'contacts':
        return this.list(value, orig, canon, offset, (item, o, c) => this.contact(item, o, c));
      case 'speakers':
        return this.list(value, orig, canon, offset, (item, o, c) => this.named('person', item, o, c));
      case 'logo':
        return isMapping(value) ? this.mapping('image', value, orig, canon, (_k, v) => v) : value;
      case 'highlights':
        return highlights(this, value, orig, canon);
      case 'practices':
        return practices(this, value, orig, canon);
      case 'nextSteps':
        return nextSteps(this, value, orig, canon);
      case 'upcoming':
        return section(this, value, orig, canon, 'upcoming', (item, o, c) => this.upcomingItem(item, o, c));
      case 'resources':
        return section(this, value, orig, canon, 'resources', (item, o, c) => this.link(item, o, c));
      case 'sections':
        return this.list(value, orig, canon, offset, (item, o, c) => (isMapping(item) ? this.mapping('section', item, o, c, (k, v, vo) => (k === 'body' ? this.text(v, vo) : v)) : item), false);
      default:
        return value;
    }
  }

  /**
   * A mapping with its keys made canonical. A synonym of a key written too
   * (`host` beside `organisers`) joins its list; any other clash is an error.
   */
  mapping(context: KeyContext, value: Json, orig: NotesPath, canon: NotesPath, child: ChildFn): Json {
    const groups = new Map<string, { written: string; meaning: KeyMeaning }[]>();
    const order: string[] = [];
    for (const written of Object.keys(value)) {
      const meaning = resolveKey(context, written, this.language) ?? { key: written };
      const list = groups.get(meaning.key);
      if (list) list.push({ written, meaning });
      else {
        groups.set(meaning.key, [{ written, meaning }]);
        order.push(meaning.key);
      }
    }
    const out = new Map<string, unknown>();
    for (const key of order) {
      const entries = groups.get(key)!;
      // The entry written with the canonical key keeps its place; the others join it.
      const primary = entries.find((e) => e.written === key) ?? entries[0]!;
      const others = entries.filter((e) => e !== primary);
      const known = CANONICAL_KEYS[context].includes(key);
      const result = this.entry(primary.written, key, value[primary.written], orig, canon, primary.meaning, 0, known, child);
      if (others.length === 0) {
        out.set(key, result);
        continue;
      }
      if (Array.isArray(result) && LIST_KEYS.has(key)) {
        const merged = [...result];
        for (const other of others) {
          const kept = this.rewrites;
          this.rewrites = [];
          const items = this.entry(other.written, key, value[other.written], orig, canon, other.meaning, merged.length, known, child, true);
          this.rewrites = kept;
          // The same entry written under both keys is one entry.
          const all = Array.isArray(items) ? items : [items];
          const list = all.filter((item) => !merged.some((m) => JSON.stringify(m) === JSON.stringify(item)));
          if (list.length < all.length) {
            this.messages.push(
              diagnostic('canonical-key', `${quote(other.written)} repeats ${all.length - list.length === 1 ? 'an entry' : 'entries'} of ${quote(key)}: each is kept once`, this.where([...orig, other.written], 'key'), {
                severity: 'warning',
                note: `Write each entry once, under ${quote(key)}`,
              }),
            );
          }
          merged.push(...list);
          this.rewrites.push({ action: 'move', path: [...canon, other.written], from: value[other.written], to: [...canon, key], value: list, position: this.where([...orig, other.written], 'key'), rule: 'canonical-key' });
        }
        out.set(key, merged);
      } else if (isMapping(result) && others.every((o) => typeof value[o.written] === 'string' && key === 'place')) {
        // `venue: …` beside `place: …`: the venue joins the place.
        const place = { ...result };
        for (const other of others) {
          const venue = value[other.written] as string;
          if (place.venue !== undefined && place.venue !== venue) {
            this.conflict(other.written, key, orig);
            continue;
          }
          place.venue = venue;
          this.map([...canon, key, 'venue'], [...orig, other.written]);
          this.info('canonical-key', `Key ${quote(other.written)} read as \`place.venue\``, [...orig, other.written], 'key');
          this.rewrites.push({ action: 'move', path: [...canon, other.written], from: venue, to: [...canon, key, 'venue'], value: venue, position: this.where([...orig, other.written], 'key'), rule: 'canonical-key' });
        }
        out.set(key, place);
      } else {
        out.set(key, result);
        for (const other of others) this.conflict(other.written, key, orig, [value[primary.written], value[other.written]]);
      }
    }
    return Object.fromEntries(out);
  }

  private conflict(written: string, key: string, orig: NotesPath, values?: [unknown, unknown]): void {
    const both = values ? `: ${quote(values[0])} and ${quote(values[1])}` : '';
    this.messages.push(
      diagnostic('canonical-conflict', `Key ${quote(written)} means ${quote(key)}, which is given too${both}`, this.where([...orig, written], 'key'), {
        note: `Keep one of ${quote(written)} and ${quote(key)}`,
      }),
    );
  }

  private entry(written: string, key: string, value: unknown, orig: NotesPath, canon: NotesPath, meaning: KeyMeaning, offset: number, known: boolean, child: ChildFn, moved = false): unknown {
    const origChild = [...orig, written];
    const canonChild = [...canon, key];
    if (offset === 0) this.map(canonChild, origChild);
    if (!known) return value;
    if (written !== key) {
      const role = meaning.role ? ` with role ${quote(meaning.role)}` : '';
      const where = canon.length ? ` in ${quote(fieldOf(canon))}` : '';
      this.info('canonical-key', `Key ${quote(written)}${where} read as ${quote(key)}${role}`, origChild, 'key', `The canonical key is ${quote(key)}; ${FILL_DOCS}`);
      if (!moved) this.rewrites.push({ action: 'rename-key', path: origChild, from: written, to: key, position: this.where(origChild, 'key'), rule: 'canonical-key' });
    }
    return child(key, value, origChild, canonChild, meaning, offset);
  }

  /**
   * A list, or one value where a list is expected (read as a list of one).
   * `offset`: where its items start in the canonical list (after a merge).
   */
  list(value: unknown, orig: NotesPath, canon: NotesPath, offset: number, item: (value: unknown, orig: NotesPath, canon: NotesPath) => unknown, wrapMappings = true): unknown {
    if (Array.isArray(value)) {
      return value.map((v, i) => {
        this.map([...canon, offset + i], [...orig, i]);
        return item(v, [...orig, i], [...canon, offset + i]);
      });
    }
    const listKey = String(canon[canon.length - 1]);
    const several = typeof value === 'string' && SEPARATED_LISTS.has(listKey) ? severalNames(value, listKey, this.language) : undefined;
    if (several) {
      // `A; B (host)`: each name is an item; the whole string is replaced above them, so their own rewrites are not kept.
      const items = this.quietly(() =>
        several.map((part, i) => {
          this.map([...canon, offset + i], orig);
          return item(part, orig, [...canon, offset + i]);
        }),
      );
      const at = listKey === 'organisers' ? (String(value).includes(';') ? 'one at each `;` or `, with`' : /,\s+\p{Ll}/u.test(String(value)) ? 'one before and one after `, with`' : 'one at each `,` (the last names its role)') : String(value).includes(';') ? 'one at each `;`' : 'one per person';
      this.info('short-form', `${quote(value)} read as a list of ${several.length} in ${quote(canonName(canon))}, ${at}`, orig, 'value', `Write each as a list item (\`- …\`), ${FILL_DOCS}`);
      this.set(orig, value, items, 'short-form');
      return items;
    }
    if (typeof value === 'string' || (wrapMappings && isMapping(value))) {
      this.map([...canon, offset], orig);
      const one = item(value, orig, [...canon, offset]);
      this.info('short-form', `One value where ${quote(canonName(canon))} expects a list: read as a list of one`, orig, 'value', `Write it as a list (\`- …\`), ${FILL_DOCS}`);
      this.set(orig, value, [one], 'short-form');
      return [one];
    }
    return value;
  }

  // --- values --------------------------------------------------------------

  date(value: unknown, orig: NotesPath, range: boolean): unknown {
    const reading = readDate(value, this.language);
    if (!reading) return value;
    const written = value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
    if ('ambiguous' in reading) {
      const [dayFirst, monthFirst] = reading.ambiguous;
      this.messages.push(
        diagnostic('date-ambiguous', `The date ${quote(written)} can be read two ways: ${quote(dayFirst)} (day first) or ${quote(monthFirst)} (month first)`, this.where(orig), {
          note: `Write the one you mean as ${quote(dayFirst)} or ${quote(monthFirst)}`,
        }),
      );
      return value;
    }
    const { date, endDate } = reading.ok;
    const canonical = !range && endDate ? endDate : date;
    if (range && endDate) this.pendingEnd = { value: endDate, orig };
    const ends = range && endDate ? ` with \`endDate\` ${quote(endDate)}` : '';
    const time = reading.ok.time ? `; its time, ${quote(reading.ok.time)}, is not part of the report's facts and is left out of the report (\`report fix\` keeps it in the notes)` : '';
    this.info('date-form', `Date ${quote(written)} read as ${quote(canonical)}${ends}${time}`, orig, 'value', reading.ok.time ? `Write the day as ${quote(canonical)}, and the time in the summary` : `Dates are written YYYY-MM-DD; ${FILL_DOCS}`);
    // (`report fix` leaves a date with a time as written: writing the day alone would lose the time from the notes)
    if (reading.ok.time === undefined) this.set(orig, value, canonical, 'date-form');
    return canonical;
  }

  address(value: unknown, orig: NotesPath): unknown {
    const full = withScheme(value);
    if (!full) return value;
    this.info('address-scheme', `Address ${quote(value)} has no \`https://\`: read as ${quote(full)}`, orig, 'value', `Write ${quote(full)}, ${FILL_DOCS}`);
    this.set(orig, value, full, 'address-scheme');
    return full;
  }

  /** Text written as a list of paragraphs: one text, its paragraphs separated by a blank line. */
  text(value: unknown, orig: NotesPath): unknown {
    if (!Array.isArray(value) || value.length === 0 || !value.every((v) => typeof v === 'string')) return value;
    const to = value.join('\n\n');
    this.info('short-form', `A list of ${value.length} paragraph${value.length === 1 ? '' : 's'} where text is expected: read as one text`, orig, 'value', `Write the paragraphs as one text (\`>-\` or \`|\`), ${FILL_DOCS}`);
    this.set(orig, value, to, 'short-form');
    return to;
  }

  /** A language written as its name (`English`, `français`, `Deutsch`): its tag. */
  languageTag(value: unknown, orig: NotesPath): unknown {
    const tag = typeof value === 'string' ? languageOfName(value) : undefined;
    if (!tag) return value;
    this.info('short-form', `Language ${quote(value)} read as ${quote(tag)}`, orig, 'value', `Write the language's tag, ${quote(tag)}; ${FILL_DOCS}`);
    this.set(orig, value, tag, 'short-form');
    return tag;
  }

  /** `yes`/`no` where `true`/`false` is meant. */
  yesNo(value: unknown, orig: NotesPath): unknown {
    if (typeof value !== 'string') return value;
    const word = value.trim().toLowerCase();
    const to = ['yes', 'y', 'true', 'on'].includes(word) ? true : ['no', 'n', 'false', 'off'].includes(word) ? false : undefined;
    if (to === undefined) return value;
    this.info('short-form', `${quote(value)} read as \`${to}\``, orig, 'value', `Write \`${to}\`, ${FILL_DOCS}`);
    this.set(orig, value, to, 'short-form');
    return to;
  }

  place(value: unknown, orig: NotesPath, canon: NotesPath, writtenAsVenue: boolean): unknown {
    if (typeof value === 'string') {
      const read = readPlace(value);
      // Under `Venue:`, a name alone is the building (`Town Hall`); with a country or a mode it is the whole place.
      const reading = writtenAsVenue && !(read?.country || read?.online) ? { venue: value.trim() } : read;
      if (!reading) return value;
      const place = Object.fromEntries(Object.entries(reading).filter(([, v]) => v !== undefined));
      for (const key of Object.keys(place)) this.map([...canon, key], orig);
      this.info('short-form', `Place ${quote(value)} read as ${quote(flow(place))}`, orig, 'value', `The canonical form is a mapping like \`{ city: Vilnius, country: Lithuania }\`; ${FILL_DOCS}`);
      this.set(orig, value, place, 'short-form');
      return place;
    }
    if (isMapping(value)) return this.mapping('place', value, orig, canon, (k, v, o) => (k === 'online' || k === 'hybrid' ? this.yesNo(v, o) : v));
    return value;
  }

  /** `Name` for `{ name }`, or a mapping with its keys made canonical. */
  named(context: 'organiser' | 'person', value: unknown, orig: NotesPath, canon: NotesPath): unknown {
    if (typeof value === 'string' && value.trim()) {
      const to = context === 'person' ? readPerson(value) : readOrganiser(value, this.language);
      for (const key of Object.keys(to)) this.map([...canon, key], orig);
      this.info('short-form', `${quote(value)} read as ${quote(flow(to))}`, orig, 'value', `Write \`name: ${to.name}\`${Object.keys(to).length > 1 ? ' and the rest as keys' : ''}, ${FILL_DOCS}`);
      this.set(orig, value, to, 'short-form');
      return to;
    }
    if (isMapping(value)) return this.mapping(context, value, orig, canon, (key, v, o) => (key === 'url' ? this.address(v, o) : v));
    return value;
  }

  organiser(value: unknown, orig: NotesPath, canon: NotesPath, role: string | undefined): unknown {
    const out = this.named('organiser', value, orig, canon);
    return role && isMapping(out) && out.role === undefined ? { ...out, role } : out;
  }

  contact(value: unknown, orig: NotesPath, canon: NotesPath): unknown {
    if (typeof value === 'string') {
      const to = readContact(value);
      if (!to) return value;
      for (const key of Object.keys(to)) this.map([...canon, key], orig);
      this.info('short-form', `Contact ${quote(value)} read as ${quote(flow(to))}`, orig, 'value', `Write \`name:\` and \`email:\`, ${FILL_DOCS}`);
      this.set(orig, value, to, 'short-form');
      return to;
    }
    return isMapping(value) ? this.mapping('contact', value, orig, canon, (_k, v) => v) : value;
  }

  link(value: unknown, orig: NotesPath, canon: NotesPath): unknown {
    if (typeof value === 'string') {
      const to = readLink(value);
      if (!to) return value;
      this.map([...canon, 'title'], orig);
      this.map([...canon, 'url'], orig);
      this.info('short-form', `Link ${quote(value)} read as ${quote(flow(to))}`, orig, 'value', `Write \`title:\` and \`url:\`, ${FILL_DOCS}`);
      this.set(orig, value, to, 'short-form');
      return to;
    }
    if (!isMapping(value)) return value;
    const keys = Object.keys(value);
    const only = keys.length === 1 ? value[keys[0]!] : undefined;
    // `- Innovation procurement: https://…`: a link written as its title and its address.
    if (keys.length === 1 && !resolveKey('link', keys[0]!) && typeof only === 'string' && readLink(only)?.title === only.trim()) {
      const to = { title: keys[0]!, url: readLink(only)!.url };
      this.map([...canon, 'title'], [...orig, keys[0]!]);
      this.map([...canon, 'url'], [...orig, keys[0]!]);
      this.info('short-form', `Link ${quote(`${keys[0]}: ${only}`)} read as ${quote(flow(to))}`, [...orig, keys[0]!], 'key', `Write \`title:\` and \`url:\`, ${FILL_DOCS}`);
      this.set(orig, value, to, 'short-form');
      return to;
    }
    return this.mapping('link', value, orig, canon, (key, v, o) => (key === 'url' ? this.address(v, o) : v));
  }

  image(value: unknown, orig: NotesPath, canon: NotesPath): unknown {
    return isMapping(value) ? this.mapping('image', value, orig, canon, (_k, v) => v) : value;
  }

  upcomingItem(value: unknown, orig: NotesPath, canon: NotesPath): unknown {
    if (typeof value === 'string') {
      // (the same reading as an activity's line in Markdown: kind, date and address where people write them)
      const to: Record<string, string> = { ...readActivityLine(value, this.language) };
      const keys = Object.keys(to);
      for (const key of keys) this.map([...canon, key], orig);
      this.info('short-form', `Activity ${quote(value)} read as ${quote(flow(to))}`, orig, 'value', `Write ${keys.map((k) => `\`${k}:\``).join(', ')}, ${FILL_DOCS}`);
      this.set(orig, value, to, 'short-form');
      return to;
    }
    if (!isMapping(value)) return value;
    const keys = Object.keys(value);
    const only = keys.length === 1 ? value[keys[0]!] : undefined;
    // `- Thematic workshop: Ports`, `- 10 June 2025: Webinar`: YAML reads a line with `: ` as a mapping of one key;
    // that key is the activity's kind or date, as it would be in a Markdown list.
    if (keys.length === 1 && !resolveKey('upcomingItem', keys[0]!) && typeof only === 'string' && only.trim()) {
      const line = `${keys[0]}: ${only}`;
      const to: Record<string, string> = { ...readActivityLine(line, this.language) };
      for (const key of Object.keys(to)) this.map([...canon, key], [...orig, keys[0]!]);
      this.info('short-form', `Activity ${quote(line)} read as ${quote(flow(to))}`, [...orig, keys[0]!], 'key', `Write ${Object.keys(to).map((k) => `\`${k}:\``).join(', ')}, ${FILL_DOCS}`);
      this.set(orig, value, to, 'short-form');
      return to;
    }
    return this.mapping('upcomingItem', value, orig, canon, (key, v, o) => (key === 'url' ? this.address(v, o) : key === 'date' ? this.date(v, o, false) : v));
  }

  theme(value: unknown, orig: NotesPath, canon: NotesPath): unknown {
    if (typeof value === 'string') {
      const to = { title: value };
      this.map([...canon, 'title'], orig);
      this.set(orig, value, to, 'short-form');
      return to;
    }
    if (!isMapping(value)) return value;
    const keys = Object.keys(value);
    // `- Interoperability: what was said …`: a theme written as its title and its text.
    if (keys.length === 1 && !resolveKey('theme', keys[0]!) && (typeof value[keys[0]!] === 'string' || value[keys[0]!] === null)) {
      const title = keys[0]!;
      const to: Json = { title, ...(typeof value[title] === 'string' ? { text: value[title] } : {}) };
      this.map([...canon, 'title'], [...orig, title]);
      this.map([...canon, 'text'], [...orig, title]);
      this.info('short-form', `Theme ${quote(title)} read as its title and text`, [...orig, title], 'key', `Write \`title: ${title}\` and \`text: …\`, ${FILL_DOCS}`);
      this.set(orig, value, to, 'short-form');
      return to;
    }
    return this.mapping('theme', value, orig, canon, (key, v, o, c, _m, off) => {
      if (key === 'speakers') return this.list(v, o, c, off, (item, io, ic) => this.named('person', item, io, ic));
      if (key === 'links') return this.list(v, o, c, off, (item, io, ic) => this.link(item, io, ic));
      if (key === 'images') return this.list(v, o, c, off, (item, io, ic) => this.image(item, io, ic));
      if (key === 'text') return this.text(v, o);
      return v;
    });
  }

  /**
   * `presenter: Ana Ruiz` beside `organisation: Junta de Castilla y León` (or `organization`, `affiliation`,
   * `institution`): the presenter's organisation, as an `Organisation:` key line under a Markdown practice is. The
   * practice with it moved (and a message), or undefined when there is nothing to move or the presenter has one.
   */
  private presenterOrganisation(value: Json, orig: NotesPath): Json | undefined {
    const keys = Object.keys(value);
    const organisation = keys.find((k) => ['organisation', 'organization', 'affiliation', 'institution'].includes(normaliseKey(k)));
    const presenter = keys.find((k) => resolveKey('practice', k, this.language)?.key === 'presenter');
    if (!organisation || !presenter || typeof value[organisation] !== 'string') return undefined;
    const person = value[presenter];
    const named = typeof person === 'string' && !/[,;()]/.test(person) ? { name: person.trim() } : isMapping(person) && !Object.keys(person).some((k) => resolveKey('person', k)?.key === 'organisation') ? { ...person } : undefined;
    if (!named) return undefined;
    const to: Json = {};
    for (const [key, v] of Object.entries(value)) {
      if (key === organisation) continue;
      to[key] = key === presenter ? { ...named, organisation: String(value[organisation]).trim() } : v;
    }
    this.info('short-form', `The practice's ${quote(organisation)} is its presenter's organisation`, [...orig, organisation], 'key', `Write it as the presenter's \`organisation:\`, ${FILL_DOCS}`);
    this.set(orig, value, to, 'short-form');
    return to;
  }

  practice(value: unknown, orig: NotesPath, canon: NotesPath): unknown {
    if (typeof value === 'string') {
      // `- ENERGY-CARE – Home energy visits (Croatia). Presented by Ivana Horvat.`: a practice written as its line,
      // read as a Markdown list item of good practices is.
      const line = practiceLine(value.trim(), this.language);
      if (!line) return value;
      const to = line as unknown as Json;
      this.info('short-form', `Practice ${quote(value.trim())} read as its project ${quote(line.project)} and title ${quote(line.title)}${line.country ? `, country ${quote(line.country)}` : ''}${line.presenter ? `, presenter ${quote(line.presenter.name)}` : ''}`, orig, 'value', `Write \`project:\`, \`title:\` and the other keys, ${FILL_DOCS}`);
      this.set(orig, value, to, 'short-form');
      return this.quietly(() => this.practice(to, orig, canon));
    }
    if (!isMapping(value)) return value;
    const joined = this.presenterOrganisation(value, orig);
    if (joined) return this.quietly(() => this.practice(joined, orig, canon));
    let others: { names: string[]; orig: NotesPath } | undefined;
    const out = this.mapping('practice', value, orig, canon, (key, v, o, c, _m, off) => {
      // A practice has one presenter: of a list of several, the first is it and the others are kept in the
      // description (`Presented by: …`), with a warning; a list of one is that one.
      if (key === 'presenter' && Array.isArray(v) && v.length > 1) {
        const names = v.slice(1).map((p) => (typeof p === 'string' ? p.trim() : isMapping(p) && typeof p.name === 'string' ? [p.name, p.role, p.organisation].filter((x) => typeof x === 'string' && x).join(', ') : '')).filter(Boolean);
        if (names.length === v.length - 1) {
          others = { names, orig: o };
          return this.named('person', v[0], [...o, 0], c);
        }
      }
      if (key === 'presenter') return this.named('person', Array.isArray(v) && v.length === 1 ? v[0] : v, Array.isArray(v) && v.length === 1 ? [...o, 0] : o, c);
      if (key === 'figures') {
        // `Key figures: 120 villages reached; 30 assistants trained`: one figure at each `;`, as on a Markdown key line.
        const pieces = typeof v === 'string' ? splitSemicolons(v) : undefined;
        if (pieces) {
          this.info('short-form', `${quote(v as string)} read as ${pieces.length} figures, one at each \`;\``, o, 'value', `Write the figures as a list (\`- …\`), ${FILL_DOCS}`);
          this.set(o, v, pieces, 'short-form');
          return pieces;
        }
        return this.list(v, o, c, off, (item) => item, false);
      }
      if (key === 'links') return this.list(v, o, c, off, (item, io, ic) => this.link(item, io, ic));
      if (key === 'images') return this.list(v, o, c, off, (item, io, ic) => this.image(item, io, ic));
      return v;
    });
    if (others && isMapping(out)) {
      const also = `${labelPack(this.language).labels.presentedBy ?? 'Presented by'}: ${others.names.join('; ')}`;
      out.description = typeof out.description === 'string' && out.description.trim() ? `${out.description}\n\n${also}` : also;
      this.messages.push(
        diagnostic('several-presenters', `A practice has one presenter: the first of the list is it, and ${quote(others.names.join('; '))} is kept in its description`, this.where(others.orig), {
          severity: 'warning',
          note: 'Name the other presenters in the description, or give each its own practice',
        }),
      );
    }
    return out;
  }

}

/** A headed section's text and items as Markdown, for a free section. */
function sectionBody(section: HeadedSection): string {
  const text = typeof section.text === 'string' ? section.text.trim() : section.text === undefined ? '' : JSON.stringify(section.text);
  const items = Array.isArray(section.items) ? section.items.map((item) => `- ${typeof item === 'string' ? item : JSON.stringify(item)}`).join('\n') : section.items === undefined ? '' : String(section.items);
  return [text, items].filter(Boolean).join('\n\n');
}

/** A part written as text alone, in the part's own shape: its introduction (or note); contacts and activities as written. */
function textOnly(part: string, text: unknown): unknown {
  if (part === 'highlights' || part === 'practices' || part === 'nextSteps') return { intro: text };
  if (part === 'resources') return { items: [], note: text };
  return text;
}

/** A part's introduction and its items, in the part's own shape. */
function introAndItems(part: string, text: unknown, items: unknown, language: string | undefined): unknown {
  switch (part) {
    case 'highlights':
      return { intro: text, themes: items };
    case 'practices':
      return items;
    case 'nextSteps':
      // (a list of recommendations is one group, as `nextSteps:` written as a list is)
      return { intro: text, groups: Array.isArray(items) && items.every((item) => typeof item === 'string') ? [{ title: labelPack(language).labels.recommendations ?? 'Recommendations', items }] : items };
    case 'resources':
      return { items, note: text };
    default:
      return items;
  }
}

/** The keys in the order written, except that an `endDate` added by a range follows its `date`. */
function endDateAfterDate(out: Json): Json {
  if (!Object.hasOwn(out, 'endDate') || !Object.hasOwn(out, 'date')) return out;
  const entries = Object.entries(out).filter(([k]) => k !== 'endDate');
  const at = entries.findIndex(([k]) => k === 'date');
  entries.splice(at + 1, 0, ['endDate', out.endDate]);
  return Object.fromEntries(entries);
}

