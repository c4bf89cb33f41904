/**
 * The PDF post-processing in its own thread (src/print/finishing-thread.ts)
 * gives the same bytes as in this thread, on a PDF Chromium really printed;
 * a PDF it cannot read fails that file only, and the thread goes on.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FinishingThread } from '../../src/print/finishing-thread.js';
import { finishPdf as finishHere } from '../../src/print/pdf-finishing.js';
import { finishPdf } from '../../src/print/pdf-standard.js';
import { runCli, tempDir } from '../helpers/cli.js';

const dir = tempDir();
const thread = new FinishingThread();
let printed: Uint8Array;
const metadata = { title: 'Vilnius', author: 'Interreg Europe', subject: 'A report', keywords: ['policy'], creator: 'report test' };

beforeAll(() => {
  // Chromium's file as printed (with its Info dictionary appended), from the real executable.
  const result = runCli(['build', 'examples/vilnius-2024.md', '--out', dir.path, '--format', 'pdf', '--no-cache', '--pdf-standard', 'none']);
  expect(result.code, result.stderr).toBe(0);
  printed = new Uint8Array(readFileSync(join(dir.path, 'vilnius-2024.pdf')));
});
afterAll(async () => {
  await thread.close();
  dir.cleanup();
});

describe('the PDF finishing thread', () => {
  it('is there when the package is built (npm test builds it first)', () => {
    expect(thread.available).toBe(true);
  });

  it('finishes a PDF to the same bytes as this thread does, in PDF/UA + PDF/A and PDF/UA only', async () => {
    // With the Info update appended (read whole), and as Chromium printed it (the rewrite that copies what it keeps).
    const chromium = printed.slice(0, Buffer.from(printed).indexOf('%%EOF', 0, 'latin1') + '%%EOF\n'.length);
    expect(chromium.length).toBeLessThan(printed.length);
    for (const input of [printed, chromium]) {
      for (const standard of ['ua+a-2b', 'ua'] as const) {
        const here = await finishHere(input.slice(), metadata, standard);
        const there = await finishPdf(input.slice(), metadata, standard, thread);
        expect(there.length).toBeGreaterThan(input.length / 2);
        expect(Buffer.from(there).equals(Buffer.from(here)), standard).toBe(true);
      }
    }
  });

  it('takes the bytes over, and copies a view into a larger buffer first', async () => {
    const own = printed.slice();
    await thread.finish(own, metadata, 'ua');
    expect(own.byteLength).toBe(0);
    const padded = new Uint8Array(printed.length + 16);
    padded.set(printed, 8);
    const view = padded.subarray(8, 8 + printed.length);
    const finished = await thread.finish(view, metadata, 'ua');
    expect(view.byteLength).toBe(printed.length);
    expect(Buffer.from(finished).equals(Buffer.from(await finishHere(printed.slice(), metadata, 'ua')))).toBe(true);
  });

  it('fails a PDF it cannot read with the reason, and finishes the next one', async () => {
    await expect(thread.finish(new TextEncoder().encode('not a PDF at all'), metadata, 'ua+a-2b')).rejects.toThrow(/PDF/);
    const finished = await thread.finish(printed.slice(), metadata, 'ua+a-2b');
    expect(Buffer.from(finished.subarray(0, 8)).toString('latin1')).toBe('%PDF-1.7');
  });

  it('fails the files of a thread that cannot start with its reason, and then finishes here', async () => {
    const failing = new FinishingThread(new URL('data:text/javascript,throw new Error("cannot load pdf-lib")'));
    expect(failing.available).toBe(true);
    await expect(failing.finish(printed.slice(), metadata, 'ua')).rejects.toThrow(/finishing thread stopped \(exit code 1\): cannot load pdf-lib/);
    expect(failing.available).toBe(false);
    const here = await finishPdf(printed.slice(), metadata, 'ua', failing);
    expect(Buffer.from(here).equals(Buffer.from(await finishHere(printed.slice(), metadata, 'ua')))).toBe(true);
    await failing.close();
  });

  it('turns files away once closed, and finishing falls back to this thread', async () => {
    const closing = new FinishingThread();
    closing.start();
    await closing.close();
    expect(closing.available).toBe(false);
    await expect(closing.finish(printed.slice(), metadata, 'ua')).rejects.toThrow(/closed/);
    const here = await finishPdf(printed.slice(), metadata, 'ua', closing);
    expect(Buffer.from(here.subarray(0, 8)).toString('latin1')).toBe('%PDF-1.7');
  });
});
