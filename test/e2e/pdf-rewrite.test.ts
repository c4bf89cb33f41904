/**
 * The finishing's rewrite (src/print/pdf-file.ts), on a PDF Chromium really
 * printed: for the shape Chromium writes it parses only the objects looked
 * at and copies every unchanged one byte for byte (the fast path, seen to be
 * taken); for any other shape (an update appended, object and cross-reference
 * streams) pdf-lib reads and writes the whole file. Both give the same document.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from '@cantoo/pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classicLayout } from '../../src/print/pdf-file.js';
import { finishPdfCounted } from '../../src/print/pdf-finishing.js';
import { nameCacheCounts } from '../../src/print/pdf-names.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { pdfInfo, pdfPages, pdfStructure } from '../helpers/pdf.js';
import { linkProblems, listItemChildren, nonStandardTypes, readPdf, trailerId, xmpText } from '../helpers/pdf-rules.js';

const dir = tempDir();
const metadata = { title: 'Vilnius', author: 'Interreg Europe', subject: 'A report', keywords: ['policy'], creator: 'report test' };
/** The file as Chromium printed it; and with our Info dictionary appended as an update (`--pdf-standard none`). */
let chromium: Uint8Array;
let updated: Uint8Array;

beforeAll(() => {
  const result = runCli(['build', 'examples/vilnius-2024.md', '--out', dir.path, '--format', 'pdf', '--no-cache', '--pdf-standard', 'none']);
  expect(result.code, result.stderr).toBe(0);
  updated = new Uint8Array(readFileSync(join(dir.path, 'vilnius-2024.pdf')));
  // The update starts after Chromium's own end of file.
  const end = Buffer.from(updated).indexOf('%%EOF', 0, 'latin1') + '%%EOF\n'.length;
  expect(end).toBeLessThan(updated.length);
  chromium = updated.slice(0, end);
});
afterAll(() => dir.cleanup());

const write = (name: string, bytes: Uint8Array) => {
  const path = join(dir.path, name);
  writeFileSync(path, bytes);
  return path;
};

describe('rewriting a finished PDF', () => {
  it("takes the fast path on Chromium's file: parses only what it looks at, copies the unchanged objects as they were", async () => {
    const layout = classicLayout(chromium);
    expect(layout).toBeDefined();
    const names = { ...nameCacheCounts };
    const { bytes, counts } = await finishPdfCounted(chromium.slice(), metadata, 'ua+a-2b');
    expect(counts).toBeDefined();
    // (the parser's names come through the cache: src/print/pdf-names.ts)
    expect(nameCacheCounts.read - names.read).toBeGreaterThan(1000);
    expect(nameCacheCounts.cached - names.cached).toBeGreaterThan((nameCacheCounts.read - names.read) * 0.9);
    expect(counts!.objects).toBe(layout!.spans.size);
    expect(counts!.parsed).toBeLessThan(counts!.objects);
    expect(counts!.copied).toBeGreaterThan(counts!.objects / 2);
    expect(counts!.written).toBeGreaterThan(0);
    // A copied object is the same bytes, at the offset the new table gives.
    const out = classicLayout(bytes);
    expect(out, 'the rewrite has the simple shape too').toBeDefined();
    const text = (b: Uint8Array, span: { start: number; end: number }) => Buffer.from(b.subarray(span.start, span.end)).toString('latin1').trimEnd();
    const same = [...layout!.spans].filter(([number, span]) => out!.spans.has(number) && text(chromium, span) === text(bytes, out!.spans.get(number)!));
    expect(same.length).toBe(counts!.copied);
    const path = write('fast.pdf', bytes);
    expect(pdfInfo(path)['Metadata Stream']).toBe('yes');
    expect(pdfInfo(path)['PDF version']).toBe('1.7');
  });

  it('falls back to reading the whole file for other shapes: an update appended, object streams', async () => {
    expect(classicLayout(updated)).toBeUndefined();
    expect((await finishPdfCounted(updated.slice(), metadata, 'ua+a-2b')).counts).toBeUndefined();
    const streams = await (await PDFDocument.load(chromium, { updateMetadata: false })).save({ useObjectStreams: true });
    expect(classicLayout(streams)).toBeUndefined();
    const { bytes, counts } = await finishPdfCounted(streams, metadata, 'ua+a-2b');
    expect(counts).toBeUndefined();
    expect(pdfInfo(write('streams.pdf', bytes))['Metadata Stream']).toBe('yes');
  });

  it('gives the same document either way: pages, structure, metadata and the machine rules', async () => {
    const fast = write('fast-2.pdf', (await finishPdfCounted(chromium.slice(), metadata, 'ua+a-2b')).bytes);
    const whole = write('whole.pdf', (await finishPdfCounted(updated.slice(), metadata, 'ua+a-2b')).bytes);
    expect(pdfPages(fast)).toEqual(pdfPages(whole));
    expect(pdfStructure(fast)).toBe(pdfStructure(whole));
    const { 'File size': _a, ...fastInfo } = pdfInfo(fast);
    const { 'File size': _b, ...wholeInfo } = pdfInfo(whole);
    expect(fastInfo).toEqual(wholeInfo);
    const [a, b] = await Promise.all([readPdf(fast), readPdf(whole)]);
    for (const read of [a, b]) {
      expect(nonStandardTypes(read)).toEqual([]);
      expect(listItemChildren(read)).toEqual([]);
      expect(linkProblems(read)).toEqual([]);
      expect(trailerId(read)).toHaveLength(2);
    }
    expect(xmpText(a)).toBe(xmpText(b));
  });
});
