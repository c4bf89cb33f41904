/**
 * The paragraphs the reader has already parsed, kept by the text it made of them, so that the renderer does not
 * parse the same Markdown a second time (parsing was half of an HTML batch's time, and rich text is mostly
 * paragraphs the reader read). A text is kept only when its tree is, by construction, the tree remark-parse would
 * make of that text alone:
 * - the paragraph is one line in the notes, so the text is that line trimmed (a wrapped paragraph's text has its
 *   line breaks made spaces, which can change the tree: hard breaks, titles, alt texts);
 * - the notes define no link, image or footnote labels (no `]:` anywhere): a label defined elsewhere in the notes
 *   would turn `[x]` into a reference there and leave it text alone.
 * The renderer asks for every `\n\n`-separated piece of a text; if one is unknown it parses the whole text, as
 * before. Kept for the file last read only (a file read afterwards replaces them).
 */
import type { Paragraph } from 'mdast';

let kept = new Map<string, Paragraph>();
let keeping = false;

/** A new notes file: forget the last one's paragraphs; keep this one's if it defines no labels. */
export function startKeepingParagraphs(text: string): void {
  kept = new Map();
  keeping = !text.includes(']:');
}

/** The reader turned this paragraph into `text`. */
export function keepParagraph(text: string, node: Paragraph): void {
  if (keeping && text && !text.includes('\n') && !kept.has(text)) kept.set(text, node);
}

/** The tree remark-parse makes of `text` alone, when the reader kept it (the caller must not change it). */
export function keptParagraph(text: string): Paragraph | undefined {
  return kept.get(text);
}
