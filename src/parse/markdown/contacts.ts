/** Contacts: each list item or paragraph is a name and an e-mail address. */
import type { List, Table } from 'mdast';
import { diagnostic } from '../../diagnostics/message.js';
import type { Notes } from './body.js';
import type { ReaderContext } from './context.js';
import { keepAsFreeSection } from './free-sections.js';
import type { Section } from './sections.js';
import { warnWithoutAddress } from './stray-contacts.js';
import { isTextBlock, positionOf, type Placed } from './tree.js';
import { readContact } from '../canonical/short-forms.js';
import { tableRows } from './table-rows.js';

export function buildContacts(section: Section, ctx: ReaderContext, reason: string): void {
  const { out, source } = ctx;
  ctx.lastPart = 'contacts';
  out.placed('part', ['contacts'], section.heading, reason, section.title);
  const entries: Array<{ value: string; node: Placed }> = [];
  for (const block of section.blocks) {
    const rows = block.type === 'table' ? contactRows(block as Table, ctx) : undefined;
    if (block.type === 'list') for (const item of (block as List).children) entries.push({ value: source.itemText(item), node: item });
    else if (block.type === 'paragraph') entries.push({ value: source.slice(block).trim(), node: block });
    else if (rows) {
      // A table of contacts (`| Name | E-mail |`): each row, its cells read together as a contact's line.
      entries.push(...rows);
      out.report(
        diagnostic('contact-table', `The table is read as ${rows.length} ${rows.length === 1 ? 'contact' : 'contacts'}, one per row`, positionOf((block as Table).children[0]!), {
          severity: 'info',
          note: 'Or write each contact as a list item (`- Name <name@example.eu>`)',
        }),
      );
    } else if (isTextBlock(block)) keepAsFreeSection(block, section, ctx);
  }
  const contacts: Notes[] = [];
  for (const entry of entries) {
    out.place(['contacts', contacts.length], entry.node);
    const contact: Notes = { ...parseContact(entry.value), ...out.internalFlag(entry.node) };
    warnWithoutAddress(contact, entry.node, ctx);
    out.placed('contact', ['contacts', contacts.length], entry.node, 'an entry under contacts', contact.name as string);
    contacts.push(contact);
  }
  out.set(['contacts'], contacts, section.heading);
  for (const child of section.children) ctx.handle(child, true);
}

/** A contact entry as written -> name, e-mail address, telephone and role (the reader YAML's contacts use too). */
export function parseContact(value: string): Notes {
  return readContact(value) ?? { name: value.trim() };
}

/** A table's rows below its header, each row's cells joined as one contact line, when a row holds an e-mail address; else undefined. */
function contactRows(table: Table, ctx: ReaderContext): Array<{ value: string; node: Placed }> | undefined {
  const rows = tableRows(table, ctx).map(({ row, cells }) => ({ value: cells.join(', '), node: row }));
  return rows.some((row) => readContact(row.value)?.email !== undefined) ? rows : undefined;
}
