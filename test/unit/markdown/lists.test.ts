/** The builders of parts made of lists: next steps, upcoming activities, resources, contacts; and the summary. */
import { describe, expect, it } from 'vitest';
import { buildContacts, parseContact } from '../../../src/parse/markdown/contacts.js';
import { buildNextSteps } from '../../../src/parse/markdown/next-steps.js';
import { buildResources } from '../../../src/parse/markdown/resources.js';
import { buildSummary } from '../../../src/parse/markdown/summary.js';
import { buildUpcoming, parseUpcomingItem } from '../../../src/parse/markdown/upcoming.js';
import { readBody } from './read-body.js';

describe('next steps builder', () => {
  it('reads the introduction and one group per sub-heading, numbering dropped', () => {
    const { body } = readBody('## Next steps\n\nIntro.\n\n### A) Skills\n\nFor all.\n\n- Train staff.\n- Share data.\n', buildNextSteps);
    expect(body.nextSteps).toEqual({ title: 'Next steps', intro: 'Intro.', groups: [{ title: 'Skills', intro: 'For all.', items: ['Train staff.', 'Share data.'] }] });
  });
});

describe('upcoming builder', () => {
  it('reads each list item as an activity; other text is kept as a free section', () => {
    const { body, ctx } = readBody('## Upcoming\n\n- Thematic workshop: Innovation\n- 2024-10-10 – [Webinar on AI](https://example.org/ai)\n\nMore soon.\n', buildUpcoming);
    expect(body.upcoming.items).toEqual([{ title: 'Innovation', kind: 'Thematic workshop' }, { title: 'Webinar on AI', date: '2024-10-10', url: 'https://example.org/ai' }]);
    expect(ctx.out.freeSections.map((f) => [f.title, f.body])).toEqual([['Upcoming', 'More soon.']]);
  });
  it('reads one activity', () => {
    expect(parseUpcomingItem('Thematic workshop: University-industry collaboration')).toEqual({ title: 'University-industry collaboration', kind: 'Thematic workshop' });
  });
  it('reads a date in words before the colon in any length the language writes it, and a date closing the line', () => {
    expect(parseUpcomingItem('10 de junio de 2025: Seminario web sobre plásticos marinos, en línea', 'es')).toEqual({ title: 'Seminario web sobre plásticos marinos, en línea', date: '2025-06-10' });
    expect(parseUpcomingItem('Webinar on circular tourism, 3 October 2025')).toEqual({ title: 'Webinar on circular tourism', date: '2025-10-03' });
    expect(parseUpcomingItem('Study visit to Tartu (3 November 2025)')).toEqual({ title: 'Study visit to Tartu', date: '2025-11-03' });
    expect(parseUpcomingItem('Webinaire sur le tourisme, 5 décembre 2025', 'fr')).toEqual({ title: 'Webinaire sur le tourisme', date: '2025-12-05' });
    // Not dates: kept as written.
    expect(parseUpcomingItem('Peer review in Porto, Portugal')).toEqual({ title: 'Peer review in Porto, Portugal' });
    expect(parseUpcomingItem('Final conference, Brussels (to be confirmed)')).toEqual({ title: 'Final conference, Brussels (to be confirmed)' });
    expect(parseUpcomingItem('A long description of what: the next step is')).toEqual({ title: 'A long description of what: the next step is' });
  });
});

describe('resources builder', () => {
  it('reads links, bare addresses and titles; paragraphs are the note', () => {
    const { body } = readBody('## Resources\n\n- [Brief](https://x.org/b)\n- https://y.org\n\nSee also the page.\n', buildResources);
    expect(body.resources).toEqual({ title: 'Resources', items: [{ title: 'Brief', url: 'https://x.org/b' }, { title: 'https://y.org', url: 'https://y.org' }], note: 'See also the page.' });
  });
});

describe('tables of activities and resources', () => {
  it('reads each row of a table under upcoming activities as an activity, its cells as one line', () => {
    const { body, messages } = readBody('## Upcoming\n\n| Date | Event | Place |\n| --- | --- | --- |\n| 12 May 2025 | Webinar on heat pumps | Online |\n| 3 June 2025 | Peer review | Porto |\n', buildUpcoming);
    expect(body.upcoming.items).toEqual([{ title: 'Webinar on heat pumps – Online', date: '2025-05-12' }, { title: 'Peer review – Porto', date: '2025-06-03' }]);
    expect(messages.map((m) => [m.ruleId, m.place?.start.line])).toEqual([['table-as-items', 3]]);
  });
  it('reads each row of a table under resources as a resource when every row has an address', () => {
    const { body, messages } = readBody('## Resources\n\n| Title | Link |\n| --- | --- |\n| Policy brief | https://x.eu/brief |\n| Database | www.x.eu/db |\n', buildResources);
    expect(body.resources.items).toEqual([{ title: 'Policy brief', url: 'https://x.eu/brief' }, { title: 'Database', url: 'https://www.x.eu/db' }]);
    expect(messages.map((m) => m.ruleId)).toEqual(['address-scheme', 'table-as-items']);
    const other = readBody('## Resources\n\n| Title | Year |\n| --- | --- |\n| Brief | 2024 |\n', buildResources);
    expect(other.body.resources.items).toEqual([]);
    expect(other.body.resources.note).toContain('| Brief | 2024 |');
  });
});

