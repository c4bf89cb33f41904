/**
 * The fast rich-text paths (no CommonMark parse for plain text, `**strong**`
 * and plain links) give exactly the HTML of the full, sanitised parse: for
 * every text they accept, and they accept genuinely plain prose.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastBlock, fastInline, renderBlock, renderBlockFull, renderInline, renderInlineFull } from '../../src/render/rich-text.js';

/** Raise locally (e.g. RICH_TEXT_FUZZ_RUNS=20000) after touching the fast paths. */
const NUM_RUNS = Number(process.env.RICH_TEXT_FUZZ_RUNS) || 500;

const same = (text: string) => {
  expect(renderBlock(text), JSON.stringify(text)).toBe(renderBlockFull(text));
  expect(renderInline(text), JSON.stringify(text)).toBe(renderInlineFull(text));
};

/** Markdown-significant pieces, mixed with enough letters and spaces to make emphasis, links and lines. */
const piece = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('a', 'b', 'x', 'Z', 'é', 'ł', '1', '2', '10', ' ', ' ', '  ', '   ', '    ', '\n', '\n', '\n\n', '\n \n') },
  {
    weight: 8,
    arbitrary: fc.constantFrom(
      '*', '**', '***', '_', '__', '[', ']', '(', ')', '#', '# ', '>', '> ', '-', '- ', '---', '+', '+ ', '=', '==', '|', ':', ':-', '-:',
      '`', '```', '~', '~~', '!', '![', '<', '<b>', '&', '&amp;', '&#64;', '\\', '\\\n', '\r', '\r\n', '\t', '.', '1.', '1)', '2.', ')',
      '"', "'", ',', ';', '?', '/', '%', '%41', '%2', '$', '^', '{', '}', '–', '“', '”', '…', '€', '\u00a0', '\u202f', '\u0000', '\uFEFF',
      'http://', 'https://', 'HTTP://', 'www.', 'WWW.', 'x.org', '@', 'a@b.co', 'mailto:', '](', '](https://x.org/a?b=1&c=2)', '](#top)',
      '](https://www.x.org/%C3%A4)', '](https://x.org/a;b&c)', '](https://x.org/ä)', '](mailto:a@b.co)', '](x.html)', '[^1]', '[a]: ',
      '**a**', '**a.**', '**"a"**', '[a](https://x.org)', 'a**b**c',
    ),
  },
);
const markdown = fc.array(piece, { maxLength: 40 }).map((pieces) => pieces.join(''));

const word = fc.constantFrom('Umiejętności', 'data', 'Vilnius', 'Łódź', '2024', '10', 'é', 'a', 'x-y', 'Country:', 'Note', '(see', 'it)', '“quoted”', '3.5', 'C#', 'a > b', 'well!', 'why?', '50%', '€5', '–', 'it’s', '"so"');
const inline = fc.oneof(
  { weight: 8, arbitrary: word },
  { weight: 1, arbitrary: word.map((w) => `**${w}**`) },
  { weight: 1, arbitrary: fc.tuple(word, fc.constantFrom('https://x.org', 'https://www.x.org/a?b=1&c=2', 'http://x.eu/a%20b', '#part-2', 'https://x.org/a_b~c')).map(([w, u]) => `[${w}](${u})`) },
);
const sep = fc.constantFrom(' ', ' ', ' ', ', ', '. ', '\n', '\n\n', ' \n', '  \n', '\n  ');
/** Prose as in notes: words, `**strong**` and links, spaces, line breaks and blank lines. */
const prose = fc.array(fc.tuple(inline, sep), { minLength: 1, maxLength: 30 }).map((parts) => parts.map(([w, s]) => w + s).join(''));

describe('rich text fast paths', () => {
  it('give the full parser’s HTML for every generated text they accept', () => {
    fc.assert(fc.property(markdown, (text) => same(text)), { numRuns: NUM_RUNS });
  });

  it('give the full parser’s HTML for generated plain prose, strong and links (and accept most of it)', () => {
    let accepted = 0;
    fc.assert(
      fc.property(prose, (text) => {
        same(text);
        if (fastBlock(text) !== undefined) accepted++;
      }),
      { numRuns: Math.ceil(NUM_RUNS / 3) },
    );
    expect(accepted).toBeGreaterThan(Math.ceil(NUM_RUNS / 3) * 0.2);
  });

  it('give the full parser’s HTML for prose with Markdown-significant pieces in it', () => {
    const hazardous = fc.array(fc.oneof({ weight: 6, arbitrary: prose }, { weight: 1, arbitrary: piece }), { minLength: 1, maxLength: 6 }).map((parts) => parts.join(''));
    fc.assert(fc.property(hazardous, (text) => same(text)), { numRuns: Math.ceil(NUM_RUNS / 3) });
  });

  it('leave every construct that changes the output to the full parser', () => {
    for (const text of [
      'Title\n  ---', 'Title\n===', 'Title\n-', '1.', '1)', '+', '-', '*', '# Title', '#', '> quote', 'a\n> quote',
      '\tcode', '    code', 'para\n\n    code', 'a\n-:', 'a\n:-', 'a | b\n--|--', 'a\r\nb', 'a\rb', 'a  \nb', 'a\\\nb',
      '**b****b**', '***b***', '**"a"**b', 'a**"b"**', '** a**', '**a **', '__a__', '_a_', 'snake_case', '`code`', '~~x~~', '~x~',
      '![alt](https://x.org/i.png)', '<b>x</b>', 'a &amp; b', 'a\\*b', 'www.x.org', 'see http://x.org', 'a@b.co', '[a]', '[a]: https://x.org\n\n[a]',
      '[a](https://x.org/%41)', '[a](https://x.org/%2)', '[a](https://x.org/ä)', '[a](https://x.org/a;&amp;)', '[^1](https://x.org)', 'a\u0000b', '\uFEFFa',
      '2024. was a year', '10) items', '\u00a0a\u00a0', '**a**\u00a0b',
    ]) {
      same(text);
    }
    // Found by fuzzing the earlier fast paths, which rendered them as plain paragraphs.
    for (const text of ['Title\n  ---', '1.', '+', '\tcode', '    code', 'a\n-:', 'a\r\nb', 'a  \nb', '**b****b**', '\u00a0']) {
      expect(fastBlock(text), JSON.stringify(text)).toBeUndefined();
      expect(fastInline(text), JSON.stringify(text)).toBeUndefined();
      same(text);
    }
  });

  it('still take plain prose, **strong** and plain links', () => {
    for (const text of [
      'Plain text, with (brackets), “quotes”, 3.5 kg, 50% and C# > C.',
      'Line one\nline two',
      'Para one.\n\nPara **two**.',
      '**Álvaro Gil** from Joint Research Centre',
      '**Note:** read [the guide](https://www.example.org/guide?a=1&b=2) first.',
      'See [part 2](#part-2).',
      '  indented a little\n    continued',
      'trailing spaces before a blank line  \n\nnext',
    ]) {
      expect(fastBlock(text), text).toBeDefined();
      if (!text.includes('\n\n')) expect(fastInline(text), text).toBeDefined();
      same(text);
    }
  });
});
