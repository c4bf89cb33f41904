/**
 * The browser itself, not only the printed page, must reach nothing: a real
 * PDF build (the CLI as a subprocess) runs in a fresh network namespace where
 * a canary answers every DNS query and accepts every connection to a web
 * port, whatever the address (see network-namespace.ts). Request interception
 * never sees the browser's own traffic (component updates, network time,
 * prefetching...); this does. Skipped, saying why, without root or iproute2.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, EXAMPLES, tempDir } from '../helpers/cli.js';
import { pdfPages } from '../helpers/pdf.js';
import { createNamespace, netnsUnavailable, type Namespace } from './network-namespace.js';
import { writeFiles } from './fixtures.js';

const unavailable = netnsUnavailable();
if (unavailable) console.warn(`network-namespace tests skipped: ${unavailable}`);

describe.skipIf(unavailable !== undefined)(`a PDF build in a network namespace with a DNS and web canary${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  let ns: Namespace;
  const dir = tempDir('report-netns-');

  beforeAll(async () => {
    ns = await createNamespace();
    // Control: a lookup and a connection from inside the namespace both reach the canary (so zero means zero).
    const control = await ns.run(process.execPath, [
      '-e',
      `require('node:dns').lookup('control.example.com', () => {
         const s = require('node:net').connect(443, '203.0.113.7', () => { s.end('hello'); });
         s.on('error', () => {});
       });`,
    ]);
    expect(control.code, control.stderr).toBe(0);
    await ns.settle(100);
    expect(ns.events.some((e) => e.kind === 'dns' && e.name === 'control.example.com'), JSON.stringify(ns.events)).toBe(true);
    expect(ns.events.some((e) => e.kind === 'tcp' && e.port === 443 && e.to?.endsWith('203.0.113.7')), JSON.stringify(ns.events)).toBe(true);
    ns.events.length = 0;
  });
  afterAll(async () => {
    await ns?.destroy();
    dir.cleanup();
  });

  /** Build in the namespace with a private temporary folder; the canary has caught up when this returns. */
  async function build(args: string[]) {
    const tmp = join(dir.path, `tmp-${Math.random().toString(36).slice(2)}`);
    writeFiles(tmp, { '.keep': '' });
    const result = await ns.run(process.execPath, [BIN, 'build', ...args, '--no-cache'], {
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, TMPDIR: tmp },
    });
    await ns.settle();
    return { ...result, leftovers: readdirSync(tmp).filter((f) => f !== '.keep') };
  }

  it('writes the PDF while the browser makes no DNS query and no connection at all', async () => {
    const out = join(dir.path, 'out');
    const r = await build([join(EXAMPLES, 'vilnius-2024.md'), '--out', out, '--format', 'pdf']);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(join(out, 'vilnius-2024.pdf'))).toBe(true);
    // Printed with the tool's own fonts and shell, which interception answers from memory despite the backstops.
    expect(pdfPages(join(out, 'vilnius-2024.pdf')).join('\n')).toContain('Digital Transformation');
    expect(readFileSync(join(out, 'vilnius-2024.pdf')).toString('latin1'), 'the fonts served by interception').toMatch(/NotoSans/);
    expect(ns.events, 'DNS queries and connections the canary saw').toEqual([]);
    expect(r.leftovers, 'left in the temporary folder').toEqual([]);
  });

  it('prints a template holding resource hints to real host names and addresses without a query or connection', async () => {
    const hints = ['https://hint.example.com', 'http://203.0.113.9', '//dns.example.net']
      .flatMap((base) => ['preconnect', 'dns-prefetch', 'prefetch', 'prerender', 'modulepreload', 'stylesheet'].map((rel) => `<link rel="${rel}" href="${base}/${rel}">`))
      .join('\n');
    writeFiles(dir.path, {
      'hints/partials/title-block.hbs': `${hints}\n<header><h1>{{title}}</h1><p><a href="https://read.example.org/">to read</a></p></header>\n`,
    });
    const out = join(dir.path, 'out-hints');
    const r = await build([join(EXAMPLES, 'vilnius-2024.md'), '--out', out, '--format', 'pdf', '--template', join(dir.path, 'hints')]);
    expect(r.code, r.stderr).toBe(0);
    expect(pdfPages(join(out, 'vilnius-2024.pdf')).join('\n')).toContain('to read');
    expect(ns.events, 'DNS queries and connections the canary saw').toEqual([]);
  });
});
