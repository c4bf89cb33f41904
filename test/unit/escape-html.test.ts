/**
 * One HTML/XML escaper (src/escape-html.ts) for the text our own code writes into markup: the catalogue, the
 * preview's problems, JUnit reports.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { xmlText } from '../../src/diagnostics/printable-text.js';
import { escapeHtml } from '../../src/escape-html.js';
import { ROOT } from '../helpers/cli.js';

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : []));

describe('the HTML escaper', () => {
  it('escapes the five characters that can end text or a quoted attribute, once each', () => {
    expect(escapeHtml(`<a href="x" title='y'>Tom & Jerry &amp;</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tom &amp; Jerry &amp;amp;&lt;/a&gt;');
    expect(escapeHtml('4 < 5 > 3, first_last@example.org')).toBe('4 &lt; 5 &gt; 3, first_last@example.org');
  });

  it('JUnit text goes through it too, after the characters XML cannot hold', () => {
    expect(xmlText(`a'b"<\u0001>`)).toBe('a&#39;b&quot;&lt;\\u0001&gt;');
  });

  it('is the only one in src/ (no other module writes entities by hand)', () => {
    const writers = sources(join(ROOT, 'src'))
      .filter((file) => /'&amp;'|'&lt;'/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(ROOT, file));
    expect(writers).toEqual(['src/escape-html.ts']);
  });
});
