/**
 * A compendium of good practices -> HTML, for the file and for the printer, with the template in
 * templates/compendium (which builds on the default template's style sheet, so the compendium prints like the
 * reports: same fonts, page, headings, cards). Topics and countries are numbered sections with anchors: the
 * contents list them with their pages, and the PDF's bookmarks follow their headings.
 */
import { labelPack } from '../i18n/locales.js';
import { pluralLabel } from '../i18n/plural-label.js';
import type { Compendium, CompendiumPractice, PresentedAt, RenderedPractice } from '../model/compendium.js';
import type { Practice } from '../model/types.js';
import { fontFaceCss } from './fonts.js';
import { plainText, renderBlock, renderInline } from './rich-text.js';
import { loadTemplate, type CompiledTemplate } from './template.js';
import { packagePath } from '../package-root.js';
import { cssString, editionNotice, formatDateRange, splitPageLabel } from './view.js';

export const COMPENDIUM_TEMPLATE_DIR = packagePath('templates', 'compendium');

export interface CompendiumRenderOptions {
  title?: string;
  language?: string;
  pageSize?: 'A4' | 'Letter';
  generator?: string;
  template?: CompiledTemplate;
  /** `internal`: the compendium keeps practices marked internal, and says so on every page. */
  edition?: 'public' | 'internal';
}

export interface PreparedCompendium {
  anchors: string[];
  html(): string;
  printHtml(pages: ReadonlyMap<string, number> | undefined): string;
  title: string;
  /** One line saying what it holds, for the PDF's subject. */
  subject: string;
}

const CSP_FILE = "default-src 'none'; img-src data:; font-src data:; style-src 'unsafe-inline'; script-src 'none'";
const CSP_PRINT = "default-src 'none'; img-src data:; font-src 'self'; style-src 'unsafe-inline'; script-src 'none'";

/** The compendium's own words in the label packs (`compendium.<name>`), by the names the template uses. */
const WORDS = ['title', 'presentedAt', 'noCountry', 'events', 'alsoUnder'] as const;

export function prepareCompendium(compendium: Compendium, options: CompendiumRenderOptions = {}): PreparedCompendium {
  const template = options.template ?? loadTemplate(COMPENDIUM_TEMPLATE_DIR);
  const language = options.language ?? 'en';
  const pack = labelPack(language).labels;
  const english = labelPack('en').labels;
  const word = (name: (typeof WORDS)[number]) => pack[`compendium.${name}`] ?? english[`compendium.${name}`]!;
  const labels: Record<string, string> = { ...pack, ...Object.fromEntries(WORDS.map((name) => [name, word(name)])) };
  const title = options.title ?? word('title');
  const internalNotice = options.edition === 'internal' ? editionNotice(pack) : null;
  // (an event is listed under each of its practices: its view is made once)
  const eventViews = new Map<PresentedAt, { title: string; dateText: string; place: string | null; kind: string | null }>();
  const eventText = (e: PresentedAt) => {
    let view = eventViews.get(e);
    if (!view) eventViews.set(e, (view = { title: e.title, dateText: formatDateRange(e.date, e.endDate, language), place: [e.city, e.country].filter(Boolean).join(', ') || null, kind: e.kind ?? null }));
    return view;
  };
  const practiceView = (entry: CompendiumPractice) => {
    const pr = entry.practice;
    const resolve = (src: string) => entry.images.get(src);
    const rendered = entry.rendered ?? renderPractice(pr, entry.images);
    return {
      anchor: `practice-${entry.id}`,
      project: pr.project ?? null,
      title: pr.title,
      presenter: pr.presenter ? { name: pr.presenter.name, affiliation: [pr.presenter.role, pr.presenter.organisation].filter(Boolean).join(', ') || null } : null,
      where: [pr.region, pr.country].filter(Boolean).join(', ') || null,
      descriptionHtml: rendered.descriptionHtml,
      figures: rendered.figures,
      hasFigures: pr.figures.length > 0,
      links: pr.links,
      images: pr.images.map((i) => ({ src: resolve(i.src) ?? null, alt: i.alt, caption: i.caption ?? null })).filter((i) => i.src !== null),
      events: entry.events.map(eventText),
      otherTopics: entry.topics.length > 1 ? entry.topics.filter((t) => t !== entry.topic).join('; ') : null,
      file: entry.file ?? null,
    };
  };
  const topics = compendium.topics.map((topic, t) => ({
    anchor: `topic-${t + 1}`,
    number: String(t + 1),
    title: topic.title,
    countries: topic.countries.map((country, c) => ({
      anchor: `topic-${t + 1}-country-${c + 1}`,
      title: country.country ?? word('noCountry'),
      practices: country.practices.map(practiceView),
    })),
  }));
  const anchors = topics.flatMap((t) => [t.anchor, ...t.countries.map((c) => c.anchor)]);
  const first = compendium.events[0];
  const last = compendium.events[compendium.events.length - 1];
  const years = first && last ? [first.date.slice(0, 4), last.date.slice(0, 4)].filter((y, i, all) => all.indexOf(y) === i).join('–') : '';
  // `12 good practices · 3 events · 2023–2024`, in the compendium's language.
  const subject = [pluralLabel(compendium.practices.length, language, 'practiceCount'), pluralLabel(compendium.events.length, language, 'eventCount'), years].filter(Boolean).join(' · ');
  const [pageBefore, pageMiddle, pageAfter] = splitPageLabel(labels.page ?? 'Page {page} of {pages}');
  const characters = () => JSON.stringify(compendium.practices.map((p) => p.practice)) + JSON.stringify(compendium.events) + JSON.stringify(labels) + title + subject;
  const render = (print: boolean, pages: ReadonlyMap<string, number> | undefined) => {
    const page = (anchor: string) => (pages?.has(anchor) ? String(pages.get(anchor)) : print ? '00' : null);
    return template.render({
      lang: language,
      dir: 'ltr',
      title,
      subject,
      labels,
      toc: topics.map((t) => ({ anchor: t.anchor, number: t.number, title: t.title, page: page(t.anchor), countries: t.countries.map((c) => ({ anchor: c.anchor, title: c.title, page: page(c.anchor) })) })),
      hasToc: topics.length > 0,
      topics,
      events: compendium.events.map(eventText),
      csp: print ? CSP_PRINT : CSP_FILE,
      fontCss: print ? '' : fontFaceCss('inline', characters()),
      templateCss: template.css,
      generator: options.generator ?? 'report',
      description: subject,
      internalEdition: internalNotice,
      css: {
        runningTitle: cssString(title),
        internalNotice: cssString(internalNotice ?? ''),
        footerLine: cssString(subject),
        pageBefore: cssString(pageBefore),
        pageMiddle: cssString(pageMiddle),
        pageAfter: cssString(pageAfter),
        pageSize: options.pageSize === 'Letter' ? 'letter' : 'A4',
      },
    });
  };
  return { anchors, html: () => render(false, undefined), printHtml: (pages) => render(true, pages), title, subject: plainText(subject) };
}


/**
 * A practice's rich text as the compendium shows it (headings two levels down, its images embedded): done where
 * its event's report is built when the compendium is made in the same run (`report build --compendium`), where the
 * reader's parsed paragraphs are at hand and the worker threads share the work.
 */
export function renderPractice(practice: Practice, images: ReadonlyMap<string, string>): RenderedPractice {
  const resolve = (src: string) => images.get(src);
  return { descriptionHtml: renderBlock(practice.description, resolve, 2) || null, figures: practice.figures.map((f) => renderInline(f, resolve)) };
}
