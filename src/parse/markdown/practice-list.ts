/**
 * Good practices written as a list, one practice per item, as a Word document's numbered paragraphs paste:
 * `1. **COMMUNITY** – One-stop shop for energy communities (Flanders, Belgium). Presented by Els Peeters, VEKA.
 * 45 communities advised in 2023.` An item is a practice when it starts with a project's name (in bold, or a short
 * name before a dash) and a title; a country (and region) in brackets after the title, a sentence starting with a
 * presenter's phrase (`Presented by`, `Presentata da`) and the other sentences (the description) are read from it.
 * A list is read so only when every item is such a line; any other list stays text.
 */
import type { List, ListItem } from 'mdast';
import { diagnostic } from '../../diagnostics/message.js';
import { practiceLine, type PracticeLine } from '../canonical/practice-line.js';
import type { Path } from './body.js';
import type { ReaderContext } from './context.js';
import { positionOf } from './tree.js';

/** Each item of the list as a practice, or undefined when one item is not one. */
export function practiceListItems(block: unknown, ctx: ReaderContext): PracticeLine[] | undefined {
  const list = block as List;
  if (list?.type !== 'list' || list.children.length === 0) return undefined;
  const found: PracticeLine[] = [];
  for (const item of list.children) {
    if (item.children.length !== 1 || item.children[0]!.type !== 'paragraph') return undefined;
    const practice = practiceLine(ctx.source.itemText(item), ctx.language);
    if (!practice) return undefined;
    found.push(practice);
  }
  return found;
}

/** Writes the list's practices at the paths `at` gives, with the item's place, and one info for the list. */
export function readPracticeList(list: List, practices: readonly PracticeLine[], ctx: ReaderContext, at: () => Path): void {
  const { out } = ctx;
  practices.forEach((practice, i) => {
    const item = list.children[i] as ListItem;
    const path = at();
    out.mark(path, item);
    for (const [key, value] of Object.entries(practice)) {
      if (key === 'presenter') for (const [field, text] of Object.entries(value as Record<string, string>)) out.set([...path, 'presenter', field], text, item);
      else out.set([...path, key], value, item);
    }
    if (out.marks.has(item)) out.set([...path, 'internal'], true, item);
    out.placed('practice', path, item, 'a list item naming a project under good practices', practice.title);
  });
  out.report(
    diagnostic('practice-list', `The list is read as ${practices.length} ${practices.length === 1 ? 'practice' : 'practices'}, one per item`, positionOf(list), {
      severity: 'info',
      note: 'Or write each practice under a heading of its own (`### PROJECT – Title`), with key lines (`Country: …`)',
    }),
  );
}
