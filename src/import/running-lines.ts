/**
 * Running headers, footers and page numbers: lines near the top or bottom edge that repeat (digits aside) on
 * many pages. They are the layout's, not the report's text.
 */
export interface PdfLine {
  /** Inline Markdown. */
  markdown: string;
  plain: string;
  page: number;
  x: number;
  /** Baseline, from the page's bottom. */
  y: number;
  size: number;
  bold: boolean;
  /** Every character is outside a tagged PDF's structure tree: the layout's, not the report's. */
  artifact?: boolean;
  /** In a tagged PDF: the element the line belongs to, and whether it is in a list item. */
  block?: number;
  listItem?: boolean;
  /** Where it is read, across pages: its page and rank, or a continued list's place on the page before. */
  key?: number[];
  /** A figure (`![alt](src)`), not text. */
  image?: boolean;
}

const PAGE_NUMBER = /^(?:(?:page|p\.|seite|página|pagina)\s*)?\d{1,4}(?:\s*(?:of|\/|von|de|di|sur)\s*\d{1,4})?$/iu;

export function dropRunningLines(lines: readonly PdfLine[], pages: number): PdfLine[] {
  // The size is part of what repeats: a title printed large on the first page is not the running header it repeats in.
  const key = (l: PdfLine) => `${l.size}|${l.plain.toLowerCase().replace(/\d+/gu, '#')}`;
  const top = new Map<number, number>();
  const bottom = new Map<number, number>();
  for (const l of lines) {
    top.set(l.page, Math.max(top.get(l.page) ?? -Infinity, l.y));
    bottom.set(l.page, Math.min(bottom.get(l.page) ?? Infinity, l.y));
  }
  // An edge line is the first or last two lines' height from the page's top or bottom text.
  const atEdge = (l: PdfLine) => top.get(l.page)! - l.y < l.size * 2.5 || l.y - bottom.get(l.page)! < l.size * 2.5;
  const pagesOf = new Map<string, Set<number>>();
  for (const l of lines) if (atEdge(l)) (pagesOf.get(key(l)) ?? pagesOf.set(key(l), new Set()).get(key(l))!).add(l.page);
  const repeats = (l: PdfLine) => pages >= 2 && (pagesOf.get(key(l))?.size ?? 0) >= Math.max(2, Math.ceil(pages / 2));
  // A tagged PDF says which lines are the layout's: at the edge, they go even on a single page.
  return lines.filter((l) => !(atEdge(l) && (l.artifact || repeats(l) || PAGE_NUMBER.test(l.plain.trim()))));
}
