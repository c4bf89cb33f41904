/**
 * The faster GFM parser gives the very trees (positions included) that
 * remark-parse + remark-gfm (+ remark-frontmatter) give.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
// @ts-expect-error: the benchmark's corpus generator is plain JavaScript
import { generateCorpus } from '../../bench/corpus.js';
import { gfmParser } from '../../src/parse/gfm-parser.js';
import { EXAMPLES, ROOT } from '../helpers/cli.js';

const reference = unified().use(remarkParse).use(remarkGfm);
const referenceWithFrontmatter = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']);
const fast = gfmParser();
const fastWithFrontmatter = gfmParser({ frontmatter: true });

/** The tree, or the error: under the test runner, the mdast utilities' development builds assert on some inputs. */
const outcome = (parse: () => unknown) => {
  try {
    return { tree: parse() };
  } catch (error) {
    return { error: String((error as Error)?.message ?? error) };
  }
};

/** The same outcome as remark-gfm, whatever it is (an upstream assertion on `*\r\n[x] a`, for one). */
const same = (text: string) => {
  expect(outcome(() => fast(text))).toEqual(outcome(() => reference.parse(text)));
  expect(outcome(() => fastWithFrontmatter(text))).toEqual(outcome(() => referenceWithFrontmatter.parse(text)));
};

const markdownFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? (e.name === 'node_modules' || e.name.startsWith('.') ? [] : markdownFiles(join(dir, e.name))) : /\.(md|markdown)$/.test(e.name) ? [join(dir, e.name)] : [],
  );

