/**
 * The archive site's records, made where each report is built: the search index filed from their terms is the
 * index MiniSearch makes of the reports' search documents, byte for byte; and rich text's plain text without a
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
import { SEARCH_OPTIONS, SEARCH_TERMS_OPTIONS, searchDocument, type SearchTerms } from '../../src/site/search-documents.js';
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
  it('give the same search index as the reports themselves', () => {
    expect(built.length).toBeGreaterThan(30);
    const fromReports = new MiniSearch(SEARCH_OPTIONS);
    const fromRecords = new MiniSearch(SEARCH_TERMS_OPTIONS);
    built.forEach(({ report, terms }, id) => {
      fromReports.add(searchDocument(id, report));
      fromRecords.add({ id, ...terms });
    });
    const [a, b] = [JSON.stringify(fromRecords.toJSON()), JSON.stringify(fromReports.toJSON())];
    const at = [...a].findIndex((c, i) => c !== b[i]);
    // (where they part, if they do: the whole index is too long to read in a failure)
    expect(a.slice(Math.max(0, at - 80), at + 80)).toBe(b.slice(Math.max(0, at - 80), at + 80));
    expect(a).toBe(b);
    // (as the page loads it: its queries go through the same term processing as the reports' words)
    expect(MiniSearch.loadJS(fromRecords.toJSON(), SEARCH_OPTIONS).search('ÍNTERREG').length).toBeGreaterThan(0);
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
