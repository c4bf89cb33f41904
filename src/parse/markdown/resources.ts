/** Resources: one link per list item; the paragraphs are the note. */
import type { List, ListItem, Paragraph, RootContent, Table, TableRow } from 'mdast';
import { paragraphLines } from './paragraph-lines.js';
import type { Notes, Path } from './body.js';
import type { ReaderContext } from './context.js';
import type { Section } from './sections.js';
import { contactEntries, takeStrayContacts } from './stray-contacts.js';
import { isTextBlock, positionOf, span, type Placed } from './tree.js';
import { diagnostic, quote } from '../../diagnostics/message.js';
import { isAddress, withScheme } from '../canonical/addresses.js';
import { readLink } from '../canonical/short-forms.js';
import { reportTableItems, tableRows } from './table-rows.js';

export function buildResources(section: Section, ctx: ReaderContext, reason: string): void {
  const { out, source } = ctx;
  out.mark(['resources'], section.heading);
  out.set(['resources', 'title'], section.title, section.heading);
  out.placed('part', ['resources'], section.heading, reason, section.title);
  out.markInternal(['resources'], section.heading);
  ctx.lastPart = 'resources';
  const items: Notes[] = [];
  const noteBlocks: RootContent[] = [];
  const unlinked: ListItem[] = [];
  /** One resource read from a table row or a line, at `node` (internal when `holder` is). */
  const addResource = (resource: Notes, written: string, node: Placed, holder: Placed, reason: string) => {
    const path: Path = ['resources', 'items', items.length];
    out.place(path, node);
    saySchemeAdded(String(resource.url), written, node, ctx);
    out.placed('resource', path, node, reason, resource.title as string);
    items.push({ ...resource, ...out.internalFlag(holder) });
  };
  for (const block of section.blocks) {
    const rows = block.type === 'table' ? resourceRows(block as Table, ctx) : undefined;
    if (block.type === 'list') {
      for (const item of (block as List).children) {
        const path: Path = ['resources', 'items', items.length];
        const written = source.itemText(item);
        const resource: Notes = { ...parseResource(written), ...out.internalFlag(item) };
        const url = typeof resource.url === 'string' ? resource.url : undefined;
        if (url === undefined) {
          keepUnlinked(item, written, ctx);
          unlinked.push(item);
          continue;
        }
        out.place(path, item);
        saySchemeAdded(url, written, item, ctx);
        out.placed('resource', path, item, 'a list item under resources', resource.title as string);
        items.push(resource);
      }
    } else if (rows) {
      // `| Title | Link |`: one resource per row, its address the cell that is one, its title the other cells.
      for (const { row, resource, written } of rows) addResource(resource, written, row, row, 'a row of a table under resources');
      reportTableItems(block as Table, rows.length, 'resource', 'resources', ctx);
    } else if (block.type === 'paragraph' && lineResources(block as Paragraph, ctx)) {
      // `Material passports guide – https://…` and `Toolkit: www.…` on lines of one paragraph: one resource each.
      const lines = lineResources(block as Paragraph, ctx)!;
      for (const { line, resource, node } of lines) addResource(resource, line, node, block, 'a line of a paragraph under resources');
      out.report(
        diagnostic('lines-as-items', `The paragraph's ${lines.length} lines are read as ${lines.length} resources, one per line: each holds an address`, positionOf(block), {
          severity: 'info',
          note: 'Or write each resource as a list item (`- [title](https://…)`)',
        }),
      );
    } else if (isTextBlock(block)) {
      const contacts = contactEntries(block, ctx);
      if (contacts) takeStrayContacts(contacts, 'in the resources’ note', ctx);
      else noteBlocks.push(block);
    }
  }
  out.set(['resources', 'items'], items, section.heading);
  const note = [source.paragraphs(noteBlocks), unlinkedList(unlinked, ctx)].filter(Boolean).join('\n\n');
  if (note) {
    const place = span([...noteBlocks, ...unlinked].sort((a, b) => (a.position?.start.offset ?? 0) - (b.position?.start.offset ?? 0)));
    out.set(['resources', 'note'], note, place);
    if (noteBlocks.length) out.placed('intro', ['resources', 'note'], span(noteBlocks), 'paragraphs under resources');
  }
  for (const child of section.children) ctx.handle(child, true);
}

