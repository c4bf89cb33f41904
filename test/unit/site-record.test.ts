/**
 * The archive site's records, made where each report is built: the search index filed from their counted terms,
 * in whatever order they arrive, is the index MiniSearch makes of the reports' search documents, byte for byte once
 * its terms are in code-unit order; and rich text's plain text without a
 * parse (names, places, YAML notes' texts) is the parsed tree's text.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import MiniSearch from 'minisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error the bench's corpus generator is plain JavaScript
import { generateCorpus } from '../../bench/corpus.js';
import type { EventReport } from '../../src/model/types.js';
import { processFile } from '../../src/pipeline.js';
import { parsedPlainText, plainText } from '../../src/render/rich-text.js';
import { loadTemplate } from '../../src/render/template.js';
import { indexedWords, SEARCH_OPTIONS, searchDocument, searchWords, type SearchTerms } from '../../src/site/search-documents.js';
import { SearchIndexBuilder } from '../../src/site/search-index.js';
import { ROOT } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'report-site-record-'));
const built: Array<{ report: EventReport; terms: SearchTerms }> = [];

beforeAll(async () => {
  generateCorpus(join(dir, 'notes'), 40);
  const files = readdirSync(join(dir, 'notes'), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
  const template = loadTemplate(join(ROOT, 'templates', 'default'));
  const options = { cwd: dir, formats: new Set(['html'] as const), outDir: join(dir, 'out'), template, pageSize: 'A4' as const, strict: false, inputPaths: new Set(files), generator: 'report test', syncIo: true };
  for (const path of files) {
    const result = await processFile({ path, root: join(dir, 'notes') }, { ...options, records: { site: true } });
    if (result.status !== 'built') continue;
    built.push({ report: result.report!, terms: result.site!.search });
  }
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('site records', () => {
  it('give the search index MiniSearch makes of the reports themselves, terms in code-unit order, whatever order they arrive in', () => {
    expect(built.length).toBeGreaterThan(30);
    const fromReports = new MiniSearch(SEARCH_OPTIONS);
    built.forEach(({ report }, id) => fromReports.add(searchDocument(id, report)));
    const expected = fromReports.toJSON();
    expected.index.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const b = JSON.stringify(expected);
    // (in the order of the documents; then the odd ones first, then the even ones backwards: document i is still built[i])
    const keys = [...built.keys()];
    for (const arrivals of [keys, [...keys].sort((x, y) => (y % 2) - (x % 2) || (x % 2 ? x - y : y - x))]) {
      const builder = new SearchIndexBuilder();
      const arrivalOf = new Map(arrivals.map((i) => [i, builder.add(built[i]!.terms)]));
      const a = builder.serialise(keys.map((i) => arrivalOf.get(i)!));
      const at = [...a].findIndex((c, i) => c !== b[i]);
      // (where they part, if they do: the whole index is too long to read in a failure)
      expect(a.slice(Math.max(0, at - 80), at + 80)).toBe(b.slice(Math.max(0, at - 80), at + 80));
      expect(a).toBe(b);
      // (as the page loads it: its queries go through the same term processing as the reports' words)
      expect(MiniSearch.loadJS(JSON.parse(a), SEARCH_OPTIONS).search('ÍNTERREG').length).toBeGreaterThan(0);
    }
  });

  it('split words as MiniSearch is told to, with a plain class for ASCII', () => {
    const fields = built.flatMap(({ report }) => Object.values(searchDocument(0, report)).filter((v): v is string => typeof v === 'string'));
    const ascii = Array.from({ length: 128 }, (_, c) => String.fromCharCode(c));
    const tricky = ['', ' ', 'a', ' a ', '·a', 'a·', 'x · y', 'Łódź,Kraków', 'a\u00a0b', 'mixed-ÜBER_straße!', '😀a', 'a😀', 'a\ud800', '\udc00b', 'Παπαδάκης · Várady', '日本語テキスト', 'ab\u200bcd', 'e\u0301tude'];
    for (const text of [...fields, ...tricky, ...ascii.map((c) => `a${c}b`), ...ascii, ...ascii.map((c) => `${c}é${c}`)]) {
      const fast = indexedWords(text);
      const slow = searchWords(text);
      expect(fast.filter(Boolean), JSON.stringify(text)).toEqual(slow.filter(Boolean));
      expect(fast.includes(''), JSON.stringify(text)).toBe(slow.includes(''));
      expect(fast.indexOf('') === -1 || fast.indexOf('') === fast.length - 1).toBe(true);
    }
    expect(fields.length).toBeGreaterThan(200);
  });

  it('take the plain text of text without Markdown as written, as the parse gives it', () => {
    const strings: string[] = [];
    const collect = (value: unknown): void => {
      if (typeof value === 'string') strings.push(value);
      else if (Array.isArray(value)) value.forEach(collect);
      else if (value && typeof value === 'object') Object.values(value).forEach(collect);
    };
    built.forEach(({ report }) => collect(report));
    const tricky = ['# Heading', '- item', '1. one', '2024) x', 'Title\n===', 'Title\n---', 'a\n- b', 'a\r- b', 'Tom & Jerry', 'x  \ny', '    indented code', '\u00a0# x', 'www.example.eu', 'mail a@b.org', 'Ünïcödé Łódź', '> quote', '~~~\nfence', 'a | b', 'x\\y', '<b>b</b>', ' spaced\t out '];
    for (const text of [...strings, ...tricky]) expect(plainText(text), JSON.stringify(text)).toBe(parsedPlainText(text));
    expect(strings.length).toBeGreaterThan(1000);
  });
});
