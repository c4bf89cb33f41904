/** Shapes people give notes by hand that are not ours: a wrapper around the title block, people on one line. */
import { describe, expect, it } from 'vitest';
import { canonicalise } from '../../../src/parse/canonical/index.js';
import { parseMarkdownNotes } from '../../../src/parse/markdown/index.js';
import { parseWritten } from '../../../src/parse/index.js';
import { readPlace } from '../../../src/parse/canonical/place.js';
import { splitOrganisers } from '../../../src/parse/canonical/short-forms.js';

const run = (data: Record<string, unknown>) => canonicalise({ data, messages: [], locate: () => undefined });
const rules = (messages: readonly { ruleId: string }[]) => messages.map((m) => m.ruleId);

describe('a mapping around the title block', () => {
  it('reads `event: { name, when, where }` as the event’s own keys, and says so', () => {
    const out = run({ event: { name: 'Hydrogen valleys', when: '12 September 2024', where: 'Aalborg (Denmark)' }, summary: 'We met.' });
    expect(out.data).toMatchObject({ title: 'Hydrogen valleys', date: '2024-09-12', place: { city: 'Aalborg', country: 'Denmark' }, summary: 'We met.' });
    expect(out.data).not.toHaveProperty('event');
    expect(rules(out.messages)).toContain('event-wrapper');
  });

  it('points at the wrapper’s keys where they are written', () => {
    const parsed = parseWritten('event:\n  name: Hydrogen valleys\n  when: 2024-09-12\nsummary: We met.\n', 'yaml');
    const out = canonicalise(parsed);
    const wrapper = out.messages.find((m) => m.ruleId === 'event-wrapper');
    expect(wrapper?.place?.start.line).toBe(1);
    const renamed = out.messages.find((m) => m.ruleId === 'canonical-key' && m.reason.includes('`name`'));
    expect(renamed?.place?.start).toMatchObject({ line: 2, column: 3 });
    expect(out.locate(['title'])?.start.line).toBe(2);
  });

  it('is an error when a key is written both inside and outside it', () => {
    const out = run({ event: { title: 'A', date: '2024-09-12' }, title: 'B' });
    expect(out.messages.find((m) => m.ruleId === 'canonical-conflict')?.reason).toContain('`A`');
  });

  it('leaves a mapping alone that does not hold the title block', () => {
    const out = run({ title: 'A', date: '2024-09-12', details: { colour: 'blue' } });
    expect(out.data).toHaveProperty('details');
    expect(rules(out.messages)).not.toContain('event-wrapper');
  });
});

describe('people written as one string in YAML', () => {
  it('reads them as a speakers line in Markdown is read', () => {
    const out = run({ title: 'A', date: '2024-09-12', highlights: { themes: [{ title: 'T', speakers: 'Lars Nielsen (Region Nordjylland), Eva Berg (Hydrogen Europe)' }, { title: 'U', speaker: 'Tomas Novak, CINEA' }] } });
    const themes = (out.data as any).highlights.themes;
    expect(themes[0].speakers).toEqual([
      { name: 'Lars Nielsen', organisation: 'Region Nordjylland' },
      { name: 'Eva Berg', organisation: 'Hydrogen Europe' },
    ]);
    expect(themes[1].speakers).toEqual([{ name: 'Tomas Novak', organisation: 'CINEA' }]);
  });

  it('gives the same people as the Markdown line', () => {
    const line = 'Jean Dupont (ADEME, France) and Anna Kowalska, Director, City of Lublin';
    const yaml = run({ title: 'A', date: '2024-09-12', highlights: { themes: [{ title: 'T', speakers: line }] } });
    const md = parseMarkdownNotes(`---\ntitle: A\ndate: 2024-09-12\n---\n\n## Highlights\n\n### T\n\nSpeakers: ${line}\n\nText.\n`);
    expect((yaml.data as any).highlights.themes[0].speakers).toEqual((md.data as any).highlights.themes[0].speakers);
  });
});

describe('headings as Google Docs exports them', () => {
  it('reads `# **1\\. Summary**` as the summary and `## 2.1 Theme` as a theme', () => {
    const md = parseMarkdownNotes('---\ntitle: A\ndate: 2024-09-12\n---\n\n# **1\\. Summary**\n\nWe met in Utrecht.\n\n# **2\\. Highlights**\n\n## 2.1 Circular procurement\n\nText.\n');
    const data = md.data as any;
    expect(data.summary).toBe('We met in Utrecht.');
    expect(data.highlights.themes[0].title).toBe('Circular procurement');
    expect(rules(md.messages)).not.toContain('unknown-heading');
  });

  it('keeps emphasis inside a heading that is not emphasised as a whole', () => {
    const md = parseMarkdownNotes('---\ntitle: A\ndate: 2024-09-12\n---\n\n## Highlights\n\n### The *Interoperable Europe* Act\n\nText.\n');
    expect((md.data as any).highlights.themes[0].title).toBe('The *Interoperable Europe* Act');
  });
});

