/** Notes pasted from a document (one paragraph per line) and the short forms secretariats write in them. */
import { describe, expect, it } from 'vitest';
import { canonicalise } from '../../../src/parse/canonical/index.js';
import { isCountryName, readPlace } from '../../../src/parse/canonical/place.js';
import { readOrganiser, splitSemicolons } from '../../../src/parse/canonical/short-forms.js';
import { readPerson as parseSpeaker, splitPeople } from '../../../src/parse/canonical/people.js';
import { parseMarkdownNotes } from '../../../src/parse/markdown/index.js';
import { parseResource } from '../../../src/parse/markdown/resources.js';
import { parseUpcomingItem } from '../../../src/parse/markdown/upcoming.js';

const FRONT = '---\ntitle: Circular rural areas\ndate: 2025-03-04\n---\n\n';
const read = (body: string) => parseMarkdownNotes(FRONT + body);
const rules = (r: ReturnType<typeof read>) => r.messages.map((m) => `${m.place?.start.line} ${m.ruleId}`);

const PASTED = [
  'Summary',
  'The peer review brought together 34 participants.',
  '',
  'Highlights',
  'Repair cafés',
  'Speaker: Kadri Tamm, Tartu City Government',
  'Kadri explained how the city supports repair cafés.',
  'Green procurement',
  'Speakers: Jean Dupont (ADEME, France) and Anna Kowalska (Lubelskie)',
  'Both speakers agreed.',
  '',
  'Next steps',
  'For the region:',
  '- Pilot a voucher scheme',
  '- Map second-hand shops',
  'For the platform:',
  '- Publish a brief',
  '',
].join('\n');

describe('notes pasted with one paragraph per line', () => {
  it('reads each line as a block: parts, themes before their `Speaker:` lines, labelled groups', () => {
    const result = read(PASTED);
    const data = result.data as Record<string, any>;
    expect(data.summary).toBe('The peer review brought together 34 participants.');
    expect(data.highlights.themes.map((t: any) => t.title)).toEqual(['Repair cafés', 'Green procurement']);
    expect(data.highlights.themes[0].speakers).toEqual([{ name: 'Kadri Tamm', organisation: 'Tartu City Government' }]);
    expect(data.highlights.themes[0].text).toBe('Kadri explained how the city supports repair cafés.');
    expect(data.highlights.themes[1].speakers.map((s: any) => s.name)).toEqual(['Jean Dupont', 'Anna Kowalska']);
    expect(data.nextSteps.groups).toEqual([
      { title: 'For the region', items: ['Pilot a voucher scheme', 'Map second-hand shops'] },
      { title: 'For the platform', items: ['Publish a brief'] },
    ]);
    expect(rules(result)).toEqual(['6 pasted-lines', '6 plain-heading', '9 plain-heading', '17 plain-heading', '10 plain-heading', '13 plain-heading', '18 list-as-group', '21 list-as-group']);
  });

  it('leaves wrapped Markdown paragraphs alone: their breaks fall inside sentences', () => {
    const wrapped = '## Summary\n\nThe peer review brought together thirty-four\nparticipants from eleven countries to discuss\nhow rural municipalities can move towards\na circular economy, with repair networks\nand public procurement in focus.\n';
    const result = read(wrapped);
    expect((result.data as any).summary).toContain('thirty-four participants');
    expect(rules(result)).not.toContain('6 pasted-lines');
    expect(result.messages.some((m) => m.ruleId === 'pasted-lines')).toBe(false);
  });

  it('reads a presenter written `Presented by …` and a country in brackets after a practice’s title', () => {
    const data = read('## Good practices\n\n### PROJ – Village compost network (Slovenia)\n\nPresented by Marko Novak, Municipality of Kamnik\n\nThe municipality set up 45 points.\n').data as any;
    const practice = data.practices.topics[0].practices[0];
    expect(practice).toMatchObject({ project: 'PROJ', title: 'Village compost network', country: 'Slovenia', presenter: { name: 'Marko Novak', organisation: 'Municipality of Kamnik' }, description: 'The municipality set up 45 points.' });
  });
});

