/**
 * A table whose rows are a part's items (activities, resources), as Word and spreadsheets lay them out: each row
 * below the header, its cells' inline Markdown in order, with the row for its place.
 */
import type { Table, TableRow } from 'mdast';
import { diagnostic } from '../../diagnostics/message.js';
import type { ReaderContext } from './context.js';
import { positionOf, span } from './tree.js';

export interface TableRowText {
  row: TableRow;
  /** The cells' words, empty cells left out. */
  cells: string[];
}

/** The rows below the header, each with its cells' words. */
export function tableRows(table: Table, ctx: ReaderContext): TableRowText[] {
  return table.children.slice(1).map((row) => ({
    row,
    cells: row.children.map((cell) => {
      const words = span(cell.children);
      return words ? ctx.source.inline(words).trim() : '';
    }).filter(Boolean),
  })).filter((r) => r.cells.length > 0);
}

/** Says that a table was read as a part's items, one per row (a reading a person should be able to check). */
export function reportTableItems(table: Table, count: number, word: string, words: string, ctx: ReaderContext): void {
  ctx.out.report(
    diagnostic('table-as-items', `The table is read as ${count} ${count === 1 ? word : words}, one per row`, positionOf(table.children[0]!), {
      severity: 'info',
      note: `Or write each as a list item (\`- …\`)`,
    }),
  );
}
