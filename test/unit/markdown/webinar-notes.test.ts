/**
 * A webinar's notes as a secretariat writes them in a hurry: the facts on one line between bars, practices headed
 * `Title – ACRONYM (Country)`, a figures list without its key, a calendar under `What's next` after the
 * recommendations, two contacts on consecutive lines.
 */
import { describe, expect, it } from 'vitest';
import { parseMarkdownNotes } from '../../../src/parse/markdown/index.js';
import { splitProjectTitle } from '../../../src/parse/canonical/practice-line.js';
import { paragraphContacts } from '../../../src/parse/markdown/contacts.js';
import { readActivityLine } from '../../../src/parse/canonical/activity-line.js';

const rules = (r: ReturnType<typeof parseMarkdownNotes>) => r.messages.map((m) => `${m.place?.start.line}:${m.place?.start.column} ${m.severity} ${m.ruleId}`);

describe('facts on one line between bars', () => {
  const NOTES = '# Water resilience\n\n**Date:** Tuesday, 4 March 2025 | **Venue:** Online (MS Teams) | **Organised by:** Policy Learning Platform\n\n## Summary\n\nText.\n';
  it('are each a fact, with its message at its own column', () => {
    const r = parseMarkdownNotes(NOTES);
    expect(r.data).toMatchObject({ date: 'Tuesday, 4 March 2025', place: 'Online (MS Teams)', organisers: 'Policy Learning Platform' });
    expect(rules(r).filter((m) => m.endsWith('title-block-line'))).toEqual(['3:1 info title-block-line', '3:35 info title-block-line', '3:66 info title-block-line']);
    expect(r.locate(['place'])?.start).toMatchObject({ line: 3, column: 35 });
  });
  it('a bar inside a value that is not a fact stays the value', () => {
    const r = parseMarkdownNotes('# T\n\nDate: 4 March 2025 | to be confirmed\n\n## Summary\n\nText.\n');
    expect((r.data as any).date).toBe('4 March 2025 | to be confirmed');
  });
});

describe('a practice heading with the acronym after the dash', () => {
  it('takes the acronym as the project, and keeps a closing bracket on the title', () => {
    expect(splitProjectTitle('Sponge district Vauban – NATURE4CITIES (Germany)')).toEqual({ project: 'NATURE4CITIES', title: 'Sponge district Vauban (Germany)' });
    expect(splitProjectTitle('Rain gardens in schools – RAINMAN')).toEqual({ project: 'RAINMAN', title: 'Rain gardens in schools' });
    // (the acronym first, as the reference report writes it, and a mixed-case one, are read as before)
    expect(splitProjectTitle('OD4GROWTH – Integrating open data')).toEqual({ project: 'OD4GROWTH', title: 'Integrating open data' });
    expect(splitProjectTitle('Green roofs for all – a city programme')).toEqual({ title: 'Green roofs for all – a city programme' });
    expect(splitProjectTitle('BETTER – Play Phygital app')).toEqual({ project: 'BETTER', title: 'Play Phygital app' });
  });
  it('reads the country from the bracket', () => {
    const d = parseMarkdownNotes('# T\n\n## Good practices\n\n### 1. Sponge district Vauban – NATURE4CITIES (Germany)\n\nText.\n').data as any;
    expect(d.practices.topics[0].practices[0]).toMatchObject({ project: 'NATURE4CITIES', title: 'Sponge district Vauban', country: 'Germany' });
  });
});

describe('a list of numbers in a practice', () => {
  const NOTES = '# T\n\n## Good practices\n\n### RAINMAN – Rain gardens\n\nPupils designed gardens.\n\n- 14 rain gardens\n- 900 pupils involved\n- €2.4 million invested\n';
  it('is its figures, said with an info at the list', () => {
    const r = parseMarkdownNotes(NOTES);
    const practice = (r.data as any).practices.topics[0].practices[0];
    expect(practice.figures).toEqual(['14 rain gardens', '900 pupils involved', '€2.4 million invested']);
    expect(practice.description).toBe('Pupils designed gardens.');
    expect(rules(r)).toContain('9:1 info list-as-figures');
    expect(r.locate(['practices', 'topics', 0, 'practices', 0, 'figures', 1])?.start.line).toBe(10);
  });
  it('stays text when an item does not start with a number, or figures are already given', () => {
    const words = parseMarkdownNotes(NOTES.replace('- 900 pupils', '- Many pupils')).data as any;
    expect(words.practices.topics[0].practices[0].figures ?? []).toEqual([]);
    expect(words.practices.topics[0].practices[0].description).toContain('Many pupils involved');
    const given = parseMarkdownNotes(NOTES.replace('Pupils designed gardens.', 'Figures: 3 schools')).data as any;
    expect(given.practices.topics[0].practices[0].figures).toEqual(['3 schools']);
    expect(given.practices.topics[0].practices[0].description).toContain('14 rain gardens');
  });
});

