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
 * before. Free sections, kept as written, are kept as their run of top-level blocks (`keepBlocks`). Kept for the
 * file last read only (a file read afterwards replaces them).
 */
import type { Paragraph, Root, RootContent } from 'mdast';

let kept = new Map<string, Paragraph>();
let keptRuns = new Map<string, RootContent[]>();
let keeping = false;
let tree: Root | undefined;

/** A new notes file: forget the last one's paragraphs; keep this one's if it defines no labels. */
export function startKeepingParagraphs(text: string): void {
  kept = new Map();
  keptRuns = new Map();
  keeping = !text.includes(']:');
  tree = undefined;
}

/** The new file's tree, whose top-level blocks free sections are made of. */
export function keepTree(root: Root): void {
  tree = keeping ? root : undefined;
}

/**
 * The reader turned a run of top-level blocks into `text`, the notes' text from the first block's start to the last
 * one's end (a free section). Kept when the text is exactly that (nothing trimmed) and the run starts a line: its
 * blocks are then what remark-parse makes of the text alone (a top-level block at the start of a line continues
 * nothing before it).
 */
export function keepBlocks(text: string, blocks: readonly RootContent[]): void {
  if (!tree || !text || keptRuns.has(text)) return;
  const first = tree.children.indexOf(blocks[0]!);
  const last = tree.children.indexOf(blocks[blocks.length - 1]!);
  if (first < 0 || last < first || blocks[0]!.position?.start.column !== 1) return;
  keptRuns.set(text, tree.children.slice(first, last + 1));
}

/** The blocks remark-parse makes of `text` alone, when the reader kept them (the caller must not change them). */
export function keptBlocks(text: string): RootContent[] | undefined {
  return keptRuns.get(text);
}

/** The reader turned this paragraph into `text`. */
export function keepParagraph(text: string, node: Paragraph): void {
  if (keeping && text && !text.includes('\n') && !kept.has(text)) kept.set(text, node);
}

/** The tree remark-parse makes of `text` alone, when the reader kept it (the caller must not change it). */
export function keptParagraph(text: string): Paragraph | undefined {
  return kept.get(text);
}
