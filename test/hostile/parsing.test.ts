/**
 * Hostile notes at the parsing stage: other front-matter languages, code
 * fences that other tools execute, custom YAML tags, alias bombs, deep
 * nesting, duplicate and prototype keys, oversized, binary and odd encodings.
 * Every case: the exact diagnostic, the exit code, and nothing written.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runMain, tempDir } from '../helpers/cli.js';
import { expectDiagnostic, expectNoOutputs, expectNoTempFiles, FRONT, listOutputs, runCliAwait, writeFiles } from './fixtures.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ path: dir, cleanup } = tempDir('report-hostile-parse-'));
});
afterEach(() => cleanup());

/** Build `name` inside the temp dir to `out/` as HTML and JSON, in-process. */
const build = (name: string, ...extra: string[]) => runMain(['build', name, '--out', 'out', '--format', 'html,json', ...extra], { cwd: dir });

/** The common tail of every refused case. */
function expectRefused(result: { code: number | null }, code = 1): void {
  expect(result.code).toBe(code);
  expectNoOutputs(join(dir, 'out'));
  expectNoTempFiles(dir);
}

describe('front matter in another language', () => {
  it('refuses TOML front matter (+++) at 1:1', async () => {
    writeFiles(dir, { 'notes.md': '+++\ntitle = "T"\ndate = 2024-06-05\n+++\n\nHello.\n' });
    const r = await build('notes.md');
    expectDiagnostic(r.stderr, 'notes.md', 'front-matter-language', 'Front matter must be YAML between two `---` lines, not `+++`', '1:1');
    expectRefused(r);
  });

  it('refuses TOML front matter even behind a BOM', async () => {
    writeFiles(dir, { 'notes.md': '\uFEFF+++\ntitle = "T"\n+++\n' });
    const r = await build('notes.md');
    expectDiagnostic(r.stderr, 'notes.md', 'front-matter-language', 'not `+++`', '1:1');
    expectRefused(r);
  });

  // md-to-pdf CVE-2021-23639 / CVE-2025-65108: gray-matter evaluated `---js` front matter.
  for (const fence of ['---js', '---javascript']) {
    it(`refuses a \`${fence}\` fence without running its code`, async () => {
      const marker = join(dir, `pwned-${fence.slice(3)}.txt`);
      const payload =
        `${fence}\n` +
        `((function () {\n` +
        `  globalThis.__reportHostilePwned = true;\n` +
        `  require('fs').writeFileSync(${JSON.stringify(marker)}, 'pwned');\n` +
        `  return { title: 'T', date: '2024-06-05' };\n` +
        `})())\n---\n\nBody.\n`;
      writeFiles(dir, { 'notes.md': payload });
      const r = await build('notes.md');
      expectDiagnostic(r.stderr, 'notes.md', 'front-matter-language', `not \`${fence}\``, '1:1');
      expectRefused(r);
      expect(existsSync(marker)).toBe(false);
      expect((globalThis as Record<string, unknown>).__reportHostilePwned).toBeUndefined();
    });
  }
});

describe('custom YAML tags', () => {
  it('refuses !!js/function in front matter at its line and column', async () => {
    writeFiles(dir, { 'notes.md': '---\ntitle: !!js/function "function () { return process.exit(9) }"\ndate: 2024-06-05\n---\n' });
    const r = await build('notes.md');
    expectDiagnostic(r.stderr, 'notes.md', 'yaml-tag', 'Custom YAML tags are not allowed', '2:8');
    expectRefused(r);
  });

  it('refuses !!python/object in YAML notes', async () => {
    writeFiles(dir, { 'notes.yaml': 'title: T\ndate: 2024-06-05\nplace: !!python/object/apply:os.system ["touch pwned"]\n' });
    const r = await build('notes.yaml');
    expectDiagnostic(r.stderr, 'notes.yaml', 'yaml-tag', 'Custom YAML tags are not allowed', '3:8');
    expectRefused(r);
    expect(existsSync(join(dir, 'pwned'))).toBe(false);
  });

  it('refuses a %TAG-directive local tag', async () => {
    writeFiles(dir, { 'notes.yaml': '%TAG ! tag:evil.example,2024:\n---\ntitle: !run T\ndate: 2024-06-05\n' });
    const r = await build('notes.yaml');
    expectDiagnostic(r.stderr, 'notes.yaml', 'yaml-tag', 'Custom YAML tags are not allowed', '3:8');
    expectRefused(r);
  });

  it('refuses YAML 1.1 tags such as !!omap instead of silently dropping the data', async () => {
    writeFiles(dir, { 'notes.yaml': 'title: T\ndate: 2024-06-05\nplace: !!omap [{city: Vilnius}]\n' });
    const r = await build('notes.yaml');
    expectDiagnostic(r.stderr, 'notes.yaml', 'yaml-tag', 'Custom YAML tags are not allowed', '3:8');
    expectRefused(r);
  });
});

