/**
 * Good practices written as a table (`| Project | Practice | Country | Presenter |`, as people lay them out in Word
 * or a spreadsheet): one practice per row, each column read as the key line of the same name (`Country:`) would be.
 * A table is read so only when its header names a practice's title and at least one of its key lines; any other
 * table stays text. A column of no known key is kept in each practice's description, with a warning.
 */
import type { RootContent, Table, TableCell } from 'mdast';
import { diagnostic, quote } from '../../diagnostics/message.js';
import type { Path } from './body.js';
import type { ReaderContext } from './context.js';
import { keyOfWord, keyWordsFor, type KeyName } from './key-lines.js';
import { setPracticeField } from './practices.js';
import { positionOf, span } from './tree.js';

/** A cell's inline Markdown (the cell's own position holds its `|` and padding). */
function cellText(cell: TableCell, ctx: ReaderContext): string {
  const words = span(cell.children);
  return words ? ctx.source.inline(words).trim() : '';
}

/** Where a cell's words are (for messages: the cell's own position starts at its `|`). */
const wordsOf = (cell: TableCell) => span(cell.children) ?? cell;

type Column = { kind: 'field'; key: KeyName } | { kind: 'title' | 'topic' | 'description' } | { kind: 'unknown'; header: string };

const fold = (text: string) => text.replace(/[*_:]/g, '').replace(/\s+/g, ' ').trim().toLowerCase();
/**
 * Header words for a practice's title beyond the `Practice:` key line's words of the label packs (`Name`,
 * `Initiative` …), and for its topic and its description, in English and the EU's languages (the key lines'
 * words, `Practice`, `Country`, `Presenter` …, come from the packs). Folded to lower case; compared with the notes'
 * language's words and English ones.
 */
const TITLE_WORDS: Record<string, string[]> = {
  en: ['name', 'practice name', 'initiative'],
  bg: ['име', 'наименование'],
  da: ['navn'],
  de: ['name', 'beispiel'],
  el: ['ονομασία'],
  es: ['nombre'],
  et: ['nimi'],
  fi: ['nimi'],
  fr: ['nom'],
  ga: ['ainm'],
  hr: ['naziv'],
  hu: ['név'],
  it: ['nome'],
  mt: ['isem'],
  nl: ['naam'],
  pl: ['nazwa'],
  pt: ['nome'],
  ro: ['denumire'],
  sl: ['naziv'],
  sv: ['namn', 'exempel'],
};
const TOPIC_WORDS: Record<string, string[]> = {
  en: ['topic', 'theme', 'thematic area'],
  de: ['thema', 'themenbereich'],
  fr: ['thème', 'sujet'],
  it: ['tema', 'argomento'],
  es: ['tema'],
  pt: ['tema'],
  nl: ['thema', 'onderwerp'],
  pl: ['temat'],
};
const DESCRIPTION_WORDS: Record<string, string[]> = {
  en: ['description', 'summary', 'text', 'about', 'details'],
  de: ['beschreibung', 'zusammenfassung'],
  fr: ['description', 'résumé'],
  it: ['descrizione', 'sintesi'],
  es: ['descripción', 'resumen'],
  pt: ['descrição', 'resumo'],
  nl: ['beschrijving', 'samenvatting'],
  pl: ['opis', 'streszczenie'],
};

/** Whether a folded header is one of the words, in English or the notes' language. */
function among(words: Record<string, string[]>, folded: string, language: string | undefined): boolean {
  const primary = language?.toLowerCase().split(/[-_]/)[0];
  return [words.en, primary && Object.hasOwn(words, primary) ? words[primary] : undefined].some((list) => list?.includes(folded));
}

/** The columns of a table of practices, or undefined when the table is not one. */
export function practiceColumns(block: RootContent, ctx: ReaderContext): Column[] | undefined {
  if (block.type !== 'table' || block.children.length < 2) return undefined;
  const words = keyWordsFor(ctx.language, 'practice');
  const columns = block.children[0]!.children.map((cell): Column => {
    const header = cellText(cell, ctx);
    const folded = fold(header);
    const key = keyOfWord(header, words);
    if (key === 'title' || among(TITLE_WORDS, folded, ctx.language)) return { kind: 'title' };
    if (among(TOPIC_WORDS, folded, ctx.language)) return { kind: 'topic' };
    if (among(DESCRIPTION_WORDS, folded, ctx.language)) return { kind: 'description' };
    return key ? { kind: 'field', key } : { kind: 'unknown', header };
  });
  const titles = columns.filter((c) => c.kind === 'title').length;
  return titles === 1 && columns.some((c) => c.kind === 'field') ? columns : undefined;
}

/**
 * Reads each row of `table` as a practice at the path `at(topic, row)` gives (`topic`: the row's cell in a topic
 * column, when `byTopic`; under the topic `underTopic`, a cell naming it is dropped and any other kept as text).
 */
export function readPracticeTable(table: Table, columns: readonly Column[], ctx: ReaderContext, byTopic: boolean, at: (topic: string | undefined) => Path, underTopic?: string): void {
  const { out } = ctx;
  const warned = new Set<number>();
  for (const row of table.children.slice(1)) {
    const cells = row.children.map((cell) => cellText(cell, ctx));
    const topicColumn = columns.findIndex((c) => c.kind === 'topic');
    const path = at(byTopic && topicColumn >= 0 ? cells[topicColumn] || undefined : undefined);
    out.mark(path, row);
    const description: string[] = [];
    let title: string | undefined;
    columns.forEach((column, i) => {
      const value = cells[i];
      const cell = row.children[i];
      if (!value || !cell) return;
      if (column.kind === 'title') out.set([...path, 'title'], (title = value), cell);
      else if (column.kind === 'field') setPracticeField(column.key, value, path, cell, ctx, description);
      else if (column.kind === 'description') description.push(value);
      // (under a topic, the rows are its practices: a topic column that names it says nothing more)
      else if (column.kind === 'topic' && (byTopic || value === underTopic)) return;
      else {
        const header = column.kind === 'unknown' ? column.header : cellText(table.children[0]!.children[i]!, ctx);
        description.push(`${header}: ${value}`);
        if (!warned.has(i)) {
          warned.add(i);
          const why = column.kind === 'topic' ? `names another topic than ${quote(underTopic ?? '')}, under which the table stands` : 'names no field of a practice';
          out.report(
            diagnostic('practice-table', `Column ${quote(header)} ${why}; its cells are kept in each practice's description`, positionOf(wordsOf(table.children[0]!.children[i]!)), {
              severity: 'warning',
              note: 'Columns of a table of practices: Practice (or Title), Project, Presenter, Role, Organisation, Region, Country, Link, Figures, Description, Topic',
            }),
          );
        }
      }
    });
    if (description.length) out.set([...path, 'description'], description.join('\n\n'), row);
    out.placed('practice', path, row, 'a row of a table of practices', title);
    out.markInternal(path, row);
  }
}
