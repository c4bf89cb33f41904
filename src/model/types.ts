/**
 * The event report model.
 *
 * `EventNotes` is what an author writes (YAML notes, or what the Markdown
 * parser produces from Markdown notes): nearly everything is optional. It is
 * the shape `schemas/event.schema.json` describes, so editors can check it.
 *
 * `EventReport` is the normalised model that templates and the JSON output
 * see: every list present, defaults filled in, speakers derived, sections
 * numbered and given anchors. Rich text fields hold inline Markdown
 * (`**bold**`, `[links](https://…)`) and are rendered by the template layer.
 *
 * A test keeps these types and the JSON Schemas from drifting apart.
 */

/** Inline Markdown: emphasis, strong, links, code. Paragraphs separated by a blank line. */
export type RichText = string;

/** A calendar date written as `YYYY-MM-DD`. */
export type IsoDate = string;

export interface Link {
  title: string;
  url: string;
  /** Left out of the public edition (docs/editions.md). */
  internal?: boolean;
}

export interface Person {
  name: string;
  role?: string;
  organisation?: string;
  /** Left out of the public edition (docs/editions.md). */
  internal?: boolean;
}

export interface Organisation {
  name: string;
  /** What the organisation did for the event: `organiser`, `co-organiser`, `host`, `partner`… */
  role?: string;
  url?: string;
}

export interface Place {
  city?: string;
  country?: string;
  venue?: string;
  /** True for an online event; may be combined with a city for hybrid events. */
  online?: boolean;
  /** True for an event held both in person and online, with or without a city. */
  hybrid?: boolean;
}

export interface Image {
  src: string;
  alt: string;
  caption?: string;
}

// ---------------------------------------------------------------------------
// What authors write
// ---------------------------------------------------------------------------

export interface ThemeNotes {
  title: string;
  text?: RichText;
  speakers?: Person[];
  links?: Link[];
  images?: Image[];
  /** Left out of the public edition (docs/editions.md). */
  internal?: boolean;
}

export interface HighlightsNotes {
  title?: string;
  intro?: RichText;
  themes?: ThemeNotes[];
  /** Notes on who took part (kept at the end of the highlights, as in the reference). */
  participation?: RichText;
  /** Left out of the public edition (docs/editions.md). */
  internal?: boolean;
}

export interface PracticeNotes {
  /** The schema a practice file follows, for editors (practices may live in their own files). */
  $schema?: string;
  /** The Interreg Europe project that presented it, e.g. `OD4GROWTH`. */
  project?: string;
  title: string;
  presenter?: Person;
  region?: string;
  country?: string;
  description?: RichText;
  /** Key figures, written as a phrase each: `61 civil and public servants trained`. */
  figures?: string[];
  links?: Link[];
  images?: Image[];
  /** Left out of the public edition (docs/editions.md). */
  internal?: boolean;
}

export interface PracticeTopicNotes {
  title: string;
  practices?: PracticeNotes[];
  /** Left out of the public edition (docs/editions.md). */
  internal?: boolean;
}

export interface PracticesNotes {
  title?: string;
  intro?: RichText;
  topics?: PracticeTopicNotes[];
  /** Left out of the public edition (docs/editions.md). */
  internal?: boolean;
}

export interface RecommendationGroupNotes {
  title: string;
  intro?: RichText;
  items?: RichText[];
  /** Left out of the public edition (docs/editions.md). */
  internal?: boolean;
}

export interface NextStepsNotes {
  title?: string;
  intro?: RichText;
  groups?: RecommendationGroupNotes[];
  /** Left out of the public edition (docs/editions.md). */
  internal?: boolean;
}

export interface UpcomingItemNotes {
  title: string;
  /** The kind of activity: `Thematic workshop`, `Policy brief`, `Story`… */
  kind?: string;
  date?: IsoDate;
  url?: string;
  /** Left out of the public edition (docs/editions.md). */
  internal?: boolean;
}

