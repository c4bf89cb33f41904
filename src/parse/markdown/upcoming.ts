/** Upcoming activities: one per list item (`Kind: title`, a link, a leading ISO date). */
import type { List } from 'mdast';
import type { Notes, Path } from './body.js';
import type { ReaderContext } from './context.js';
import { keepAsFreeSection } from './free-sections.js';
import type { Section } from './sections.js';
import { isTextBlock } from './tree.js';
import { isAddress, withScheme } from '../canonical/addresses.js';
import { readDate } from '../canonical/dates.js';
import { readLink } from '../canonical/short-forms.js';

export function buildUpcoming(section: Section, ctx: ReaderContext, reason: string): void {
  const { out, source } = ctx;
  out.mark(['upcoming'], section.heading);
  out.set(['upcoming', 'title'], section.title, section.heading);
  out.placed('part', ['upcoming'], section.heading, reason, section.title);
  out.markInternal(['upcoming'], section.heading);
  ctx.lastPart = 'upcoming';
  const items: Notes[] = [];
  for (const block of section.blocks) {
    if (block.type !== 'list') {
      if (isTextBlock(block)) keepAsFreeSection(block, section, ctx);
      continue;
    }
    for (const item of (block as List).children) {
      const path: Path = ['upcoming', 'items', items.length];
      out.place(path, item);
      const activity: Notes = { ...parseUpcomingItem(source.itemText(item), ctx.language), ...out.internalFlag(item) };
      out.placed('activity', path, item, 'a list item under upcoming activities', activity.title as string);
      items.push(activity);
    }
  }
  out.set(['upcoming', 'items'], items, section.heading);
  for (const child of section.children) ctx.handle(child, true);
}

/**
 * `Thematic workshop: University-industry collaboration` -> kind and title; `2024-10-10 – …` -> date; pieces
 * joined by dashes or bars (`Webinar on textile waste – 15 May 2025 – https://…`) -> a date in words and an
 * address among them; the rest is the title, as written.
 */
export function parseUpcomingItem(value: string, language?: string): Notes {
  const item: Notes = {};
  let rest = value;
  const date = /^(\d{4}-\d{2}-\d{2})\s*(?:[–—:-]\s*)?(.*)$/.exec(rest);
  if (date) {
    item.date = date[1];
    rest = date[2]!;
  }
  // Pieces and the separators between them (kept as written for what stays the title).
  const parts = rest.split(/(\s+[–—|-]\s+)/);
  if (parts.length > 1) {
    const kept: string[] = [];
    for (let i = 0; i < parts.length; i += 2) {
      const piece = parts[i]!.trim();
      const url = !item.url && !piece.startsWith('[') && isAddress(piece) ? (withScheme(piece) ?? piece) : undefined;
      const reading = url || item.date ? undefined : readDate(piece, language);
      if (url) item.url = url;
      else if (reading && 'ok' in reading) item.date = reading.ok.date;
      else kept.push(...(kept.length ? [parts[i - 1]!] : []), parts[i]!);
    }
    if (kept.length) rest = kept.join('').trim();
  }
  const trailing = item.url ? undefined : readLink(rest);
  if (trailing && trailing.title !== trailing.url && !rest.startsWith('[')) {
    item.url = trailing.url;
    rest = trailing.title;
  }
  const link = /^\[([^\]]+)\]\(<?([^)\s>]+)>?\)$/.exec(rest);
  const kind = /^([^:[\]()]{2,40}):\s+(.+)$/.exec(rest);
  if (kind && kind[1]!.trim().split(/\s+/).length <= 4) {
    // `12 March 2025: Online workshop …`: a date before the colon is the activity's date, not its kind.
    const reading = item.date ? undefined : readDate(kind[1]!.trim(), language);
    if (reading && 'ok' in reading) item.date = reading.ok.date;
    else item.kind = kind[1]!.trim();
    rest = kind[2]!.trim();
  }
  const innerLink = /^\[([^\]]+)\]\(<?([^)\s>]+)>?\)$/.exec(rest) ?? link;
  if (innerLink) {
    item.title = innerLink[1];
    item.url = innerLink[2];
  } else item.title = rest;
  return { title: item.title, ...(item.kind ? { kind: item.kind } : {}), ...(item.date ? { date: item.date } : {}), ...(item.url ? { url: item.url } : {}) };
}