describe("a second next steps part that is a calendar", () => {
  const NOTES = '# T\n\n## Recommendations\n\n- Plan ahead.\n\n## What\'s next\n\n- 15 May 2025 – Peer review in Porto\n- June 2025: Policy brief on urban water\n';
  it('is the upcoming activities, with an info, not a duplicate part', () => {
    const r = parseMarkdownNotes(NOTES);
    const d = r.data as any;
    expect(d.upcoming.items).toEqual([{ title: 'Peer review in Porto', date: '2025-05-15' }, { title: 'June 2025: Policy brief on urban water' }]);
    expect(rules(r)).toContain('7:1 info part-by-content');
    expect(rules(r).some((m) => m.endsWith('duplicate-part'))).toBe(false);
  });
  it('stays a duplicate when its items are not dated; a calendar after it is then the second calendar', () => {
    expect(rules(parseMarkdownNotes(NOTES.replace('- 15 May 2025 – Peer review in Porto', '- Review the plan')))).toContain('7:1 error duplicate-part');
    const before = parseMarkdownNotes(NOTES.replace('## Recommendations', '## Upcoming activities\n\n- 2025-09-01 – Workshop\n\n## Recommendations'));
    expect(rules(before)).toContain('11:1 error duplicate-part');
    const after = parseMarkdownNotes(`${NOTES}\n## Upcoming activities\n\n- 2025-09-01 – Workshop\n`);
    expect(rules(after)).toContain('12:1 error duplicate-part');
  });
  it("`June 2025: …` is a time, not a kind", () => {
    expect(readActivityLine('June 2025: Policy brief')).toEqual({ title: 'June 2025: Policy brief' });
    expect(readActivityLine('Webinar: Policy brief')).toEqual({ kind: 'Webinar', title: 'Policy brief' });
  });
});

describe('contacts on consecutive lines', () => {
  const TEXT = 'Marta López – Thematic Expert – m.lopez@policylearning.eu\nTom Becker | Policy Officer | t.becker@policylearning.eu';
  it('are one contact per line that holds an address, each at its line', () => {
    const r = parseMarkdownNotes(`# T\n\n## Contacts\n\n${TEXT}\n`);
    expect((r.data as any).contacts).toEqual([
      { name: 'Marta López', role: 'Thematic Expert', email: 'm.lopez@policylearning.eu' },
      { name: 'Tom Becker', role: 'Policy Officer', email: 't.becker@policylearning.eu' },
    ]);
    expect(r.locate(['contacts', 1])?.start).toMatchObject({ line: 6, column: 1 });
  });
  it('business cards one after the other split after each address; one address keeps the paragraph whole', () => {
    const cards = paragraphContacts('Marta López\nThematic Expert\nm.lopez@x.eu\nTom Becker\nt.becker@x.eu\n+32 2 123 45 67', { position: { start: { line: 1, column: 1, offset: 0 }, end: { line: 6, column: 16, offset: 70 } } });
    expect(cards.map((c) => c.value)).toEqual(['Marta López\nThematic Expert\nm.lopez@x.eu', 'Tom Becker\nt.becker@x.eu\n+32 2 123 45 67']);
    expect(cards.map((c) => (c.node.position as any).start.line)).toEqual([1, 4]);
    expect(paragraphContacts('Marta López\nm.lopez@x.eu', { position: { start: { line: 1, column: 1, offset: 0 }, end: { line: 2, column: 13, offset: 24 } } })).toHaveLength(1);
  });
});

describe('practice key lines sharing a line', () => {
  it('are each a key, at its own column, when every piece is a known key with a value', () => {
    const r = parseMarkdownNotes('---\nlanguage: pt\n---\n\n## Boas práticas\n\n### Rota costeira\n\nProjeto: HERITAGE-SEA — País: Croácia\n\nTexto.\n');
    const practice = (r.data as any).practices.topics[0].practices[0];
    expect(practice).toMatchObject({ project: 'HERITAGE-SEA', country: 'Croácia', description: 'Texto.' });
    expect(r.locate(['practices', 'topics', 0, 'practices', 0, 'country'])?.start).toMatchObject({ line: 9, column: 25 });
  });
  it('a dash inside a value keeps the line one key', () => {
    const practice = (parseMarkdownNotes('# T\n\n## Good practices\n\n### Coastal route\n\nProject: HERITAGE-SEA – the sea route\n\nText.\n').data as any).practices.topics[0].practices[0];
    expect(practice.project).toBe('HERITAGE-SEA – the sea route');
  });
});

