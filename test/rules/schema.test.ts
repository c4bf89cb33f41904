/**
 * Schema errors (src/validate/schema.ts): each kind of ajv error, as a person
 * reads it in `report validate`'s stylish report, for YAML notes and for the
 * front matter (or body) of Markdown notes.
 */
import { describe, expect, it } from 'vitest';
import { markdown, text, workspace } from './harness.js';

const ws = workspace();

describe('required', () => {
  it('YAML: a missing `title` points at the mapping it is missing from', async () => {
    const r = await ws.validate('required.yaml', text('date: 2024-06-05', 'place: { city: Vilnius }'));
    expect(r.report).toEqual(['required.yaml:1:1 error Expected `title`, but it is missing [required]', "  note: `title`: the event's title."]);
    expect(r.problems).toBe('1 problem (1 error, 0 warnings)');
    expect(r.summary).toBe('0 valid, 1 failed (1 file, T s)');
    expect(r.code).toBe(1);
  });

  it('Markdown: a missing `title` points at the front matter mapping', async () => {
    const r = await ws.validate('required.md', text('---', 'date: 2024-06-05', '---', '', '## Summary', '', 'The workshop gathered 60 participants.'));
    expect(r.report).toEqual(['required.md:2:1 error Expected `title`, but it is missing [required]', "  note: `title`: the event's title."]);
    expect(r.code).toBe(1);
  });

  it('YAML: a missing key in a list item points at the item', async () => {
    const r = await ws.validate('required-nested.yaml', text('title: Workshop', 'date: 2024-06-05', 'organisers:', '  - role: host'));
    expect(r.report).toEqual(['required-nested.yaml:4:5 error Expected `name` in `organisers[0]`, but it is missing [required]', "  note: `name`: the organisation's name."]);
    expect(r.code).toBe(1);
  });

  it('Markdown: a missing key in a front matter list item points at the item', async () => {
    const r = await ws.validate('required-nested.md', text('---', 'title: Workshop', 'date: 2024-06-05', 'organisers:', '  - role: host', '---'));
    expect(r.report).toEqual(['required-nested.md:5:5 error Expected `name` in `organisers[0]`, but it is missing [required]', "  note: `name`: the organisation's name."]);
    expect(r.code).toBe(1);
  });

  it('Markdown: a resource written without a link is kept as text, with a warning at its list item', async () => {
    const r = await ws.validate('required-body.md', markdown('## Resources', '', '- Innovation procurement'));
    expect(r.report).toEqual([
      'required-body.md:8:1 warning List item `Innovation procurement` under resources has no address; it is printed as text under the list [resource-without-address]',
      '  note: Give it its address (`[title](https://…)` or `title: https://…`) to make it a link.',
    ]);
    expect(r.code).toBe(0);
  });

  it('YAML: a resource without `url` points at its item', async () => {
    const r = await ws.validate('required-url.yaml', text('title: Workshop', 'date: 2025-01-01', 'resources:', '  items:', '    - title: Innovation procurement'));
    expect(r.report[0]).toBe('required-url.yaml:5:7 error Expected `url` in `resources.items[0]`, but it is missing [required]');
    expect(r.code).toBe(1);
  });

  it('YAML: a missing `date` explains what the key is in a note', async () => {
    const r = await ws.validate('required-date.yaml', text('title: Workshop'));
    expect(r.report).toEqual([
      'required-date.yaml:1:1 error Expected `date`, but it is missing [required]',
      '  note: `date`: the day the event took place (its first day when it lasted several).',
    ]);
    expect(r.code).toBe(1);
  });
});

