/**
 * Notes with no front matter, as a Notion page or a Word template is written: the event's facts as key lines at the
 * top, a title in bold, the language only in the headings, numbered headings, practices as a list.
 */
import { describe, expect, it } from 'vitest';
import { parseMarkdownNotes } from '../../../src/parse/markdown/index.js';
import { practiceLine } from '../../../src/parse/canonical/practice-line.js';
import { readPerson } from '../../../src/parse/canonical/people.js';
import { readContact } from '../../../src/parse/canonical/short-forms.js';
import { languageOfHeadingTexts } from '../../../src/parse/section-names.js';

const rules = (r: ReturnType<typeof parseMarkdownNotes>) => r.messages.map((m) => `${m.place?.start.line}:${m.place?.start.column} ${m.severity} ${m.ruleId}`);
const data = (text: string) => parseMarkdownNotes(text).data as any;

describe('facts as key lines before the first part', () => {
  const NOTES = '# Circular economy in rural regions\n\nDate: 12 March 2025\n**Location:** Bologna, Italy\n- Organisers: PLP; Region (host)\n\nForty people met.\n\n## Highlights\n\n### Supply chains\n\nText.\n';

  it('are the front matter’s keys, each with an info at its line', () => {
    const r = parseMarkdownNotes(NOTES);
    const d = r.data as any;
    expect(d).toMatchObject({ title: 'Circular economy in rural regions', date: '12 March 2025', place: 'Bologna, Italy', summary: 'Forty people met.' });
    expect(rules(r).filter((m) => m.endsWith('title-block-line'))).toEqual(['3:1 info title-block-line', '4:1 info title-block-line', '5:3 info title-block-line']);
    expect(r.locate(['date'])?.start.line).toBe(3);
    expect(r.locate(['place'])?.start.line).toBe(4);
  });

  it('read a list of key lines too, and keep the text after them as the summary', () => {
    const d = data('# T\n\n- Date: 12 March 2025\n- Venue: Palazzo Re Enzo\n- City: Bologna\n- Country: Italy\n\nForty people met.\n');
    expect(d.date).toBe('12 March 2025');
    expect(d.place).toEqual({ venue: 'Palazzo Re Enzo', city: 'Bologna', country: 'Italy' });
    expect(d.summary).toBe('Forty people met.');
  });

  it('put a venue before a written place', () => {
    expect(data('# T\n\nDate: 2025-03-12\nVenue: Palazzo Re Enzo\nLocation: Bologna, Italy\n').place).toBe('Palazzo Re Enzo, Bologna, Italy');
  });

  it('are not read when a line names no fact, or names a date and is not one', () => {
    const d = data('# T\n\nFrom: Maria Rossi\nTo: all partners\n\nForty people met.\n');
    expect(d.date).toBeUndefined();
    expect(d.summary).toContain('From: Maria Rossi');
    expect(data('# T\n\nFrom: Maria Rossi\nDate: 12 March 2025\nSubject: notes\n').date).toBeUndefined();
    // (a line that names no fact beside the date stays text: the date is read, the line kept as the summary's)
    const timed = parseMarkdownNotes('# T\n\nDate: 2025-03-12\nTime: 09:30\n');
    expect(timed.data).toMatchObject({ date: '2025-03-12', summary: 'Time: 09:30' });
    expect(rules(timed)).toContain('4:1 info title-block-line');
  });

  it('read in the notes’ language', () => {
    const d = data('---\nlanguage: it\n---\n# T\n\nData: 12 marzo 2025\nLuogo: Bologna, Italia\n');
    expect(d).toMatchObject({ date: '12 marzo 2025', place: 'Bologna, Italia' });
  });

  it('with the front matter: the same value is one, another an error that shows both', () => {
    const same = parseMarkdownNotes('---\ndate: 2025-03-12\n---\n# T\n\nDate: 2025-03-12\n');
    expect(rules(same)).toContain('6:1 warning same-value-twice');
    const other = parseMarkdownNotes('---\ndate: 2025-03-12\n---\n# T\n\nDate: 2025-03-13\n');
    expect(other.messages.find((m) => m.ruleId === 'duplicate-part')?.note).toContain('2025-03-13');
  });
});

