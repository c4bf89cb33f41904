import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error the bench's corpus generator is plain JavaScript
import { generateCorpus } from '../../bench/corpus.js';
import { parseMarkdownNotes } from '../../src/parse/markdown/index.js';
import { keptParagraph, startKeepingParagraphs } from '../../src/parse/markdown/paragraph-trees.js';
import { plainText, renderBlock, renderInline, richTextCounts } from '../../src/render/rich-text.js';

const notes = (body: string) => `---\ntitle: T\ndate: 2024-06-05\n---\n\n${body}`;
const data = (text: string) => parseMarkdownNotes(text).data as Record<string, any>;
const resolve = (src: string) => (src === 'chart.png' ? 'data:image/png;base64,AAAA' : undefined);

const renderings = (texts: string[]) => texts.map((text) => [renderBlock(text, resolve), renderInline(text, resolve), renderBlock(text, resolve, 1), plainText(text)]);

/** What the renderer makes of `texts` after the reader read `notes` (fast path), and with nothing kept (parsed). */
function bothWays(notesText: string, ...texts: string[]) {
  parseMarkdownNotes(notesText);
  return bothWaysAfterReading(texts);
}

/** As bothWays, right after the reader read the notes the texts come from (what it kept is theirs). */
function bothWaysAfterReading(texts: string[]) {
  const before = { ...richTextCounts };
  const kept = renderings(texts);
  const counts = { parsed: richTextCounts.parsed - before.parsed, reused: richTextCounts.reused - before.reused };
  expect(richTextCounts.imageSearches - before.imageSearches).toBe(texts.filter((t) => t.includes('![')).length * 3);
  startKeepingParagraphs('');
  const parsed = renderings(texts);
  return { kept, parsed, counts };
}

/** Every string of the reader's output. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => strings(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => strings(v, out));
  return out;
}

describe('rich text reuses the paragraphs the reader parsed', () => {
  const tricky = [
    'Plain **strong**, _emphasis_, ~~gone~~, `code <b>`, a [link](https://e.org/x?a=1&b=2 "title") and www.example.eu.',
    'An image ![A chart](chart.png) and one not embedded ![x](other.png), <span>raw</span> &amp; &copy; \\*escaped\\*.',
    'Trailing backslash \\',
    'Mail first_last@example.org, 4 < 5 > 3, [undefined][ref] and a footnote[^1].',
  ];
  const text = notes(`## Summary\n\n${tricky.join('\n\n')}\n`);

  it('builds the summary from the reader’s paragraphs, without parsing it again, to the same HTML', () => {
    const summary = data(text).summary as string;
    expect(summary).toBe(tricky.join('\n\n'));
    const { kept, parsed, counts } = bothWays(text, summary);
    expect(counts).toEqual({ parsed: 0, reused: 4 });
    expect(kept).toEqual(parsed);
    expect(kept[0]![0]).toContain('<img src="data:image/png;base64,AAAA" alt="A chart">');
  });

  it('leaves the reader’s tree as it was (images resolved on a copy)', () => {
    const summary = data(text).summary as string;
    const trees = tricky.map((t) => JSON.stringify(keptParagraph(t)));
    expect(trees.every((t) => t && t.includes('"paragraph"'))).toBe(true);
    renderBlock(summary, resolve);
    renderBlock(tricky[0]!, resolve, 2);
    expect(tricky.map((t) => JSON.stringify(keptParagraph(t)))).toEqual(trees);
    const first = renderBlock(summary, resolve);
    expect(renderBlock(summary, () => undefined)).not.toContain('data:');
    expect(renderBlock(summary, resolve)).toBe(first);
  });

  it('parses again when the notes define labels, a paragraph is wrapped, or a piece is not a paragraph', () => {
    const defined = notes('## Summary\n\nSee [the site][s].\n\n[s]: https://e.org\n');
    expect(bothWays(defined, 'See [the site][s].').counts).toEqual({ parsed: 4, reused: 0 });
    const wrapped = notes('## Summary\n\nOne line\nand a second  \nwith a hard break.\n');
    const summary = data(wrapped).summary as string;
    const { kept, parsed, counts } = bothWays(wrapped, summary);
    // (its plain text is its words as written: a text without any Markdown is not parsed for that at all)
    expect(counts).toEqual({ parsed: 3, reused: 0 });
    expect(kept).toEqual(parsed);
    const list = notes('## Summary\n\nOne.\n\n- An item.\n');
    expect(bothWays(list, 'One.').counts).toEqual({ parsed: 0, reused: 3 });
    expect(bothWays(list, 'One.\n\n- An item.').counts).toEqual({ parsed: 4, reused: 0 });
  });

  it('builds a free section from the reader’s blocks, without parsing it again, to the same HTML', () => {
    const body = [
      'Text with **strong** words and ![A chart](chart.png).',
      '| a | b |\n| :- | -: |\n| 1 | 2 |',
      '### A sub-heading\n\n- one\n- two\n\n  more of two\n\n<!-- a comment -->\n\n```js\ncode <b>\n```\n\n> quoted\nlazily',
      '1. first\n2. second\n\n---\n\nLast paragraph, wrapped\nover two lines.',
    ].join('\n\n');
    const free = notes(`## Site visit\n\n${body}\n\n## Next steps\n\n- One\n`);
    const sections = data(free).sections as Array<{ body: string }>;
    expect(sections[0]!.body).toBe(body);
    const { kept, parsed, counts } = bothWays(free, body);
    expect(counts).toEqual({ parsed: 0, reused: 4 });
    expect(kept).toEqual(parsed);
    expect(kept[0]![2]).toContain('<h4>A sub-heading</h4>');
    // Indented code at the start of a section: the text is trimmed, so it is parsed again.
    const indented = notes('## Site visit\n\n    code\n\nText.\n');
    const trimmed = (data(indented).sections as Array<{ body: string }>)[0]!.body;
    expect(bothWays(indented, trimmed).counts).toEqual({ parsed: 3, reused: 0 });
  });

  describe('gives the same HTML as parsing, for every text of the examples, the notes styles and 24 corpus notes (each of the corpus’s languages four times)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'report-paragraphs-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    generateCorpus(dir, 24);
    const files = [
      ...readdirSync('examples').filter((f) => f.endsWith('.md')).map((f) => join('examples', f)),
      ...['test/fixtures/notes-styles', 'test/fixtures/notes-mistakes'].flatMap((d) =>
        readdirSync(d, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md')).map((f) => join(d, f)),
      ),
      ...readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md')).map((f) => join(dir, f)),
    ];
    it.each(files)('%s', (file) => {
      const source = readFileSync(file, 'utf8');
      // (data() is the reader's read of the notes: what it kept is what bothWays would keep by reading them again)
      const { kept, parsed, counts } = bothWaysAfterReading(strings(data(source)));
      expect(kept).toEqual(parsed);
      if (!file.includes('fixtures')) expect(counts.reused).toBeGreaterThan(0);
    });
  });
});
