/**
 * The catalogue files the site records of reports as they finish (their search terms into the search index)
 * and writes the site and catalogue.json (summaries and links, version 2) in date order at the end.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import MiniSearch from 'minisearch';
import { SEARCH_OPTIONS } from '../../src/site/search-documents.js';
import { afterEach, describe, expect, it } from 'vitest';
import { CatalogueWriter } from '../../src/site/catalogue.js';
import { siteRecord } from '../../src/site/site-record.js';
import type { EventReport } from '../../src/model/types.js';
import type { FileResult } from '../../src/pipeline.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function built(dir: string, index: number): FileResult {
  const date = `2024-01-${String((index % 28) + 1).padStart(2, '0')}`;
  const report = { date, title: `Event ${index}`, subtitle: '', kind: 'Workshop', language: 'en', place: { city: 'Vilnius', country: 'Lithuania' }, organisers: [], speakers: [], highlights: { themes: [] }, practices: { topics: [] }, contacts: [] };
  return result(dir, index, report as never);
}

function result(dir: string, index: number, report: EventReport): FileResult {
  return {
    file: { path: join(dir, `e${index}.md`), displayPath: `e${index}.md`, messages: [] },
    status: 'built',
    outputs: { html: join(dir, `e${index}.html`) },
    timings: {},
    site: siteRecord(report),
  };
}

describe('CatalogueWriter', () => {
  it('files every record as it arrives and writes every summary in date order, whatever order they came in', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'report-catalogue-'));
    dirs.push(dir);
    const writer = new CatalogueWriter(dir);
    for (let i = 0; i < 40; i++) await writer.add(built(dir, i));
    await writer.finish();
    // (the same reports, arriving backwards: the same files)
    const again = mkdtempSync(join(tmpdir(), 'report-catalogue-'));
    dirs.push(again);
    const backwards = new CatalogueWriter(again);
    for (let i = 39; i >= 0; i--) await backwards.add({ ...built(dir, i), file: built(again, i).file, outputs: built(again, i).outputs });
    await backwards.finish();
    for (const name of ['catalogue.json', 'index.html', 'search-index.js']) expect(readFileSync(join(again, name), 'utf8'), name).toBe(readFileSync(join(dir, name), 'utf8'));
    const catalogue = JSON.parse(readFileSync(join(dir, 'catalogue.json'), 'utf8'));
    expect(catalogue).toMatchObject({ catalogueVersion: 2, schemaVersion: '1.0', count: 40 });
    const dates = catalogue.events.map((e: { date: string }) => e.date);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(new Set(catalogue.events.map((e: { title: string }) => e.title)).size).toBe(40);
    expect(catalogue.events.find((e: { title: string }) => e.title === 'Event 3')).toEqual({
      source: 'e3.md',
      html: 'e3.html',
      title: 'Event 3',
      kind: 'Workshop',
      date: '2024-01-04',
      language: 'en',
      place: { city: 'Vilnius', country: 'Lithuania' },
      organisers: [],
      speakers: [],
      themes: [],
      projects: [],
      practices: [],
    });
    expect(readdirSync(dir).sort()).toEqual(['assets', 'catalogue.json', 'index.html', 'search-index.js']);
  });

  it('writes notes\' text into the site as data only: escaped in the page, a plain object in search-index.js', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'report-catalogue-'));
    dirs.push(dir);
    const writer = new CatalogueWriter(dir);
    const report = { date: '2024-01-02', subtitle: '', language: 'en', place: { city: 'Vilnius', country: 'Lithuania' }, organisers: [], speakers: [], practices: { topics: [] }, contacts: [] } as unknown as Record<string, unknown>;
    report.title = '</script><script>alert(1)</script>';
    report.kind = '"><img src=x onerror=alert(1)>';
    report.highlights = { themes: [{ title: '__proto__', text: 'constructor toString \u2028', speakers: [{ name: 'Ann <b>Bold</b>' }], links: [], images: [] }] };
    await writer.add(result(dir, 1, report as never));
    await writer.add(built(dir, 2));
    await writer.finish();
    const index = readFileSync(join(dir, 'index.html'), 'utf8');
    expect(index).not.toMatch(/<script>|<img|<b>/);
    expect(index).toContain('&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    const window: { reportSearchIndex?: { index: unknown } } = {};
    runInNewContext(readFileSync(join(dir, 'search-index.js'), 'utf8'), { window });
    const search = MiniSearch.loadJS(window.reportSearchIndex!.index as never, SEARCH_OPTIONS);
    // (newest first: the hostile event, a day older, is the second)
    expect(search.search('__proto__').map((r) => r.id)).toEqual([1]);
    expect(search.search('bold').map((r) => r.id)).toEqual([1]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
