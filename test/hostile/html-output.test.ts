/**
 * Hostile text reaching the HTML report: scripts, event handlers, scripting
 * and document URLs, frames, and values that try to break out of <title>,
 * <style> (the @page content strings) or the JSON-LD <script> block.
 * Raw HTML is a warning (the report still builds, exit 0) and is dropped.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runMain, tempDir } from '../helpers/cli.js';
import { expectDiagnostic, expectNoTempFiles, expectSafeHtml, FRONT, jsonLdOf, listOutputs, PNG_1X1, writeFiles } from './fixtures.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ path: dir, cleanup } = tempDir('report-hostile-html-'));
});
afterEach(() => cleanup());

/** Build `notes.md`/`notes.yaml` to `out/` (HTML + JSON) and return the result and the HTML. */
async function buildHtml(name: string, files: Record<string, string | Uint8Array>) {
  writeFiles(dir, files);
  const r = await runMain(['build', name, '--out', 'out', '--format', 'html,json'], { cwd: dir });
  const stem = name.replace(/\.(md|yaml)$/, '');
  expect(r.code, r.stderr).toBe(0);
  expect(listOutputs(join(dir, 'out'))).toEqual([`${stem}.html`, `${stem}.json`]);
  expectNoTempFiles(dir);
  const html = readFileSync(join(dir, 'out', `${stem}.html`), 'utf8');
  expectSafeHtml(html);
  return { ...r, html };
}

/** The report's <body>, where the rich text lands (the head holds escaped metadata). */
const bodyOf = (html: string) => html.slice(html.indexOf('<body>'));

describe('scripts and handlers in rich text', () => {
  it('drops <script> in the summary, a theme and a free section, with a warning at each paragraph', async () => {
    const { html, stderr } = await buildHtml('notes.md', {
      'notes.md':
        FRONT() +
        '\n## Summary\n\nHello <script>document.title="pwned"</script> world.\n' + // line 8
        '\n## Highlights\n\n### Theme\n\nText <SCRIPT src="http://127.0.0.1:9/x.js"></SCRIPT> more.\n' + // line 14
        '\n## Site visit\n\n<script>fetch("http://127.0.0.1:9/")</script>\n', // line 18
    });
    // Each warning points at the tag itself.
    expectDiagnostic(stderr, 'notes.md', 'no-raw-html', 'Raw HTML is not allowed and is left out: `<script>`', '8:7', 'warning');
    expectDiagnostic(stderr, 'notes.md', 'no-raw-html', 'Raw HTML is not allowed and is left out: `<SCRIPT src="http://127.0.0.1:9/x.js">`', '14:6', 'warning');
    expectDiagnostic(stderr, 'notes.md', 'no-raw-html', 'Raw HTML is not allowed and is left out: `<script>`', '18:1', 'warning');
    expect(html.match(/<script/gi)).toHaveLength(1);
    expect(html).not.toContain('127.0.0.1:9');
  });

  it('drops <img onerror> and <svg onload>, leaving no event handler text in the body', async () => {
    const { html, stderr } = await buildHtml('notes.md', {
      'notes.md':
        FRONT() +
        '\n## Summary\n\nLook <img src=x onerror="alert(document.cookie)"> here.\n' + // line 8
        '\n## Site visit\n\n<svg onload=alert(1)><circle r=1 /></svg>\n\n<details open ontoggle=alert(1)>x</details>\n', // lines 12, 14
    });
    expectDiagnostic(stderr, 'notes.md', 'no-raw-html', '`<img src=x onerror="alert(document.cookie)">`', '8:6', 'warning');
    expectDiagnostic(stderr, 'notes.md', 'no-raw-html', '`<svg onload=alert(1)>`', '12:1', 'warning');
    expect(html).not.toMatch(/onerror|onload|ontoggle/i);
    expect(bodyOf(html)).not.toMatch(/<img|<svg|<details/i);
  });

  it('reports every raw HTML block of a free section at its own line', async () => {
    const { stderr } = await buildHtml('notes.md', {
      'notes.md': FRONT() + '\n## Site visit\n\n<link rel="stylesheet" href="https://example.org/x.css">\n\nText.\n\n<meta http-equiv="refresh" content="0">\n',
    });
    expectDiagnostic(stderr, 'notes.md', 'no-raw-html', '`<link rel="stylesheet" href="https://example.org/x.css">`', '8:1', 'warning');
    expectDiagnostic(stderr, 'notes.md', 'no-raw-html', '`<meta http-equiv="refresh" content="0">`', '12:1', 'warning');
  });

  it('drops an <iframe> block with a warning on its line', async () => {
    const { html, stderr } = await buildHtml('notes.md', {
      'notes.md':
        FRONT() +
        '\n## Site visit\n\nBefore.\n\n<iframe src="file:///etc/passwd"></iframe>\n\nAfter.\n' + // iframe on line 10
        '\n## Visit two\n\n<iframe srcdoc="<script>alert(1)</script>" src="https://example.org/"></iframe>\n',
    });
    expectDiagnostic(stderr, 'notes.md', 'no-raw-html', 'Raw HTML is not allowed and is left out: `<iframe src="file:///etc/passwd">`', '10:1', 'warning');
    expect(html).not.toMatch(/<iframe|srcdoc|file:/i);
    expect(bodyOf(html)).toContain('Before.');
    expect(bodyOf(html)).toContain('After.');
  });
});