describe('alias bombs', () => {
  const laughs = (levels: number, width: number) => {
    const names = 'abcdefghijklmnop';
    let text = `a: &a [${Array(width).fill('"lol"').join(',')}]\n`;
    for (let i = 1; i < levels; i++) text += `${names[i]}: &${names[i]} [${Array(width).fill('*' + names[i - 1]).join(',')}]\n`;
    return text;
  };

  it('fails a billion-laughs document fast with yaml-alias-limit', async () => {
    writeFiles(dir, { 'notes.yaml': laughs(9, 9) + 'title: T\ndate: 2024-06-05\n' });
    const started = performance.now();
    const r = await build('notes.yaml');
    expect(performance.now() - started).toBeLessThan(5_000);
    // The 51st alias node: line 7 (`g: &g [*f,…`), column 23.
    expectDiagnostic(r.stderr, 'notes.yaml', 'yaml-alias-limit', 'Too many aliases: at most 50 are allowed', '7:23');
    expectRefused(r);
  });

  it('fails an expansion bomb with fewer than 50 alias nodes (10^5 nodes) fast', async () => {
    writeFiles(dir, { 'notes.md': '---\ntitle: T\ndate: 2024-06-05\n' + laughs(5, 10) + '---\n' });
    const started = performance.now();
    const r = await build('notes.md');
    expect(performance.now() - started).toBeLessThan(5_000);
    expectDiagnostic(r.stderr, 'notes.md', 'yaml-alias-limit', 'Too many alias expansions: at most 50 are allowed', '2:1');
    expectRefused(r);
  });
});

