/** Contacts: each list item or paragraph is a name and an e-mail address. */
import type { List, Table } from 'mdast';
import { diagnostic, quote } from '../../diagnostics/message.js';
import type { Notes } from './body.js';
import type { ReaderContext } from './context.js';
import { keepAsFreeSection } from './free-sections.js';
import type { Section } from './sections.js';
import { warnWithoutAddress } from './stray-contacts.js';
import { isTextBlock, positionOf, type Placed } from './tree.js';
import { holdsEmail, readContact } from '../canonical/short-forms.js';
import { tableRows } from './table-rows.js';

export function buildContacts(section: Section, ctx: ReaderContext, reason: string): void {
  const { out, source } = ctx;
  ctx.lastPart = 'contacts';
  out.placed('part', ['contacts'], section.heading, reason, section.title);
  const entries: Array<{ value: string; node: Placed }> = [];
  for (const block of section.blocks) {
    const rows = block.type === 'table' ? contactRows(block as Table, ctx) : undefined;
    if (block.type === 'list') for (const item of (block as List).children) entries.push({ value: source.itemText(item), node: item });
    else if (block.type === 'paragraph') entries.push(...paragraphContacts(source.slice(block), block));
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
    sayLeftOutWords(entry.value, contact, entry.node, ctx);
    out.placed('contact', ['contacts', contacts.length], entry.node, 'an entry under contacts', contact.name as string);
    contacts.push(contact);
  }
  out.set(['contacts'], contacts, section.heading);
  for (const child of section.children) ctx.handle(child, true);
}

/**
 * A paragraph's contacts: one, or one per run of lines ending with an address when several lines hold one
 * (`Marta López – Expert – m.lopez@…` and `Tom Becker | Officer | t.becker@…` on the next line; or business cards
 * of name, role and address lines one after the other). Lines after the last address go with the last contact.
 */
export function paragraphContacts(written: string, paragraph: Placed): Array<{ value: string; node: Placed }> {
  const lines = written.split(/\r?\n/);
  const withAddress = lines.filter((line) => holdsEmail(line)).length;
  const at = positionOf(paragraph);
  if (withAddress < 2 || !at || at.start.offset === undefined) return [{ value: written.trim(), node: paragraph }];
  const entries: Array<{ value: string; node: Placed }> = [];
  let group: Array<{ text: string; line: number; column: number; offset: number }> = [];
  let offset = at.start.offset;
  const close = () => {
    if (!group.length) return;
    const first = group[0]!;
    const last = group[group.length - 1]!;
    const lastText = last.text.trimEnd();
    entries.push({
      value: group.map((l) => l.text.trim()).join('\n'),
      node: { position: { start: { line: first.line, column: first.column, offset: first.offset }, end: { line: last.line, column: last.column + lastText.trimStart().length, offset: last.offset + lastText.trimStart().length } } },
    });
    group = [];
  };
  for (const [index, line] of lines.entries()) {
    const indent = line.length - line.trimStart().length;
    // (the first line starts at the paragraph's column; the others at their own start)
    const column = index === 0 ? at.start.column : indent + 1;
    if (line.trim()) group.push({ text: line, line: at.start.line + index, column, offset: offset + (index === 0 ? 0 : indent) });
    offset += line.length + 1 + (written[offset - at.start.offset + line.length] === '\r' ? 1 : 0);
    if (holdsEmail(line) && lines.slice(index + 1).some((rest) => holdsEmail(rest))) close();
  }
  close();
  return entries;
}

/** A contact read out of a sentence (`Please contact Erik Lund (…) for more information.`): which words were left out. */
function sayLeftOutWords(written: string, contact: Notes, node: Placed, ctx: ReaderContext): void {
  const wordsOf = (text: string) => text.replace(/mailto:|[()<>[\]*_,;:!?–—|]/g, ' ').split(/\s+/).map((w) => w.replace(/^[.-]+|[.-]+$/g, '')).filter(Boolean);
  const rest = wordsOf(written.replace(String(contact.email ?? '\u0000'), ' '));
  for (const value of [contact.name, contact.role, contact.phone]) {
    for (const word of typeof value === 'string' ? wordsOf(value) : []) {
      const at = rest.indexOf(word);
      if (at >= 0) rest.splice(at, 1);
    }
  }
  if (rest.length < 3) return;
  ctx.out.report(
    diagnostic('contact-in-sentence', `The sentence ${quote(written.replace(/\s+/g, ' ').trim())} is read as the contact ${quote(String(contact.name))}; its other words are left out`, positionOf(node), {
      severity: 'info',
      note: 'Write the contact as `Name – Role – address` (the report prints its own words around the contacts)',
    }),
  );
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
