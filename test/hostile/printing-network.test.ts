/**
 * Printing must never reach the network or the local disk on the notes'
 * behalf. A canary HTTP server on 127.0.0.1 answers every request with a
 * secret and counts requests; a canary file outside the notes holds the same
 * secret. After each build (PDFs included), the server has seen no request
 * and the secret is in no output. Cases that build alike (html,pdf, the
 * default template) share one run, and so one browser: a request during the
 * run fails every case of it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BrowserSession } from '../../src/print/browser-session.js';
import { findBrowser } from '../../src/print/find-browser.js';
import { fontAssets } from '../../src/render/fonts.js';
import { printerFontCss } from '../../src/render/index.js';
import { tempDir, type CliResult } from '../helpers/cli.js';
import { pdfInfo, pdfPages } from '../helpers/pdf.js';
import {
  expectDiagnostic,
  expectNoOutputs,
  expectNoTempFiles,
  expectSafeHtml,
  expectSecretAbsent,
  FRONT,
  listOutputs,
  PNG_1X1,
  runCliAwait,
  SECRET,
  startCanary,
  writeFiles,
  type Canary,
} from './fixtures.js';

let canary: Canary;
let dir: string;
let cleanup: () => void;
/** The canary file: outside the notes folder, holding the secret. */
let secretFile: string;

beforeAll(async () => {
  canary = await startCanary();
  // Control: the canary really counts requests (so "zero" below means something).
  const res = await fetch(canary.url('/control'));
  expect(await res.text()).toBe(SECRET);
  expect(canary.requests).toEqual(['GET /control']);
  canary.requests.length = 0;
  canary.connections.count = 0;
});
afterAll(async () => {
  await canary.close();
});
beforeEach(() => {
  ({ path: dir, cleanup } = tempDir('report-hostile-net-'));
  secretFile = join(dir, 'secret.txt');
  writeFileSync(secretFile, SECRET + '\n');
  canary.requests.length = 0;
  canary.connections.count = 0;
});
afterEach(() => cleanup());

function expectNoLeak(): void {
  expect(canary.requests, 'requests the canary server received').toEqual([]);
  expect(canary.connections.count, 'connections the canary server accepted').toBe(0);
  expectSecretAbsent(join(dir, 'out'));
  expectNoTempFiles(dir);
}

/**
 * One `report build` of several cases (one browser for all their PDFs): each case's notes in `notes/<case>/`, built
 * from `root` to `out/<case>/`, each file's status read from the run report. What the canary server saw during the
 * run (and a moment after it, so a late request would still be counted) is kept for the cases' tests.
 */
interface Batch {
  root: string;
  secretFile: string;
  result: CliResult;
  status: Map<string, string>;
  requests: string[];
  connections: number;
  cleanup: () => void;
}

async function buildBatch(cases: Record<string, (secretFile: string) => Record<string, string | Uint8Array>>): Promise<Batch> {
  const { path: root, cleanup } = tempDir('report-hostile-net-');
  const secretFile = join(root, 'secret.txt');
  writeFileSync(secretFile, SECRET + '\n');
  for (const [name, files] of Object.entries(cases)) {
    writeFiles(join(root, 'notes', name), files(secretFile));
  }
  canary.requests.length = 0;
  canary.connections.count = 0;
  const report = join(root, 'run-report.json');
  const result = await runCliAwait(['build', 'notes', '--out', 'out', '--format', 'html,pdf', '--timeout', '60', '--no-catalogue', '--report', report], root);
  await new Promise((resolve) => setTimeout(resolve, 200));
  const files = (JSON.parse(readFileSync(report, 'utf8')) as { files: Array<{ path: string; status: string }> }).files;
  const status = new Map(files.map((f) => [f.path.split('/')[1]!, f.status]));
  return { root, secretFile, result, status, requests: [...canary.requests], connections: canary.connections.count, cleanup };
}

