/**
 * The archive site's search index, filed as reports finish rather than built at the end of the run.
 *
 * Each report's search terms, counted in the thread that built it (src/site/search-documents.ts `searchTerms`),
 * are filed as they arrive under the number of their arrival; at the end the reports get their numbers in the
 * site's order (newest first, then by notes file) and the index is written as the text of MiniSearch's own
 * serialised form (`toJSON`, version 2), which the page loads with `MiniSearch.loadJS`: the index MiniSearch makes
 * of the same documents added in the site's order, with its terms listed in code-unit order instead of the order
 * of its radix tree (`loadJS` takes them in any order; a test compares the two byte for byte). The same reports
 * give the same file whatever order they finished in.
 */
import { SEARCH_FIELDS, type SearchTerms } from './search-documents.js';

const FIELD_COUNT = SEARCH_FIELDS.length;
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export class SearchIndexBuilder {
  private readonly termIds = new Map<string, number>();
  private readonly terms: string[] = [];
  /** Per arrival: (term × fields + field, count) pairs. */
  private readonly postings: Int32Array[] = [];
  /** Per arrival: each field's length as MiniSearch counts it. */
  private readonly lengths: number[][] = [];

  get size(): number {
    return this.lengths.length;
  }

  /** Files one report's terms; returns its number of arrival. */
  add(terms: SearchTerms): number {
    const pairs: number[] = [];
    const lengths: number[] = [];
    for (let field = 0; field < FIELD_COUNT; field++) {
      const { length, terms: text, counts } = terms[field]!;
      lengths.push(length);
      if (counts.length === 0) continue;
      const words = text.split(' ');
      for (let i = 0; i < words.length; i++) {
        const word = words[i]!;
        let id = this.termIds.get(word);
        if (id === undefined) {
          id = this.terms.length;
          this.termIds.set(word, id);
          this.terms.push(word);
        }
        pairs.push(id * FIELD_COUNT + field, counts[i]!);
      }
    }
    this.postings.push(Int32Array.from(pairs));
    this.lengths.push(lengths);
    return this.lengths.length - 1;
  }

  /** The serialised index (JSON text) with `order[i]`, a number of arrival, as document `i`. */
  serialise(order: readonly number[]): string {
    const n = order.length;
    const documentIds: Record<number, number> = {};
    const fieldLength: Record<number, number[]> = {};
    // (the average as MiniSearch keeps it, document by document in their order: the same floating-point value)
    const averageFieldLength: number[] = new Array<number>(FIELD_COUNT).fill(0);
    // Each term's documents per field, as `"id":count`, in ascending order of id (documents are taken in order).
    const found: string[][] = new Array<string[]>(this.terms.length * FIELD_COUNT);
    for (let id = 0; id < n; id++) {
      const arrival = order[id]!;
      documentIds[id] = id;
      const lengths = (fieldLength[id] = this.lengths[arrival]!);
      for (let field = 0; field < FIELD_COUNT; field++) averageFieldLength[field] = (averageFieldLength[field]! * id + lengths[field]!) / (id + 1);
      const pairs = this.postings[arrival]!;
      for (let i = 0; i < pairs.length; i += 2) (found[pairs[i]!] ??= []).push(`"${id}":${pairs[i + 1]!}`);
    }
    const index: string[] = [];
    for (const term of [...this.terms].sort(byCodeUnits)) {
      const first = this.termIds.get(term)! * FIELD_COUNT;
      const fields: string[] = [];
      for (let field = 0; field < FIELD_COUNT; field++) {
        const docs = found[first + field];
        if (docs) fields.push(`"${field}":{${docs.join(',')}}`);
      }
      if (fields.length > 0) index.push(`[${JSON.stringify(term)},{${fields.join(',')}}]`);
    }
    const fieldIds = Object.fromEntries(SEARCH_FIELDS.map((field, i) => [field, i]));
    // (the rest holds numbers and field names only: the index's text goes in its place)
    const rest = { documentCount: n, nextId: n, documentIds, fieldIds, fieldLength, averageFieldLength, storedFields: {}, dirtCount: 0, index: 0, serializationVersion: 2 };
    return JSON.stringify(rest).replace('"index":0', () => `"index":[${index.join(',')}]`);
  }
}
