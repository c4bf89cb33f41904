/**
 * Printing must never reach the network or the local disk on the notes'
 * behalf. A canary HTTP server on 127.0.0.1 answers every request with a
 * secret and counts requests; a canary file outside the notes holds the same
 * secret. After each build (PDFs included), the server has seen no request
 * and the secret is in no output.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
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
});
afterAll(async () => {
  await canary.close();
});
beforeEach(() => {
  ({ path: dir, cleanup } = tempDir('report-hostile-net-'));
  secretFile = join(dir, 'secret.txt');
  writeFileSync(secretFile, SECRET + '\n');
  canary.requests.length = 0;
});
afterEach(() => cleanup());

/** Build inside `dir/notes` to `dir/out`; waits a moment so a late request would still be counted. */
async function build(name: string, formats = 'html,pdf') {
  const r = await runCliAwait(['build', name, '--out', '../out', '--format', formats, '--timeout', '60'], join(dir, 'notes'));
  await new Promise((resolve) => setTimeout(resolve, 200));
  return r;
}

function expectNoLeak(): void {
  expect(canary.requests, 'requests the canary server received').toEqual([]);
  expectSecretAbsent(join(dir, 'out'));
  expectNoTempFiles(dir);
}

describe('remote and file: images', () => {
  it('refuses a remote image without fetching it (remote-image, exit 1, nothing printed)', async () => {
    writeFiles(dir, {
      'notes/notes.md': FRONT() + `\n## Highlights\n\n### Theme\n\nA picture: ![x](${canary.url('/canary.png')})\n`,
    });
    const r = await build('notes.md');
    expect(r.code).toBe(1);
    expectDiagnostic(r.stderr, 'notes.md', 'remote-image', `Remote images are not fetched: \`${canary.url('/canary.png')}\``, '10:17');
    expectNoOutputs(join(dir, 'out'));
    expectNoLeak();
  });

  it('refuses a remote logo in YAML notes at the src value', async () => {
    writeFiles(dir, { 'notes/notes.yaml': `title: T\ndate: 2024-06-05\nlogo:\n  src: ${canary.url('/logo.png')}\n  alt: Logo\n` });
    const r = await build('notes.yaml');
    expect(r.code).toBe(1);
    expectDiagnostic(r.stderr, 'notes.yaml', 'remote-image', 'Remote images are not fetched', '4:8');
    expectNoOutputs(join(dir, 'out'));
    expectNoLeak();
  });

  it('refuses file:// images (image-path), including one naming the canary file', async () => {
    writeFiles(dir, {
      'notes/notes.md': FRONT() + `\n## Highlights\n\n### Theme\n\n![a](file:///etc/passwd) and ![b](file://${secretFile})\n`,
    });
    const r = await build('notes.md');
    expect(r.code).toBe(1);
    expectDiagnostic(r.stderr, 'notes.md', 'image-path', 'Expected a relative path to an image file, not `file:///etc/passwd`', '10:6');
    expectDiagnostic(r.stderr, 'notes.md', 'image-path', `Expected a relative path to an image file, not \`file://${secretFile}\``, '10:35');
    expect(r.stderr).not.toContain(SECRET);
    expectNoOutputs(join(dir, 'out'));
    expectNoLeak();
  });
});