describe('a date and a place closing the title heading', () => {
  it('reads them when the notes give no date elsewhere, and says so', () => {
    const r = parseMarkdownNotes('# Workshop tematico – 8 ottobre 2024, Matera (Italia)\n\n## Sintesi\n\nTesto.\n');
    expect(r.data).toMatchObject({ title: 'Workshop tematico', date: '8 ottobre 2024', place: 'Matera (Italia)' });
    expect(rules(r)).toContain('1:1 info title-block-line');
    expect(data('# Webinar on skills (12 March 2025)\n\nText.\n')).toMatchObject({ title: 'Webinar on skills', date: '12 March 2025' });
  });
  it('leaves a title whose closing words are no date, or notes that give their date, as written', () => {
    expect(data('# Peer review – Tartu\n\nText.\n').title).toBe('Peer review – Tartu');
    expect(data('# Energy transition 2030 – 2050\n\nText.\n').title).toBe('Energy transition 2030 – 2050');
    expect(data('# Smart regions (March 2025)\n\nText.\n').title).toBe('Smart regions (March 2025)');
    const dated = parseMarkdownNotes('---\ndate: 2024-10-08\n---\n# Workshop – 8 October 2024\n\nText.\n');
    expect(dated.data).toMatchObject({ title: 'Workshop – 8 October 2024', date: '2024-10-08' });
  });
});

describe('a title in bold at the top', () => {
  it('is the title; a programme’s name before it the series', () => {
    const r = parseMarkdownNotes('**Interreg Europe Policy Learning Platform**\n\n**Online workshop: Energy communities**\n\n**Date:** 5–6 June 2024\n\nText.\n');
    expect(r.data).toMatchObject({ series: 'Interreg Europe Policy Learning Platform', title: 'Online workshop: Energy communities', date: '5–6 June 2024', summary: 'Text.' });
    expect(rules(r).filter((m) => m.endsWith('title-block-line'))).toEqual(['1:1 info title-block-line', '3:1 info title-block-line', '5:1 info title-block-line']);
  });

  it('is the title and a subtitle when the first names no programme', () => {
    expect(data('**Energy communities**\n\n**From pilots to policy**\n\nText.\n')).toMatchObject({ title: 'Energy communities', subtitle: 'From pilots to policy' });
  });

  it('is not read when the notes have a title', () => {
    expect(data('---\ntitle: T\n---\n**Bold opening line**\n\nText.\n').summary).toBe('**Bold opening line**\n\nText.');
  });
});

describe('the language of the headings', () => {
  it('is chosen from two or more part headings of one pack', () => {
    expect(languageOfHeadingTexts(['Sintesi', 'Punti salienti', 'Buone pratiche'])).toBe('it');
    expect(languageOfHeadingTexts(['Summary', 'Highlights'])).toBeUndefined();
    expect(languageOfHeadingTexts(['Sintesi'])).toBeUndefined();
  });

  it('reads the notes and prints them in it, with an info', () => {
    const r = parseMarkdownNotes('# T\n\n## Sintesi\n\nTesto.\n\n## Punti salienti\n\n### Tema\n\nRelatori: Maria Rossi (ART-ER)\n\nTesto.\n');
    const d = r.data as any;
    expect(d.language).toBe('it');
    expect(d.summary).toBe('Testo.');
    expect(d.highlights.themes[0].speakers).toEqual([{ name: 'Maria Rossi', organisation: 'ART-ER' }]);
    expect(rules(r)).toContain('3:1 info language-from-headings');
  });

  it('is not guessed when the notes say theirs', () => {
    const r = parseMarkdownNotes('---\nlanguage: en\n---\n# T\n\n## Sintesi\n\nA.\n\n## Punti salienti\n\nB.\n');
    expect(rules(r)).not.toContain('6:1 info language-from-headings');
    expect((r.data as any).highlights).toBeUndefined();
  });
});