describe('short forms in pasted notes', () => {
  it('splits people at `;`, joining words between names and commas after brackets, never inside brackets', () => {
    expect(splitPeople('Jean Dupont (ADEME, France) and Anna Kowalska')).toEqual(['Jean Dupont (ADEME, France)', 'Anna Kowalska']);
    expect(splitPeople('Jean Dupont (ADEME), Anna Kowalska (Lubelskie)')).toEqual(['Jean Dupont (ADEME)', 'Anna Kowalska (Lubelskie)']);
    expect(splitPeople('Jane Doe, Director, City of Genoa; John Smith')).toEqual(['Jane Doe, Director, City of Genoa', 'John Smith']);
    expect(splitPeople('Research and innovation officer')).toEqual(['Research and innovation officer']);
    expect(parseSpeaker('Jean Dupont (ADEME, France)')).toEqual({ name: 'Jean Dupont', organisation: 'ADEME, France' });
  });

  it('reads places as `City (Country)` and `City – Country` only with a country’s name', () => {
    expect(isCountryName('Deutschland')).toBe(true);
    expect(isCountryName('Lithuanian Innovation Centre')).toBe(false);
    expect(readPlace('Tartu (Estonia)')).toEqual({ city: 'Tartu', country: 'Estonia' });
    expect(readPlace('Brussels - Belgium')).toEqual({ city: 'Brussels', country: 'Belgium' });
    expect(readPlace('Vilnius (Lithuanian Innovation Centre)')).toBeUndefined();
  });

  it('reads organisers on one line, split at `;`, with a role word in brackets', () => {
    expect(splitSemicolons('Interreg Europe; Tartu City Government (host)')).toEqual(['Interreg Europe', 'Tartu City Government (host)']);
    expect(splitSemicolons('Ministry of Economy, Lithuania')).toBeUndefined();
    expect(readOrganiser('Tartu City Government (host)')).toEqual({ name: 'Tartu City Government', role: 'host' });
    expect(readOrganiser('Stadt Hamburg (Gastgeber)', 'de')).toEqual({ name: 'Stadt Hamburg', role: 'Gastgeber' });
    expect(readOrganiser('European Commission (DG REGIO)')).toEqual({ name: 'European Commission (DG REGIO)' });
    const { data, messages } = canonicalise({ data: { title: 'T', date: '2025-03-04', organisers: 'Interreg Europe; Tartu City Government (host)' }, messages: [], locate: () => undefined });
    expect((data as any).organisers).toEqual([{ name: 'Interreg Europe' }, { name: 'Tartu City Government', role: 'host' }]);
    expect(messages.some((m) => m.ruleId === 'short-form' && m.reason.includes('list of 2'))).toBe(true);
  });

  it('reads a word of the notes’ language for a key under the key its English word stands for (`testo` of a practice)', () => {
    const practice = { titolo: 'Borghi in rete', testo: 'Una rete di 18 borghi.' };
    const { data, messages } = canonicalise({ data: { title: 'T', date: '2025-03-12', language: 'it', practices: [practice] }, messages: [], locate: () => undefined });
    expect((data as any).practices.topics[0].practices[0]).toMatchObject({ title: 'Borghi in rete', description: 'Una rete di 18 borghi.' });
    expect(messages.filter((m) => m.severity === 'error')).toEqual([]);
  });

  it('reads resources and activities written with an address after the title', () => {
    expect(parseResource('Circular economy policy brief: https://www.interregeurope.eu/brief')).toEqual({ title: 'Circular economy policy brief', url: 'https://www.interregeurope.eu/brief' });
    expect(parseResource('Repair café Tartu – www.repaircafe-tartu.ee')).toEqual({ title: 'Repair café Tartu', url: 'https://www.repaircafe-tartu.ee' });
    expect(parseResource('[Brief](https://e.eu/b.pdf) (PDF, 2 MB)')).toEqual({ title: 'Brief (PDF, 2 MB)', url: 'https://e.eu/b.pdf' });
    expect(parseUpcomingItem('Webinar on textile waste – 15 May 2025 – https://www.interregeurope.eu/w')).toEqual({ title: 'Webinar on textile waste', date: '2025-05-15', url: 'https://www.interregeurope.eu/w' });
    expect(parseUpcomingItem('Atelier – 12 mars 2025', 'fr')).toEqual({ title: 'Atelier', date: '2025-03-12' });
  });
});

describe('words of the notes’ language', () => {
  it('reads a presenter’s word in a theme as its speakers, and `Gute Praktiken` as the practices', () => {
    const text = '---\ntitle: T\ndate: 2024-09-19\nlanguage: de\n---\n\n## Höhepunkte\n\n### Rechtlicher Rahmen\n\nReferentin: Dr. Maria Huber (Energieagentur Steiermark)\n\nText.\n\n## Gute Praktiken\n\n### Sonnenstrom für alle\n\nLand: Österreich\n';
    const data = parseMarkdownNotes(text).data as any;
    expect(data.highlights.themes[0].speakers).toEqual([{ name: 'Dr. Maria Huber', organisation: 'Energieagentur Steiermark' }]);
    expect(data.practices.topics[0].practices[0]).toMatchObject({ title: 'Sonnenstrom für alle', country: 'Österreich' });
  });
});
