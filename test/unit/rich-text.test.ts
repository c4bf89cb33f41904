import { describe, expect, it } from 'vitest';
import { renderBlock, renderInline } from '../../src/render/rich-text.js';

describe('rich text', () => {
  it('renders plain prose, strong text and links as HTML', () => {
    expect(renderBlock('Para one.\n\nPara **two**.')).toBe('<p>Para one.</p>\n<p>Para <strong>two</strong>.</p>');
    expect(renderInline('see [a "link"](https://e.org/x?a=1&b=2) now')).toBe('see <a href="https://e.org/x?a=1&#x26;b=2" rel="noopener noreferrer">a "link"</a> now');
    expect(renderInline('x > y & z')).toBe('x > y &#x26; z');
    expect(renderInline('Line one\nline two')).toBe('Line one\nline two');
    expect(renderInline('a * b')).toBe('a * b');
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