/** Each line of a paragraph of two or more lines as a resource, when every line holds an address; else undefined. */
function lineResources(paragraph: Paragraph, ctx: ReaderContext): Array<{ line: string; resource: Notes; node: Placed }> | undefined {
  if (ctx.source.marks.touches(paragraph)) return undefined;
  const lines = paragraphLines(paragraph, ctx.source).filter((l) => l.text.trim());
  if (lines.length < 2) return undefined;
  const read = lines.map((l) => {
    const text = l.text.trim();
    const resource = parseResource(text);
    const indent = l.text.length - l.text.trimStart().length;
    const column = l.line === paragraph.position!.start.line ? paragraph.position!.start.column : indent + 1;
    const start = { line: l.line, column, offset: l.start + (l.line === paragraph.position!.start.line ? 0 : indent) };
    const node = { position: { start, end: { line: l.line, column: column + text.length, offset: start.offset + text.length } } };
    return typeof resource.url === 'string' && resource.title !== resource.url ? { line: text, resource, node } : undefined;
  });
  return read.every((r) => r !== undefined) ? (read as Array<{ line: string; resource: Notes; node: Placed }>) : undefined;
}

/** A list item under resources with no address: kept as text in the resources' note, with a warning. */
function keepUnlinked(item: ListItem, written: string, ctx: ReaderContext): void {
  ctx.out.placed('intro', ['resources', 'note'], item, 'a list item under resources without an address', written);
  ctx.out.report(
    diagnostic('resource-without-address', `List item ${quote(written)} under resources has no address; it is printed as text under the list`, positionOf(item), {
      severity: 'warning',
      note: 'Give it its address (`[title](https://…)` or `title: https://…`) to make it a link.',
    }),
  );
}

/** The items without an address as a Markdown list (an internal one as a paragraph between internal marks). */
function unlinkedList(items: readonly ListItem[], ctx: ReaderContext): string {
  return items
    .map((item) => (ctx.out.marks.touches(item) ? '\n' + ctx.source.itemString(item) + '\n' : '- ' + ctx.source.itemText(item)))
    .join('\n')
    .trim();
}

/**
 * `[title](url)` (and what follows it: `[Brief](https://…) (PDF, 2 MB)`), `Title: https://…`, `Title – www.…`,
 * a bare address, or a title alone (kept as text by the reader, reported by validation in YAML).
 */
export function parseResource(value: string): Notes {
  const link = /^\[([^\]]+)\]\(<?([^)\s>]+)>?\)\s*(.*)$/s.exec(value);
  if (link) return { title: link[3] ? `${link[1]} ${link[3]}`.trim() : link[1], url: withScheme(link[2]) ?? link[2] };
  const written = readLink(value);
  return written ? { title: written.title, url: written.url } : { title: value };
}

/** A table whose every row has one cell that is an address (or a link): each row's resource; else undefined. */
function resourceRows(table: Table, ctx: ReaderContext): Array<{ row: TableRow; resource: Notes; written: string }> | undefined {
  const rows = tableRows(table, ctx).map(({ row, cells }) => {
    const at = cells.findIndex((c) => readLink(c) !== undefined && (isAddress(c) || /^\[[^\]]+\]\([^)]+\)$/.test(c)));
    if (at < 0) return undefined;
    const link = readLink(cells[at]!)!;
    const rest = cells.filter((_, i) => i !== at);
    const title = rest.length ? rest.join(' – ') : link.title;
    return { row, resource: { title, url: withScheme(link.url) ?? link.url } as Notes, written: cells[at]! };
  });
  return rows.length && rows.every((r) => r !== undefined) ? (rows as Array<{ row: TableRow; resource: Notes; written: string }>) : undefined;
}

/** An address written without a scheme and read with `https://` (`www.example.eu/x`): an info at its place. */
function saySchemeAdded(url: string, written: string, node: Placed, ctx: ReaderContext): void {
  if (!url.startsWith('https://') || written.includes(url)) return;
  ctx.out.report(diagnostic('address-scheme', `Address ${quote(url.slice('https://'.length))} has no \`https://\`: read as ${quote(url)}`, positionOf(node), { severity: 'info', note: `Write \`${url}\`` }));
}