describe('scripting and document URLs', () => {
  it('keeps javascript: links (any case, entity-encoded) only as plain text, with a valid-url warning', async () => {
    const { html, stderr } = await buildHtml('notes.md', {
      'notes.md':
        FRONT() +
        '\n## Summary\n\n[one](javascript:alert(1)) [two](JaVaScRiPt:alert(2)) [three](&#106;avascript:alert(3)) [four](<javascript:alert(4)>)\n' +
        '\n[ref][evil]\n\n[evil]: javascript:alert(5)\n',
    });
    expectDiagnostic(stderr, 'notes.md', 'valid-url', 'Links may only use http, https or mailto, not `javascript:alert(1)`', '8:1', 'warning');
    expectDiagnostic(stderr, 'notes.md', 'valid-url', 'not `JaVaScRiPt:alert(2)`', '8:28', 'warning');
    expectDiagnostic(stderr, 'notes.md', 'valid-url', 'not `&#106;avascript:alert(3)`', '8:55', 'warning');
    expectDiagnostic(stderr, 'notes.md', 'valid-url', 'not `javascript:alert(4)`', '8:89', 'warning');
    expect(html).not.toMatch(/javascript:/i);
    expect(bodyOf(html)).toMatch(/<a>one<\/a>/);
  });

  it('drops data: and vbscript: links, keeping their text', async () => {
    const { html, stderr } = await buildHtml('notes.md', {
      'notes.md':
        FRONT() +
        '\n## Summary\n\n[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) and [vb](vbscript:msgbox) and [file](file:///etc/passwd).\n',
    });
    expectDiagnostic(stderr, 'notes.md', 'valid-url', 'not `data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==`', '8:1', 'warning');
    expectDiagnostic(stderr, 'notes.md', 'valid-url', 'not `vbscript:msgbox`', '8:72', 'warning');
    expectDiagnostic(stderr, 'notes.md', 'valid-url', 'not `file:///etc/passwd`', '8:98', 'warning');
    expect(html).not.toMatch(/data:text|vbscript:|file:\/\//i);
    expect(bodyOf(html)).toContain('<a>data</a>');
    expect(bodyOf(html)).toContain('<a>vb</a>');
  });

  it('refuses javascript: and data: in URL fields (website, organiser, links) as errors, writing nothing', async () => {
    writeFiles(dir, {
      'notes.yaml':
        'title: T\ndate: 2024-06-05\nwebsite: "javascript:alert(1)"\n' +
        'organisers: [{name: O, url: "JAVASCRIPT:alert(2)"}]\n' +
        'highlights:\n  themes:\n    - title: A\n      text: x\n      links: [{title: a, url: "data:text/html,x"}]\n',
    });
    const r = await runMain(['build', 'notes.yaml', '--out', 'out', '--format', 'html,json'], { cwd: dir });
    expect(r.code).toBe(1);
    expectDiagnostic(r.stderr, 'notes.yaml', 'url', 'Expected `website` to be an http or https address', '3:10');
    expectDiagnostic(r.stderr, 'notes.yaml', 'url', 'Expected `organisers[0].url` to be an http or https address', '4:29');
    expectDiagnostic(r.stderr, 'notes.yaml', 'url', 'Expected `highlights.themes[0].links[0].url` to be an http or https address', '9:31');
    expect(listOutputs(join(dir, 'out'))).toEqual([]);
    expectNoTempFiles(dir);
  });

  // A CommonMark autolink with a disallowed scheme is reported; its text stays visible, but never as a link.
  it('warns about an autolink with a javascript: URL', async () => {
    const { html, stderr } = await buildHtml('notes.md', { 'notes.md': FRONT() + '\n## Summary\n\nSee <javascript:alert(1)> now.\n' });
    expectDiagnostic(stderr, 'notes.md', 'valid-url', 'javascript:alert(1)', '8:5', 'warning');
    expect(html).not.toMatch(/href="javascript:/i);
  });
});

describe('breaking out of <title>, <style> and the JSON-LD block', () => {
  it('escapes a title containing </title><script>', async () => {
    const title = '</title><script>alert(1)</script><title>';
    const { html, stderr } = await buildHtml('notes.md', { 'notes.md': FRONT(title) + '\n## Summary\n\nText.\n' });
    expectDiagnostic(stderr, 'notes.md', 'no-raw-html', 'Raw HTML is not allowed and is left out: `</title>`', '2:9', 'warning');
    expect(html.match(/<title>/g)).toHaveLength(1);
    expect(html.match(/<\/title>/g)).toHaveLength(1);
    expect(html).toContain('<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;title&gt;</title>');
    expect(JSON.parse(jsonLdOf(html)).name).toBe(title);
  });

  it('escapes " and </style> in the title inside the @page content string', async () => {
    const title = 'Q"; } body { background: url(http://127.0.0.1:9/x) } @page { x: "</style><script>alert(1)</script>';
    const { html, stderr } = await buildHtml('notes.md', { 'notes.md': FRONT(title) + '\n## Summary\n\nText.\n' });
    expectDiagnostic(stderr, 'notes.md', 'no-raw-html', '`</style>`', '2:76', 'warning');
    // Exactly the template's one <style> element: nothing closed it early.
    expect(html.match(/<style>/g)).toHaveLength(1);
    expect(html.match(/<\/style>/gi)).toHaveLength(1);
    const topLeft = /@top-left \{ content: ("(?:[^"\\\n]|\\[0-9a-f]+ ?)*"); \}/.exec(html);
    expect(topLeft, 'a single CSS string for the running title').not.toBeNull();
    // Inside the string every quote, brace and angle bracket is a CSS escape.
    expect(topLeft![1].slice(1, -1)).not.toMatch(/["<>{}]/);
    // With the CSS strings taken out, the style sheet holds no rule that reaches the network.
    const css = html.slice(html.indexOf('<style>'), html.indexOf('</style>')).replace(/"(?:[^"\\\n]|\\[\s\S])*"/g, '""');
    expect(css).not.toContain('127.0.0.1');
    expect(css).not.toMatch(/@import/);
  });

  it('keeps every < > & out of the JSON-LD block whatever the fields hold', async () => {
    const { html } = await buildHtml('notes.yaml', {
      'notes.yaml':
        'title: "</script><script>alert(1)</script>"\ndate: 2024-06-05\nseries: "<!-- x -->"\n' +
        'summary: "A </script> & <!--"\nplace: {city: "]]></script>", venue: "\\u2028\\u2029"}\n' +
        'organisers: [{name: "<b>Org</b>"}]\n',
    });
    const ld = jsonLdOf(html);
    expect(ld).not.toMatch(/[<>]/);
    expect(ld).not.toMatch(/[\u2028\u2029]/);
    const data = JSON.parse(ld) as Record<string, unknown>;
    expect(data.name).toBe('</script><script>alert(1)</script>');
    expect((data.superEvent as { name: string }).name).toBe('<!-- x -->');
  });
});

describe('names and plain-text fields', () => {
  it('escapes speaker names, roles and organisations that hold HTML', async () => {
    const { html, stderr } = await buildHtml('notes.yaml', {
      'notes.yaml':
        'title: T\ndate: 2024-06-05\nhighlights:\n  themes:\n    - title: A\n      text: Some text.\n' +
        '      speakers: [{name: "<img src=x onerror=alert(1)>", role: "</span><script>alert(2)</script>", organisation: "\\" onmouseover=\\"alert(3)"}]\n',
    });
    expectDiagnostic(stderr, 'notes.yaml', 'no-raw-html', '`<img src=x onerror=alert(1)>`', '7:26', 'warning');
    expectDiagnostic(stderr, 'notes.yaml', 'no-raw-html', '`</span>`', '7:64', 'warning');
    expect(html).toContain('<span class="speaker-name">&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;</span>');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('</span><script>');
    expect(html).toContain('&quot; onmouseover&#x3D;&quot;alert(3)');
  });

  it('escapes a bold speaker name and a presenter line with HTML in Markdown notes', async () => {
    const { html, stderr } = await buildHtml('notes.md', {
      'notes.md':
        FRONT() +
        '\n## Good practices\n\n### Topic\n\n#### P1 – A practice\n\nPresenter: Eve <script>alert(1)</script>\nCountry: <b onclick=alert(2)>Italy</b>\n\nDescription.\n',
    });
    expectDiagnostic(stderr, 'notes.md', 'no-raw-html', '`<script>`', '12:16', 'warning');
    expectDiagnostic(stderr, 'notes.md', 'no-raw-html', '`<b onclick=alert(2)>`', '13:10', 'warning');
    expect(html).toContain('Eve &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toMatch(/<b onclick/);
  });

  it('keeps a quote-breaking alt text inside its attribute', async () => {
    const { html } = await buildHtml('notes.yaml', {
      'pic.png': PNG_1X1,
      'notes.yaml': 'title: T\ndate: 2024-06-05\nlogo: {src: pic.png, alt: "\\" onerror=\\"alert(1)\\" x=\\""}\n',
    });
    expect(html).toMatch(/<img class="logo" src="data:image\/png;base64,[^"]+" alt="&quot; onerror&#x3D;&quot;alert\(1\)&quot; x&#x3D;&quot;">/);
  });
});