describe('the faster GFM parser', () => {
  it('parses the examples, fixtures and docs as remark-gfm does', () => {
    const files = [...markdownFiles(EXAMPLES), ...markdownFiles(join(ROOT, 'test')), ...markdownFiles(join(ROOT, 'docs')), join(ROOT, 'README.md')];
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) same(readFileSync(file, 'utf8'));
  });

  it('finds every kind of autolink and table, and leaves the rest alone', () => {
    for (const text of [
      '*\r\n[x] a',
      'Write to contact@example.org or jane.doe+x@mail.example.eu. Not a@b, not a/b@example.org.',
      'See www.example.com, WWW.EXAMPLE.COM/a?b, http://example.com and HTTPS://example.com/x_(y).',
      'mailto:jane@example.org xmpp:jane@example.org/home',
      'Emphasis inside: http://example.com/_a_b_ www.example.com/*x* and _a_b_@example.org, *a*@example.org',
      'hello world wide web, http without colon, www without dot, h w @ @@ a@ @b',
      '[a link with contact@example.org inside](https://example.com) and ![img](www.example.com)',
      '\uFEFFcontact@example.org at the start after a byte order mark, then www.example.com',
      '| a | b |\n| - | :-: |\n| 1 | 2 |',
      'a\n:-\n',
      'a\n-:\nb',
      'no table here\n---\n',
      'tab\tbefore\tcontact@example.org\r\nand CRLF www.example.com\r\n',
      '> quoted contact@example.org\n> and www.example.com\n\n- item http://x.org\n  continued a@b.co',
      '~~struck~~ ~one~ [^1] and a footnote\n\n[^1]: Note with www.example.com\n\n- [ ] task\n- [x] done',
      '---\ntitle: x@y.org\n---\n\nBody with x@y.org',
      'Made by references and escapes: contact&#64;example.org, jane&#x40;example.org, www\\.example.com, http\\://example.com, &#119;ww.example.com',
      'Plain paragraph.\n\nAnother with a@b.org.\n\n> quote www.example.com\n\n- list http://example.com\n\n| a |\n| - |\n| x@y.org |',
      // Plain sections between others, under and over the number of runs that makes the document parse whole.
      '# Plain\n\ntext\n\n## With a [link](x)\n\n## And *emphasis*\n\n# Plain again\n\n- a\n- b\n'.repeat(20),
      '# Plain\n\ntext\n\n## With a [link](x)\n'.repeat(40),
    ]) {
      same(text);
    }
  });

  it('parses generated text as remark-gfm does', () => {
    const piece = fc.constantFrom(
      'a', 'w', 'W', 'h', 'H', 'www', 'www.', 'http', 'https', '://', 'http://', 'https://x.org', '@', 'a@b.c', 'x.y@z.org', '.', '-', '_', '+', '/', '_a_',
      '|', ':', '-:', ':-', '---', '~', '~~', '[', ']', '(', ')', '[^1]', '![', '*', '**', '`', '<', '>', '\\', '&amp;', ' ', '  ', '\t', '\n', '\n\n', '\r\n', '\r',
      '# ', '- ', '1. ', '> ', '    ', '[ ] ', '[x] ', 'é', '\u0000', '\uFEFF', '&#64;', '&#x40;', '&amp;', '\\.', '\\@', '\\:',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
        same(pieces.join(''));
      }),
      { numRuns: 2000 },
    );
  });

  it('parses the benchmark corpus as remark-gfm does', () => {
    const dir = mkdtempSync(join(tmpdir(), 'report-corpus-'));
    try {
      generateCorpus(dir, 24, 11);
      const files = markdownFiles(dir);
      expect(files).toHaveLength(24);
      for (const file of files) same(readFileSync(file, 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  // Notes-like text: lines that the plain sections take (headings, paragraphs, `- ` items, bold names), mixed with
  // lines and words that must send a section to micromark, and with front matter of every shape.
  it('parses generated notes-like text as remark-gfm does', () => {
    const plainWord = fc.constantFrom('a', 'policy', 'Łódź', 'é', '😀', 'α', '10', '2024', 'x:', ',', '.', '(', ')', '–', '**A**', '**Álvaro Gil**', '(**b**)', '**a**,');
    const otherWord = fc.constantFrom(
      'e\u0301', ':', '!', '?', '-', '#', '=', '+', '1.', '2)', '**', '*', '**x.**', '**10**', '**a**b', 'a**b**', '**a** **b**', '***a***', '**a*', '** a**',
      '_', '_a_', '`', '[', ']', '[^1]', '<', '>', '&', '~', '@', 'a@b.org', 'www.x.org', 'http://x.org', '\\', '|', '\u00a0', '\u3000', '\u200b', '',
    );
    const word = fc.oneof({ weight: 12, arbitrary: plainWord }, { weight: 1, arbitrary: otherWord });
    const words = fc.array(word, { maxLength: 8 }).chain((ws) => fc.constantFrom(' ', '', '  ').map((sep) => ws.join(sep)));
    const line = fc.oneof(
      { weight: 6, arbitrary: words },
      { weight: 3, arbitrary: fc.tuple(fc.constantFrom('# ', '## ', '### ', '#### ', '###### ', '#', '##  ', '####### ', '#tag ', '  # ', '    # '), words).map(([h, w]) => h + w) },
      { weight: 3, arbitrary: fc.tuple(fc.constantFrom('- ', '-  ', '-', '* ', '+ ', '1. ', '2) ', '> ', '- [ ] ', '- # ', '- - ', '  - ', '   '), words).map(([m, w]) => m + w) },
      { weight: 3, arbitrary: fc.constantFrom('', '', '', ' ', '---', '***', '===', '- - -', ':-', '-:', 'Figures:', 'Country: X', '**Jane Doe** from A, b.', '#', '##', '# a #', '# a ', 'a ', 'a  ', '```', '~~~', '<div>', '[a]: /b') },
    );
    const front = fc.constantFrom('', '', '---\ntitle: x\n---\n', '---\n---\n', '---\n# c\n---\n\n', '---\na: 1\n--- \n---\n', '---\na: 1\n', '--- \na\n---\n', '---\na\n---', '---\na: 1\r---\r\nb\n---\n', '---\na: |\n  x\n---\n', '---\na: 1\n---\n---\nb\n---\n');
    // Plain lines only, so that whole sections take the plain path, with a slip now and then.
    const plainWords = fc.array(fc.oneof({ weight: 40, arbitrary: plainWord }, { weight: 1, arbitrary: otherWord }), { minLength: 1, maxLength: 6 }).map((ws) => ws.join(' '));
    const plainLine = fc.oneof(
      { weight: 4, arbitrary: plainWords },
      { weight: 2, arbitrary: fc.tuple(fc.constantFrom('# ', '## ', '### ', '#### ', '- ', '- ', '- ', '* ', '1. '), plainWords).map(([m, w]) => m + w) },
      { weight: 3, arbitrary: fc.constant('') },
    );
    const tail = fc.constantFrom('', '\n', '\n\n');
    fc.assert(
      fc.property(front, fc.array(plainLine, { maxLength: 16 }), tail, (head, lines, end) => same(head + lines.join('\n') + end)),
      { numRuns: 1500 },
    );
    fc.assert(
      fc.property(front, fc.array(line, { maxLength: 24 }), tail, (head, lines, end) => same(head + lines.join('\n') + end)),
      { numRuns: 1500 },
    );
  });
});