describe('numbered headings pasted from Word', () => {
  const NOTES =
    '---\ntitle: T\ndate: 2024-06-05\n---\n1. Background\n\nText.\n\n2. Main messages\n\n2.1 Citizens first\n\nTrust.\n\n3. Good practices\n\n1. **COMMUNITY** – One-stop shop (Flanders, Belgium). Presented by Els Peeters, VEKA. 45 communities advised.\n2. **PROSPECT** – Support scheme (Portugal).\n\n4. Recommendations\n\n- Simplify registration\n';

  it('are headings, a sub-number one level down, and a list joined to them is split where its numbering restarts', () => {
    const r = parseMarkdownNotes(NOTES);
    const d = r.data as any;
    expect(d.summary).toBe('Text.');
    expect(d.highlights.themes.map((t: any) => t.title)).toEqual(['Citizens first']);
    expect(d.practices.topics[0].practices).toEqual([
      { project: 'COMMUNITY', title: 'One-stop shop', region: 'Flanders', country: 'Belgium', presenter: { name: 'Els Peeters', organisation: 'VEKA' }, description: '45 communities advised.' },
      { project: 'PROSPECT', title: 'Support scheme', country: 'Portugal' },
    ]);
    expect(d.nextSteps.groups[0].items).toEqual(['Simplify registration']);
    expect(rules(r)).toContain('5:1 info plain-heading');
    expect(rules(r)).toContain('11:1 info plain-heading');
    expect(rules(r)).toContain('17:1 info practice-list');
    // `report fix` writes each as the heading it was read as, numbering kept
    expect(r.edits?.map((e) => e.text)).toEqual(expect.arrayContaining(['## 1. Background', '### 2.1 Citizens first', '## 3. Good practices', '## 4. Recommendations']));
  });

  it('stay a list when the numbers make no outline', () => {
    const r = parseMarkdownNotes('---\ntitle: T\ndate: 2024-06-05\n---\n## Next steps\n\n1. Share the templates\n\nThen more.\n\n3. Meet again\n');
    expect((r.data as any).nextSteps.groups[0].items).toEqual(['Share the templates', 'Meet again']);
    expect(rules(r).filter((m) => m.endsWith('plain-heading'))).toEqual([]);
  });
});

describe('one line of a practice, a person, a contact', () => {
  it('reads a practice from a list item only with a project’s name', () => {
    expect(practiceLine('REGIO-MOB – Car sharing in 8 villages (Slovenia)', 'en')).toMatchObject({ project: 'REGIO-MOB', title: 'Car sharing in 8 villages', country: 'Slovenia' });
    expect(practiceLine('Simplify rules – for all', 'en')).toBeUndefined();
  });

  it('reads `Name – Organisation`', () => {
    expect(readPerson('Klaus Weber – KfW')).toEqual({ name: 'Klaus Weber', organisation: 'KfW' });
    expect(readPerson('Klaus Weber – Director, KfW')).toEqual({ name: 'Klaus Weber', role: 'Director', organisation: 'KfW' });
  });

  it('reads a contact’s role and a Markdown mailto link with the one contact reader', () => {
    expect(readContact('Mart Kask – Thematic expert, m.kask@x.eu')).toEqual({ name: 'Mart Kask', role: 'Thematic expert', email: 'm.kask@x.eu' });
    expect(readContact('[Carl](mailto:c@d.eu)')).toEqual({ name: 'Carl', email: 'c@d.eu' });
    expect(readContact('[c@d.eu](mailto:c@d.eu)')).toEqual({ name: 'c@d.eu', email: 'c@d.eu' });
  });

  it('leaves a lead-in out of a contact’s name', () => {
    const d = data('---\ntitle: T\ndate: 2024-06-05\n---\n## Highlights\n\n### A\n\nText.\n\nFor more information: Katharina Krell, k.krell@x.eu\n');
    expect(d.contacts).toEqual([{ name: 'Katharina Krell', email: 'k.krell@x.eu' }]);
  });

  it('keeps a resource without an address as text under the list, with a warning', () => {
    const r = parseMarkdownNotes('---\ntitle: T\ndate: 2024-06-05\n---\n## Resources\n\n- [Brief](https://x.eu/b)\n- Slides of the workshop (PDF)\n');
    const d = r.data as any;
    expect(d.resources.items).toEqual([{ title: 'Brief', url: 'https://x.eu/b' }]);
    expect(d.resources.note).toBe('- Slides of the workshop (PDF)');
    expect(rules(r)).toContain('8:1 warning resource-without-address');
  });
});

