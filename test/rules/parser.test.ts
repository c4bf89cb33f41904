/**
 * Diagnostics of the parsers (src/parse/markdown/, src/parse/yaml.ts,
 * src/parse/index.ts) as printed by `report validate`.
 */
import { parseMarkdownNotes } from '../../src/parse/markdown/index.js';
import { describe, expect, it } from 'vitest';
import { markdown, text, workspace } from './harness.js';

const ws = workspace();

describe('unknown-heading (Markdown)', () => {
  it('a misspelled part heading is kept as a free section, with a "did you mean"', async () => {
    const r = await ws.validate('unknown-heading.md', markdown('## Hightlights', '', 'The main messages of the day.'));
    expect(r.report).toEqual([
      'unknown-heading.md:6:1 warning Heading `Hightlights` is not a known part of a report; it is kept as a free section [unknown-heading]',
      '  note: Did you mean `highlights`?',
    ]);
    expect(r.code).toBe(0);
  });

  it('a numbered heading in the notes’ language is suggested in that language', async () => {
    const r = await ws.validate('unknown-heading-fr.md', text('---', 'title: Atelier', 'date: 2024-06-05', 'language: fr', '---', '', '## 3. Prochaines étpaes', '', 'Texte.'));
    expect(r.report).toEqual([
      'unknown-heading-fr.md:7:1 warning Heading `Prochaines étpaes` is not a known part of a report; it is kept as a free section [unknown-heading]',
      '  note: Did you mean `prochaines étapes`?',
    ]);
    expect(r.code).toBe(0);
  });

  it('a heading that looks like no part has no suggestion', async () => {
    const r = await ws.validate('unknown-heading-free.md', markdown('## Site visit', '', 'Participants visited the GovTech Lab.'));
    expect(r.report).toEqual(['unknown-heading-free.md:6:1 warning Heading `Site visit` is not a known part of a report; it is kept as a free section [unknown-heading]']);
    expect(r.code).toBe(0);
  });
});

describe('duplicate-part (Markdown)', () => {
  it('a part set in the front matter and again in the body points at the body heading', async () => {
    const r = await ws.validate(
      'duplicate-part.md',
      text('---', 'title: Workshop', 'date: 2024-06-05', 'summary: Sixty participants.', '---', '', '## Summary', '', 'Sixty participants from 19 countries.'),
    );
    expect(r.report).toEqual([
      'duplicate-part.md:7:1 error `summary` is set in the front matter and again in the body; keep one [duplicate-part]',
      '  note: Front matter (line 4): `Sixty participants.`; body: `Sixty participants from 19 countries.`.',
    ]);
    expect(r.code).toBe(1);
  });

  it('a second section for the same part names the line of the first', async () => {
    const r = await ws.validate('duplicate-part-twice.md', markdown('## Highlights', '', 'The main messages.', '', '## Key highlights', '', 'More messages.'));
    expect(r.report).toEqual([
      'duplicate-part-twice.md:10:1 error Expected one highlights section, but found a second one (the first is on line 6) [duplicate-part]',
      '  note: Its content is kept as a free section.',
    ]);
    expect(r.code).toBe(1);
  });

  it('a second "next steps" section is named in words', async () => {
    const r = await ws.validate('duplicate-part-words.md', markdown('## Next steps', '', '- Focus on training.', '', '## Recommendations', '', '- Share data.'));
    expect(r.report).toEqual([
      'duplicate-part-words.md:8:1 info The list under `Next steps` has no group heading: it is read as one group, `Recommendations` [list-as-group]',
      '  note: Give each group of recommendations a sub-heading to name it',
      'duplicate-part-words.md:10:1 error Expected one next steps section, but found a second one (the first is on line 6) [duplicate-part]',
      '  note: Its content is kept as a free section.',
    ]);
    expect(r.code).toBe(1);
  });
});

