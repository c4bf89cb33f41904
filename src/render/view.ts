/**
 * EventReport -> the view templates render: every field present (templates
 * run in Handlebars strict mode), rich text already turned into safe HTML,
 * dates and numbers formatted for the report's language, sections numbered
 * in reading order with their anchors.
 */
import { labelPack, type LabelPack } from '../i18n/locales.js';
import type { EventReport, FreeSection, Image, Person, SectionAnchor } from '../model/types.js';
import { plainText, renderBlock, renderInline, type ImageResolver } from './rich-text.js';

export interface ViewOptions {
  /** Overrides the notes' language for labels and formats. */
  language?: string;
  resolveImage?: ImageResolver;
  pageSize?: 'A4' | 'Letter';
  /** Name and version of the tool, for the generator tag. */
  generator?: string;
  /** The template's logo, used when the notes set none. */
  fallbackLogo?: { src: string; alt: string };
}

export interface SectionView {
  anchor: string;
  number: string;
  title: string;
  isHighlights: boolean;
  isPractices: boolean;
  isNextSteps: boolean;
  isFree: boolean;
  [key: string]: unknown;
}

/** Date formats follow the language; plain `en` means EU English (`5 June 2024`), not US. */
export function formatLocale(language: string): string {
  return language.toLowerCase() === 'en' ? 'en-GB' : language;
}

/** Date formatters are costly to build: one per language for the whole run. */
const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(language: string): Intl.DateTimeFormat {
  let format = dateFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(formatLocale(language), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    dateFormats.set(language, format);
  }
  return format;
}

export function formatDate(iso: string, language: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  const date = new Date(Date.UTC(y!, (m ?? 1) - 1, d ?? 1));
  if (Number.isNaN(date.getTime())) return iso;
  return dateFormat(language).format(date);
}

export function formatDateRange(start: string, end: string | undefined, language: string): string {
  if (!end || end === start) return formatDate(start, language);
  const toDate = (iso: string) => {
    const [y, m, d] = iso.split('-').map(Number);
    return new Date(Date.UTC(y!, (m ?? 1) - 1, d ?? 1));
  };
  try {
    return dateFormat(language).formatRange(toDate(start), toDate(end));
  } catch {
    return `${formatDate(start, language)} – ${formatDate(end, language)}`;
  }
}

export function placeText(report: EventReport, labels: LabelPack['labels']): string {
  const where = [report.place.city, report.place.country].filter(Boolean).join(', ');
  if (!report.place.online) return where;
  if (!where) return labels.online ?? 'Online';
  // A hybrid event (a place and online): `Tallinn, Estonia and online`, in the report's language.
  return (labels.hybrid ?? '{place} and online').replace('{place}', () => where);
}