describe('other words people use', () => {
  const FRONT = '---\ntitle: T\ndate: 2025-01-14\n---\n';

  it('`Presenters:` in a theme names its speakers, `What’s next?` is the next steps', () => {
    const d = data(FRONT + '## Key takeaways\n\n### Skills\n\nPresenters: Mika Virtanen (Motiva, Finland) & Laura Schmidt (dena)\n\nText.\n\n## What’s next?\n\n- Publish a brief\n');
    expect(d.highlights.themes[0].speakers.map((s: any) => s.name)).toEqual(['Mika Virtanen', 'Laura Schmidt']);
    expect(d.nextSteps.groups[0].items).toEqual(['Publish a brief']);
  });

  it('a date before an activity’s colon is its date, not its kind', () => {
    const d = data(FRONT + '## Stay tuned\n\n- 12 March 2025: Online workshop on district heating (https://x.eu/dh)\n- Webinar: Heat pumps\n');
    expect(d.upcoming.items).toEqual([
      { title: 'Online workshop on district heating', date: '2025-03-12', url: 'https://x.eu/dh' },
      { title: 'Heat pumps', kind: 'Webinar' },
    ]);
  });

  it('a `Venue:` line alone is the place, as in YAML', () => {
    expect(data('# T\n\nDate: 2025-01-14\nVenue: Online (MS Teams)\n').place).toBe('Online (MS Teams)');
  });
});

describe('a Notion page’s decorations', () => {
  it('headings with pictographs name their parts; a practice’s `(Region, Country)` is read', () => {
    const d = data(
      '---\ntitle: T\ndate: 2025-04-03\nlanguage: es\n---\n# 📝 Resumen\n\nTexto.\n\n# ✨ Aspectos destacados\n\n## 🚲 Bicicleta\n\nTexto.\n\n# 🏆 Buenas prácticas\n\n## Movilidad\n\n### E-BIKE – Bicicletas compartidas (Andalucía, España)\n\nTexto.\n\n# ✅ Próximos pasos\n\n- Publicar un informe\n',
    );
    expect(d.summary).toBe('Texto.');
    expect(d.highlights.themes[0].title).toBe('🚲 Bicicleta');
    expect(d.practices.topics[0].practices[0]).toMatchObject({ project: 'E-BIKE', title: 'Bicicletas compartidas', region: 'Andalucía', country: 'España' });
    expect(d.nextSteps.groups[0].items).toEqual(['Publicar un informe']);
  });
});

describe('a task list', () => {
  it('is read as plain items, with one info that the marks are not printed', () => {
    const r = parseMarkdownNotes('---\ntitle: T\ndate: 2025-04-03\n---\n## Next steps\n\n- [ ] Publish a brief\n- [x] Share the slides\n');
    expect((r.data as any).nextSteps.groups[0].items).toEqual(['Publish a brief', 'Share the slides']);
    expect(rules(r)).toContain('7:1 info task-marks-left-out');
    expect(rules(parseMarkdownNotes('---\ntitle: T\ndate: 2025-04-03\n---\n## Next steps\n\n- Publish a brief\n'))).not.toContain('7:1 info task-marks-left-out');
  });
});

describe('lists as people write them under a part', () => {
  const FRONT = '---\ntitle: T\ndate: 2024-09-19\n---\n';

  it('highlights as a list of bold-led items are themes, a `(Speaker: …)` their speakers', () => {
    const r = parseMarkdownNotes(FRONT + '## Highlights\n\n- **Digital hubs**: Work with managing authorities. (Speaker: Anna Gruber, SFG)\n- **Skills** – Short courses.\n');
    expect((r.data as any).highlights.themes).toEqual([
      { title: 'Digital hubs', speakers: [{ name: 'Anna Gruber', organisation: 'SFG' }], text: 'Work with managing authorities.' },
      { title: 'Skills', text: 'Short courses.' },
    ]);
    expect(rules(r)).toContain('7:1 info theme-list');
    // a list with one item not so stays the introduction
    expect((data(FRONT + '## Highlights\n\n- **Skills**: Short courses.\n- Plain item\n') as any).highlights.intro).toContain('Plain item');
  });

  it('`### Good practice 1: Title` with key lines is a practice, its label left out', () => {
    const d = data(FRONT + '## Good practices\n\n### Good practice 1: Digital vouchers\n\nProject: DIGI-SME\nCountry: Austria\n\nText.\n');
    expect(d.practices.topics[0].practices).toEqual([{ project: 'DIGI-SME', title: 'Digital vouchers', country: 'Austria', description: 'Text.' }]);
  });

  it('a bold line before a list under next steps names a group', () => {
    const d = data(FRONT + '## Recommendations\n\n**For regions**\n- Link vouchers to advice\n\n**For the EU**\n- Simplify state aid\n');
    expect(d.nextSteps.groups).toEqual([
      { title: 'For regions', items: ['Link vouchers to advice'] },
      { title: 'For the EU', items: ['Simplify state aid'] },
    ]);
  });
});