describe('tables, code and sub-headings inside a part (Markdown)', () => {
  // Nothing an author writes inside a part is dropped: such blocks stay in the part's text, as written.
  const modelOf = (md: string) => parseMarkdownNotes(md).data as Record<string, any>;

  it('a table in the highlights introduction stays in the introduction', async () => {
    const md = markdown('## Highlights', '', 'The main messages of the day.', '', '| Country | Participants |', '| --- | --- |', '| Lithuania | 12 |');
    const r = await ws.validate('table-in-intro.md', md);
    expect(r.report).toEqual([]);
    expect(r.code).toBe(0);
    expect(modelOf(md).highlights.intro).toBe('The main messages of the day.\n\n| Country | Participants |\n| --- | --- |\n| Lithuania | 12 |');
  });

  it('a code block in the summary stays in the summary', async () => {
    const md = markdown('Sixty participants from 19 countries.', '', '```', 'npm install', '```');
    const r = await ws.validate('code-in-summary.md', md);
    expect(r.report).toEqual([]);
    expect(modelOf(md).summary).toBe('Sixty participants from 19 countries.\n\n```\nnpm install\n```');
  });

  it('a summary section holding only a table keeps the table', async () => {
    const md = markdown('## Summary', '', '| Country | Participants |', '| --- | --- |', '| Lithuania | 12 |');
    expect((await ws.validate('table-summary.md', md)).report).toEqual([]);
    expect(modelOf(md).summary).toContain('| Lithuania | 12 |');
  });
});

describe('front-matter-language (Markdown)', () => {
  it('JSON front matter', async () => {
    const r = await ws.validate('front-matter-json.md', text('---json', '{ "title": "Workshop", "date": "2024-06-05" }', '---'));
    expect(r.report).toEqual(['front-matter-json.md:1:1 error Front matter must be YAML between two `---` lines, not `---json` [front-matter-language]']);
    expect(r.code).toBe(1);
  });

  it('TOML front matter', async () => {
    const r = await ws.validate('front-matter-toml.md', text('+++', 'title = "Workshop"', 'date = 2024-06-05', '+++'));
    expect(r.report).toEqual(['front-matter-toml.md:1:1 error Front matter must be YAML between two `---` lines, not `+++` [front-matter-language]']);
    expect(r.code).toBe(1);
  });
});

describe('front-matter-shape (Markdown) and notes-shape (YAML)', () => {
  it('Markdown: front matter that is a list', async () => {
    const r = await ws.validate('front-matter-shape.md', text('---', '- Workshop', '- 2024-06-05', '---'));
    expect(r.report).toEqual(['front-matter-shape.md:1:1 error Expected the front matter to be a mapping of keys to values, like `title: …` [front-matter-shape]']);
    expect(r.code).toBe(1);
  });

  it('YAML: notes that are a list', async () => {
    const r = await ws.validate('notes-shape.yaml', text('- title: Workshop', '- date: 2024-06-05'));
    expect(r.report).toEqual(['notes-shape.yaml:1:1 error Expected YAML notes to be a mapping of keys to values, like `title: …` [notes-shape]']);
    expect(r.code).toBe(1);
  });

  it('YAML: an empty file', async () => {
    const r = await ws.validate('notes-empty.yaml', '');
    expect(r.report).toEqual(['notes-empty.yaml:1:1 error Expected YAML notes to be a mapping of keys to values, like `title: …` [notes-shape]']);
    expect(r.code).toBe(1);
  });
});