describe('an online event’s platform', () => {
  it.each([
    ['Online (Zoom)', { venue: 'Zoom', online: true }],
    ['MS Teams', { venue: 'MS Teams', online: true }],
    ['Online via Webex', { venue: 'Webex', online: true }],
    ['Vilnius, Lithuania / Zoom', { venue: 'Zoom', city: 'Vilnius', country: 'Lithuania', online: true, hybrid: true }],
  ])('reads %s with the platform as the venue, never a city', (text, expected) => expect(readPlace(text)).toEqual(expected));
});

describe('a hybrid event written with `and`', () => {
  it.each([
    ['Brussels, Belgium and online', { city: 'Brussels', country: 'Belgium', online: true, hybrid: true }],
    ['Lille, France et en ligne', { city: 'Lille', country: 'France', online: true, hybrid: true }],
    ['Bruselas (Bélgica) y en línea', { city: 'Bruselas', country: 'Bélgica', online: true, hybrid: true }],
    ['Online und Berlin', { city: 'Berlin', online: true, hybrid: true }],
    ['Sarajevo, Bosnia and Herzegovina', { city: 'Sarajevo', country: 'Bosnia and Herzegovina' }],
  ])('reads %s', (text, expected) => expect(readPlace(text)).toEqual(expected));
});

describe('a contact typed by hand', () => {
  it('reads `Function:`, `Position:` and `Job title:` as its role', () => {
    for (const key of ['Function', 'Position', 'Job title']) {
      const out = run({ title: 'T', date: '2024-09-12', contacts: [{ Name: 'Luca Bianchi', Email: 'l.bianchi@policylearning.eu', [key]: 'Thematic expert' }] });
      expect((out.data as any).contacts).toEqual([{ name: 'Luca Bianchi', email: 'l.bianchi@policylearning.eu', role: 'Thematic expert' }]);
      expect(rules(out.messages).filter((r) => r === 'unknown-key')).toEqual([]);
    }
  });
});

describe('a list of headed sections', () => {
  const YAML = 'title: Energy poverty\ndate: 2024-05-06\ncontent:\n  - title: Summary\n    text: Sixty people met.\n  - title: Highlights\n    text: Three themes.\n    items: [Energy advisers]\n  - title: Good practices\n    items:\n      - ENERGY-CARE – Home energy visits (Croatia). Presented by Ivana Horvat.\n  - title: Next steps\n    items: [Train advisers, Simplify grants]\n  - title: Site visit\n    text: We visited a block.\n';
  it('is read as the parts its headings name, other headings as free sections, with an info at the key', () => {
    const out = canonicalise(parseWritten(YAML, 'yaml'));
    expect(out.data).toMatchObject({
      summary: 'Sixty people met.',
      highlights: { intro: 'Three themes.', themes: [{ title: 'Energy advisers' }] },
      practices: { topics: [{ practices: [{ project: 'ENERGY-CARE', title: 'Home energy visits', country: 'Croatia', presenter: { name: 'Ivana Horvat' } }] }] },
      nextSteps: { groups: [{ title: 'Recommendations', items: ['Train advisers', 'Simplify grants'] }] },
      sections: [{ title: 'Site visit', body: 'We visited a block.' }],
    });
    expect(out.data).not.toHaveProperty('content');
    const info = out.messages.find((m) => m.ruleId === 'headed-sections');
    expect(info?.place?.start.line).toBe(3);
    expect(rules(out.messages)).not.toContain('unknown-key');
    // (a part's own messages point at its entry)
    expect(out.messages.find((m) => m.reason.startsWith('Practice `ENERGY-CARE'))?.place?.start.line).toBe(9);
  });
  it('is not read so when an entry has other keys, or no heading names a part', () => {
    for (const content of [[{ title: 'Summary', text: 'x', colour: 'red' }], [{ title: 'Lunch', text: 'x' }]]) {
      const out = run({ title: 'T', date: '2024-05-06', content });
      expect(out.data).toHaveProperty('content');
      expect(out.data).not.toHaveProperty('summary');
      expect(rules(out.messages)).not.toContain('headed-sections');
    }
  });
});

