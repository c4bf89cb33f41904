/**
 * Notes that do not say their language (no `language:` in the front matter, often no front matter at all) are
 * read in the language of their part headings (`## Sintesi`, `**Punti salienti**`), and printed in it: the
 * heading phrases, key words and dates of that label pack count, and the report's labels are its own.
 */
import type { Heading, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { diagnostic, quote } from '../../diagnostics/message.js';
import { languageOfHeadingTexts } from '../section-names.js';
import { languageOfKeys } from '../canonical/keys.js';
import type { ReaderContext } from './context.js';
import type { Section } from './sections.js';

const englishNames = new Intl.DisplayNames(['en'], { type: 'language' });
const languageName = (code: string): string => englishNames.of(code) ?? code;

/** Short lines that may be headings: headings, and one-line paragraphs (bold part names of a Word paste). */
const MAX_LINE = 80;

export function languageOfNotesHeadings(tree: Root, text: string): string | undefined {
  const texts: string[] = [];
  for (const node of tree.children) {
    if (node.type === 'heading') texts.push(toString(node));
    else if (node.type === 'paragraph' && node.position) {
      const written = text.slice(node.position.start.offset, node.position.end.offset);
      if (written.length <= MAX_LINE && !written.includes('\n')) texts.push(toString(node).replace(/:\s*$/, ''));
    }
  }
  return languageOfHeadingTexts(texts);
}

/** A line `Word: value` of the body (bold or not): its word. */
const KEY_WORD = /^(?:\*{1,3}|_{1,3})?\s*(\p{L}[\p{L}\p{M} '’.-]{1,30}?)\s*(?:\*{1,3}|_{1,3})?\s*:/u;

/**
 * The language of the event's key lines in the body (`Datum: …`, `Ort: …`), when two or more are one label pack's
 * words and no other pack's as many (as YAML keys are read: `languageOfKeys`); else undefined. With the first such
 * line, for the message.
 */
export function languageOfKeyLines(tree: Root, text: string): { language: string; keys: string[] } | undefined {
  const words: Record<string, true> = {};
  for (const node of tree.children) {
    if (node.type !== 'paragraph' || !node.position) continue;
    for (const line of text.slice(node.position.start.offset, node.position.end.offset).split(/\r?\n/)) {
      const word = KEY_WORD.exec(line.trim())?.[1];
      if (word) words[word] = true;
    }
  }
  return languageOfKeys(words);
}

/** Records the language taken from the event's key lines as the notes' `language`, with an info naming them. */
export function sayLanguageFromKeyLines(read: { language: string; keys: string[] }, sections: readonly Section[], ctx: ReaderContext): void {
  const { out } = ctx;
  if (out.get(['language']) !== undefined) return;
  const first: Heading | undefined = sections[0]?.heading;
  out.set(['language'], read.language, first);
  out.factKeys.add('language');
  out.placed('field', ['language'], first, `the key lines are in ${languageName(read.language)}`);
  out.report(
    diagnostic('language-from-keys', `The notes do not say their language; their key lines (${read.keys.slice(0, 3).map((k) => quote(`${k}:`)).join(', ')}) are ${languageName(read.language)}, so they are read and printed in it`, first ? { start: first.position!.start, end: first.position!.end } : undefined, {
      severity: 'info',
      note: `Write \`language: ${read.language}\` in the front matter to make this certain (\`report fix\` does).`,
    }),
  );
}

/** Records the language taken from the headings as the notes' `language`, with an info naming the headings. */
export function sayLanguageFromHeadings(language: string, sections: readonly Section[], ctx: ReaderContext): void {
  const { out } = ctx;
  if (out.get(['language']) !== undefined) return;
  const first: Heading | undefined = sections[0]?.heading;
  const names = sections.slice(0, 3).map((s) => quote(s.title)).join(', ');
  out.set(['language'], language, first);
  out.factKeys.add('language');
  out.placed('field', ['language'], first, `the part headings are in ${languageName(language)}`);
  out.report(
    diagnostic('language-from-headings', `The notes do not say their language; their headings (${names}) are ${languageName(language)}, so they are read and printed in it`, first ? { start: first.position!.start, end: first.position!.end } : undefined, {
      severity: 'info',
      note: `Write \`language: ${language}\` in the front matter to make this certain (\`report fix\` does).`,
    }),
  );
}