describe('yaml-syntax', () => {
  it('YAML: a colon inside an unquoted value', async () => {
    const r = await ws.validate('yaml-syntax.yaml', text('title: Workshop', 'date: 2024-06-05', 'summary: Vilnius: the capital hosted the workshop'));
    expect(r.report).toEqual([
      'yaml-syntax.yaml:3:10 error The value of `summary` holds `: `, which YAML reads as the start of another key [yaml-syntax]',
      '  note: Put the value in quotes: `summary: "Vilnius: the capital hosted the workshop"`',
    ]);
    expect(r.code).toBe(1);
  });

  it('Markdown: a colon inside an unquoted front matter value', async () => {
    const r = await ws.validate('yaml-syntax.md', text('---', 'title: Workshop', 'date: 2024-06-05', 'summary: Vilnius: the capital hosted the workshop', '---'));
    expect(r.report).toEqual([
      'yaml-syntax.md:4:10 error The value of `summary` holds `: `, which YAML reads as the start of another key [yaml-syntax]',
      '  note: Put the value in quotes: `summary: "Vilnius: the capital hosted the workshop"`',
    ]);
    expect(r.code).toBe(1);
  });

  it('YAML: a key indented less than its siblings', async () => {
    const r = await ws.validate('yaml-indent.yaml', text('title: Workshop', 'date: 2024-06-05', 'place:', '  city: Vilnius', ' country: Lithuania'));
    expect(r.report).toEqual(['yaml-indent.yaml:5:1 error YAML syntax error: All mapping items must start at the same column [yaml-syntax]']);
    expect(r.code).toBe(1);
  });

  it('YAML: an unclosed quote points at the opening quote', async () => {
    const r = await ws.validate('yaml-quote.yaml', text('title: Workshop', 'date: 2024-06-05', 'summary: "Sixty participants from 19 countries'));
    expect(r.report).toEqual([
      'yaml-quote.yaml:3:10 error YAML syntax error: Missing closing "quote; the quote opened here is never closed [yaml-syntax]',
      '  note: Close it where the text ends: `summary: "Sixty participants from 19 countries"`',
    ]);
    expect(r.code).toBe(1);
  });
});

describe('yaml-duplicate-key', () => {
  it('YAML: a key written twice points at the second', async () => {
    const r = await ws.validate('yaml-duplicate-key.yaml', text('title: Workshop', 'date: 2024-06-05', 'title: Digital Transformation'));
    expect(r.report).toEqual(['yaml-duplicate-key.yaml:3:1 error Duplicate key: each key may appear only once in a mapping [yaml-duplicate-key]']);
    expect(r.code).toBe(1);
  });

  it('Markdown: a front matter key written twice points at the second', async () => {
    const r = await ws.validate('yaml-duplicate-key.md', text('---', 'title: Workshop', 'date: 2024-06-05', 'title: Digital Transformation', '---'));
    expect(r.report).toEqual(['yaml-duplicate-key.md:4:1 error Duplicate key: each key may appear only once in a mapping [yaml-duplicate-key]']);
    expect(r.code).toBe(1);
  });
});

describe('yaml-tag', () => {
  it('YAML: a !!js/function tag', async () => {
    const r = await ws.validate('yaml-tag.yaml', text('title: !!js/function "function () {}"', 'date: 2024-06-05'));
    expect(r.report).toEqual(['yaml-tag.yaml:1:8 error Custom YAML tags are not allowed: write plain values without `!tag` [yaml-tag]']);
    expect(r.code).toBe(1);
  });

  it('Markdown: a custom tag in the front matter', async () => {
    const r = await ws.validate('yaml-tag.md', text('---', 'title: !custom Workshop', 'date: 2024-06-05', '---'));
    expect(r.report).toEqual(['yaml-tag.md:2:8 error Custom YAML tags are not allowed: write plain values without `!tag` [yaml-tag]']);
    expect(r.code).toBe(1);
  });
});