/** `https://www.interregeurope.eu/policylearning` -> `www.interregeurope.eu/policylearning`. */
export function displayUrl(url: string | undefined): string {
  return (url ?? '').replace(/^https?:\/\//, '').replace(/\/$/, '');
}

const personView = (p: Person | undefined) =>
  p ? { name: p.name, role: p.role ?? null, organisation: p.organisation ?? null, affiliation: [p.role, p.organisation].filter(Boolean).join(', ') } : null;

const imageView = (image: Image, resolve: ImageResolver | undefined) => ({
  src: (resolve && resolve(image.src)) ?? '',
  alt: image.alt,
  caption: image.caption ?? null,
});

export function buildView(report: EventReport, options: ViewOptions = {}) {
  const language = options.language ?? report.language;
  const pack = labelPack(language);
  const labels = pack.labels;
  const resolve = options.resolveImage;
  const block = (md: string | undefined) => renderBlock(md, resolve) || null;
  const inline = (md: string | undefined) => renderInline(md, resolve) || null;
  const internalNotice = report.edition === 'internal' ? editionNotice(labels) : null;

  // --- sections in reading order -----------------------------------------
  const sections: SectionView[] = [];
  let counter = 0;
  const freeAfter = (anchor: SectionAnchor) => report.sections.filter((s) => s.after === anchor);
  /** A numbered top-level section: anchor, number and title, the kind's flag, and its own fields. */
  const numbered = (kind: 'highlights' | 'practices' | 'nextSteps' | 'free', title: string, fields: Record<string, unknown>) => {
    counter++;
    sections.push({
      anchor: `section-${counter}`,
      number: String(counter),
      title,
      isHighlights: kind === 'highlights',
      isPractices: kind === 'practices',
      isNextSteps: kind === 'nextSteps',
      isFree: kind === 'free',
      ...fields,
    });
  };
  const pushFree = (free: FreeSection) => numbered('free', free.title, { bodyHtml: relativeHeadings(renderBlock(free.body, resolve), 2) || null });
  freeAfter('start').forEach(pushFree);

  const h = report.highlights;
  if (h.intro || h.themes.length || h.participation) {
    numbered('highlights', h.title ?? labels.highlights!, {
      introHtml: block(h.intro),
      themes: h.themes.map((t) => ({
        title: t.title,
        textHtml: block(t.text),
        speakers: t.speakers.map(personView),
        hasSpeakers: t.speakers.length > 0,
        links: t.links,
        images: t.images.map((i) => imageView(i, resolve)),
      })),
      participationHtml: block(h.participation),
    });
  }
  freeAfter('highlights').forEach(pushFree);

  const p = report.practices;
  if (p.intro || p.topics.length) {
    numbered('practices', p.title ?? labels.practices!, {
      introHtml: block(p.intro),
      topics: p.topics.map((topic) => ({
        title: topic.title,
        practices: topic.practices.map((pr) => ({
          project: pr.project ?? null,
          title: pr.title,
          presenter: personView(pr.presenter),
          where: [pr.region, pr.country].filter(Boolean).join(', ') || null,
          descriptionHtml: block(pr.description),
          figures: pr.figures.map((f) => ({ html: inline(f), ...splitFigure(f) })),
          hasFigures: pr.figures.length > 0,
          links: pr.links,
          images: pr.images.map((i) => imageView(i, resolve)),
        })),
      })),
    });
  }
  freeAfter('practices').forEach(pushFree);

  const n = report.nextSteps;
  const up = report.upcoming;
  const res = report.resources;
  const hasUpcoming = up.items.length > 0;
  const hasResources = res.items.length > 0 || !!res.note;
  if (n.intro || n.groups.length || hasUpcoming || hasResources) {
    numbered('nextSteps', n.title ?? labels.nextSteps!, {
      introHtml: block(n.intro),
      groups: n.groups.map((g, i) => ({
        letter: String.fromCharCode(65 + (i % 26)),
        title: g.title,
        introHtml: block(g.intro),
        items: g.items.map((item) => inline(item)),
      })),
      upcoming: hasUpcoming
        ? {
            title: up.title ?? labels.upcoming!,
            items: up.items.map((item) => ({
              kind: item.kind ?? null,
              titleHtml: inline(item.title),
              url: item.url ?? null,
              date: item.date ? formatDate(item.date, language) : null,
            })),
          }
        : null,
      resources: hasResources
        ? { title: res.title ?? labels.resources!, items: res.items.map((r) => ({ title: r.title, url: r.url })), noteHtml: block(res.note) }
        : null,
    });
  }
  // Upcoming activities and resources are printed inside "Next steps", so what
  // the notes put after any of the three follows that section.
  freeAfter('nextSteps').forEach(pushFree);
  freeAfter('upcoming').forEach(pushFree);
  freeAfter('resources').forEach(pushFree);

  const toc = sections.map((s) => ({ anchor: s.anchor, number: s.number, title: s.title, page: null as string | null }));

  const place = placeText(report, labels);
  const dateText = formatDateRange(report.date, report.endDate, language);
  const [pageBefore, pageMiddle, pageAfter] = splitPageLabel(labels.page ?? 'Page {page} of {pages}');
  return {
    lang: language,
    dir: 'ltr',
    labels,
    title: report.title,
    subtitle: report.subtitle ?? null,
    series: report.series ?? null,
    kind: report.kind ?? null,
    dateText,
    place: place || null,
    venue: report.place.venue ?? null,
    url: report.url ?? null,
    urlText: displayUrl(report.url) || null,
    website: report.website ?? null,
    websiteText: displayUrl(report.website) || null,
    logo: report.logo ? imageView(report.logo, resolve) : options.fallbackLogo ? { ...options.fallbackLogo, caption: null } : null,
    organisers: report.organisers.map((o) => ({ name: o.name, role: o.role ?? null, url: o.url ?? null })),
    hasOrganisers: report.organisers.length > 0,
    speakers: report.speakers.map(personView),
    hasSpeakers: report.speakers.length > 0,
    summaryHtml: block(report.summary),
    toc,
    hasToc: toc.length > 0,
    sections,
    contacts: report.contacts.map((c) => ({ name: c.name, email: c.email ?? null, phone: c.phone ?? null, tel: c.phone ? telHref(c.phone) : null, role: c.role ?? null, organisation: c.organisation ?? null })),
    hasContacts: report.contacts.length > 0,
    contactsAfter: freeAfter('contacts').map((f) => ({ title: f.title, bodyHtml: relativeHeadings(renderBlock(f.body, resolve), 2) || null })),
    footerLine: [place, dateText].filter(Boolean).join(' – '),
    /** The internal edition's notice (a banner at the top, and the running header of every page); null in the public edition. */
    internalEdition: internalNotice,
    /** Running header and footer, as CSS strings for @page margin boxes. */
    css: {
      runningTitle: cssString(report.title),
      internalNotice: cssString(internalNotice ?? ''),
      footerLine: cssString([place, dateText].filter(Boolean).join(' – ')),
      website: cssString(displayUrl(report.website)),
      pageBefore: cssString(pageBefore),
      pageMiddle: cssString(pageMiddle),
      pageAfter: cssString(pageAfter),
      pageSize: options.pageSize === 'Letter' ? 'letter' : 'A4',
    },
    description: plainText(report.summary) || null,
    generator: options.generator ?? 'report',
    /** Version of the notes schema the model follows (also `schemaVersion` in the JSON output). */
    schemaVersion: report.schemaVersion,
  };
}

export type ReportView = ReturnType<typeof buildView>;

/** `61 civil and public servants trained` -> a figure `61` and its label. */
function splitFigure(text: string): { figure: string | null; label: string } {
  const match = /^([\d.,\s]*\d[\d.,]*\s*(?:%|k|K|M|million|billion|thousand)?\+?)\s+(.+)$/u.exec(text.trim());
  if (!match) return { figure: null, label: text };
  return { figure: match[1]!.trim(), label: match[2]! };
}

/** The internal edition's notice in the labels' language, in English when a pack has none (reports and the compendium). */
export function editionNotice(labels: Record<string, string>): string {
  return labels.internalEdition ?? labelPack('en').labels.internalEdition ?? 'Internal edition — not for publication';
}

/** `Page {page} of {pages}` -> the texts before, between and after the numbers (for CSS counters; reports and the compendium). */
export function splitPageLabel(label: string): [string, string, string] {
  const a = label.indexOf('{page}');
  const b = label.indexOf('{pages}');
  if (a < 0 || b < 0 || b < a) return ['', ' / ', ''];
  return [label.slice(0, a), label.slice(a + 6, b), label.slice(b + 7)];
}

/**
 * A CSS string literal for untrusted text: every character outside a small
 * safe set is written as a hex escape, so nothing can end the string, the
 * rule or the <style> element.
 */
/**
 * A free section's headings under its own heading (level `parent`): the
 * author's highest level becomes `parent + 1`, and each heading goes at most
 * one level deeper than the one before it (a skipped level prints at the
 * next), so the PDF's headings never skip (PDF/UA, Matterhorn 14-003). The
 * HTML is our own sanitised output: its heading tags are exactly `<hN>` or
 * `<hN attrs>`, and `</hN>`; code and text hold the escaped form of `<` instead.
 */
export function relativeHeadings(html: string, parent: number): string {
  const stack: Array<{ written: number; level: number }> = [];
  const closing: number[] = [];
  return html.replace(/<(\/?)h([1-6])(?=[\s>])/g, (_, slash: string, digit: string) => {
    if (slash) return `</h${closing.shift() ?? digit}`;
    const written = Number(digit);
    while (stack.length && stack[stack.length - 1]!.written >= written) stack.pop();
    const level = Math.min(6, (stack[stack.length - 1]?.level ?? parent) + 1);
    stack.push({ written, level });
    closing.push(level);
    return `<h${level}`;
  });
}

export function cssString(text: string): string {
  let out = '"';
  for (const ch of text) {
    if (/^[\p{L}\p{N} .,–—:;!?()'’/&-]$/u.test(ch) && ch !== '\\') out += ch;
    else out += `\\${ch.codePointAt(0)!.toString(16)} `;
  }
  return out + '"';
}

/** A `tel:` address for a number as written (`+352 20 600 280` -> `tel:+35220600280`): its digits and a leading `+`. */
export function telHref(phone: string): string {
  const digits = phone.replace(/[^\d+]/g, '');
  return `tel:${digits.startsWith('+') ? '+' + digits.slice(1).replace(/\+/g, '') : digits.replace(/\+/g, '')}`;
}
