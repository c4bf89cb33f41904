/**
 * The report as schema.org JSON-LD (an `Event`), embedded in every HTML
 * report so search engines and open-data harvesters can read it.
 */
import type { EventReport } from '../model/types.js';
import { plainText } from './rich-text.js';

export function toJsonLd(report: EventReport): Record<string, unknown> {
  const performers = report.highlights.themes.flatMap((t) => t.speakers);
  const presenters = report.practices.topics.flatMap((t) => t.practices.map((p) => p.presenter)).filter((p) => p !== undefined);
  const people = [...report.speakers, ...performers, ...presenters].filter((p, i, all) => all.findIndex((q) => q!.name === p!.name) === i);
  const location: Record<string, unknown>[] = [];
  if (report.place.city || report.place.country || report.place.venue) {
    location.push({
      '@type': 'Place',
      ...(report.place.venue ? { name: report.place.venue } : {}),
      address: {
        '@type': 'PostalAddress',
        ...(report.place.city ? { addressLocality: report.place.city } : {}),
        ...(report.place.country ? { addressCountry: report.place.country } : {}),
      },
    });
  }
  if (report.place.online) location.push({ '@type': 'VirtualLocation', ...(report.url ? { url: report.url } : {}) });
  return {
    '@context': 'https://schema.org',
    '@type': 'Event',
    name: report.title,
    ...(report.summary ? { description: plainText(report.summary) } : {}),
    startDate: report.date,
    ...(report.endDate ? { endDate: report.endDate } : {}),
    eventAttendanceMode: report.place.online || report.place.hybrid
      ? report.place.hybrid || report.place.city
        ? 'https://schema.org/MixedEventAttendanceMode'
        : 'https://schema.org/OnlineEventAttendanceMode'
      : 'https://schema.org/OfflineEventAttendanceMode',
    ...(location.length ? { location: location.length === 1 ? location[0] : location } : {}),
    ...(report.url ? { url: report.url } : {}),
    inLanguage: report.language,
    ...(report.series ? { superEvent: { '@type': 'EventSeries', name: report.series } } : {}),
    organizer: report.organisers.map((o) => ({ '@type': 'Organization', name: o.name, ...(o.url ? { url: o.url } : {}) })),
    performer: people.map((p) => ({
      '@type': 'Person',
      name: p!.name,
      ...(p!.role ? { jobTitle: p!.role } : {}),
      ...(p!.organisation ? { affiliation: { '@type': 'Organization', name: p!.organisation } } : {}),
    })),
    about: report.highlights.themes.map((t) => ({ '@type': 'Thing', name: t.title })),
    subjectOf: {
      '@type': 'ItemList',
      name: report.practices.title ?? 'Good practices',
      itemListElement: report.practices.topics.flatMap((t) => t.practices).map((p, i) => ({
        '@type': 'ListItem',
        position: i + 1,
        item: {
          '@type': 'CreativeWork',
          name: p.project ? `${p.project} – ${p.title}` : p.title,
          ...(p.description ? { description: plainText(p.description) } : {}),
          ...(p.region || p.country ? { spatialCoverage: [p.region, p.country].filter(Boolean).join(', ') } : {}),
        },
      })),
    },
  };
}

/** JSON inside <script>: nothing in it may close the element or open a comment. */
export function jsonLdScript(report: EventReport): string {
  const json = JSON.stringify(toJsonLd(report))
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return `<script type="application/ld+json">${json}</script>`;
}