describe('yaml-forbidden-key and yaml-complex-key', () => {
  it('YAML: a __proto__ key', async () => {
    const r = await ws.validate('yaml-forbidden-key.yaml', text('title: Workshop', 'date: 2024-06-05', '__proto__:', '  polluted: true'));
    expect(r.report).toEqual(['yaml-forbidden-key.yaml:3:1 error The key `__proto__` is not allowed [yaml-forbidden-key]']);
    expect(r.code).toBe(1);
  });

  it('Markdown: a constructor key in the front matter', async () => {
    const r = await ws.validate('yaml-forbidden-key.md', text('---', 'title: Workshop', 'date: 2024-06-05', 'constructor: x', '---'));
    expect(r.report).toEqual(['yaml-forbidden-key.md:4:1 error The key `constructor` is not allowed [yaml-forbidden-key]']);
    expect(r.code).toBe(1);
  });

  it('Markdown: a mapping used as a key in the front matter', async () => {
    const r = await ws.validate('yaml-complex-key.md', text('---', 'title: Workshop', 'date: 2024-06-05', '{ city: Vilnius }: Lithuania', '---'));
    expect(r.report).toEqual(['yaml-complex-key.md:4:1 error Keys must be plain text, not mappings or lists [yaml-complex-key]']);
    expect(r.code).toBe(1);
  });

  it('YAML: a list used as a key', async () => {
    const r = await ws.validate('yaml-complex-key.yaml', text('title: Workshop', 'date: 2024-06-05', '? [city, country]', ': Vilnius'));
    expect(r.report).toEqual(['yaml-complex-key.yaml:3:3 error Keys must be plain text, not mappings or lists [yaml-complex-key]']);
    expect(r.code).toBe(1);
  });
});

describe('yaml-alias-limit and yaml-depth', () => {
  it('YAML: the 51st alias', async () => {
    const aliases = Array.from({ length: 51 }, (_, i) => `y${i}: *a`);
    const r = await ws.validate('yaml-alias-limit.yaml', text('title: Workshop', 'date: 2024-06-05', 'x: &a [1]', ...aliases));
    expect(r.report).toEqual(['yaml-alias-limit.yaml:54:6 error Too many aliases: at most 50 are allowed [yaml-alias-limit]']);
    expect(r.code).toBe(1);
  });

  it('Markdown: the 51st alias in the front matter', async () => {
    const aliases = Array.from({ length: 51 }, (_, i) => `y${i}: *a`);
    const r = await ws.validate('yaml-alias-limit.md', text('---', 'title: Workshop', 'date: 2024-06-05', 'x: &a [1]', ...aliases, '---'));
    expect(r.report).toEqual(['yaml-alias-limit.md:55:6 error Too many aliases: at most 50 are allowed [yaml-alias-limit]']);
    expect(r.code).toBe(1);
  });

  it('YAML: few aliases that expand to too many values ("billion laughs")', async () => {
    const r = await ws.validate(
      'yaml-alias-bomb.yaml',
      text(
        'title: Workshop',
        'date: 2024-06-05',
        'a: &a [x, x, x, x, x, x, x, x, x]',
        'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
        'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
      ),
    );
    expect(r.report).toEqual([
      'yaml-alias-bomb.yaml:1:1 error Too many alias expansions: at most 50 are allowed (Excessive alias count indicates a resource exhaustion attack) [yaml-alias-limit]',
    ]);
    expect(r.code).toBe(1);
  });

  it('YAML: lists nested 40 deep', async () => {
    const r = await ws.validate('yaml-depth.yaml', text('title: Workshop', 'date: 2024-06-05', 'nested: ' + '['.repeat(40) + ']'.repeat(40)));
    expect(r.report).toEqual(['yaml-depth.yaml:3:41 error Nesting is too deep: at most 32 levels are allowed [yaml-depth]']);
    expect(r.code).toBe(1);
  });

  it('Markdown: lists nested 40 deep in the front matter', async () => {
    const r = await ws.validate('yaml-depth.md', text('---', 'title: Workshop', 'date: 2024-06-05', 'nested: ' + '['.repeat(40) + ']'.repeat(40), '---'));
    expect(r.report).toEqual(['yaml-depth.md:4:41 error Nesting is too deep: at most 32 levels are allowed [yaml-depth]']);
    expect(r.code).toBe(1);
  });
});
