import { describe, expect, it } from 'vitest';
import { canonicalise } from '../../../src/parse/canonical/index.js';
import { parseNotes } from '../../../src/parse/index.js';

const run = (data: Record<string, unknown>) => canonicalise({ data, messages: [], locate: () => undefined });
const infos = (r: ReturnType<typeof run>) => r.messages.map((m) => `${m.severity} ${m.ruleId}: ${m.reason}`);

describe('canonicalise: keys', () => {
  it('leaves canonical notes exactly as they are, without messages or rewrites', () => {
    const data = { title: 'T', date: '2024-06-05', place: { city: 'Vilnius', country: 'Lithuania' }, organisers: [{ name: 'A', role: 'host' }], highlights: { themes: [{ title: 'X', text: 'y' }] } };
    const r = run(structuredClone(data));
    expect(r.data).toEqual(data);
    expect(r.messages).toEqual([]);
    expect(r.rewrites).toEqual([]);
  });

  it('reads synonyms and keys written in other cases, with an info naming the canonical key', () => {
    const r = run({ Title: 'T', 'Start Date': '2024-06-05', end_date: '2024-06-06', type: 'Webinar', location: 'Online', web: 'https://x.eu', contact: 'Ann <a@b.eu>' });
    expect(r.data).toEqual({ title: 'T', date: '2024-06-05', endDate: '2024-06-06', kind: 'Webinar', place: { online: true }, website: 'https://x.eu', contacts: [{ name: 'Ann', email: 'a@b.eu' }] });
    expect(infos(r)).toContain('info canonical-key: Key `type` read as `kind`');
    expect(r.rewrites).toContainEqual(expect.objectContaining({ action: 'rename-key', path: ['location'], to: 'place' }));
  });

  it('reads the event’s own speakers (keynotes, panels) in their short forms, under their synonyms too', () => {
    const r = run({ title: 'T', speakers: ['Pieter Claes (Flemish Energy and Climate Agency)', 'Sophie Lambert, energy officer, Service public de Wallonie', 'Julien Moreau'] });
    expect(r.data).toEqual({
      title: 'T',
      speakers: [
        { name: 'Pieter Claes', organisation: 'Flemish Energy and Climate Agency' },
        { name: 'Sophie Lambert', role: 'energy officer', organisation: 'Service public de Wallonie' },
        { name: 'Julien Moreau' },
      ],
    });
    expect(run({ title: 'T', panellists: 'Ann Lee' }).data).toEqual({ title: 'T', speakers: [{ name: 'Ann Lee' }] });
  });

  it('gives hosts and partners their role and joins them to the organisers', () => {
    const r = run({ title: 'T', host: 'Lithuanian Innovation Centre', organisers: ['Interreg Europe'], partners: ['A', { name: 'B', role: 'sponsor' }] });
    expect(r.data).toEqual({
      title: 'T',
      organisers: [{ name: 'Interreg Europe' }, { name: 'Lithuanian Innovation Centre', role: 'host' }, { name: 'A', role: 'partner' }, { name: 'B', role: 'sponsor' }],
    });
    expect(r.rewrites!.filter((w) => w.action === 'move').map((w) => w.path)).toEqual([['host'], ['partners']]);
  });

  it('puts a venue beside a place into it, and reports two values for one key', () => {
    expect(run({ venue: 'LIC', place: 'Vilnius, Lithuania' }).data).toEqual({ place: { venue: 'LIC', city: 'Vilnius', country: 'Lithuania' } });
    const r = run({ kind: 'a', type: 'b' });
    expect(r.messages).toContainEqual(expect.objectContaining({ ruleId: 'canonical-conflict', severity: 'error' }));
  });
});

