/**
 * Written notes (validated) -> the normalised `EventReport` that templates and
 * the JSON output see. Pure: no I/O, no defaults that depend on the machine.
 */
import { speakersFromText } from './speakers.js';
import {
  SCHEMA_VERSION,
  type EventNotes,
  type EventReport,
  type FreeSection,
  type Practice,
  type PracticeNotes,
  type Theme,
  type ThemeNotes,
  type Contact,
  type Image,
  type Link,
  type Organisation,
  type Person,
  type Place,
  type UpcomingItem,
} from './types.js';

const list = <T>(value: T[] | undefined): T[] => (Array.isArray(value) ? value : []);

/** Drop keys whose value is undefined, so JSON output is the same for both formats. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

// Every entity is rebuilt with a fixed key order, so the JSON output does not
// depend on the order keys were written in (Markdown and YAML give the same bytes).
const link = (l: Link): Link => ({ title: l.title, url: l.url });
const person = (p: Person): Person => compact({ name: p.name, role: p.role, organisation: p.organisation });
const image = (i: Image): Image => compact({ src: i.src, alt: i.alt, caption: i.caption });
const organisation = (o: Organisation): Organisation => compact({ name: o.name, role: o.role, url: o.url });
const contact = (c: Contact): Contact => compact({ name: c.name, email: c.email, phone: c.phone, role: c.role, organisation: c.organisation });
const upcomingItem = (u: UpcomingItem): UpcomingItem => compact({ title: u.title, kind: u.kind, date: u.date, url: u.url });
const place = (p: Place | undefined): Place => compact({ city: p?.city, country: p?.country, venue: p?.venue, online: p?.online || p?.hybrid ? true : p?.online, hybrid: p?.hybrid });

function theme(notes: ThemeNotes): Theme {
  const text = notes.text ?? '';
  return {
    title: notes.title,
    text,
    speakers: (notes.speakers ?? speakersFromText(text)).map(person),
    links: list(notes.links).map(link),
    images: list(notes.images).map(image),
  };
}

function practice(notes: PracticeNotes): Practice {
  const description = notes.description ?? '';
  return compact({
    project: notes.project,
    title: notes.title,
    presenter: ((p) => (p ? person(p) : undefined))(notes.presenter ?? speakersFromText(description)[0]),
    region: notes.region,
    country: notes.country,
    description,
    figures: list(notes.figures),
    links: list(notes.links).map(link),
    images: list(notes.images).map(image),
  });
}

export function normalise(notes: EventNotes): EventReport {
  const sections: FreeSection[] = list(notes.sections).map((s) => ({ title: s.title, body: s.body ?? '', after: s.after ?? 'start' }));
  return compact({
    schemaVersion: SCHEMA_VERSION,
    title: notes.title,
    subtitle: notes.subtitle,
    series: notes.series,
    kind: notes.kind,
    date: notes.date,
    endDate: notes.endDate,
    place: place(notes.place),
    url: notes.url,
    website: notes.website,
    organisers: list(notes.organisers).map(organisation),
    speakers: list(notes.speakers).map(person),
    language: notes.language ?? 'en',
    logo: notes.logo ? image(notes.logo) : undefined,
    summary: notes.summary,
    highlights: compact({
      title: notes.highlights?.title,
      intro: notes.highlights?.intro,
      themes: list(notes.highlights?.themes).map(theme),
      participation: notes.highlights?.participation,
    }),
    practices: compact({
      title: notes.practices?.title,
      intro: notes.practices?.intro,
      topics: list(notes.practices?.topics).map((t) => ({ title: t.title, practices: list(t.practices).map(practice) })),
    }),
    nextSteps: compact({
      title: notes.nextSteps?.title,
      intro: notes.nextSteps?.intro,
      groups: list(notes.nextSteps?.groups).map((g) => compact({ title: g.title, intro: g.intro, items: list(g.items) })),
    }),
    upcoming: compact({ title: notes.upcoming?.title, items: list(notes.upcoming?.items).map(upcomingItem) }),
    resources: compact({ title: notes.resources?.title, items: list(notes.resources?.items).map(link), note: notes.resources?.note }),
    contacts: list(notes.contacts).map(contact),
    sections,
  });
}
