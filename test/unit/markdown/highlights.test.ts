import { describe, expect, it } from 'vitest';
import { buildHighlights } from '../../../src/parse/markdown/highlights.js';
import { readPerson as parseSpeaker } from '../../../src/parse/canonical/people.js';
import { readBody } from './read-body.js';

describe('highlights builder', () => {
  it('reads the introduction, one theme per sub-heading, and participation as a part of its own', () => {
    const { body, ctx } = readBody('## Highlights\n\nIntro.\n\n### Interoperability\n\nThe panel with **Alina Brenebel**.\n\n- a point\n\n### Participation\n\nSixty people.\n', buildHighlights);
    expect(body.highlights).toEqual({
      title: 'Highlights',
      intro: 'Intro.',
      themes: [{ title: 'Interoperability', text: 'The panel with **Alina Brenebel**.\n\na point' }],
      participation: 'Sixty people.',
    });
    expect(ctx.lastPart).toBe('highlights');
  });

  it('takes a `Speakers:` line, or `Speakers` before a list, as the theme’s speakers', () => {
    const one = readBody('## Highlights\n\n### AI\n\nSpeakers: Jane Doe (Director, City of Genoa); John Smith, CEO at Acme\n\nText.\n', buildHighlights);
    expect(one.body.highlights.themes[0]).toEqual({
      title: 'AI',
      speakers: [{ name: 'Jane Doe', role: 'Director', organisation: 'City of Genoa' }, { name: 'John Smith', role: 'CEO', organisation: 'Acme' }],
      text: 'Text.',
    });
    expect(one.ctx.out.places.get('highlights/themes/0/speakers')?.start.line).toBe(5);
    const list = readBody('## Highlights\n\n### AI\n\n**Speakers**\n- Jane Doe, JRC\n- John Smith\n\nText.\n', buildHighlights);
    expect(list.body.highlights.themes[0].speakers).toEqual([{ name: 'Jane Doe', organisation: 'JRC' }, { name: 'John Smith' }]);
  });

  it('keeps a paragraph of other `Word:` lines in the theme’s text', () => {
    const { body, messages } = readBody('## Highlights\n\n### AI\n\nKey message: data first.\n', buildHighlights);
    expect(body.highlights.themes[0].text).toBe('Key message: data first.');
    expect(messages).toEqual([]);
  });

  it('reads a numbered list of titles in bold with the themes’ paragraphs below them, as Word exports it', () => {
    const { body, messages } = readBody(
      '## Highlights\n\n1. **One-stop shops work**\n\n   Speaker: Elena Popescu – Energy manager, NE Regional Development Agency\n\n   The agency runs a shop.\n\n2. **Financing is the bottleneck:**\n\n   Small projects need bundling.\n',
      buildHighlights,
    );
    expect(body.highlights.themes).toEqual([
      { title: 'One-stop shops work', speakers: [{ name: 'Elena Popescu', role: 'Energy manager', organisation: 'NE Regional Development Agency' }], text: 'The agency runs a shop.' },
      { title: 'Financing is the bottleneck', text: 'Small projects need bundling.' },
    ]);
    expect(body.highlights.intro).toBeUndefined();
    expect(messages.map((m) => m.ruleId)).toEqual(['theme-list']);
  });

  it('reads paragraphs pasted as plain text, a title on each first line and a `Speakers:` line in one, as themes', () => {
    const { body, messages } = readBody(
      '## Highlights\n\nCircular criteria in tenders\nSpeakers: Maria Costa (City of Lisbon)\nLisbon uses **circular** criteria.\n\nMarket dialogue first\nEarly dialogue avoids failed tenders.\n',
      buildHighlights,
    );
    expect(body.highlights.themes).toEqual([
      { title: 'Circular criteria in tenders', speakers: [{ name: 'Maria Costa', organisation: 'City of Lisbon' }], text: 'Lisbon uses **circular** criteria.' },
      { title: 'Market dialogue first', text: 'Early dialogue avoids failed tenders.' },
    ]);
    expect(messages.map((m) => [m.ruleId, m.place?.start.line])).toEqual([['theme-paragraphs', 3]]);
    // Prose, or paragraphs none of which names speakers, stays the introduction.
    expect(readBody('## Highlights\n\nA good day\nWe met in Lisbon.\n\nNext time\nIn Porto.\n', buildHighlights).body.highlights.intro).toBe('A good day We met in Lisbon.\n\nNext time In Porto.');
    expect(readBody('## Highlights\n\nWe met in Lisbon.\nSpeakers: Maria Costa\n', buildHighlights).body.highlights.themes).toBeUndefined();
  });

  it('takes the speakers named at the end of a theme’s heading, the words before them as its title', () => {
    const { body } = readBody('## Highlights\n\n### Drought planning — Speaker: Laura Gómez (Ebro Basin Authority)\n\nShared plans.\n\n### Skills (Speakers: Ann Lee and Bo Kim)\n\nShort courses.\n\n### Rules of thumb: what works\n\nText.\n', buildHighlights);
    expect(body.highlights.themes).toEqual([
      { title: 'Drought planning', speakers: [{ name: 'Laura Gómez', organisation: 'Ebro Basin Authority' }], text: 'Shared plans.' },
      { title: 'Skills', speakers: [{ name: 'Ann Lee' }, { name: 'Bo Kim' }], text: 'Short courses.' },
      { title: 'Rules of thumb: what works', text: 'Text.' },
    ]);
  });

  it('reads one speaker as written', () => {
    expect(parseSpeaker('**Jane Doe**')).toEqual({ name: 'Jane Doe' });
    expect(parseSpeaker('Jane Doe, Director, City of Genoa')).toEqual({ name: 'Jane Doe', role: 'Director', organisation: 'City of Genoa' });
  });
});