/** One case of a batch: `notes/<case>/` built to `out/<case>/`, and nothing reached the canary during the run. */
function expectNoLeakIn(batch: Batch, name: string): void {
  expect(batch.requests, 'requests the canary server received').toEqual([]);
  expect(batch.connections, 'connections the canary server accepted').toBe(0);
  expectSecretAbsent(join(batch.root, 'out', name));
  expectNoTempFiles(batch.root);
}

describe('remote and file: images', () => {
  // Refused before printing: one run of the three (html,pdf), which fails each alone.
  let batch: Batch;
  beforeAll(async () => {
    batch = await buildBatch({
      remote: () => ({ 'notes.md': FRONT() + `\n## Highlights\n\n### Theme\n\nA picture: ![x](${canary.url('/canary.png')})\n` }),
      logo: () => ({ 'notes.yaml': `title: T\ndate: 2024-06-05\nlogo:\n  src: ${canary.url('/logo.png')}\n  alt: Logo\n` }),
      file: (secretFile) => ({ 'notes.md': FRONT() + `\n## Highlights\n\n### Theme\n\n![a](file:///etc/passwd) and ![b](file://${secretFile})\n` }),
    });
  }, 120_000);
  afterAll(() => batch?.cleanup());

  it('the run exits 1: every file of it is refused', () => {
    expect(batch.result.code, batch.result.stderr).toBe(1);
    expect([...batch.status].sort()).toEqual([
      ['file', 'failed'],
      ['logo', 'failed'],
      ['remote', 'failed'],
    ]);
    expectNoOutputs(join(batch.root, 'out'));
  });

  it('refuses a remote image without fetching it (remote-image, nothing printed)', () => {
    expect(batch.status.get('remote')).toBe('failed');
    expectDiagnostic(batch.result.stderr, 'notes/remote/notes.md', 'remote-image', `Remote images are not fetched: \`${canary.url('/canary.png')}\``, '10:17');
    expectNoOutputs(join(batch.root, 'out', 'remote'));
    expectNoLeakIn(batch, 'remote');
  });

  it('refuses a remote logo in YAML notes at the src value', () => {
    expect(batch.status.get('logo')).toBe('failed');
    expectDiagnostic(batch.result.stderr, 'notes/logo/notes.yaml', 'remote-image', 'Remote images are not fetched', '4:8');
    expectNoOutputs(join(batch.root, 'out', 'logo'));
    expectNoLeakIn(batch, 'logo');
  });

  it('refuses file:// images (image-path), including one naming the canary file', () => {
    expect(batch.status.get('file')).toBe('failed');
    expectDiagnostic(batch.result.stderr, 'notes/file/notes.md', 'image-path', 'Expected a relative path to an image file, not `file:///etc/passwd`', '10:6');
    expectDiagnostic(batch.result.stderr, 'notes/file/notes.md', 'image-path', `Expected a relative path to an image file, not \`file://${batch.secretFile}\``, '10:35');
    expect(batch.result.stderr).not.toContain(SECRET);
    expectNoOutputs(join(batch.root, 'out', 'file'));
    expectNoLeakIn(batch, 'file');
  });
});

