/**
 * What every source kind (a PDF's text layer, plain text, Word, HTML) is read into before the structure is
 * detected: blocks of text in reading order, each with what the source knows of its look.
 */
export interface TextBlock {
  /** The block's lines as inline Markdown (bold as `**…**`, links as `[title](url)`). */
  lines: string[];
  /** A list item (its bullet removed). */
  bullet?: boolean;
  /** 1-based page it starts on (plain text: 1). */
  page: number;
  /** Font size in points, when the source has one (PDF). */
  size?: number;
  /** Every character of the block is in a bold font. */
  bold?: boolean;
  /** The lines are lines of their own (key lines split again), not one paragraph wrapped. */
  hardBreaks?: boolean;
  /** Space above the block, from the last line before it on the same page, in points (PDF). */
  gapBefore?: number;
  /** A heading level the source itself marks (Word's heading styles, HTML's `<h1>`…): 1 is the top. */
  headingLevel?: number;
}

/** What the source says about itself besides its text (a PDF's document information). */
export interface SourceFacts {
  title?: string;
  keywords?: string[];
  /** The producing program: `report …` when the PDF was made by this tool. */
  creator?: string;
  author?: string;
  /** The document's language tag (a PDF's `/Lang`). */
  language?: string;
  /** A PDF's bookmarks: its headings as the report wrote them (a heading printed in capitals keeps its case there). */
  headings?: string[];
}

export interface ImportedText {
  blocks: TextBlock[];
  facts: SourceFacts;
  /** Whether sizes are real (PDF) or unknown (plain text). */
  hasSizes: boolean;
  /** Things seen while reading that a person should look at. */
  notes: string[];
}

/**
 * The block's inline Markdown on one line; bold that only a line break interrupted is one run again, and a word
 * broken after its own hyphen (`Bosnia-` / `Herzegovina`, `12-` / `week`) is one word again.
 */
export const blockText = (block: TextBlock): string => block.lines.map((line, i) => (i && /[\p{L}\p{N}]-$/u.test(block.lines[i - 1]!.trimEnd()) ? '\u0000' : ' ') + line).join('').replace(/-(\*\*)?\u0000\1/gu, '-').replace(/\u0000/gu, ' ').slice(1).replace(/\s+/gu, ' ').replace(/\*\* \*\*/gu, ' ').trim();

/** Inline Markdown -> its words: no bold markers, no escapes (headings, title-page facts). */
export const plainOf = (markdown: string): string => markdown.replace(/\*\*/gu, '').replace(/\\([!-/:-@[-`{-~])/gu, '$1').replace(/\s+/gu, ' ').trim();
