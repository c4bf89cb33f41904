import { describe, expect, it } from 'vitest';
import { plainText, renderBlock, renderInline } from '../../src/render/rich-text.js';

describe('rich text', () => {
  it('reads `<br>` (as Word and Google Docs exports write it) as a line break, and no other tag', () => {
    expect(renderInline('Marie presented.<br>Paul added figures.')).toBe('Marie presented.<br>\nPaul added figures.');
    expect(renderInline('One<br />two<BR/>three')).toBe('One<br>\ntwo<br>\nthree');
    expect(renderInline('a <b>bold</b> word')).toBe('a bold word');
    expect(plainText('Marie presented.<br>Paul')).toBe('Marie presented. Paul');
  });

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

  it('gives the plain text of Markdown as the parsed tree has it', () => {
    expect(plainText('Write to first_last@example.org or **Ana_Maria**')).toBe('Write to first_last@example.org or Ana_Maria');
    expect(plainText('We know 4 < 5 > 3 and a<b.')).toBe('We know 4 < 5 > 3 and a<b.');
    expect(plainText('A [link](https://e.org "t") and ![a chart](c.png), `code`, &amp; \\*stars\\*.')).toBe('A link and a chart, code, & *stars*.');
    expect(plainText('One <b>bold</b> word.\n\n- item one\n- item two\n\n[r]: https://e.org')).toBe('One bold word. item one item two');
    expect(plainText('Line one  \nline two\nthree')).toBe('Line one line two three');
  });
});
