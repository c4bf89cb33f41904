import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseNotes } from '../../src/parse/index.js';
import { renderBlock, renderBlockFull, renderInline } from '../../src/render/rich-text.js';
import { EXAMPLES } from '../helpers/cli.js';

function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => strings(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => strings(v, out));
  return out;
}

describe('rich text', () => {
  it('renders the same HTML on the fast paths as through the full CommonMark parser', () => {
    const example = parseNotes(readFileSync(join(EXAMPLES, 'vilnius-2024.md'), 'utf8'), 'markdown').data;
    const cases = [
      ...strings(example),
      'A "quote" here',
      'x > y',
      'see [a "link"](https://e.org/x?a=1&b=2) now',
      'see [a](https://e.org/x%20y) now',
      'see [a](https://e.org/ä) now',
      'a * b',
      '**a** and **b**',
      '** a**',
      '**a **',
      'x**y**z',
      '[a]',
      'a [b] c',
      '[](https://x.y)',
      '**[link](https://x.y)**',
      'Line one\nline two',
      'Para one.\n\nPara **two**.',
    ];
    for (const text of cases) expect(renderBlock(text), text).toBe(renderBlockFull(text));
  });

  it('escapes HTML and drops unsafe links', () => {
    expect(renderInline('<script>alert(1)</script>')).not.toContain('<script');
    expect(renderInline('[x](javascript:alert(1))')).toBe('<a>x</a>');
    expect(renderInline('[x](data:text/html,hi)')).toBe('<a>x</a>');
    expect(renderInline('[x](../../etc/passwd)')).toBe('<a>x</a>');
    expect(renderInline('[x](https://example.org)')).toBe('<a href="https://example.org" rel="noopener noreferrer">x</a>');
    expect(renderInline('![alt](secret.png)')).toBe('<img alt="alt">');
  });

  it('keeps inline images only when the pipeline resolved them to data: URLs', () => {
    const html = renderInline('![A chart](chart.png)', (src) => (src === 'chart.png' ? 'data:image/png;base64,AAAA' : undefined));
    expect(html).toBe('<img src="data:image/png;base64,AAAA" alt="A chart">');
  });
});