describe('links, CSS and markup that would make the printer fetch', () => {
  it('prints links to the canary server without following them', async () => {
    writeFiles(dir, {
      'notes/notes.md':
        `---\ntitle: Linked\ndate: 2024-06-05\nurl: ${canary.url('/event')}\nwebsite: ${canary.url('/website')}\n` +
        `organisers:\n  - { name: Org, url: ${canary.url('/org')} }\n---\n` +
        `\n## Summary\n\nSee [the site](${canary.url('/summary')}) and ${canary.url('/bare')}.\n` +
        `\n## Highlights\n\n### Theme\n\nRead [this](${canary.url('/theme')}).\n` +
        `\n## Resources\n\n- [Brief](${canary.url('/resource')})\n`,
    });
    const r = await build('notes.md');
    expect(r.code, r.stderr).toBe(0);
    expect(listOutputs(join(dir, 'out'))).toEqual(['notes.html', 'notes.pdf']);
    const html = readFileSync(join(dir, 'out', 'notes.html'), 'utf8');
    expectSafeHtml(html);
    // The links are there (as links), the printer just must not load them.
    expect(html).toContain(`href="${canary.url('/theme')}"`);
    expect(html).toContain(`href="${canary.url('/resource')}"`);
    expect(Number(pdfInfo(join(dir, 'out', 'notes.pdf')).Pages)).toBeGreaterThanOrEqual(1);
    expect(pdfPages(join(dir, 'out', 'notes.pdf')).join('\n')).toContain('Linked');
    expectNoLeak();
  });

  it('keeps CSS injection in the running header and footer strings inert', async () => {
    const css = (path: string) => `"; } @import url(${canary.url(path)}); body { background: url(${canary.url(path + '-bg')}) } x { content: "`;
    writeFiles(dir, {
      'notes/notes.yaml':
        `title: ${JSON.stringify('CSS ' + css('/title'))}\ndate: 2024-06-05\n` +
        `place: { city: ${JSON.stringify(css('/city'))}, country: X }\n` +
        `website: ${JSON.stringify('https://example.org/' + css('/website').replace(/ /g, ''))}\n` +
        'summary: Text.\n',
    });
    const r = await build('notes.yaml');
    expect(r.code, r.stderr).toBe(0);
    expect(listOutputs(join(dir, 'out'))).toEqual(['notes.html', 'notes.pdf']);
    const html = readFileSync(join(dir, 'out', 'notes.html'), 'utf8');
    const style = html.slice(html.indexOf('<style>'), html.indexOf('</style>')).replace(/"(?:[^"\\\n]|\\[\s\S])*"/g, '""');
    expect(style).not.toContain('127.0.0.1');
    expectNoLeak();
  });

  it('drops <style>, <link>, <meta refresh>, <object> and <img src=http> written in the notes', async () => {
    writeFiles(dir, {
      'notes/notes.md':
        FRONT() +
        `\n## Summary\n\nText <img src="${canary.url('/img')}"> and <video poster="${canary.url('/poster')}"></video>.\n` + // line 8
        `\n## Site visit\n\n<style>@import url(${canary.url('/style')}); body { background: url(${canary.url('/bg')}) }</style>\n` + // line 12
        `\n<link rel="stylesheet" href="${canary.url('/link')}">\n` + // 14
        `\n<meta http-equiv="refresh" content="0;url=${canary.url('/refresh')}">\n` + // 16
        `\n<object data="${canary.url('/object')}"></object>\n`, // 18 (inline HTML in a paragraph)
    });
    const r = await build('notes.md');
    expect(r.code, r.stderr).toBe(0);
    expectDiagnostic(r.stderr, 'notes.md', 'no-raw-html', `\`<img src="${canary.url('/img')}">\``, '8:6', 'warning');
    // One warning per opening tag, each at its own place.
    expectDiagnostic(r.stderr, 'notes.md', 'no-raw-html', '`<style>`', '12:1', 'warning');
    const html = readFileSync(join(dir, 'out', 'notes.html'), 'utf8');
    expectSafeHtml(html);
    expect(html).not.toContain(`127.0.0.1:${canary.port}`);
    expect(listOutputs(join(dir, 'out'))).toEqual(['notes.html', 'notes.pdf']);
    expectNoLeak();
  });

  it('prints a local SVG that points at the canary server and file without loading either', async () => {
    const svg =
      `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="40" height="40">` +
      `<style>@import url(${canary.url('/svg-css')});</style>` +
      `<image href="${canary.url('/svg-image.png')}" width="20" height="20"/>` +
      `<image xlink:href="file://${secretFile}" width="20" height="20"/>` +
      `<foreignObject width="40" height="40"><iframe xmlns="http://www.w3.org/1999/xhtml" src="file://${secretFile}"></iframe></foreignObject>` +
      `<script>fetch('${canary.url('/svg-script')}')</script>` +
      `<rect width="10" height="10" fill="red"/></svg>`;
    writeFiles(dir, {
      'notes/pic.svg': svg,
      'notes/ok.png': PNG_1X1,
      'notes/notes.yaml':
        'title: SVG\ndate: 2024-06-05\nhighlights:\n  themes:\n    - title: A\n      text: Some text.\n' +
        '      images: [{src: pic.svg, alt: A picture}, {src: ok.png, alt: A dot}]\n',
    });
    const r = await build('notes.yaml');
    expect(r.code, r.stderr).toBe(0);
    expect(listOutputs(join(dir, 'out'))).toEqual(['notes.html', 'notes.pdf']);
    expect(readFileSync(join(dir, 'out', 'notes.html'), 'utf8')).toContain('src="data:image/svg+xml;base64,');
    expectNoLeak();
  });
});
