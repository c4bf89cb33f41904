/** Upcoming activities: one per list item (`Kind: title`, a link, a date leading or closing the line). */
import type { List, Table } from 'mdast';
import type { Notes, Path } from './body.js';
import type { ReaderContext } from './context.js';
import { keepAsFreeSection } from './free-sections.js';
import type { Section } from './sections.js';
import { isTextBlock } from './tree.js';
import { readActivityLine } from '../canonical/activity-line.js';
import { reportTableItems, tableRows } from './table-rows.js';

export function buildUpcoming(section: Section, ctx: ReaderContext, reason: string): void {
  const { out, source } = ctx;
  out.mark(['upcoming'], section.heading);
  out.set(['upcoming', 'title'], section.title, section.heading);
  out.placed('part', ['upcoming'], section.heading, reason, section.title);
  out.markInternal(['upcoming'], section.heading);
  ctx.lastPart = 'upcoming';
  const items: Notes[] = [];
  for (const block of section.blocks) {
    const rows = block.type === 'table' ? tableRows(block as Table, ctx) : [];
    if (rows.length) {
      // `| Date | Event | Place |`: one activity per row, its cells read as one line would be (`12 May 2025 – …`).
      for (const { row, cells } of rows) {
        const path: Path = ['upcoming', 'items', items.length];
        out.place(path, row);
        const activity: Notes = { ...parseUpcomingItem(cells.join(' – '), ctx.language), ...out.internalFlag(row) };
        out.placed('activity', path, row, 'a row of a table under upcoming activities', activity.title as string);
        items.push(activity);
      }
      reportTableItems(block as Table, rows.length, 'activity', 'activities', ctx);
      continue;
    }
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

/** One activity's line (src/parse/canonical/activity-line.ts): the same reading as a YAML activity written as one string. */
export const parseUpcomingItem = readActivityLine;
