/**
 * Notes as documents are really exported (Word, Google Docs, pandoc): parts at level 1, setext headings, key lines
 * in any case, bold or not, with or without the colon before a list; and values written twice.
 */
import { describe, expect, it } from 'vitest';
import { parseMarkdownNotes } from '../../src/parse/markdown/index.js';
import { markdown, text, workspace } from './harness.js';

const ws = workspace();
const modelOf = (md: string) => parseMarkdownNotes(md).data as Record<string, any>;

describe('a body of level-1 parts under a front matter title', () => {
  const md = text(
    '---', 'title: Circular economy in regions', 'date: 2025-03-12', '---', '',
    '# Summary', '', 'Eighty people.', '',
    '# Highlights', '', '## Green procurement', '', 'Reuse clauses.', '',
    '# Good practices', '', '## Reuse in construction', '', '### CircE – Materials platform', '',
    '**Country:** France', 'KEY FIGURES', '- 1,200 tonnes reused', '', 'A platform.', '',
    '# Contacts', '', '- Laura Varisco <l.varisco@policylearning.eu>',
  );

  it('are parts, and the report builds without messages', async () => {
    const r = await ws.validate('word-export.md', md);
    expect(r.report).toEqual([]);
    expect(r.code).toBe(0);
    const model = modelOf(md);
    expect(model.title).toBe('Circular economy in regions');
    expect(model.summary).toBe('Eighty people.');
    expect(model.highlights.themes.map((t: any) => t.title)).toEqual(['Green procurement']);
    expect(model.practices.topics[0].practices[0]).toEqual({ project: 'CircE', title: 'Materials platform', country: 'France', figures: ['1,200 tonnes reused'], description: 'A platform.' });
    expect(model.contacts).toEqual([{ name: 'Laura Varisco', email: 'l.varisco@policylearning.eu' }]);
  });

  it('setext headings are headings', () => {
    const setext = text('---', 'title: T', 'date: 2025-03-12', '---', '', 'Summary', '=======', '', 'Eighty people.', '', 'Next steps', '==========', '', 'Skills', '------', '', '- Train staff.');
    expect(modelOf(setext)).toMatchObject({ summary: 'Eighty people.', nextSteps: { title: 'Next steps', groups: [{ title: 'Skills', items: ['Train staff.'] }] } });
  });

  it('a level-1 heading repeating the front matter title is the title, once', async () => {
    const r = await ws.validate('same-title.md', text('---', 'title: Workshop', 'date: 2024-06-05', '---', '', '# Workshop', '', '## Summary', '', 'Sixty people.'));
    expect(r.report).toEqual([
      'same-title.md:6:1 warning `title` is written in the front matter (line 2) and again in the body with the same value; the two are one [same-value-twice]',
      '  note: Keep one of them.',
    ]);
    expect(r.code).toBe(0);
  });
});

describe('same-value-twice and duplicate-part', () => {
  it('the same contacts in the front matter and the body merge, with a warning', async () => {
    const r = await ws.validate(
      'same-contacts.md',
      text('---', 'title: Workshop', 'date: 2024-06-05', 'contacts:', '  - { name: Jane Doe, email: jane@example.eu }', '---', '', '## Contacts', '', '- Jane Doe <jane@example.eu>'),
    );
    expect(r.report).toEqual([
      'same-contacts.md:8:1 warning `contacts` is written in the front matter (line 4) and again in the body with the same value; the two are one [same-value-twice]',
      '  note: Keep one of them.',
    ]);
  });

  it('different contacts stay an error that shows both', async () => {
    const r = await ws.validate(
      'other-contacts.md',
      text('---', 'title: Workshop', 'date: 2024-06-05', 'contacts:', '  - { name: Jane Doe, email: jane@example.eu }', '---', '', '## Contacts', '', '- John Roe <john@example.eu>'),
    );
    expect(r.report).toEqual([
      'other-contacts.md:8:1 error `contacts` is set in the front matter and again in the body; keep one [duplicate-part]',
      '  note: Front matter (line 4): `[{"name":"Jane Doe","email":"jane@example.eu"}]`; body: `[{"name":"John Roe","email":"john@example.eu"}]`.',
    ]);
    expect(r.code).toBe(1);
  });
});

describe('unknown-key-line', () => {
  it('a `Word:` line among a practice’s key lines is kept in the description, with a warning', async () => {
    const md = markdown('## Good practices', '', '### Skills', '', '#### ENAIBLER – AI certificate', '', 'Country: Ireland', 'Budget: 2 million', 'Constructor: Acme', '', 'A course.');
    const r = await ws.validate('unknown-key-line.md', md);
    expect(r.report).toEqual([
      'unknown-key-line.md:13:1 warning Line `Budget: 2 million` names no key of a practice; it is kept in the description [unknown-key-line]',
      '  note: Keys of a practice: Project, Presenter, Role, Organisation, Region, Country, Link, Figures.',
      'unknown-key-line.md:14:1 warning Line `Constructor: Acme` names no key of a practice; it is kept in the description [unknown-key-line]',
      '  note: Keys of a practice: Project, Presenter, Role, Organisation, Region, Country, Link, Figures.',
    ]);
    expect(modelOf(md).practices.topics[0].practices[0]).toMatchObject({ country: 'Ireland', description: 'Budget: 2 million\n\nConstructor: Acme\n\nA course.' });
  });

  it('a misspelt key gets a suggestion', async () => {
    const r = await ws.validate('misspelt-key.md', markdown('## Good practices', '', '### Skills', '', '#### ENAIBLER – AI certificate', '', 'Country: Ireland', 'Presentr: Jane Doe'));
    expect(r.report).toEqual([
      'misspelt-key.md:13:1 warning Line `Presentr: Jane Doe` names no key of a practice; it is kept in the description [unknown-key-line]',
      '  note: Did you mean `presenter:`?',
    ]);
  });
});
