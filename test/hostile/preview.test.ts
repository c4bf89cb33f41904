/**
 * `report preview` under hostile notes and a hostile web: it answers only requests addressed to the loopback
 * address and port it bound (DNS rebinding), prints notes text literally, reads notes with the build's checks
 * (no FIFO hang, no /dev/zero), and a busy port is a clear message, exit 2.
 */
import { execFileSync } from 'node:child_process';
import { openSync, closeSync, constants, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startPreview, type PreviewHandle } from '../../src/cli/preview-command.js';
import type { CliIo } from '../../src/cli/io.js';
import { runMain, tempDir } from '../helpers/cli.js';
import { GOOD_MD } from './fixtures.js';

const dir = tempDir('report-preview-hostile-');
afterAll(() => dir.cleanup());

const io = (): CliIo & { err: () => string } => {
  let stderr = '';
  return {
    stdout: { write: () => true },
    stderr: { write: (s: string) => ((stderr += s), true) },
    cwd: dir.path,
    env: {},
    platform: process.platform,
    isRoot: false,
    cpuCount: 2,
    err: () => stderr,
  };
};

/** A GET with the headers a browser on another site would send. */
function get(url: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** startPreview, or a failure after `ms` instead of a hang. */
function startWithin(input: string, ms = 8_000): Promise<PreviewHandle> {
  return Promise.race([
    startPreview(input, { port: 0 }, io()),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`preview did not start within ${ms} ms`)), ms)),
  ]);
}

describe('report preview, hostile', () => {
  it('answers only requests for its own loopback host and port (DNS rebinding), 403 otherwise', async () => {
    writeFileSync(join(dir.path, 'n.md'), GOOD_MD('Rebinding'));
    const preview = await startPreview('n.md', { port: 0 }, io());
    try {
      const { port } = new URL(preview.url);
      expect((await get(preview.url, { Host: `127.0.0.1:${port}` })).status).toBe(200);
      expect((await get(preview.url, { Host: `localhost:${port}` })).status).toBe(200);
      const rebound = await get(preview.url, { Host: `attacker.example:${port}` });
      expect(rebound.status).toBe(403);
      expect(rebound.body).not.toContain('Rebinding');
      expect((await get(preview.url, { Host: `127.0.0.1:${Number(port) + 1}` })).status).toBe(403);
      expect((await get(`${preview.url}__events`, { Host: `attacker.example:${port}` })).status).toBe(403);
      expect((await get(preview.url, { Host: `127.0.0.1:${port}`, Origin: 'http://attacker.example' })).status).toBe(403);
      expect((await get(preview.url, { Host: `127.0.0.1:${port}`, Origin: `http://127.0.0.1:${port}` })).status).toBe(200);
    } finally {
      await preview.close();
    }
  });

  it("shows `$'` and `$&` from the notes literally, never expanded into the page", async () => {
    writeFileSync(join(dir.path, 'dollar.md'), `---\ntitle: T\ndate: "2024-02-30 $' $& $$ x"\n---\n`);
    const preview = await startPreview('dollar.md', { port: 0 }, io());
    try {
      const page = (await get(preview.url, {})).body;
      expect(page).toContain('not `2024-02-30 $&#39; $&amp; $$ x` [pattern]');
      expect(page.match(/<\/body>/g)?.length).toBe(1);
      expect(page.match(/<body>/g)?.length).toBe(1);
    } finally {
      await preview.close();
    }
  });

  it('starts on a FIFO or /dev/zero named like notes, showing the refusal instead of hanging or reading for ever', async () => {
    const fifo = join(dir.path, 'fifo.md');
    execFileSync('mkfifo', [fifo]);
    symlinkSync('/dev/zero', join(dir.path, 'zero.md'));
    try {
      for (const name of ['fifo.md', 'zero.md']) {
        const preview = await startWithin(name);
        try {
          const page = (await get(preview.url, {})).body;
          expect(page).toContain('Expected a notes file, not a folder or device [read-error]');
        } finally {
          await preview.close();
        }
      }
    } finally {
      // Releases a reader that would otherwise block on the FIFO (before the fix).
      closeSync(openSync(fifo, constants.O_RDWR | constants.O_NONBLOCK));
    }
  });

  it('says the port is in use and suggests `--port 0`, exit 2, no stack trace', async () => {
    writeFileSync(join(dir.path, 'busy.md'), GOOD_MD());
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    try {
      const result = await runMain(['preview', 'busy.md', '--port', String(port)], { cwd: dir.path });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`report: Port ${port} on 127.0.0.1 is already in use`);
      expect(result.stderr).toContain('--port 0');
      expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
    } finally {
      await new Promise<void>((r) => blocker.close(() => r()));
    }
  });
});
