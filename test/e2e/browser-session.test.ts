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
      process.env.TMPDIR = saved;
      await session.close();
    }
  });
});
