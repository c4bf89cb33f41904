/** Contacts: each list item or paragraph is a name and an e-mail address. */
import type { List } from 'mdast';
import type { Notes } from './body.js';
import type { ReaderContext } from './context.js';
import { keepAsFreeSection } from './free-sections.js';
import type { Section } from './sections.js';
import { warnWithoutAddress } from './stray-contacts.js';
import { isTextBlock, type Placed } from './tree.js';
import { takePhone } from '../canonical/short-forms.js';

export function buildContacts(section: Section, ctx: ReaderContext, reason: string): void {
  const { out, source } = ctx;
  ctx.lastPart = 'contacts';
  out.placed('part', ['contacts'], section.heading, reason, section.title);
  const entries: Array<{ value: string; node: Placed }> = [];
  for (const block of section.blocks) {
    if (block.type === 'list') for (const item of (block as List).children) entries.push({ value: source.itemText(item), node: item });
    else if (block.type === 'paragraph') entries.push({ value: source.slice(block).trim(), node: block });
    else if (isTextBlock(block)) keepAsFreeSection(block, section, ctx);
  }
  const contacts: Notes[] = [];
  for (const entry of entries) {
    out.place(['contacts', contacts.length], entry.node);
    const contact: Notes = { ...withRole(parseContact(entry.value)), ...out.internalFlag(entry.node) };
    warnWithoutAddress(contact, entry.node, ctx);
    out.placed('contact', ['contacts', contacts.length], entry.node, 'an entry under contacts', contact.name as string);
    contacts.push(contact);
  }
  out.set(['contacts'], contacts, section.heading);
  for (const child of section.children) ctx.handle(child, true);
}

/** Anything that looks like an address (checked properly by the valid-email rule). */
const EMAIL = /<?(?:mailto:)?([^\s<>()[\],;]+@[^\s<>()[\],;]*?)>?(?=$|[\s,;)])/;

/** `Laura Varisco <l.varisco@policylearning.eu>` and friends -> name and email. */
export function parseContact(value: string): Notes {
  // A line break inside the entry (soft, or hard: a trailing `\` or two spaces, as Word exports write) is a space.
  const flat = value.replace(/(?:\\|[ \t]*)\r?\n\s*/g, ' ').trim();
  const linked = /\[([^\]]*)\]\(mailto:([^)]+)\)/.exec(flat);
  if (linked) {
    const name = flat.replace(linked[0], linked[1]!.includes('@') ? '' : linked[1]!).replace(/[\s,;–—-]+$/, '').trim();
    return { name: name || linked[1]!, email: linked[2]! };
  }
  const email = EMAIL.exec(flat);
  if (!email) return { name: flat };
  const withoutEmail = flat.replace(email[0], '');
  // `ESPON EGTC, info@espon.eu, +352 20 600 280`: the number is the contact's `phone`.
  const phone = takePhone(withoutEmail);
  const name = (phone?.rest ?? withoutEmail)
    .replace(/[<>()]/g, '')
    .replace(/(?:\s*[,;:–—-])+\s*$/, '')
    .replace(/\s*,(?:\s*,)+/g, ',')
    .trim();
  return { name, email: email[1]!, ...(phone ? { phone: phone.phone } : {}) };
}

/**
 * `Mart Kask – Thematic expert, Environment` or `Lucia Rossi, Communication officer`: the name, and what follows
 * it as the role. A name is a few words; anything else stays the name as written.
 */
export function withRole(contact: Notes): Notes {
  if (typeof contact.name !== 'string' || contact.role !== undefined || contact.email === undefined) return contact;
  return { ...contact, ...nameAndRole(contact.name) };
}

function nameAndRole(written: string): { name: string; role?: string } {
  const pieces = written.split(/\s+[–—|]\s+|\s+-\s+/);
  const [name, ...rest] = pieces.length > 1 ? pieces : written.split(/\s*,\s*/);
  if (!rest.length || !name || name.split(/\s+/).length > 5 || /\d/.test(name)) return { name: written };
  return { name: name.trim(), role: rest.join(', ').trim() };
}
