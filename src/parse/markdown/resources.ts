/** Resources: one link per list item; the paragraphs are the note. */
import type { List, RootContent } from 'mdast';
import type { Notes, Path } from './body.js';
import type { ReaderContext } from './context.js';
import type { Section } from './sections.js';
import { contactEntries, takeStrayContacts } from './stray-contacts.js';
import { isTextBlock, span } from './tree.js';

export function buildResources(section: Section, ctx: ReaderContext, reason: string): void {
  const { out, source } = ctx;
  out.mark(['resources'], section.heading);
  out.set(['resources', 'title'], section.title, section.heading);
  out.placed('part', ['resources'], section.heading, reason, section.title);
  out.markInternal(['resources'], section.heading);
  ctx.lastPart = 'resources';
  const items: Notes[] = [];
  const noteBlocks: RootContent[] = [];
  for (const block of section.blocks) {
    if (block.type === 'list') {
      for (const item of (block as List).children) {
        const path: Path = ['resources', 'items', items.length];
        out.place(path, item);
        const resource: Notes = { ...parseResource(source.itemText(item)), ...out.internalFlag(item) };
        out.placed('resource', path, item, 'a list item under resources', resource.title as string);
        items.push(resource);
      }
    } else if (isTextBlock(block)) {
      const contacts = contactEntries(block, ctx);
      if (contacts) takeStrayContacts(contacts, 'in the resources’ note', ctx);
      else noteBlocks.push(block);
    }
  }
  out.set(['resources', 'items'], items, section.heading);
  const note = source.paragraphs(noteBlocks);
  if (note) {
    out.set(['resources', 'note'], note, span(noteBlocks));
    out.placed('intro', ['resources', 'note'], span(noteBlocks), 'paragraphs under resources');
  }
  for (const child of section.children) ctx.handle(child, true);
}

/** `[title](url)`, a bare `https://…` address, or a title alone. */
export function parseResource(value: string): Notes {
  const link = /^\[([^\]]+)\]\(<?([^)\s>]+)>?\)\s*$/.exec(value);
  if (link) return { title: link[1], url: link[2] };
  const bare = /^(https?:\/\/\S+)$/.exec(value);
  return bare ? { title: bare[1], url: bare[1] } : { title: value };
}