export interface UpcomingNotes {
  title?: string;
  items?: UpcomingItemNotes[];
  /** Left out of the public edition (docs/editions.md). */
  internal?: boolean;
}

export interface ResourcesNotes {
  title?: string;
  items?: Link[];
  /** A closing paragraph, e.g. where to find photos and presentations. */
  note?: RichText;
  /** Left out of the public edition (docs/editions.md). */
  internal?: boolean;
}

export interface Contact {
  name: string;
  email?: string;
  /** As written (`+352 20 600 280`). */
  phone?: string;
  role?: string;
  organisation?: string;
  /** Left out of the public edition (docs/editions.md). */
  internal?: boolean;
}

/** Where a free section goes: after which built-in part of the report. */
export type SectionAnchor =
  | 'start'
  | 'highlights'
  | 'practices'
  | 'nextSteps'
  | 'upcoming'
  | 'resources'
  | 'contacts';

export interface FreeSectionNotes {
  title: string;
  /** Markdown (block level: paragraphs, lists, tables). */
  body?: string;
  after?: SectionAnchor;
  /** Left out of the public edition (docs/editions.md). */
  internal?: boolean;
}

/** What names an event, the same in the notes and in the report. */
export interface EventTitleBlock {
  title: string;
  /** The line under the title: `An Interreg Europe Policy Learning Platform event`. */
  subtitle?: string;
  /** The programme or series: `Interreg Europe Policy Learning Platform`. */
  series?: string;
  /** The kind of event: `Thematic workshop`, `Webinar`, `Peer review`… */
  kind?: string;
  date: IsoDate;
  endDate?: IsoDate;
}

export interface EventNotes extends EventTitleBlock {
  $schema?: string;
  place?: Place;
  url?: string;
  /** The programme's website, shown in the footer. */
  website?: string;
  organisers?: Organisation[];
  /** Speakers of the event as a whole (keynotes, panels), besides those the themes name. */
  speakers?: Person[];
  /** BCP 47 language tag of the notes, e.g. `en`, `fr`, `lt`. */
  language?: string;
  logo?: Image;
  summary?: RichText;
  highlights?: HighlightsNotes;
  practices?: PracticesNotes;
  nextSteps?: NextStepsNotes;
  upcoming?: UpcomingNotes;
  resources?: ResourcesNotes;
  contacts?: Contact[];
  sections?: FreeSectionNotes[];
}

// ---------------------------------------------------------------------------
// The normalised model
// ---------------------------------------------------------------------------

export interface Theme {
  title: string;
  text: RichText;
  speakers: Person[];
  links: Link[];
  images: Image[];
}

export interface Practice {
  project?: string;
  title: string;
  presenter?: Person;
  region?: string;
  country?: string;
  description: RichText;
  figures: string[];
  links: Link[];
  images: Image[];
}

export interface PracticeTopic {
  title: string;
  practices: Practice[];
}

export interface RecommendationGroup {
  title: string;
  intro?: RichText;
  items: RichText[];
}

export interface UpcomingItem {
  title: string;
  kind?: string;
  date?: IsoDate;
  url?: string;
}

export interface FreeSection {
  title: string;
  body: string;
  after: SectionAnchor;
}

export interface EventReport extends EventTitleBlock {
  schemaVersion: string;
  /** Set in the internal edition only: the report keeps what its notes mark internal (src/model/edition.ts). */
  edition?: 'internal';
  place: Place;
  url?: string;
  website?: string;
  organisers: Organisation[];
  speakers: Person[];
  language: string;
  logo?: Image;
  summary?: RichText;
  highlights: { title?: string; intro?: RichText; themes: Theme[]; participation?: RichText };
  practices: { title?: string; intro?: RichText; topics: PracticeTopic[] };
  nextSteps: { title?: string; intro?: RichText; groups: RecommendationGroup[] };
  upcoming: { title?: string; items: UpcomingItem[] };
  resources: { title?: string; items: Link[]; note?: RichText };
  contacts: Contact[];
  sections: FreeSection[];
}

export const SCHEMA_VERSION = '1.0';