describe('highlights as paragraphs opening with a title in bold', () => {
  const NOTES = '# T\n\n## Highlights\n\nTwo themes stood out.\n\n**Grid expansion.** Dr. Katrin Vollmer presented the pipelines.\n\n**Industry as buyer:** Steel is the main buyer (Speaker: Peter Gruber, voestalpine).\n';
  it('are themes, the paragraphs before them the introduction', () => {
    const r = parseMarkdownNotes(NOTES);
    const h = (r.data as any).highlights;
    expect(h.intro).toBe('Two themes stood out.');
    expect(h.themes).toEqual([
      { title: 'Grid expansion', text: 'Dr. Katrin Vollmer presented the pipelines.' },
      { title: 'Industry as buyer', text: 'Steel is the main buyer', speakers: [{ name: 'Peter Gruber', organisation: 'voestalpine' }] },
    ]);
    expect(rules(r)).toContain('7:1 info theme-paragraphs');
  });
  it('a name in bold opening a sentence is not a title, nor is a single such paragraph', () => {
    const names = parseMarkdownNotes('# T\n\n## Highlights\n\n**Laura Bianchi** (EIB) explained blending.\n\n**Jan Novák** presented indicators.\n').data as any;
    expect(names.highlights.themes ?? []).toEqual([]);
    const one = parseMarkdownNotes('# T\n\n## Highlights\n\n**Grid expansion.** Text.\n').data as any;
    expect(one.highlights.themes ?? []).toEqual([]);
  });
});

describe('a line of words above the facts under the title', () => {
  it('is the subtitle, unless the front matter has one', () => {
    const r = parseMarkdownNotes('Hydrogen strategies\n===\n\nWorkshop of the Policy Learning Platform\nDate: 19 September 2024\nVenue: Linz\n\n## Summary\n\nText.\n');
    expect(r.data).toMatchObject({ title: 'Hydrogen strategies', subtitle: 'Workshop of the Policy Learning Platform', date: '19 September 2024' });
    expect(rules(r)).toContain('4:1 info title-block-line');
    const front = parseMarkdownNotes('---\nsubtitle: Given\n---\n\n# Hydrogen\n\nWorkshop of the Policy Learning Platform\nDate: 19 September 2024\n\n## Summary\n\nText.\n');
    expect((front.data as any).subtitle).toBe('Given');
    expect((front.data as any).date).toBeUndefined();
  });
  it('a sentence is not a subtitle', () => {
    const d = parseMarkdownNotes('# Hydrogen\n\nFifty people met in Linz.\nDate: 19 September 2024\n\n## Summary\n\nText.\n').data as any;
    expect(d.subtitle).toBeUndefined();
  });
});

describe('practices as paragraphs under a title line in bold', () => {
  const NOTES = '# T\n\n## Good practices\n\n**BUILD-CIRC – Reuse hub for building materials (Belgium)**\nPresented by Jan Peeters, OVAM.\nThe hub collects doors.\nKey figures: 1,200 tonnes reused; 35 jobs created\n\n**CIRCON – Circular procurement guide (Finland)**\nPresented by Aino Virtanen, City of Espoo.\nEspoo wrote circular criteria.\n';
  it('are one practice each, the bold marks left out, the presenter and the country read', () => {
    const practices = (parseMarkdownNotes(NOTES).data as any).practices.topics[0].practices;
    expect(practices).toEqual([
      expect.objectContaining({ project: 'BUILD-CIRC', title: 'Reuse hub for building materials', country: 'Belgium', presenter: { name: 'Jan Peeters', organisation: 'OVAM' }, description: 'The hub collects doors.', figures: ['1,200 tonnes reused', '35 jobs created'] }),
      expect.objectContaining({ project: 'CIRCON', title: 'Circular procurement guide', country: 'Finland', presenter: { name: 'Aino Virtanen', organisation: 'City of Espoo' }, description: 'Espoo wrote circular criteria.' }),
    ]);
  });
});

