/**
 * No silent placement: whatever the Markdown reader had to guess is a message at its place, and the record of
 * placements says where each block went.
 */
import { describe, expect, it } from 'vitest';
import { parseMarkdownNotes } from '../../src/parse/markdown/index.js';
import { markdown, text, workspace } from './harness.js';

const ws = workspace();
const modelOf = (md: string) => parseMarkdownNotes(md).data as Record<string, any>;

describe('contact-outside-part', () => {
  it('lines with e-mail addresses after the last part are taken as contacts', async () => {
    const md = markdown('## Next steps', '', '### Skills', '', '- Train staff.', '', 'Laura Varisco <l.varisco@policylearning.eu>', '', '- Marc Pattinson, m.pattinson@policylearning.eu');
    const r = await ws.validate('stray-contacts.md', md);
    expect(r.report).toEqual([
      'stray-contacts.md:12:1 warning `Laura Varisco` with an e-mail address after the last part is taken as a contact [contact-outside-part]',
      '  note: Put contacts under a `## Contacts` heading to make this certain.',
      'stray-contacts.md:14:1 warning `Marc Pattinson` with an e-mail address after the last part is taken as a contact [contact-outside-part]',
      '  note: Put contacts under a `## Contacts` heading to make this certain.',
    ]);
    const model = modelOf(md);
    expect(model.contacts).toEqual([
      { name: 'Laura Varisco', email: 'l.varisco@policylearning.eu' },
      { name: 'Marc Pattinson', email: 'm.pattinson@policylearning.eu' },
    ]);
    expect(model.nextSteps.groups[0]).toEqual({ title: 'Skills', items: ['Train staff.'] });
  });

  it('contacts in the resources’ note are taken as contacts, the note keeps its prose', async () => {
    const md = markdown('## Resources', '', '- [Brief](https://www.interregeurope.eu/brief)', '', 'Photos are on the event page.', '', 'Laura Varisco', 'l.varisco@policylearning.eu', '', '## Site visit', '', 'We went.');
    const r = await ws.validate('contacts-in-note.md', md);
    expect(r.report).toEqual([
      'contacts-in-note.md:12:1 warning `Laura Varisco` with an e-mail address in the resources’ note is taken as a contact [contact-outside-part]',
      '  note: Put contacts under a `## Contacts` heading to make this certain.',
      'contacts-in-note.md:15:1 warning Heading `Site visit` is not a known part of a report; it is kept as a free section [unknown-heading]',
    ]);
    expect(modelOf(md)).toMatchObject({ resources: { note: 'Photos are on the event page.' }, contacts: [{ name: 'Laura Varisco', email: 'l.varisco@policylearning.eu' }] });
  });

  it('prose mentioning an address stays prose', () => {
    const md = markdown('## Next steps', '', '### Skills', '', '- Train staff.', '', 'For questions about the programme write to l.varisco@policylearning.eu any time.');
    expect(parseMarkdownNotes(md).messages).toEqual([]);
  });
});

describe('contact-without-address', () => {
  it('a contact with a name only is kept, with a warning', async () => {
    const r = await ws.validate('contact-no-address.md', markdown('## Contacts', '', '- Laura Varisco'));
    expect(r.report).toEqual([
      'contact-no-address.md:8:1 warning Contact `Laura Varisco` has no e-mail address [contact-without-address]',
      '  note: Write it after the name, like `Jane Doe <jane.doe@example.eu>`.',
    ]);
  });
});

describe('heading-matched-by-word', () => {
  it('"Thematic recommendations for participants" is a group of next steps, not participation', async () => {
    const md = markdown('## Next steps', '', '### Thematic recommendations for participants', '', 'Based on the workshop.', '', '- Train staff.');
    const r = await ws.validate('inner-word.md', md);
    expect(r.report).toEqual([]);
    const model = modelOf(md);
    expect(model.highlights).toBeUndefined();
    expect(model.nextSteps.groups).toEqual([{ title: 'Thematic recommendations for participants', intro: 'Based on the workshop.', items: ['Train staff.'] }]);
  });

  it('a heading matched by its last words names the part chosen', async () => {
    const r = await ws.validate('by-word.md', markdown('## Next steps', '', '### Skills', '', '- Train staff.', '', '### Policy Learning Platform briefs and articles', '', '- [Brief](https://www.interregeurope.eu/brief)'));
    expect(r.report).toEqual([
      'by-word.md:12:1 info Heading `Policy Learning Platform briefs and articles` is read as the resources part by its words `articles` [heading-matched-by-word]',
      '  note: Start the heading with the part’s name to make this certain, or rename it if it is not that part.',
    ]);
  });
});