describe('unknown-key', () => {
  it('YAML: a misspelled top-level key is a warning with a "did you mean"', async () => {
    const r = await ws.validate('unknown-key.yaml', text('title: Workshop', 'date: 2024-06-05', 'hightlights:', '  title: Highlights'));
    expect(r.report).toEqual([
      'unknown-key.yaml:3:1 warning Unknown key `hightlights` at the top level; it is ignored [unknown-key]',
      '  note: Did you mean `highlights`?',
    ]);
    expect(r.problems).toBe('1 problem (0 errors, 1 warning)');
    expect(r.code).toBe(0);
  });

  it('Markdown: a misspelled front matter key is a warning with a "did you mean"', async () => {
    const r = await ws.validate('unknown-key.md', text('---', 'title: Workshop', 'date: 2024-06-05', 'hightlights: Interoperability', '---'));
    expect(r.report).toEqual([
      'unknown-key.md:4:1 warning Unknown key `hightlights` at the top level; it is ignored [unknown-key]',
      '  note: Did you mean `highlights`?',
    ]);
    expect(r.code).toBe(0);
  });

  it('YAML: an unknown key inside a mapping is an error', async () => {
    const r = await ws.validate('unknown-key-nested.yaml', text('title: Workshop', 'date: 2024-06-05', 'place:', '  city: Vilnius', '  contry: Lithuania'));
    expect(r.report).toEqual(['unknown-key-nested.yaml:5:3 error Unknown key `contry` in `place` [unknown-key]', '  note: Did you mean `country`?']);
    expect(r.code).toBe(1);
  });

  it('Markdown: an unknown key inside a front matter mapping is an error', async () => {
    const r = await ws.validate('unknown-key-nested.md', text('---', 'title: Workshop', 'date: 2024-06-05', 'place:', '  city: Vilnius', '  contry: Lithuania', '---'));
    expect(r.report).toEqual(['unknown-key-nested.md:6:3 error Unknown key `contry` in `place` [unknown-key]', '  note: Did you mean `country`?']);
    expect(r.code).toBe(1);
  });

  it('YAML: without a close match, the note lists the keys allowed there', async () => {
    const r = await ws.validate('unknown-key-list.yaml', text('title: Workshop', 'date: 2024-06-05', 'place: { street: Vilnius }'));
    expect(r.report).toEqual([
      'unknown-key-list.yaml:3:10 error Unknown key `street` in `place` [unknown-key]',
      '  note: Expected one of `city`, `country`, `venue`, `online`, `hybrid`',
    ]);
    expect(r.code).toBe(1);
  });
});

describe('type', () => {
  it('YAML: a number where text is expected', async () => {
    const r = await ws.validate('type.yaml', text('title: Workshop', 'date: 2024-06-05', 'subtitle: 2024'));
    expect(r.report).toEqual(['type.yaml:3:11 error Expected `subtitle` to be text, not a number `2024` [type]']);
    expect(r.code).toBe(1);
  });

  it('Markdown: a number where text is expected', async () => {
    const r = await ws.validate('type.md', text('---', 'title: Workshop', 'date: 2024-06-05', 'subtitle: 2024', '---'));
    expect(r.report).toEqual(['type.md:4:11 error Expected `subtitle` to be text, not a number `2024` [type]']);
    expect(r.code).toBe(1);
  });

  it('YAML: a number where a list is expected, and `maybe` where a boolean is expected', async () => {
    const r = await ws.validate('type-list.yaml', text('title: Workshop', 'date: 2024-06-05', 'organisers: 42', 'place: { online: maybe }'));
    expect(r.report).toEqual([
      'type-list.yaml:3:13 error Expected `organisers` to be a list, not a number `42` [type]',
      'type-list.yaml:4:18 error Expected `place.online` to be `true` or `false`, not text `maybe` [type]',
    ]);
    expect(r.code).toBe(1);
  });

  it('YAML: a key left without a value reads as empty', async () => {
    const r = await ws.validate('type-null.yaml', text('title: Workshop', 'date: 2024-06-05', 'place:', '  city:'));
    expect(r.report).toEqual(['type-null.yaml:4:8 error Expected `place.city` to be text, not empty [type]']);
    expect(r.code).toBe(1);
  });
});

describe('pattern', () => {
  it('YAML: a date not written as YYYY-MM-DD', async () => {
    const r = await ws.validate('pattern.yaml', text('title: Workshop', 'date: 5th June'));
    expect(r.report).toEqual(['pattern.yaml:2:7 error Expected `date` to be a date like `2024-06-05`, not `5th June` [pattern]']);
    expect(r.code).toBe(1);
  });

  it('Markdown: a date not written as YYYY-MM-DD', async () => {
    const r = await ws.validate('pattern.md', text('---', 'title: Workshop', 'date: 5th June', '---'));
    expect(r.report).toEqual(['pattern.md:3:7 error Expected `date` to be a date like `2024-06-05`, not `5th June` [pattern]']);
    expect(r.code).toBe(1);
  });
});