describe('contacts builder', () => {
  it('reads list items and paragraphs as contacts', () => {
    const { body } = readBody('## Contacts\n\n- Laura Varisco <l.varisco@policylearning.eu>\n\nMarc Pattinson\nm.pattinson@policylearning.eu\n', buildContacts);
    expect(body.contacts).toEqual([
      { name: 'Laura Varisco', email: 'l.varisco@policylearning.eu' },
      { name: 'Marc Pattinson', email: 'm.pattinson@policylearning.eu' },
    ]);
  });
  it('reads a table of contacts, one per row, its cells as one line', () => {
    const { body, messages, ctx } = readBody('## Contacts\n\n| Name | Role | E-mail | Phone |\n| --- | --- | --- | --- |\n| Simon Hunkin | Thematic expert | s.hunkin@policylearning.eu | +32 2 123 45 67 |\n| Astrid Severin | | a.severin@policylearning.eu | |\n', buildContacts);
    expect(body.contacts).toEqual([
      { name: 'Simon Hunkin', role: 'Thematic expert', email: 's.hunkin@policylearning.eu', phone: '+32 2 123 45 67' },
      { name: 'Astrid Severin', email: 'a.severin@policylearning.eu' },
    ]);
    expect(messages.map((m) => [m.ruleId, m.place?.start.line])).toEqual([['contact-table', 3]]);
    expect(ctx.out.freeSections).toEqual([]);
    // A table without an address is no table of contacts: it stays text.
    const other = readBody('## Contacts\n\n| Office | Hours |\n| --- | --- |\n| Brussels | 9-17 |\n', buildContacts);
    expect(other.body.contacts).toEqual([]);
    expect(other.ctx.out.freeSections.map((f) => f.title)).toEqual(['Contacts']);
  });
  it('reads one contact', () => {
    expect(parseContact('Marc Pattinson, m.pattinson@policylearning.eu')).toEqual({ name: 'Marc Pattinson', email: 'm.pattinson@policylearning.eu' });
    expect(parseContact('Anna Weber | a.weber@policylearning.eu')).toEqual({ name: 'Anna Weber', email: 'a.weber@policylearning.eu' });
    expect(parseContact('Anna Weber | Projektleiterin | a.weber@policylearning.eu')).toEqual({ name: 'Anna Weber', role: 'Projektleiterin', email: 'a.weber@policylearning.eu' });
    expect(parseContact('[Carl](mailto:c@d.eu)')).toEqual({ name: 'Carl', email: 'c@d.eu' });
    // Word and pandoc exports break lines with a trailing backslash (a hard break): not part of the name.
    expect(parseContact('Katharina Kessler\\\nk.kessler@policylearning.eu')).toEqual({ name: 'Katharina Kessler', email: 'k.kessler@policylearning.eu' });
    expect(parseContact('Katharina Kessler  \nk.kessler@policylearning.eu')).toEqual({ name: 'Katharina Kessler', email: 'k.kessler@policylearning.eu' });
  });
});

describe('summary builder', () => {
  it('reads the text under the heading, without comments', () => {
    const { body } = readBody('## Summary\n\nSixty people.\n\n<!-- draft -->\n\nNineteen countries.\n', buildSummary);
    expect(body.summary).toBe('Sixty people.\n\nNineteen countries.');
  });
});

describe('a contact line with a telephone number', () => {
  it('keeps the number as the contact’s phone, under a contacts part and at the end of the notes', async () => {
    const { parseMarkdownNotes } = await import('../../../src/parse/markdown/index.js');
    const front = '---\ntitle: Seminar\ndate: 2024-12-03\nwebsite: espon.eu\n---\n\n## Summary\n\nText.\n\n';
    for (const body of ['## Contact\n\nESPON EGTC, info@espon.eu, +352 20 600 280\n', '## Contacts\n\n- ESPON EGTC, info@espon.eu, +352 20 600 280\n']) {
      const result = parseMarkdownNotes(front + body);
      expect((result.data as any).contacts).toEqual([{ name: 'ESPON EGTC', email: 'info@espon.eu', phone: '+352 20 600 280' }]);
      expect(result.messages.map((m) => m.ruleId)).not.toContain('footer-left-out');
    }
  });
});
