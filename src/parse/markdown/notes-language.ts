/**
 * Notes that do not say their language (no `language:` in the front matter, often no front matter at all) are
 * read in the language of their part headings (`## Sintesi`, `**Punti salienti**`), and printed in it: the
 * heading phrases, key words and dates of that label pack count, and the report's labels are its own.
 */
import type { Heading, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { diagnostic, quote } from '../../diagnostics/message.js';
import { languageOfHeadingTexts } from '../section-names.js';
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