describe('url', () => {
  it('YAML: a value that is no web address', async () => {
    const r = await ws.validate('url.yaml', text('title: Workshop', 'date: 2024-06-05', 'url: interregeurope'));
    expect(r.report).toEqual([
      'url.yaml:3:6 error Expected `url` to be an http or https address like `https://www.interregeurope.eu`, not `interregeurope` [url]',
    ]);
    expect(r.code).toBe(1);
  });

  it('Markdown: a value that is no web address', async () => {
    const r = await ws.validate('url.md', text('---', 'title: Workshop', 'date: 2024-06-05', 'url: interregeurope', '---'));
    expect(r.report).toEqual([
      'url.md:4:6 error Expected `url` to be an http or https address like `https://www.interregeurope.eu`, not `interregeurope` [url]',
    ]);
    expect(r.code).toBe(1);
  });

  it('Markdown: a resource link that is not a web address', async () => {
    const r = await ws.validate('url-body.md', markdown('## Resources', '', '- [Slides](ftp://files.example.org/slides.pdf)'));
    expect(r.report).toEqual([
      'url-body.md:8:1 error Expected `resources.items[0].url` to be an http or https address like `https://www.interregeurope.eu`, not `ftp://files.example.org/slides.pdf` [url]',
    ]);
    expect(r.code).toBe(1);
  });
});

describe('empty-value', () => {
  it('YAML: an empty title', async () => {
    const r = await ws.validate('empty-value.yaml', text('title: ""', 'date: 2024-06-05'));
    expect(r.report).toEqual(['empty-value.yaml:1:8 error Expected `title` to be filled in, not empty [empty-value]']);
    expect(r.code).toBe(1);
  });

  it('Markdown: an empty title in the front matter', async () => {
    const r = await ws.validate('empty-value.md', text('---', 'title: ""', 'date: 2024-06-05', '---'));
    expect(r.report).toEqual(['empty-value.md:2:8 error Expected `title` to be filled in, not empty [empty-value]']);
    expect(r.code).toBe(1);
  });

  it('YAML: empty alternative text says what is expected', async () => {
    const r = await ws.validate('empty-alt.yaml', text('title: Workshop', 'date: 2024-06-05', 'logo: { src: images/logo.png, alt: "" }'));
    expect(r.report).toEqual(['empty-alt.yaml:3:36 error Expected `logo.alt` to be a short description of the image, not empty [empty-value]']);
    expect(r.code).toBe(1);
  });

  it('YAML: a value shorter than allowed is not called empty', async () => {
    const r = await ws.validate('too-short.yaml', text('title: Workshop', 'date: 2024-06-05', 'language: e'));
    expect(r.report).toEqual([
      'too-short.yaml:3:11 error Expected `language` to be at least 2 characters long, not `e` [too-short]',
      'too-short.yaml:3:11 error Expected `language` to be a language tag like `en` or `fr-BE`, not `e` [valid-language]',
    ]);
    expect(r.code).toBe(1);
  });
});

describe('enum', () => {
  const allowed = '`start`, `highlights`, `practices`, `nextSteps`, `upcoming`, `resources`, `contacts`';
  it('YAML: a value outside the list, with a "did you mean"', async () => {
    const r = await ws.validate(
      'enum.yaml',
      text('title: Workshop', 'date: 2024-06-05', 'sections:', '  - title: Site visit', '    body: We visited the GovTech Lab.', '    after: hihglights'),
    );
    expect(r.report).toEqual([`enum.yaml:6:12 error Expected \`sections[0].after\` to be one of ${allowed}, not \`hihglights\` [enum]`, '  note: Did you mean `highlights`?']);
    expect(r.code).toBe(1);
  });

  it('Markdown: a value outside the list in the front matter, with a "did you mean"', async () => {
    const r = await ws.validate(
      'enum.md',
      text('---', 'title: Workshop', 'date: 2024-06-05', 'sections:', '  - title: Site visit', '    body: We visited the GovTech Lab.', '    after: hihglights', '---'),
    );
    expect(r.report).toEqual([`enum.md:7:12 error Expected \`sections[0].after\` to be one of ${allowed}, not \`hihglights\` [enum]`, '  note: Did you mean `highlights`?']);
    expect(r.code).toBe(1);
  });
});

describe('schema (any other schema keyword)', () => {
  // The notes schemas use only the keywords above; report.config.yaml's schema has minimum and uniqueItems.
  it('a config file value below its minimum stops the run (exit 2)', async () => {
    ws.write('with-config/report.config.yaml', text('concurrency: 0'));
    ws.write('with-config/notes.md', markdown('## Summary', '', 'The workshop gathered 60 participants.'));
    const r = await ws.run(['with-config/notes.md']);
    expect(r.report).toEqual([
      'with-config/report.config.yaml:1:14 error `concurrency` is not valid: must be >= 1 [schema]',
      'report: The config file has errors; fix them and run again',
    ]);
    expect(r.code).toBe(2);
  });
});
