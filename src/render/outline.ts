/**
 * What the tool understood of a notes file, as an outline with the line each
 * thing was written on: parts; themes with their speakers; practices with
 * project, presenter, organisation, country and figures; groups; activities;
 * resources; contacts; free sections; and what was left out. `report explain`
 * prints it; a pure function of the model, the placements and `locate`.
 */
import type { Position } from '../diagnostics/message.js';
import type { Placement } from '../parse/placement.js';

export interface OutlineEntry {
  /** What the entry is: `summary`, `highlights`, `theme`, `practice`, `contact`, `left-out` … */
  kind: string;
  /** The path of the value in the notes. */
  path: (string | number)[];
  line?: number;
  title?: string;
  /** Facts read for the entry (speakers, presenter, country, figures …), by name. */
  details?: Record<string, unknown>;
  /** Why it went there, when the reader recorded it. */
  reason?: string;
  /** Marked internal, all of it or some of its text: left out of the public edition (docs/editions.md). */
  internal?: 'all' | 'some';
  children?: OutlineEntry[];
}

export interface OutlineInput {
  /** The notes (normalised when they validated, as written otherwise). */
  notes: unknown;
  placements?: readonly Placement[];
  locate: (path: readonly (string | number)[]) => Position | undefined;
  /** Is the value at the path marked internal (in the notes as written)? */
  isInternal?: (path: readonly (string | number)[]) => 'all' | 'some' | undefined;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined);
const field = (o: Obj | undefined, key: string): unknown => (o && Object.hasOwn(o, key) ? o[key] : undefined);

function person(v: unknown): string | undefined {
  const p = obj(v);
  const name = str(field(p, 'name'));
  if (!name) return str(v);
  const more = [str(field(p, 'role')), str(field(p, 'organisation'))].filter(Boolean);
  return more.length ? `${name} (${more.join(', ')})` : name;
}

/** The outline's entries, in the order of the report. */
export function outlineOf({ notes, placements = [], locate, isInternal = () => undefined }: OutlineInput): OutlineEntry[] {
  const root = obj(notes) ?? {};
  const reasons = new Map<string, string>();
  for (const p of placements) if (p.path.length && !reasons.has(p.path.join('/'))) reasons.set(p.path.join('/'), p.reason);
  const entry = (kind: string, path: (string | number)[], title?: string, details?: Record<string, unknown>, children?: OutlineEntry[]): OutlineEntry => {
    const line = locate(path)?.start.line;
    const reason = reasons.get(path.join('/'));
    const internal = isInternal(path);
    const kept = details ? Object.fromEntries(Object.entries(details).filter(([, v]) => v !== undefined && !(Array.isArray(v) && !v.length))) : undefined;
    return {
      kind,
      path,
      ...(line !== undefined ? { line } : {}),
      ...(title !== undefined ? { title } : {}),
      ...(kept && Object.keys(kept).length ? { details: kept } : {}),
      ...(reason ? { reason } : {}),
      ...(internal ? { internal } : {}),
      ...(children && children.length ? { children } : {}),
    };
  };
  const out: OutlineEntry[] = [];

  const facts = { date: str(field(root, 'date')), place: placeOf(field(root, 'place')) };
  if (str(field(root, 'title'))) out.push(entry('title', ['title'], str(field(root, 'title')), facts));
  if (str(field(root, 'summary'))) out.push(entry('summary', ['summary'], undefined, { paragraphs: paragraphCount(field(root, 'summary')) }));

  const highlights = obj(field(root, 'highlights'));
  if (highlights) {
    const themes = arr(field(highlights, 'themes')).map((t, i) => {
      const theme = obj(t);
      return entry('theme', ['highlights', 'themes', i], str(field(theme, 'title')), { speakers: arr(field(theme, 'speakers')).map(person).filter(Boolean) });
    });
    if (str(field(highlights, 'participation'))) themes.push(entry('participation', ['highlights', 'participation'], undefined, { paragraphs: paragraphCount(field(highlights, 'participation')) }));
    // (a part the notes do not write, present in the model as an empty shell, is not in the outline)
    if (themes.length || str(field(highlights, 'title')) || str(field(highlights, 'intro'))) out.push(entry('highlights', ['highlights'], str(field(highlights, 'title')), { intro: str(field(highlights, 'intro')) ? true : undefined }, themes));
  }

  const practices = obj(field(root, 'practices'));
  if (practices) {
    const topics = arr(field(practices, 'topics')).map((t, ti) => {
      const topic = obj(t);
      const items = arr(field(topic, 'practices')).map((p, pi) => {
        const practice = obj(p);
        const presenter = obj(field(practice, 'presenter'));
        return entry('practice', ['practices', 'topics', ti, 'practices', pi], str(field(practice, 'title')), {
          project: str(field(practice, 'project')),
          presenter: str(field(presenter, 'name')) ?? str(field(practice, 'presenter')),
          organisation: str(field(presenter, 'organisation')),
          region: str(field(practice, 'region')),
          country: str(field(practice, 'country')),
          figures: arr(field(practice, 'figures')).filter((f) => typeof f === 'string'),
        });
      });
      return entry('topic', ['practices', 'topics', ti], str(field(topic, 'title')), undefined, items);
    });
    if (topics.length || str(field(practices, 'title')) || str(field(practices, 'intro'))) out.push(entry('practices', ['practices'], str(field(practices, 'title')), { intro: str(field(practices, 'intro')) ? true : undefined }, topics));
  }

  const nextSteps = obj(field(root, 'nextSteps'));
  if (nextSteps) {
    const groups = arr(field(nextSteps, 'groups')).map((g, i) => entry('group', ['nextSteps', 'groups', i], str(field(obj(g), 'title')), { items: arr(field(obj(g), 'items')).length }));
    if (groups.length || str(field(nextSteps, 'title')) || str(field(nextSteps, 'intro'))) out.push(entry('nextSteps', ['nextSteps'], str(field(nextSteps, 'title')), { intro: str(field(nextSteps, 'intro')) ? true : undefined }, groups));
  }

  const upcoming = obj(field(root, 'upcoming'));
  if (upcoming && arr(field(upcoming, 'items')).length) {
    const items = arr(field(upcoming, 'items')).map((a, i) => {
      const item = obj(a);
      return entry('activity', ['upcoming', 'items', i], str(field(item, 'title')), { kind: str(field(item, 'kind')), date: str(field(item, 'date')), url: str(field(item, 'url')) });
    });
    out.push(entry('upcoming', ['upcoming'], str(field(upcoming, 'title')), undefined, items));
  }

  const resources = obj(field(root, 'resources'));
  if (resources && (arr(field(resources, 'items')).length || str(field(resources, 'note')))) {
    const items = arr(field(resources, 'items')).map((r, i) => entry('resource', ['resources', 'items', i], str(field(obj(r), 'title')), { url: str(field(obj(r), 'url')) }));
    if (str(field(resources, 'note'))) items.push(entry('note', ['resources', 'note']));
    out.push(entry('resources', ['resources'], str(field(resources, 'title')), undefined, items));
  }

  const contacts = arr(field(root, 'contacts'));
  if (contacts.length) {
    const items = contacts.map((c, i) => entry('contact', ['contacts', i], str(field(obj(c), 'name')), { email: str(field(obj(c), 'email')) }));
    out.push(entry('contacts', ['contacts'], undefined, undefined, items));
  }

  arr(field(root, 'sections')).forEach((s, i) => out.push(entry('free-section', ['sections', i], str(field(obj(s), 'title')), { after: str(field(obj(s), 'after')) })));

  const leftOut = placements.filter((p) => p.kind === 'left-out');
  if (leftOut.length) {
    out.push({
      kind: 'left-out',
      path: [],
      children: leftOut.map((p) => ({ kind: 'text', path: [], ...(p.position ? { line: p.position.start.line } : {}), ...(p.title ? { title: p.title } : {}), reason: p.reason })),
    });
  }
  return out;
}