describe('next steps as a list of group titles holding their lists', () => {
  it('is one group per item', () => {
    const r = parseMarkdownNotes('# T\n\n## Next steps\n\nTwo groups.\n\n- Policy\n  - Set reuse targets.\n  - Reward circular bids.\n- **Skills:**\n  - Train workers.\n');
    const n = (r.data as any).nextSteps;
    expect(n.intro).toBe('Two groups.');
    expect(n.groups).toEqual([{ title: 'Policy', items: ['Set reuse targets.', 'Reward circular bids.'] }, { title: 'Skills', items: ['Train workers.'] }]);
    expect(rules(r)).toContain('7:1 info list-as-group');
    expect(r.locate(['nextSteps', 'groups', 1])?.start.line).toBe(10);
  });
  it('a list whose items are recommendations with a sub-list stays one group', () => {
    const n = (parseMarkdownNotes('# T\n\n## Next steps\n\n- Set reuse targets.\n- Policy\n  - Reward circular bids.\n').data as any).nextSteps;
    expect(n.groups).toHaveLength(1);
  });
});

describe('resources as lines of a paragraph', () => {
  it('are one resource per line when every line holds an address', () => {
    const r = parseMarkdownNotes('# T\n\n## Resources\n\nMaterial passports guide – https://www.ovam.be/passports\nToolkit: www.espoo.fi/toolkit\n');
    expect((r.data as any).resources.items).toEqual([{ title: 'Material passports guide', url: 'https://www.ovam.be/passports' }, { title: 'Toolkit', url: 'https://www.espoo.fi/toolkit' }]);
    expect(rules(r)).toEqual(expect.arrayContaining(['5:1 info lines-as-items', '6:1 info address-scheme']));
    expect(r.locate(['resources', 'items', 1])?.start).toMatchObject({ line: 6, column: 1 });
  });
  it('a paragraph with a line of prose stays the note', () => {
    const d = parseMarkdownNotes('# T\n\n## Resources\n\nSee the guide – https://www.ovam.be/passports\nAsk us for more.\n').data as any;
    expect(d.resources.items).toEqual([]);
    expect(d.resources.note).toContain('Ask us for more.');
  });
});

describe('a contact written in a sentence', () => {
  it('is the name before the address, and the other words are said to be left out', () => {
    const r = parseMarkdownNotes('# T\n\n## Contacts\n\nPlease contact Erik Lund (erik.lund@policylearning.eu) for more information.\n');
    expect((r.data as any).contacts).toEqual([{ name: 'Erik Lund', email: 'erik.lund@policylearning.eu' }]);
    expect(rules(r)).toContain('5:1 info contact-in-sentence');
  });
  it('a business card or a line with a role says nothing', () => {
    for (const text of ['Marta López\nThematic Expert\nEnvironment\nm.lopez@x.eu', 'Mart Kask – Thematic expert, m.kask@x.eu']) {
      expect(rules(parseMarkdownNotes(`# T\n\n## Contacts\n\n${text}\n`)).filter((m) => m.endsWith('contact-in-sentence'))).toEqual([]);
    }
  });
});

describe('key words as Romanian writes them on a line', () => {
  it('reads the articulated forms (`Țara:`, `Regiunea:`, `Proiectul:`) and more highlights headings', () => {
    const r = parseMarkdownNotes('---\nlanguage: ro\n---\n\n## Idei principale\n\n### Acoperișuri verzi\n\nText.\n\n## Bune practici\n\n### Parcul liniar\n\nProiectul: GREEN-LINK\nȚara: România\nRegiunea: Cluj\n\nText.\n');
    const d = r.data as any;
    expect(d.highlights.themes[0].title).toBe('Acoperișuri verzi');
    expect(d.practices.topics[0].practices[0]).toMatchObject({ project: 'GREEN-LINK', country: 'România', region: 'Cluj' });
    expect(rules(r).filter((m) => m.endsWith('unknown-key-line') || m.endsWith('unknown-heading'))).toEqual([]);
  });
});

describe('minimal notes: a title and a few lines', () => {
  it('take a closing contact line as the contact, with the warning', () => {
    const r = parseMarkdownNotes('# Peer review Tartu – 3 Oct 2024\n\n- 25 participants\n- Main lesson: start small\n\nContact: kaisa.k@policylearning.eu\n');
    expect((r.data as any).contacts).toEqual([{ name: 'kaisa.k@policylearning.eu', email: 'kaisa.k@policylearning.eu' }]);
    expect(rules(r)).toContain('6:1 warning contact-outside-part');
    expect((r.data as any).summary).toContain('start small');
  });
  it('a contact line alone is not taken out of them', () => {
    const r = parseMarkdownNotes('# Peer review\n\nContact: kaisa.k@policylearning.eu\n');
    expect((r.data as any).contacts).toBeUndefined();
  });
});

