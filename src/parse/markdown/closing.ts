/**
 * Before the parts are read: a pasted contents list is left out; at the very end of the notes, closing lines that
 * repeat the footer are left out and lines with e-mail addresses after the last part are taken as contacts. After
 * them: those contacts join the contacts part.
 */
import type { RootContent } from 'mdast';
import { classifyHeading, normaliseHeading } from '../section-names.js';
import type { Notes } from './body.js';
import type { ReaderContext } from './context.js';
import { footerWords, isContentsHeading, isContentsList, leaveOutContentsList, leaveOutContentsPart, leaveOutFooterLine, repeatsFooter } from './left-out.js';
import type { Section } from './sections.js';
import { contactEntries, takeStrayContacts } from './stray-contacts.js';

export function leaveOutBeforeReading(preamble: RootContent[], topLevel: Section[], front: Notes, ctx: ReaderContext): Section[] {
  const headings = new Set<string>();
  const collect = (sections: readonly Section[]): void => sections.forEach((s) => (headings.add(normaliseHeading(s.title)), collect(s.children)));
  collect(topLevel);
  const kept = topLevel.filter((section) => {
    if (!isContentsHeading(section.title, ctx.language)) return true;
    leaveOutContentsPart(section, ctx);
    return false;
  });
  for (let i = preamble.length - 1; i >= 0; i--) {
    if (isContentsList(preamble[i]!, headings)) {
      leaveOutContentsList(preamble[i]!, ctx);
      preamble.splice(i, 1);
      // Its title as a line of its own just above it (`Contents`, `Indice`), which the list cut from its paragraph.
      const above = preamble[i - 1];
      if (above?.type === 'paragraph' && isContentsHeading(ctx.source.inline(above), ctx.language)) {
        ctx.out.placed('left-out', [], above, 'the title of a contents list', ctx.source.inline(above));
        preamble.splice(--i, 1);
      }
    }
  }

  // The deepest last section, and whether it stands in a contacts part.
  let last = kept[kept.length - 1];
  let inContacts = false;
  while (last) {
    if (classifyHeading(last.title, ctx.language) === 'contacts') inContacts = true;
    if (!last.children.length) break;
    last = last.children[last.children.length - 1];
  }
  const trailing = last?.blocks ?? preamble;
  const footer = footerWords(front);
  const strays: RootContent[] = [];
  let removed = 0;
  for (; trailing.length; removed++) {
    const block = trailing[trailing.length - 1]!;
    // (a contact at the programme's own address names the website too: it is a contact, not the footer)
    if (repeatsFooter(block, footer) && !contactEntries(block, ctx)) leaveOutFooterLine(block, ctx);
    else if (block.type === 'thematicBreak' && removed > 0) ctx.out.placed('left-out', [], block, 'a rule before the closing lines');
    // (notes with no parts at all, a few lines under a title, end with their contact too: not when it is all there is)
    else if ((last || trailing.length > 1) && !inContacts && contactEntries(block, ctx)) strays.unshift(block);
    else break;
    trailing.pop();
  }
  for (const block of strays) takeStrayContacts(contactEntries(block, ctx)!, last ? 'after the last part' : 'at the end of the notes', ctx);
  return kept;
}

/** Contacts found outside the contacts part join it (or make it). */
export function addStrayContacts(ctx: ReaderContext): void {
  const { out } = ctx;
  if (!out.strayContacts.length) return;
  const contacts = (out.get(['contacts']) as Notes[] | undefined) ?? [];
  for (const { contact, node } of out.strayContacts) {
    out.place(['contacts', contacts.length], node);
    out.placed('contact', ['contacts', contacts.length], node, 'a line with an e-mail address outside a contacts part', contact.name as string);
    contacts.push({ ...contact, ...out.internalFlag(node) });
  }
  out.set(['contacts'], contacts, undefined);
  if (!out.places.has('contacts')) out.place(['contacts'], out.strayContacts[0]!.node);
}
