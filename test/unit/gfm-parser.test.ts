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
});
