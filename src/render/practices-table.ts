/**
 * The compendium's practices as data for a good-practice database: `practices.json` (the practice fields as in
 * schemas/practice.schema.json, plus where each was presented) and `practices.csv`, one row per practice, made to
 * open correctly in spreadsheet programs: UTF-8 with a byte-order mark, CRLF between rows, RFC 4180 quoting
 * (a cell with a comma, quote, CR or LF is quoted, quotes doubled), lists inside a cell one item per line (LF),
 * and formulas neutralised: a cell starting with `=`, `+`, `-`, `@`, a tab or a CR gets a leading apostrophe, so
 * a spreadsheet shows it as text instead of running it.
 */
import type { Compendium, CompendiumPractice } from '../model/compendium.js';

export const CSV_COLUMNS = [
  'id',
  'topic',
  'project',
  'title',
  'presenter',
  'presenter_role',
  'presenter_organisation',
  'region',
  'country',
  'description',
  'figures',
  'links',
  'events',
  'first_presented',
  'last_presented',
  'practice_file',
] as const;

/** A cell as text a spreadsheet shows as written: formulas neutralised, quoted when needed. */
export function csvCell(value: string): string {
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function row(entry: CompendiumPractice): Record<(typeof CSV_COLUMNS)[number], string> {
  const p = entry.practice;
  const dates = entry.events.map((e) => e.date).sort();
  return {
    id: entry.id,
    topic: entry.topic,
    project: p.project ?? '',
    title: p.title,
    presenter: p.presenter?.name ?? '',
    presenter_role: p.presenter?.role ?? '',
    presenter_organisation: p.presenter?.organisation ?? '',
    region: p.region ?? '',
    country: p.country ?? '',
    description: p.description ?? '',
    figures: p.figures.join('\n'),
    links: p.links.map((l) => `${l.title} <${l.url}>`).join('\n'),
    events: entry.events.map((e) => `${e.date} ${e.title}${e.city || e.country ? ` (${[e.city, e.country].filter(Boolean).join(', ')})` : ''}`).join('\n'),
    first_presented: dates[0] ?? '',
    last_presented: dates[dates.length - 1] ?? '',
    practice_file: entry.file ?? '',
  };
}

export function practicesCsv(compendium: Compendium): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const entry of compendium.practices) {
    const cells = row(entry);
    lines.push(CSV_COLUMNS.map((c) => csvCell(cells[c])).join(','));
  }
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

export function practicesJson(compendium: Compendium, generator: string): string {
  return (
    JSON.stringify(
      {
        generator,
        practiceCount: compendium.practices.length,
        eventCount: compendium.events.length,
        practices: compendium.practices.map((entry) => ({
          id: entry.id,
          topic: entry.topic,
          ...(entry.topics.length > 1 ? { topics: entry.topics } : {}),
          ...entry.practice,
          ...(entry.file !== undefined ? { practiceFile: entry.file } : {}),
          presentedAt: entry.events,
        })),
      },
      null,
      2,
    ) + '\n'
  );
}