describe('shape and keys', () => {
  it('refuses nesting 100 deep (flow style) at the 33rd level', async () => {
    writeFiles(dir, { 'notes.yaml': 'title: T\ndate: 2024-06-05\nplace: ' + '['.repeat(100) + ']'.repeat(100) + '\n' });
    const r = await build('notes.yaml');
    expectDiagnostic(r.stderr, 'notes.yaml', 'yaml-depth', 'Nesting is too deep: at most 32 levels are allowed', '3:40');
    expectRefused(r);
  });

  it('refuses nesting 100 deep (block style) in front matter', async () => {
    const nested = Array.from({ length: 100 }, (_, i) => ' '.repeat(i) + 'k:').join('\n') + ' v\n';
    writeFiles(dir, { 'notes.md': `---\ntitle: T\ndate: 2024-06-05\n${nested}---\n` });
    const r = await build('notes.md');
    // Level 33 is the mapping that starts on the 34th `k:` line (file line 37), indented 33.
    expectDiagnostic(r.stderr, 'notes.md', 'yaml-depth', 'Nesting is too deep', '37:34');
    expectRefused(r);
  });

  it('refuses duplicate keys in YAML notes', async () => {
    writeFiles(dir, { 'notes.yaml': 'title: Real title\ndate: 2024-06-05\ntitle: Injected title\n' });
    const r = await build('notes.yaml');
    expectDiagnostic(r.stderr, 'notes.yaml', 'yaml-duplicate-key', 'Duplicate key: each key may appear only once', '3:1');
    expectRefused(r);
  });

  it('refuses duplicate keys in front matter at the file line', async () => {
    writeFiles(dir, { 'notes.md': '---\ntitle: T\ndate: 2024-06-05\ndate: 2025-01-01\n---\n\nBody.\n' });
    const r = await build('notes.md');
    expectDiagnostic(r.stderr, 'notes.md', 'yaml-duplicate-key', 'Duplicate key', '4:1');
    expectRefused(r);
  });

  it('refuses __proto__ keys and leaves Object.prototype unpolluted (in-process)', async () => {
    writeFiles(dir, {
      'a.yaml': 'title: T\ndate: 2024-06-05\n__proto__:\n  polluted: yes\n',
      'b.md': '---\ntitle: T\ndate: 2024-06-05\nplace: {"__proto__": {"polluted": "yes"}, city: X}\n---\n',
    });
    const r = await runMain(['build', 'a.yaml', 'b.md', '--out', 'out', '--format', 'html,json'], { cwd: dir });
    expectDiagnostic(r.stderr, 'a.yaml', 'yaml-forbidden-key', 'The key `__proto__` is not allowed', '3:1');
    expectDiagnostic(r.stderr, 'b.md', 'yaml-forbidden-key', 'The key `__proto__` is not allowed', '4:9');
    expectRefused(r);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('refuses constructor/prototype keys and leaves Object.prototype unpolluted (in-process)', async () => {
    writeFiles(dir, { 'notes.yaml': 'title: T\ndate: 2024-06-05\nplace:\n  constructor:\n    prototype:\n      polluted: yes\n' });
    const r = await build('notes.yaml');
    expectDiagnostic(r.stderr, 'notes.yaml', 'yaml-forbidden-key', 'The key `constructor` is not allowed', '4:3');
    expectDiagnostic(r.stderr, 'notes.yaml', 'yaml-forbidden-key', 'The key `prototype` is not allowed', '5:5');
    expectRefused(r);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('refuses front matter that is a list', async () => {
    writeFiles(dir, { 'notes.md': '---\n- title: T\n- date: 2024-06-05\n---\n\nBody.\n' });
    const r = await build('notes.md');
    expectDiagnostic(r.stderr, 'notes.md', 'front-matter-shape', 'Expected the front matter to be a mapping', '1:1');
    expectRefused(r);
  });

  it('refuses YAML notes that are a list', async () => {
    writeFiles(dir, { 'notes.yaml': '- title: T\n- date: 2024-06-05\n' });
    const r = await build('notes.yaml');
    expectDiagnostic(r.stderr, 'notes.yaml', 'notes-shape', 'Expected YAML notes to be a mapping', '1:1');
    expectRefused(r);
  });

  it('names an overflowing number as written, not as `null`', async () => {
    writeFiles(dir, { 'notes.yaml': 'title: 1e999\ndate: 2024-06-05\n' });
    const r = await build('notes.yaml');
    expectDiagnostic(r.stderr, 'notes.yaml', 'type', 'Expected `title` to be text', '1:8');
    expect(r.stderr).not.toContain('`null`');
    expectRefused(r);
  });
});

describe('size and encoding', () => {
  it('refuses a 3 MiB file without a position', async () => {
    const line = 'x'.repeat(79) + '\n';
    const text = FRONT() + '\n' + line.repeat(Math.ceil((3 * 1024 * 1024) / 80));
    writeFiles(dir, { 'notes.md': text });
    const r = await build('notes.md');
    const size = Buffer.byteLength(text).toLocaleString('en');
    expectDiagnostic(r.stderr, 'notes.md', 'file-too-large', `The file is ${size} bytes; notes may be at most 2,097,152 bytes (2.0 MiB)`, null);
    expectRefused(r);
  });

  it('refuses invalid UTF-8 at the first bad byte', async () => {
    writeFileSync(join(dir, 'notes.md'), Buffer.concat([Buffer.from(FRONT() + '\nab'), Buffer.from([0xff, 0xfe]), Buffer.from('cd\n')]));
    const r = await build('notes.md');
    expectDiagnostic(r.stderr, 'notes.md', 'encoding', 'this byte sequence is not valid UTF-8', '6:3');
    expectRefused(r);
  });

  it('refuses NUL bytes', async () => {
    writeFileSync(join(dir, 'notes.yaml'), 'title: "T\u0000"\ndate: 2024-06-05\n');
    const r = await build('notes.yaml');
    expectDiagnostic(r.stderr, 'notes.yaml', 'encoding', 'Expected a text file, but it contains NUL bytes', null);
    expectRefused(r);
  });

  it('accepts a UTF-8 BOM and keeps it out of the title', async () => {
    writeFileSync(join(dir, 'notes.md'), '\uFEFF' + FRONT('BOM title') + '\n## Summary\n\nHello.\n');
    const r = await build('notes.md');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/\b(error|warning)\b.*\[/);
    expect(listOutputs(join(dir, 'out'))).toEqual(['notes.html', 'notes.json']);
    const json = JSON.parse(readFileSync(join(dir, 'out', 'notes.json'), 'utf8')) as { title: string };
    expect(json.title).toBe('BOM title');
    expect(readFileSync(join(dir, 'out', 'notes.html'), 'utf8')).toContain('<title>BOM title</title>');
    expectNoTempFiles(dir);
  });

  it('refuses an empty Markdown file: title and date are missing', async () => {
    writeFiles(dir, { 'notes.md': '' });
    const r = await build('notes.md');
    expectDiagnostic(r.stderr, 'notes.md', 'required', 'Expected `title`, but it is missing', '1:1');
    expectDiagnostic(r.stderr, 'notes.md', 'required', 'Expected `date`, but it is missing', '1:1');
    expectRefused(r);
  });

  it('refuses an empty YAML file as not a mapping', async () => {
    writeFiles(dir, { 'notes.yaml': '' });
    const r = await build('notes.yaml');
    expectDiagnostic(r.stderr, 'notes.yaml', 'notes-shape', 'Expected YAML notes to be a mapping', '1:1');
    expectRefused(r);
  });
});

describe('pathological Markdown', () => {
  it('refuses 2,500 levels of nested emphasis (10 KB) with a clear error, quickly', async () => {
    writeFiles(dir, { 'notes.md': FRONT() + '\n## Summary\n\n' + '*'.repeat(5000) + 'x' + '*'.repeat(5000) + '\n' });
    const r = await build('notes.md');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^notes\.md:\d+:\d+ error Lists, quotes or emphasis nested more than 64 levels deep cannot be rendered \[markdown-depth\]$/m);
    expect(r.stderr).not.toContain('[print-error]');
    expectRefused(r);
  });

  it('reports deeply nested blockquotes as a document problem, not a PDF printing failure', async () => {
    writeFiles(dir, { 'notes.md': FRONT() + '\n## Site visit\n\n' + '> '.repeat(5000) + 'deep\n' });
    const r = await build('notes.md');
    expect(r.code).toBe(1);
    expect(r.stderr).not.toContain('[print-error]');
    expect(r.stderr).not.toContain('Printing the PDF failed');
    expect(r.stderr).toMatch(/^notes\.md:\d+:\d+ error /m);
    expectRefused(r);
  });

  // Unbalanced brackets are quadratic in the Markdown parser; the tool refuses more than a few thousand
  // before parsing. (Run as a subprocess with a deadline, so a regression fails the test instead of stalling it.)
  it('handles 100 KB of nested brackets within a few seconds', async () => {
    writeFiles(dir, { 'notes.md': FRONT() + '\n## Summary\n\n' + '['.repeat(50_000) + 'x' + ']'.repeat(50_000) + '\n' });
    let timer: NodeJS.Timeout | undefined;
    let timedOut = false;
    const r = await runCliAwait(['build', 'notes.md', '--out', 'out', '--format', 'html,json'], dir, (pid) => {
      timer = setTimeout(() => {
        timedOut = true;
        process.kill(pid, 'SIGKILL');
      }, 15_000);
    });
    clearTimeout(timer);
    expect(timedOut).toBe(false);
    expect([0, 1]).toContain(r.code);
    expectNoTempFiles(dir);
  });
});
