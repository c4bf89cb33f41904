/**
 * Contacts written outside a contacts part: lines with an e-mail address after
 * the last part, or among the resources' note. They are taken as contacts,
 * with a warning, instead of ending up as text.
 */
import type { List, RootContent } from 'mdast';
import { diagnostic, quote } from '../../diagnostics/message.js';
import type { Notes } from './body.js';
import { matchHeading } from '../section-names.js';
import { parseContact } from './contacts.js';
import type { ReaderContext } from './context.js';
import { positionOf, type Placed } from './tree.js';

/** Words that lead into a contact line rather than name anyone. */
const LEAD_INS = new Set(['for more information', 'more information', 'further information', 'for further information', 'information', 'info', 'questions', 'for questions', 'enquiries', 'inquiries', 'get in touch', 'write to']);

/** Entries (list items, or the paragraph) of a block when every one is a short name with an e-mail address. */
export function contactEntries(block: RootContent, ctx: ReaderContext): Array<{ contact: Notes; node: Placed }> | undefined {
  const entries =
    block.type === 'list'
      ? (block as List).children.map((item) => ({ value: ctx.source.itemText(item), node: item as Placed }))
      : block.type === 'paragraph'
        ? [{ value: ctx.source.slice(block).trim(), node: block as Placed }]
        : [];
  if (!entries.length) return undefined;
  // `Contact: Marc Pattinson, m.pattinson@…`, `For more information: …`: the label (a contacts heading in English or
  // the notes' language, or a lead-in) is not part of the name.
  // A lead-in in another language (`Pour toute question :`, `Per informazioni:`) is a few words before a colon too,
  // when a name follows it (`Sophie Martin: s.martin@…` is a name and its address).
  const unlabelled = (value: string) =>
    value.replace(/^\s*([^:\n]{2,30}):\s*/u, (label, word: string, _at: number, whole: string) => {
      if (matchHeading(word, ctx.language)?.part === 'contacts' || LEAD_INS.has(word.trim().toLowerCase())) return '';
      const rest = parseContact(whole.slice(label.length));
      return word.trim().split(/\s+/).length <= 4 && rest.email !== undefined && rest.name !== rest.email ? '' : label;
    });
  const contacts = entries.map((e) => ({ contact: parseContact(unlabelled(e.value)), node: e.node }));
  // (the name and role together, as written: a sentence with an address in it is no contact)
  const looksLikeContact = ({ contact }: { contact: Notes }) => {
    const written = [contact.name, contact.role].filter((v) => typeof v === 'string').join(', ');
    return typeof contact.email === 'string' && typeof contact.name === 'string' && written.split(/\s+/).length <= 6 && !/[.!?]$/.test(written);
  };
  return contacts.every(looksLikeContact) ? contacts : undefined;
}

/** Takes the block's entries as contacts, to be added to the contacts part. */
export function takeStrayContacts(entries: Array<{ contact: Notes; node: Placed }>, where: string, ctx: ReaderContext): void {
  for (const entry of entries) {
    ctx.out.strayContacts.push(entry);
    ctx.out.report(
      diagnostic('contact-outside-part', `${quote(String(entry.contact.name || entry.contact.email))} with an e-mail address ${where} is taken as a contact`, positionOf(entry.node), {
        severity: 'warning',
        note: 'Put contacts under a `## Contacts` heading to make this certain.',
      }),
    );
  }
}

/** A contact without an e-mail address is likely a name whose address was forgotten. */
export function warnWithoutAddress(contact: Notes, node: Placed, ctx: ReaderContext): void {
  if (typeof contact.email === 'string' && contact.email) return;
  ctx.out.report(
    diagnostic('contact-without-address', `Contact ${quote(String(contact.name ?? ''))} has no e-mail address`, positionOf(node), {
      severity: 'warning',
      note: 'Write it after the name, like `Jane Doe <jane.doe@example.eu>`.',
    }),
  );
}
