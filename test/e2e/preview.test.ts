/**
 * Live preview: serves on 127.0.0.1 and rebuilds after the notes change,
 * showing problems in the page without stopping.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startPreview } from '../../src/cli/preview-command.js';
import type { CliIo } from '../../src/cli/io.js';
import { tempDir } from '../helpers/cli.js';

const dir = tempDir();
afterAll(() => dir.cleanup());

async function waitFor(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('timed out');
}

describe('report preview', () => {
  it('serves the report and rebuilds after a change, showing problems in the page', async () => {
    const notes = join(dir.path, 'notes.md');
    writeFileSync(notes, '---\ntitle: First title\ndate: 2024-06-05\n---\n\n## Highlights\n\n### A\n\nText.\n');
    let stderr = '';
    const io: CliIo = {
      stdout: { write: () => true },
      stderr: { write: (s: string) => (stderr += s) },
      cwd: dir.path,
      env: {},
      platform: process.platform,
      isRoot: false,
      cpuCount: 2,
    };
    const preview = await startPreview('notes.md', { port: 0 }, io);
    try {
      expect(preview.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const first = await (await fetch(preview.url)).text();
      expect(first).toContain('<h1 class="title">First title</h1>');
      expect(first).toContain("new EventSource('/__events')");
      // Beside the report, what the reader understood, as `report explain` prints it (with the source lines).
      const outline = /<aside class="report-preview-outline"[\s\S]*?<pre>([\s\S]*?)<\/pre>/.exec(first)?.[1] ?? '';
      expect(outline.replace(/&#x22;|&quot;/g, '"')).toMatch(/^\s+6\s+highlights "Highlights"\n\s+8\s+theme "A"/m);

      writeFileSync(notes, '---\ntitle: Second title\ndate: 2024-06-05\n---\n\n## Highlights\n\n### A\n\nText.\n');
      await waitFor(async () => (await (await fetch(preview.url)).text()).includes('Second title'));

      writeFileSync(notes, '---\ntitle: Third title\ndate: 2024-02-30\n---\n');
      await waitFor(async () => (await (await fetch(preview.url)).text()).includes('report-preview-problems'));
      const broken = await (await fetch(preview.url)).text();
      expect(broken).toContain('notes.md:3:7 error Expected `date` to be a real calendar date, not `2024-02-30` [valid-date]');
      expect(stderr).toContain('[valid-date]');
    } finally {
      await preview.close();
    }
  });

  it('shows the public edition, and the internal one when asked', async () => {
    const notes = join(dir.path, 'editions.md');
    writeFileSync(notes, '---\ntitle: Editions\ndate: 2024-06-05\n---\n\n## Highlights\n\n### A\n\nPublic text.\n\n<!-- internal -->\nSecret remark.\n<!-- /internal -->\n');
    const io: CliIo = { stdout: { write: () => true }, stderr: { write: () => true }, cwd: dir.path, env: {}, platform: process.platform, isRoot: false, cpuCount: 2 };
    for (const [edition, shown] of [[undefined, false], ['internal', true]] as const) {
      const preview = await startPreview('editions.md', { port: 0, edition }, io);
      try {
        const page = await (await fetch(preview.url)).text();
        expect(page).toContain('Public text.');
        expect(page.includes('Secret remark.')).toBe(shown);
      } finally {
        await preview.close();
      }
    }
  });
});
