/**
 * Highlights: an introduction, then one theme per sub-heading (its text, with
 * the speakers in bold), and participation.
 */
import type { List, RootContent } from 'mdast';
import type { Notes, Path } from './body.js';
import { keyParagraph, keyWordsFor } from './key-lines.js';
import type { ReaderContext } from './context.js';
import { buildPartWithItems } from './part-with-items.js';
import { allBlocks, type Section } from './sections.js';
import { isTextBlock, span } from './tree.js';
import { isCountryName } from '../canonical/place.js';

export function buildHighlights(section: Section, ctx: ReaderContext, reason: string): void {
  buildPartWithItems(section, ctx, reason, { part: 'highlights', items: 'themes', itemWord: 'theme', buildItem: buildTheme });
}

export function buildTheme(theme: Section, path: Path, ctx: ReaderContext): void {
  const { out, source } = ctx;
  out.set([...path, 'title'], theme.title, theme.heading);
  out.mark(path, theme.heading);
  out.placed('theme', path, theme.heading, 'a sub-heading of highlights', theme.title);
  out.markInternal(path, theme.heading);
  const words = keyWordsFor(ctx.language, 'theme');
  const blocks = allBlocks(theme);
  const textBlocks: RootContent[] = [];
  const speakers: Notes[] = [];
  let speakersAt: RootContent | undefined;
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    // (an internal paragraph of a theme that is not is text, between internal marks: a speaker cannot be internal there)
    const keys = block.type === 'paragraph' && source.marks.has(block) === source.marks.has(theme.heading) ? keyParagraph(block, source, words) : undefined;
    // A paragraph of `Speakers:` lines only (a `Word:` line of another kind keeps it text).
    if (keys && !keys.unknown.length) {
      for (const line of keys.keys) for (const value of splitPeople(line.value)) speakers.push(parseSpeaker(value));
      const next = blocks[i + 1];
      if (keys.takesList && next && next.type === 'list') {
        for (const item of (next as List).children) speakers.push({ ...parseSpeaker(source.itemText(item)), ...out.internalFlag(item) });
        i++;
      }
      speakersAt ??= block;
      out.placed('field', [...path, 'speakers'], block, `line ${JSON.stringify(keys.keys[0]!.line.trim())}`);
      continue;
    }
    if (isTextBlock(block)) textBlocks.push(block);
  }
  if (speakers.length) out.set([...path, 'speakers'], speakers, speakersAt);
  const text = source.paragraphs(textBlocks);
  if (text) out.set([...path, 'text'], text, span(textBlocks));
}

const JOINING_WORDS = new Set(['and', '&', 'und', 'et', 'e', 'y', 'i', 'en', 'og', 'och', 'ja', 'és', 'a', 'și', 'in', 'ir', 'un', 'ja', 'и', 'και', 'agus', 'u']);

/**
 * The people on one `Speakers:` line: split at `;`, at a joining word between two names (`Jean Dupont (ADEME)
 * and Anna Kowalska`), and at a comma after a bracket (`Jean Dupont (ADEME), Anna Kowalska (Lubelskie)`);
 * never inside brackets, so `(Director, City of Genoa)` stays one speaker's.
 */
export function splitPeople(line: string): string[] {
  const people: string[] = [];
  let depth = 0;
  let current = '';
  const words = line.split(/(\s+)/);
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const next = words.slice(i + 1).find((w) => w.trim());
    if (depth === 0 && JOINING_WORDS.has(word.toLowerCase()) && current.trim() && next && /^\p{Lu}/u.test(next)) {
      people.push(current);
      current = '';
      continue;
    }
    for (const ch of word) {
      if (ch === '(') depth++;
      else if (ch === ')') depth = Math.max(0, depth - 1);
      if (depth === 0 && (ch === ';' || (ch === ',' && /\)\s*$/.test(current)))) {
        people.push(current);
        current = '';
        continue;
      }
      current += ch;
    }
  }
  people.push(current);
  return people.map((p) => p.trim()).filter(Boolean);
}

/**
 * One speaker as written on a `Speakers:` line: `Jane Doe (Director, City of Genoa)`, `Jane Doe, Director at City
 * of Genoa`, `Jane Doe, Director, City of Genoa`, `Jane Doe (City of Genoa)`; one word after the name is the
 * organisation, as in parentheses.
 */
export function parseSpeaker(value: string): Notes {
  const plain = value.replace(/\*\*|__/g, '').replace(/\s+/g, ' ').trim();
  const paren = /^([^(]+?)\s*\(([^)]*)\)\s*$/.exec(plain);
  const comma = /^([^,]+?)\s*,\s*(.+)$/.exec(plain);
  const name = (paren?.[1] ?? comma?.[1] ?? plain).trim();
  const rest = (paren?.[2] ?? comma?.[2] ?? '').trim();
  if (!rest) return { name };
  const at = paren || rest.includes(',') ? undefined : /^(.+?)\s+(?:at|from|with)\s+(.+)$/.exec(rest);
  const parts = at ? [at[1]!, at[2]!] : rest.split(/\s*,\s*/);
  // `(ADEME, France)`: an organisation and its country, not a role and an organisation.
  if (parts.length === 1 || (parts.length === 2 && isCountryName(parts[1]!))) return { name, organisation: parts.join(', ') };
  return { name, role: parts[0]!, organisation: parts.slice(1).join(', ') };
}

export function buildParticipation(section: Section, ctx: ReaderContext, reason: string): void {
  const textBlocks = section.blocks.filter(isTextBlock);
  ctx.out.set(['highlights', 'participation'], ctx.source.paragraphs(textBlocks), span(textBlocks) ?? section.heading);
  ctx.out.placed('part', ['highlights', 'participation'], section.heading, reason, section.title);
  for (const child of section.children) ctx.handle(child, true);
}
