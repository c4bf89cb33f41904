/**
 * The printer's session with a real Chromium: reports swapped one after
 * another into the same page print only their own content, title and
 * language; a browser that cannot even be spawned fails the prints, not the
 * run's promises.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BrowserLaunchError, BrowserSession } from '../../src/print/browser-session.js';
import { findBrowser } from '../../src/print/find-browser.js';
import { printerFontCss } from '../../src/render/index.js';
import { fontAssets } from '../../src/render/fonts.js';
import { tempDir } from '../helpers/cli.js';
import { flat, pdfInfo, pdfPages } from '../helpers/pdf.js';

const dir = tempDir('report-session-');
afterAll(() => dir.cleanup());

const executablePath = findBrowser(undefined, process.env, process.platform).path!;
const sandbox = process.getuid?.() !== 0;

const report = (lang: string, title: string, body: string) =>
  `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8">` +
  `<meta http-equiv="Content-Security-Policy" content="default-src *; font-src *"><base href="https://example.org/">` +
  `<title>${title}</title><style>body { font-family: "Report Sans"; }</style></head><body>${body}</body></html>`;

describe('the browser session', () => {
  it('prints reports swapped into one page with their own text, title and language only', async () => {
    const session = new BrowserSession({ executablePath, sandbox, concurrency: 1, timeoutMs: 30_000, assets: fontAssets(), sharedCss: printerFontCss() });
    try {
      await session.warmUp();
      const first = await session.withDocument(report('fr', 'Premier rapport', '<h1>Premier rapport</h1><p>Texte en français, Ελληνικά.</p>'), (doc) => doc.pdf({ tagged: true }));
      const second = await session.withDocument(report('lt', 'Antra ataskaita', '<h1>Antra ataskaita</h1><p>Tekstas lietuviškai.</p>'), (doc) => doc.pdf({ tagged: true }));
      writeFileSync(join(dir.path, 'first.pdf'), first);
      writeFileSync(join(dir.path, 'second.pdf'), second);
      expect(flat(pdfPages(join(dir.path, 'first.pdf')).join(' '))).toContain('Texte en français, Ελληνικά.');
      const secondText = flat(pdfPages(join(dir.path, 'second.pdf')).join(' '));
      expect(secondText).toContain('Tekstas lietuviškai.');
      expect(secondText).not.toContain('Premier');
      expect(pdfInfo(join(dir.path, 'first.pdf')).Title).toBe('Premier rapport');
      expect(pdfInfo(join(dir.path, 'second.pdf')).Title).toBe('Antra ataskaita');
      expect(Buffer.from(second).toString('latin1')).toMatch(/\/Lang \(lt\)/);
      // The shell's fonts, not a system fallback, even though the report's own policy and base were left out.
      expect(Buffer.from(second).toString('latin1')).toMatch(/NotoSans/);
    } finally {
      await session.close();
    }
  });

  it('fails the prints, not the run, when the browser cannot be spawned', async () => {
    const saved = process.env.TMPDIR;
    // Chromium's throwaway profile cannot be made: spawning fails before any process starts.
    process.env.TMPDIR = join(dir.path, 'missing', 'folder');
    const session = new BrowserSession({ executablePath, sandbox, concurrency: 1, timeoutMs: 30_000 });
    try {
      await expect(session.warmUp()).resolves.toBeUndefined();
      await expect(session.withDocument(report('en', 'x', 'x'), (doc) => doc.pdf({}))).rejects.toBeInstanceOf(BrowserLaunchError);
      expect(session.launchFailures).toBe(1);
    } finally {
      // (assigning undefined would set the text `undefined`)
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
      await session.close();
    }
  });

  it('starts the PDF finishing thread with the browser when its PDFs are finished, and not when they are not', async () => {
    const saved = process.env.TMPDIR;
    // (Chromium cannot start here, so the test does not wait for it: the thread starts all the same)
    process.env.TMPDIR = join(dir.path, 'missing', 'folder');
    const sessions = (['ua+a-2b', 'none', undefined] as const).map((pdfStandard) => new BrowserSession({ executablePath, sandbox, concurrency: 1, timeoutMs: 30_000, pdfStandard }));
    try {
      for (const session of sessions) await session.warmUp();
      expect(sessions.map((session) => session.finishing.started)).toEqual([true, false, false]);
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
      for (const session of sessions) await session.close();
    }
  });

  it('prints at most `concurrency` documents at once, and close() turns away those still waiting', async () => {
    const session = new BrowserSession({ executablePath, sandbox, concurrency: 2, timeoutMs: 30_000 });
    let printing = 0;
    let most = 0;
    let releaseFirst!: () => void;
    const held = new Promise<void>((resolve) => (releaseFirst = resolve));
    let firstStarted!: () => void;
    const started = new Promise<void>((resolve) => (firstStarted = resolve));
    try {
      const prints = Array.from({ length: 5 }, (_, i) =>
        session.withDocument(report('en', `r${i}`, `<p>${i}</p>`), async (doc) => {
          printing++;
          most = Math.max(most, printing);
          await doc.count('data-x');
          if (i === 0) {
            firstStarted();
            await held;
          } else await started;
          printing--;
          return i;
        }),
      );
      const [, ...others] = prints;
      // One page stays busy; the four others pass one at a time through the other page.
      expect(await Promise.all(others)).toEqual([1, 2, 3, 4]);
      expect(most).toBe(2);
      releaseFirst();
      expect(await prints[0]).toBe(0);

      // Two pages busy, a third document waits: close() rejects it instead of leaving it waiting.
      let unblock!: () => void;
      const busy = new Promise<void>((resolve) => (unblock = resolve));
      const running = [0, 1].map((i) => session.withDocument(report('en', `b${i}`, 'x'), () => busy));
      const waiting = session.withDocument(report('en', 'w', 'x'), async () => 'printed');
      await new Promise((resolve) => setTimeout(resolve, 200));
      const closing = session.close();
      await expect(waiting).rejects.toThrow('The browser session is closed');
      unblock();
      await Promise.allSettled(running);
      await closing;
    } finally {
      await session.close();
    }
  });
});