describe('links, CSS and markup that would make the printer fetch', () => {
  // Printed: one run of the four (html,pdf), one browser for their PDFs.
  const css = (path: string) => `"; } @import url(${canary.url(path)}); body { background: url(${canary.url(path + '-bg')}) } x { content: "`;
  const svg = (secretFile: string) =>
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="40" height="40">` +
    `<style>@import url(${canary.url('/svg-css')});</style>` +
    `<image href="${canary.url('/svg-image.png')}" width="20" height="20"/>` +
    `<image xlink:href="file://${secretFile}" width="20" height="20"/>` +
    `<foreignObject width="40" height="40"><iframe xmlns="http://www.w3.org/1999/xhtml" src="file://${secretFile}"></iframe></foreignObject>` +
    `<script>fetch('${canary.url('/svg-script')}')</script>` +
    `<rect width="10" height="10" fill="red"/></svg>`;
  let batch: Batch;
  beforeAll(async () => {
    batch = await buildBatch({
      links: () => ({
        'notes.md':
          `---\ntitle: Linked\ndate: 2024-06-05\nurl: ${canary.url('/event')}\nwebsite: ${canary.url('/website')}\n` +
          `organisers:\n  - { name: Org, url: ${canary.url('/org')} }\n---\n` +
          `\n## Summary\n\nSee [the site](${canary.url('/summary')}) and ${canary.url('/bare')}.\n` +
          `\n## Highlights\n\n### Theme\n\nRead [this](${canary.url('/theme')}).\n` +
          `\n## Resources\n\n- [Brief](${canary.url('/resource')})\n`,
      }),
      css: () => ({
        'notes.yaml':
          `title: ${JSON.stringify('CSS ' + css('/title'))}\ndate: 2024-06-05\n` +
          `place: { city: ${JSON.stringify(css('/city'))}, country: X }\n` +
          `website: ${JSON.stringify('https://example.org/' + css('/website').replace(/ /g, ''))}\n` +
          'summary: Text.\n',
      }),
      markup: () => ({
        'notes.md':
          FRONT() +
          `\n## Summary\n\nText <img src="${canary.url('/img')}"> and <video poster="${canary.url('/poster')}"></video>.\n` + // line 8
          `\n## Site visit\n\n<style>@import url(${canary.url('/style')}); body { background: url(${canary.url('/bg')}) }</style>\n` + // line 12
          `\n<link rel="stylesheet" href="${canary.url('/link')}">\n` + // 14
          `\n<meta http-equiv="refresh" content="0;url=${canary.url('/refresh')}">\n` + // 16
          `\n<object data="${canary.url('/object')}"></object>\n`, // 18 (inline HTML in a paragraph)
      }),
      svg: (secretFile) => ({
        'pic.svg': svg(secretFile),
        'ok.png': PNG_1X1,
        'notes.yaml':
          'title: SVG\ndate: 2024-06-05\nhighlights:\n  themes:\n    - title: A\n      text: Some text.\n' +
          '      images: [{src: pic.svg, alt: A picture}, {src: ok.png, alt: A dot}]\n',
      }),
    });
  }, 120_000);
  afterAll(() => batch?.cleanup());
  const out = (name: string, file = '') => join(batch.root, 'out', name, file);

  it('the run exits 0: every file of it is built', () => {
    expect(batch.result.code, batch.result.stderr).toBe(0);
    expect([...batch.status].sort()).toEqual([
      ['css', 'built'],
      ['links', 'built'],
      ['markup', 'built'],
      ['svg', 'built'],
    ]);
  });

  it('prints links to the canary server without following them', () => {
    expect(batch.status.get('links')).toBe('built');
    expect(listOutputs(out('links'))).toEqual(['notes.html', 'notes.pdf']);
    const html = readFileSync(out('links', 'notes.html'), 'utf8');
    expectSafeHtml(html);
    // The links are there (as links), the printer just must not load them.
    expect(html).toContain(`href="${canary.url('/theme')}"`);
    expect(html).toContain(`href="${canary.url('/resource')}"`);
    expect(Number(pdfInfo(out('links', 'notes.pdf')).Pages)).toBeGreaterThanOrEqual(1);
    expect(pdfPages(out('links', 'notes.pdf')).join('\n')).toContain('Linked');
    expectNoLeakIn(batch, 'links');
  });

  it('keeps CSS injection in the running header and footer strings inert', () => {
    expect(batch.status.get('css')).toBe('built');
    expect(listOutputs(out('css'))).toEqual(['notes.html', 'notes.pdf']);
    const html = readFileSync(out('css', 'notes.html'), 'utf8');
    const style = html.slice(html.indexOf('<style>'), html.indexOf('</style>')).replace(/"(?:[^"\\\n]|\\[\s\S])*"/g, '""');
    expect(style).not.toContain('127.0.0.1');
    expectNoLeakIn(batch, 'css');
  });

  it('drops <style>, <link>, <meta refresh>, <object> and <img src=http> written in the notes', () => {
    expect(batch.status.get('markup')).toBe('built');
    const file = 'notes/markup/notes.md';
    expectDiagnostic(batch.result.stderr, file, 'no-raw-html', `\`<img src="${canary.url('/img')}">\``, '8:6', 'warning');
    // One warning per opening tag, each at its own place.
    expectDiagnostic(batch.result.stderr, file, 'no-raw-html', '`<style>`', '12:1', 'warning');
    const html = readFileSync(out('markup', 'notes.html'), 'utf8');
    expectSafeHtml(html);
    expect(html).not.toContain(`127.0.0.1:${canary.port}`);
    expect(listOutputs(out('markup'))).toEqual(['notes.html', 'notes.pdf']);
    expectNoLeakIn(batch, 'markup');
  });

  it('prints a local SVG that points at the canary server and file without loading either', () => {
    expect(batch.status.get('svg')).toBe('built');
    expect(listOutputs(out('svg'))).toEqual(['notes.html', 'notes.pdf']);
    expect(readFileSync(out('svg', 'notes.html'), 'utf8')).toContain('src="data:image/svg+xml;base64,');
    expectNoLeakIn(batch, 'svg');
  });
});