describe('canonicalise: short forms', () => {
  it.each([
    ['Vilnius, Lithuania', { city: 'Vilnius', country: 'Lithuania' }],
    ['Online', { online: true }],
    ['Hybrid', { online: true, hybrid: true }],
    ['Online / Vilnius', { online: true, hybrid: true, city: 'Vilnius' }],
    ['Vilnius, Lithuania (hybrid)', { online: true, hybrid: true, city: 'Vilnius', country: 'Lithuania' }],
    ['Lithuanian Innovation Centre, Vilnius, Lithuania', { venue: 'Lithuanian Innovation Centre', city: 'Vilnius', country: 'Lithuania' }],
  ])('reads the place %s', (place, expected) => {
    expect(run({ place }).data).toEqual({ place: expected });
  });

  it('reads one string as a one-item list and a name as `{ name }`', () => {
    const r = run({ organisers: 'Interreg Europe', highlights: { themes: [{ title: 'X', speakers: 'Ann Lee' }] } });
    expect(r.data).toEqual({ organisers: [{ name: 'Interreg Europe' }], highlights: { themes: [{ title: 'X', speakers: [{ name: 'Ann Lee' }] }] } });
  });

  it('reads highlights as a list of themes, strings or mappings', () => {
    expect(run({ highlights: ['Interoperability', { GovTech: 'Text **A B**' }, { title: 'C', text: 'd' }] }).data).toEqual({
      highlights: { themes: [{ title: 'Interoperability' }, { title: 'GovTech', text: 'Text **A B**' }, { title: 'C', text: 'd' }] },
    });
  });

  it('groups a flat list of practices into topics in order', () => {
    const data = run({
      practices: [
        { topic: 'AI skills', project: 'ENAIBLER', title: 'Certificate' },
        { topic: 'Open data', title: 'Veneto' },
        { topic: 'AI skills', title: 'Second' },
        { title: 'No topic: stays with the one before' },
      ],
    }).data;
    expect(data).toEqual({
      practices: {
        topics: [
          { title: 'AI skills', practices: [{ project: 'ENAIBLER', title: 'Certificate' }, { title: 'Second' }, { title: 'No topic: stays with the one before' }] },
          { title: 'Open data', practices: [{ title: 'Veneto' }] },
        ],
      },
    });
  });

  it('reads next steps as a list or as groups by title', () => {
    expect(run({ nextSteps: ['Do a', 'Do b'] }).data).toEqual({ nextSteps: { groups: [{ title: 'Recommendations', items: ['Do a', 'Do b'] }] } });
    expect(run({ nextSteps: { 'Digital skills': ['Train'], Policy: 'Pilot' } }).data).toEqual({
      nextSteps: { groups: [{ title: 'Digital skills', items: ['Train'] }, { title: 'Policy', items: ['Pilot'] }] },
    });
  });

  it('reads activities written as lines, and lines YAML took for a mapping of one key, as a Markdown list does', () => {
    const r = run({ upcoming: ['10 June 2025: Webinar on marine plastics', 'Study visit to Tartu (3 November 2025)', { 'Thematic workshop': 'Ports' }, { '12 September 2025': 'Peer review in Porto' }, { title: 'Kept', kind: 'Webinar' }] });
    expect(r.data).toEqual({
      upcoming: {
        items: [
          { title: 'Webinar on marine plastics', date: '2025-06-10' },
          { title: 'Study visit to Tartu', date: '2025-11-03' },
          { title: 'Ports', kind: 'Thematic workshop' },
          { title: 'Peer review in Porto', date: '2025-09-12' },
          { title: 'Kept', kind: 'Webinar' },
        ],
      },
    });
    expect(infos(r)).toContain('info short-form: Activity `Thematic workshop: Ports` read as `{ title: Ports, kind: Thematic workshop }`');
  });

  it('takes the first of a list of presenters and keeps the others in the description, with a warning', () => {
    const r = run({ practices: [{ project: 'SOLAR', title: 'Roofs', presenters: ['Ann Lee (City of Cork)', { name: 'Bo Kim', organisation: 'SEAI' }], description: 'Shared.' }] });
    expect((r.data as any).practices.topics[0].practices[0]).toMatchObject({ presenter: { name: 'Ann Lee', organisation: 'City of Cork' }, description: 'Shared.\n\nPresented by: Bo Kim, SEAI' });
    expect(r.messages.map((m) => [m.ruleId, m.severity])).toContainEqual(['several-presenters', 'warning']);
  });

  it('reads resources and contacts written as lines', () => {
    const r = run({ resources: ['Innovation procurement https://www.interregeurope.eu/x', 'www.example.eu/y', '[Brief](https://b.eu)'], contacts: ['Laura Varisco <l.varisco@policylearning.eu>', 'Marc, m@p.eu'] });
    expect(r.data).toEqual({
      resources: { items: [{ title: 'Innovation procurement', url: 'https://www.interregeurope.eu/x' }, { title: 'www.example.eu/y', url: 'https://www.example.eu/y' }, { title: 'Brief', url: 'https://b.eu' }] },
      contacts: [{ name: 'Laura Varisco', email: 'l.varisco@policylearning.eu' }, { name: 'Marc', email: 'm@p.eu' }],
    });
  });
});

describe('canonicalise: more short forms', () => {
  it('reads text written as a list of paragraphs', () => {
    expect(run({ summary: ['One.', 'Two.'], highlights: { intro: ['A.'], themes: [{ title: 'T', text: ['x', 'y'] }] } }).data).toEqual({
      summary: 'One.\n\nTwo.',
      highlights: { intro: 'A.', themes: [{ title: 'T', text: 'x\n\ny' }] },
    });
  });

  it('reads a link written as `Title: address`, and resources so', () => {
    expect(run({ resources: [{ 'Innovation procurement': 'www.x.eu/p' }] }).data).toEqual({ resources: { items: [{ title: 'Innovation procurement', url: 'https://www.x.eu/p' }] } });
  });

  it('reads yes and no for online, and a language by its name', () => {
    expect(run({ place: { city: 'Vilnius', online: 'yes' }, language: 'Français' }).data).toEqual({ place: { city: 'Vilnius', online: true }, language: 'fr' });
    expect(run({ language: 'German' }).data).toEqual({ language: 'de' });
    expect(run({ language: 'en_GB' }).data).toEqual({ language: 'en_GB' });
  });

  it('reads a speaker written as `Name, Role, Organisation` or `Name (Organisation)`', () => {
    expect(run({ highlights: { themes: [{ title: 'T', speakers: ['Alina Brenebel, Programme Manager, DG DIGIT', 'Marina Manzoni (Joint Research Centre)', 'Ann Lee'] }] } }).data).toEqual({
      highlights: { themes: [{ title: 'T', speakers: [{ name: 'Alina Brenebel', role: 'Programme Manager', organisation: 'DG DIGIT' }, { name: 'Marina Manzoni', organisation: 'Joint Research Centre' }, { name: 'Ann Lee' }] }] },
    });
  });
});