describe('a closing contact line with a lead-in in the notes’ language', () => {
  it('is the contact, the lead-in left out; a name before the colon stays the name', () => {
    const notes = (line: string) => parseMarkdownNotes(`---\nlanguage: fr\n---\n\n## Résumé\n\nTexte.\n\n## À venir\n\n- 15 mai 2025 : visite\n\n${line}\n`).data as any;
    expect(notes('Pour toute question : Sophie Martin, experte thématique, s.martin@policylearning.eu').contacts).toEqual([{ name: 'Sophie Martin', role: 'experte thématique', email: 's.martin@policylearning.eu' }]);
    expect(notes('Sophie Martin: s.martin@policylearning.eu').contacts).toEqual([{ name: 'Sophie Martin', email: 's.martin@policylearning.eu' }]);
  });
});

describe('facts and other key lines in one block under the title', () => {
  const NOTES = '# Hydrogen valleys\n\nDate: 20 February 2025\nParticipants: 65 from 17 countries\nModerator: Sara Lind\n\n## Highlights\n\n### Industry\n\nText.\n';
  it('reads the facts and keeps the other lines as the summary, said at the first of them', () => {
    const r = parseMarkdownNotes(NOTES);
    expect(r.data).toMatchObject({ date: '20 February 2025' });
    expect((r.data as any).summary).toContain('Participants: 65 from 17 countries');
    expect((r.data as any).summary).toContain('Moderator: Sara Lind');
    expect(rules(r)).toEqual(expect.arrayContaining(['3:1 info title-block-line', '4:1 info title-block-line']));
  });
});

describe('a Word document converted by pandoc', () => {
  const NOTES = '**Thematic workshop on sustainable tourism**\n\n**Date:** 5 June 2024\\\n**Venue:** Split, Croatia\n\n# Summary\n\nText.\n\n# Highlights\n\n## Carrying capacity\n\n***Speakers:*** Ivana Kovač (Split Tourist Board)\n\nText.\n\n# Good practices\n\n## SMART-TOUR -- Visitor flow sensors (Croatia)\n\nText.\n';
  it('has its title in bold at the top, its parts at level 1, hard line breaks, bold-italic keys and `--` dashes', () => {
    const d = parseMarkdownNotes(NOTES).data as any;
    expect(d).toMatchObject({ title: 'Thematic workshop on sustainable tourism', date: '5 June 2024', place: 'Split, Croatia', summary: 'Text.' });
    expect(d.highlights.themes[0]).toMatchObject({ title: 'Carrying capacity', speakers: [{ name: 'Ivana Kovač', organisation: 'Split Tourist Board' }] });
    expect(d.practices.topics[0].practices[0]).toMatchObject({ project: 'SMART-TOUR', title: 'Visitor flow sensors', country: 'Croatia' });
  });
  it('a first level-1 heading that names no part is still the title', () => {
    expect((parseMarkdownNotes('# Tourism workshop\n\nText.\n\n# Highlights\n\nMore.\n').data as any).title).toBe('Tourism workshop');
  });
});

describe('a Google Docs Markdown download', () => {
  it('reads italic key lines without their closing mark', () => {
    const d = parseMarkdownNotes('# T\n\n## Highlights\n\n### Sorting\n\n*Speaker: Giovanni Conti, ASM Prato*\n\nText\\.\n').data as any;
    expect(d.highlights.themes[0].speakers).toEqual([{ name: 'Giovanni Conti', organisation: 'ASM Prato' }]);
  });
});

describe('the language of the event’s key lines', () => {
  it('is the notes’ language when they say none and the headings name none', () => {
    const r = parseMarkdownNotes('# Fachworkshop\n\nDatum: 19.09.2024\nOrt: Graz, Österreich\n\n## Zusammenfassung\n\nText.\n\n## Highlights\n\n### Thema\n\nText.\n');
    expect(r.data).toMatchObject({ language: 'de', summary: 'Text.' });
    expect(rules(r)).toContain('6:1 info language-from-keys');
  });
  it('English key lines say nothing', () => {
    const r = parseMarkdownNotes('# Workshop\n\nDate: 19 September 2024\nVenue: Graz\n\n## Summary\n\nText.\n');
    expect((r.data as any).language).toBeUndefined();
    expect(rules(r).some((m) => m.endsWith('language-from-keys'))).toBe(false);
  });
});