/** `<link>`s a template could hold that would open connections by themselves (preconnect needs no request at all). */
const HINTS = (base: string) =>
  [
    `<link rel="preconnect" href="${base}/preconnect">`,
    `<link rel="dns-prefetch" href="${base}/dns-prefetch">`,
    `<link rel="prefetch" href="${base}/prefetch">`,
    `<link rel="preload" as="image" href="${base}/preload.png">`,
    `<link rel="preload" as="font" type="font/woff2" crossorigin href="${base}/preload.woff2">`,
    `<link rel="prerender" href="${base}/prerender">`,
    `<link rel="modulepreload" href="${base}/module.js">`,
    `<link rel="stylesheet" href="${base}/style.css">`,
    `<link rel="icon" href="${base}/favicon.ico">`,
  ].join('\n');

describe('a template with resource hints and <link>s', () => {
  it('prints a real PDF without the canary server seeing a connection', async () => {
    const template = join(dir, 'hinting-template');
    writeFiles(dir, {
      'hinting-template/partials/title-block.hbs': `${HINTS(canary.url().replace(/\/$/, ''))}\n<header><h1>{{title}}</h1></header>\n`,
      'notes/notes.md': FRONT('Hinted') + '\n## Summary\n\nText.\n',
    });
    const r = await runCliAwait(['build', 'notes.md', '--out', '../out', '--format', 'pdf', '--template', template, '--no-cache', '--timeout', '60'], join(dir, 'notes'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(r.code, r.stderr).toBe(0);
    expect(pdfPages(join(dir, 'out', 'notes.pdf')).join('\n')).toContain('Hinted');
    expect(canary.connections.count, 'connections the canary server accepted').toBe(0);
    expectNoLeak();
  });

  it('are taken out of the page before it is printed, wherever they are; links to read stay', async () => {
    const executablePath = findBrowser(undefined, process.env, process.platform).path!;
    const session = new BrowserSession({ executablePath, sandbox: process.getuid?.() !== 0, concurrency: 1, timeoutMs: 30_000, assets: fontAssets(), sharedCss: printerFontCss() });
    const base = canary.url().replace(/\/$/, '');
    const html =
      `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">${HINTS(base)}<title>T</title></head>` +
      `<body>${HINTS(base)}<p><a href="${base}/read">a link to read</a></p><svg xmlns="http://www.w3.org/2000/svg"><a href="${base}/svg">x</a></svg></body></html>`;
    try {
      const found = await session.withDocument(html, async (doc) => ({ rel: await doc.count('rel'), href: await doc.count('href') }));
      // Only the two links to read are left (<a> in HTML and SVG): no element with a rel, so no <link>.
      expect(found).toEqual({ rel: 0, href: 2 });
    } finally {
      await session.close();
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(canary.connections.count).toBe(0);
    expect(canary.requests).toEqual([]);
  });
});