describe('canonicalise: activities', () => {
  it('reads activities written as lines, a bare address as a link', () => {
    expect(run({ upcoming: ['Peer review https://x.eu/p', 'www.x.eu/w', 'Webinar on skills'] }).data).toEqual({
      upcoming: { items: [{ title: 'Peer review', url: 'https://x.eu/p' }, { title: 'www.x.eu/w', url: 'https://www.x.eu/w' }, { title: 'Webinar on skills' }] },
    });
  });

  it('joins equal entries written under a key and its synonym', () => {
    expect(run({ contacts: ['Ann <a@b.eu>'], contact: 'Ann <a@b.eu>' }).data).toEqual({ contacts: [{ name: 'Ann', email: 'a@b.eu' }] });
    expect(run({ contacts: ['Ann <a@b.eu>'], contact: 'Ann <a@b.eu>' }).messages).toContainEqual(expect.objectContaining({ ruleId: 'canonical-key', severity: 'warning', reason: '`contact` repeats an entry of `contacts`: each is kept once' }));
  });
});

describe('canonicalise: dates and addresses', () => {
  it('reads a range into date and endDate', () => {
    const r = run({ title: 'T', date: '16–17 October 2024', place: 'Online' });
    expect(r.data).toEqual({ title: 'T', date: '2024-10-16', endDate: '2024-10-17', place: { online: true } });
    expect(Object.keys(r.data as object)).toEqual(['title', 'date', 'endDate', 'place']);
    expect(r.rewrites).toContainEqual(expect.objectContaining({ action: 'insert-key', path: ['endDate'], to: '2024-10-17', after: 'date' }));
  });

  it('reads dates in the notes language', () => {
    expect(run({ language: 'fr', date: '12 mars 2025' }).data).toEqual({ language: 'fr', date: '2025-03-12' });
  });

  it('reports an ambiguous numeric date with both readings, and leaves it', () => {
    const r = run({ date: '03/04/2024' });
    expect(r.data).toEqual({ date: '03/04/2024' });
    expect(r.messages[0]).toMatchObject({ ruleId: 'date-ambiguous', severity: 'error' });
    expect(r.messages[0]!.reason).toContain('`2024-04-03`');
    expect(r.messages[0]!.reason).toContain('`2024-03-04`');
  });

  it('adds https:// to addresses without a scheme in every url field', () => {
    const r = run({ url: 'www.example.eu/x', website: 'example.eu', organisers: [{ name: 'A', url: 'a.eu' }], upcoming: { items: [{ title: 'W', url: 'w.eu/1' }] }, highlights: { themes: [{ title: 'T', links: [{ title: 'L', url: 'l.eu' }] }] } });
    expect(r.data).toEqual({
      url: 'https://www.example.eu/x',
      website: 'https://example.eu',
      organisers: [{ name: 'A', url: 'https://a.eu' }],
      upcoming: { items: [{ title: 'W', url: 'https://w.eu/1' }] },
      highlights: { themes: [{ title: 'T', links: [{ title: 'L', url: 'https://l.eu' }] }] },
    });
    expect(r.messages.every((m) => m.severity === 'info')).toBe(true);
  });
});

describe('canonicalise: positions', () => {
  it('points a canonical path where the author wrote it', () => {
    const text = 'title: T\ndate: 2024-06-05\nlocation: Vilnius, Lithuania\nhost: LIC\npractices:\n  - topic: A\n    title: P\n    presenter: Ann\n';
    const parsed = parseNotes(text, 'yaml');
    expect(parsed.locate(['place', 'city'])?.start).toMatchObject({ line: 3, column: 11 });
    expect(parsed.locate(['place'], 'key')?.start).toMatchObject({ line: 3, column: 1 });
    expect(parsed.locate(['organisers', 0, 'role'])?.start).toMatchObject({ line: 4, column: 7 });
    expect(parsed.locate(['practices', 'topics', 0, 'practices', 0, 'presenter', 'name'])?.start).toMatchObject({ line: 8, column: 16 });
    expect(parsed.locate(['practices', 'topics', 0, 'title'])?.start).toMatchObject({ line: 6, column: 12 });
    const info = parsed.messages.find((m) => m.reason.includes('`location`'))!;
    expect(info.place?.start).toMatchObject({ line: 3, column: 1 });
  });
});