describe('a practice written as one line in YAML', () => {
  it('is read as a Markdown list item of good practices is', () => {
    const out = run({ title: 'T', date: '2024-05-06', practices: { topics: [{ title: 'Energy', practices: ['WARM-HOMES – Insulation grants (Ireland)', 'Just words'] }] } });
    const practices = (out.data as any).practices.topics[0].practices;
    expect(practices[0]).toMatchObject({ project: 'WARM-HOMES', title: 'Insulation grants', country: 'Ireland' });
    expect(practices[1]).toBe('Just words');
  });
});

describe('a place with its mode after a bracket', () => {
  it('reads `Bari (Italia) – ibrido` as a hybrid event in Bari, Italy', () => {
    expect(readPlace('Bari (Italia) – ibrido')).toEqual({ city: 'Bari', country: 'Italia', online: true, hybrid: true });
    expect(readPlace('Tartu (Estonia) – online')).toEqual({ city: 'Tartu', country: 'Estonia', online: true, hybrid: true });
  });
});

describe('a practice typed by hand in YAML', () => {
  it('takes `Organization:` beside the presenter as the presenter’s, and figures on one line at each `;`', () => {
    const out = canonicalise(parseWritten('title: T\ndate: 2024-12-10\npractices:\n  - Title: Assistants\n    Presented by: Ana Ruiz\n    Organization: Junta de Castilla y León\n    Key figures: 120 villages reached; 30 assistants trained\n', 'yaml'));
    const practice = (out.data as any).practices.topics[0].practices[0];
    expect(practice.presenter).toEqual({ name: 'Ana Ruiz', organisation: 'Junta de Castilla y León' });
    expect(practice.figures).toEqual(['120 villages reached', '30 assistants trained']);
    expect(rules(out.messages)).not.toContain('unknown-key');
    expect(out.messages.find((m) => m.reason.includes('presenter’s organisation') || m.reason.includes("presenter's organisation"))?.place?.start.line).toBe(6);
  });
  it('keeps the error when the presenter names an organisation already, or there is no presenter', () => {
    for (const presenter of ['Ana Ruiz, Junta', undefined]) {
      const out = run({ title: 'T', date: '2024-12-10', practices: [{ title: 'A', ...(presenter ? { presenter } : {}), organisation: 'X' }] });
      expect((out.data as any).practices.topics[0].practices[0]).toHaveProperty('organisation');
    }
  });
});

describe('how the event was held, written as its kind', () => {
  it('is its place when no place is given: `format: Online (Zoom)`', () => {
    const out = run({ title: 'T', date: '2025-02-20', format: 'Online (Zoom)' });
    expect(out.data).toMatchObject({ place: { venue: 'Zoom', online: true } });
    expect(out.data).not.toHaveProperty('kind');
    // (a webinar is a kind of event held online: the kind stays, and the place says online)
    expect(run({ title: 'T', date: '2025-02-20', format: 'Webinar' }).data).toMatchObject({ kind: 'Webinar', place: { online: true } });
    expect(run({ title: 'T', date: '2025-02-20', format: 'Online', place: 'Vilnius, Lithuania' }).data).toMatchObject({ kind: 'Online', place: { city: 'Vilnius' } });
  });
});

describe('organisers between commas', () => {
  it('are several when the last names its role and each is a name of two words or more', () => {
    expect(splitOrganisers('Interreg Europe Policy Learning Platform, Municipality of Prato (host)')).toEqual(['Interreg Europe Policy Learning Platform', 'Municipality of Prato (host)']);
    expect(splitOrganisers('Ministry of Economy, Lithuania (host)')).toBeUndefined();
    expect(splitOrganisers('European Commission, DG REGIO')).toBeUndefined();
  });
});

describe('a headed section of practices with text and items', () => {
  it('is the practices grouped into a topic, the text their introduction', () => {
    const out = canonicalise(parseWritten('title: T\ndate: 2024-05-06\nreport:\n  - heading: Good practices\n    text: Two practices.\n    items:\n      - ENERGY-CARE – Home energy visits (Croatia)\n      - { title: Insulation grants, project: WARM-HOMES }\n', 'yaml'));
    const practices = (out.data as any).practices;
    expect(practices.intro).toBe('Two practices.');
    expect(practices.topics[0].practices.map((p: any) => p.project)).toEqual(['ENERGY-CARE', 'WARM-HOMES']);
  });
});