function placeOf(v: unknown): string | undefined {
  const place = obj(v);
  if (!place) return str(v);
  const mode = field(place, 'hybrid') === true ? 'hybrid' : field(place, 'online') === true ? 'online' : undefined;
  return [str(field(place, 'venue')), str(field(place, 'city')), str(field(place, 'country')), mode].filter(Boolean).join(', ') || undefined;
}

function paragraphCount(v: unknown): number {
  return typeof v === 'string' ? v.split(/\n\s*\n/).filter((p) => p.trim()).length : 0;
}

/** Control and bidi characters, which could rewrite what a terminal shows. */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;
const safe = (text: string) => text.replace(/\s*\n\s*/g, ' ').replace(UNSAFE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);

const NAMES: Record<string, string> = {
  nextSteps: 'next steps',
  'free-section': 'free section',
  'left-out': 'left out',
};

/** Reasons not worth repeating on every line: a part by its heading, a theme by its sub-heading … */
const ROUTINE = /^(?:heading "[^"]*"$|a sub-heading of |a heading under a topic$|a list item under |an entry under contacts$|text before the first |the first level-1 heading$|text under the summary heading$|paragraphs under resources$)/;

/** The outline as text: one entry a line, its source line in front, nested by indentation. */
export function formatOutline(entries: readonly OutlineEntry[], displayPath: string): string {
  const lines: string[] = [safe(displayPath)];
  const width = Math.max(4, String(maxLine(entries)).length + 1);
  const walk = (list: readonly OutlineEntry[], depth: number) => {
    for (const e of list) {
      const at = e.line !== undefined ? String(e.line).padStart(width) : ' '.repeat(width);
      const name = Object.hasOwn(NAMES, e.kind) ? NAMES[e.kind]! : e.kind;
      let text = `${at}  ${'  '.repeat(depth)}${name}`;
      if (e.title !== undefined) text += ` "${e.title}"`;
      if (e.details) text += ': ' + Object.entries(e.details).map(([k, v]) => detail(k, v)).join(', ');
      if (e.reason && (e.kind === 'left-out' || !ROUTINE.test(e.reason))) text += ` (${e.reason})`;
      if (e.internal) text += e.internal === 'all' ? ' [internal]' : ' [some text internal]';
      lines.push(safe(text));
      if (e.children) walk(e.children, depth + 1);
    }
  };
  walk(entries, 1);
  return lines.join('\n') + '\n';
}

/** `country Italy`, `figures 10 things; 20 more`, `7 items`, `intro`. */
function detail(key: string, value: unknown): string {
  if (value === true) return key;
  if (typeof value === 'number') return `${value} ${value === 1 ? key.replace(/s$/, '') : key}`;
  return `${key} ${Array.isArray(value) ? value.join('; ') : String(value)}`;
}

function maxLine(entries: readonly OutlineEntry[]): number {
  return entries.reduce((m, e) => Math.max(m, e.line ?? 0, e.children ? maxLine(e.children) : 0), 0);
}