describe('contents-left-out and footer-left-out', () => {
  it('a pasted contents part is left out, with an info message', async () => {
    const md = markdown('## Table of contents', '', '1. Summary', '2. Highlights', '', '## Summary', '', 'Sixty people.');
    const r = await ws.validate('contents-part.md', md);
    expect(r.report).toEqual(['contents-part.md:6:1 info The contents list under `Table of contents` is left out; the report makes its own contents [contents-left-out]']);
    expect(modelOf(md).sections).toBeUndefined();
  });

  it('a list of the notes’ own headings before the first part is left out', async () => {
    const md = markdown('- [Summary](#summary)', '- Highlights ........ 2', '', '## Summary', '', 'Sixty people.', '', '## Highlights', '', '### AI', '', 'Text.');
    const r = await ws.validate('contents-list.md', md);
    expect(r.report).toEqual(['contents-list.md:6:1 info A list of the notes’ own headings is left out; the report makes its own contents [contents-left-out]']);
    expect(modelOf(md).summary).toBe('Sixty people.');
  });

  it('the contents list’s title on a line of its own above it goes with it', async () => {
    const md = text('---', 'title: Laboratorio', 'date: 2024-06-12', 'language: it', '---', '', 'Indice', '1. Sintesi', '2. Punti salienti', '', '## Sintesi', '', 'Cinquanta persone.', '', '## Punti salienti', '', '### Porti', '', 'Testo.');
    const r = await ws.validate('contents-title.md', md);
    expect(r.report).toEqual(['contents-title.md:8:1 info A list of the notes’ own headings is left out; the report makes its own contents [contents-left-out]']);
    expect(modelOf(md).summary).toBe('Cinquanta persone.');
    expect(parseMarkdownNotes(md).placements!.filter((p) => p.kind === 'left-out').map((p) => [p.position?.start.line, p.reason])).toEqual([
      [8, 'a list of the notes’ own headings: the report makes its own contents'],
      [7, 'the title of a contents list'],
    ]);
  });

  it('closing lines repeating the footer are left out', async () => {
    const md = text('---', 'title: Workshop', 'date: 2024-06-05', 'series: Interreg Europe Policy Learning Platform', 'website: https://www.interregeurope.eu/policylearning', '---', '',
      '## Contacts', '', '- Laura Varisco <l.varisco@policylearning.eu>', '', '---', '', 'Interreg Europe Policy Learning Platform | www.interregeurope.eu/policylearning');
    const r = await ws.validate('footer.md', md);
    expect(r.report).toEqual(['footer.md:14:1 info The closing line `Interreg Europe Policy Learning Platform | www.interregeu…` repeats the report’s footer and is left out [footer-left-out]']);
    expect(modelOf(md).contacts).toEqual([{ name: 'Laura Varisco', email: 'l.varisco@policylearning.eu' }]);
    expect(parseMarkdownNotes(md).placements!.filter((p) => p.kind === 'left-out').map((p) => p.position?.start.line)).toEqual([14, 12]);
  });
});

describe('placeholder-link', () => {
  it('links to `#`, nowhere or example.com are warned at the link', async () => {
    const r = await ws.validate('placeholder-link.md', markdown('## Summary', '', 'See [the page](#) and [the site](https://example.com/event) or [this]().'));
    expect(r.report.filter((l) => l.includes('[placeholder-link]'))).toEqual([
      'placeholder-link.md:8:5 warning Link `the page` points at a placeholder address `#` [placeholder-link]',
      'placeholder-link.md:8:23 warning Link `the site` points at a placeholder address `https://example.com/event` [placeholder-link]',
      'placeholder-link.md:8:64 warning Link `this` points at a placeholder address `(empty)` [placeholder-link]',
    ]);
  });
});

describe('placements', () => {
  it('record where each part, theme, practice, group and contact went, with its line', () => {
    const parsed = parseMarkdownNotes(markdown('Sixty people.', '', '## Highlights', '', '### AI', '', 'Text.', '', '## Site visit', '', 'We went.', '', '## Contacts', '', '- Jane Doe <jane@x.eu>'));
    expect(parsed.placements!.map((p) => [p.kind, p.path.join('/'), p.position?.start.line])).toEqual([
      ['summary', 'summary', 6],
      ['part', 'highlights', 8],
      ['theme', 'highlights/themes/0', 10],
      ['free-section', 'sections/0', 14],
      ['part', 'contacts', 18],
      ['contact', 'contacts/0', 20],
    ]);
  });
});
