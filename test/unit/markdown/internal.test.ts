/**
 * The Markdown syntax for internal text (docs/editions.md): a heading ending in `(internal)`, `<!-- internal -->`
 * fences, a paragraph or list item starting with `Internal:`; what the reader writes for each, where its problems
 * are placed, and what the placements record says.
 */
import { describe, expect, it } from 'vitest';
import { applyEdition } from '../../../src/model/edition.js';
import { normalise } from '../../../src/model/normalise.js';
import type { EventNotes } from '../../../src/model/types.js';
import { parseMarkdownNotes } from '../../../src/parse/markdown/index.js';

const FRONT = '---\ntitle: T\ndate: 2024-06-05\n---\n\n';
const notes = (body: string) => parseMarkdownNotes(FRONT + body);
const data = (body: string) => notes(body).data as Record<string, any>;
/** The notes as the public edition's model has them. */
const publicModel = (body: string) => normalise(applyEdition(data(body) as EventNotes, 'public').notes);
const internalModel = (body: string) => normalise(applyEdition(data(body) as EventNotes, 'internal').notes);

describe('a heading ending in (internal)', () => {
  const body = '## Highlights\n\n### Open theme\n\nSaid by **Ann Open**.\n\n### Budget row (internal)\n\nSaid by **Bea Hidden**.\n\n#### Under it\n\nAlso hidden.\n';

  it('marks its theme internal, without the marker in its title', () => {
    const themes = data(body).highlights.themes;
    expect(themes.map((t: { title: string }) => t.title)).toEqual(['Open theme', 'Budget row']);
    expect(themes[0].internal).toBeUndefined();
    expect(themes[1].internal).toBe(true);
  });

  it('takes the theme, its text below and its speakers out of the public model only', () => {
    expect(publicModel(body).highlights.themes.map((t) => [t.title, t.speakers.map((s) => s.name)])).toEqual([['Open theme', ['Ann Open']]]);
    expect(internalModel(body).highlights.themes.map((t) => [t.title, t.speakers.map((s) => s.name)])).toEqual([
      ['Open theme', ['Ann Open']],
      ['Budget row', ['Bea Hidden']],
    ]);
    expect(JSON.stringify(internalModel(body))).toContain('Also hidden.');
    expect(JSON.stringify(internalModel(body))).not.toContain('internal');
  });

  it('names a part by its words: a whole part, a group, a practice, a free section', () => {
    const written = data(
      '## Next steps (internal)\n\n### G\n\n- One\n\n## Good practices\n\n### Topic\n\n#### PRJ – Open\n\nText.\n\n#### PRJ – Closed (internal)\n\nText.\n\n## Site visit (internal)\n\nWe visited.\n',
    );
    expect(written.nextSteps).toMatchObject({ title: 'Next steps', internal: true });
    expect(written.practices.topics[0].practices.map((p: { title: string; internal?: boolean }) => [p.title, p.internal ?? false])).toEqual([
      ['Open', false],
      ['Closed', true],
    ]);
    // (its text is internal too, which changes nothing once the whole section is)
    expect(written.sections).toEqual([{ title: 'Site visit', body: '<!-- internal -->\nWe visited.\n<!-- /internal -->', after: 'practices', internal: true }]);
  });

  it('is recorded in the placements that `report explain` prints', () => {
    const placements = notes(body).placements!;
    expect(placements.find((p) => p.title === 'Budget row')).toMatchObject({ kind: 'theme', internal: true });
    expect(placements.find((p) => p.title === 'Open theme')?.internal).toBeUndefined();
  });
});

describe('<!-- internal --> fences', () => {
  const body = '## Highlights\n\n### Theme\n\nOpen start.\n\n<!-- internal -->\nHidden one by **Cai Hidden**.\n\n- hidden item\n<!-- /internal -->\n\nOpen end.\n';

  it('put the blocks between them between internal marks in the text', () => {
    expect(data(body).highlights.themes[0].text).toBe('Open start.\n\n<!-- internal -->\nHidden one by **Cai Hidden**.\n<!-- /internal -->\n\n<!-- internal -->\nhidden item\n<!-- /internal -->\n\nOpen end.');
  });

  it('leave them out of the public model, speakers found in them too, and keep them in the internal one', () => {
    const open = publicModel(body).highlights.themes[0]!;
    expect(open.text).toBe('Open start.\n\nOpen end.');
    expect(open.speakers).toEqual([]);
    const all = internalModel(body).highlights.themes[0]!;
    expect(all.text).toBe('Open start.\n\nHidden one by **Cai Hidden**.\n\nhidden item\n\nOpen end.');
    expect(all.speakers.map((s) => s.name)).toEqual(['Cai Hidden']);
  });

  it('left open: an error at the opening mark, and everything after it internal', () => {
    const parsed = notes('## Highlights\n\n### Theme\n\nOpen.\n\n<!-- internal -->\nHidden.\n\nStill hidden.\n');
    const error = parsed.messages.find((m) => m.ruleId === 'internal-fence-unclosed');
    expect(error).toMatchObject({ severity: 'error', place: { start: { line: 12, column: 1 } } });
    expect(publicModel('## Highlights\n\n### Theme\n\nOpen.\n\n<!-- internal -->\nHidden.\n\nStill hidden.\n').highlights.themes[0]!.text).toBe('Open.');
  });

  it('nested: a warning at the inner mark', () => {
    const parsed = notes('Open.\n\n<!-- internal -->\nA.\n\n<!-- internal -->\nB.\n<!-- /internal -->\n');
    expect(parsed.messages.find((m) => m.ruleId === 'internal-fence-nested')).toMatchObject({ severity: 'warning', place: { start: { line: 11, column: 1 } } });
    expect(parsed.messages.some((m) => m.ruleId === 'internal-fence-unclosed')).toBe(false);
  });

  it('around a heading: its section is internal', () => {
    const written = data('## Highlights\n\n<!-- internal -->\n### Theme\n<!-- /internal -->\n\nText.\n');
    expect(written.highlights.themes[0]).toMatchObject({ title: 'Theme', internal: true });
  });
});

describe('a paragraph or list item starting with Internal:', () => {
  const body =
    'Open summary.\n\nInternal: hidden summary.\n\n## Next steps\n\n### Group\n\n- Open item\n- **Internal:** hidden item\n\n## Contacts\n\n- Ann Open <ann@example.eu>\n- Internal: Bea Hidden <bea@example.eu>\n';

  it('is internal, and the word is taken off', () => {
    const written = data(body);
    expect(written.summary).toBe('Open summary.\n\n<!-- internal -->\nhidden summary.\n<!-- /internal -->');
    expect(written.nextSteps.groups[0].items).toEqual(['Open item', '<!-- internal -->\nhidden item\n<!-- /internal -->']);
    expect(written.contacts).toEqual([
      { name: 'Ann Open', email: 'ann@example.eu' },
      { name: 'Bea Hidden', email: 'bea@example.eu', internal: true },
    ]);
  });

  it('is left out of the public model', () => {
    const model = publicModel(body);
    expect(model.summary).toBe('Open summary.');
    expect(model.nextSteps.groups[0]!.items).toEqual(['Open item']);
    expect(model.contacts.map((c) => c.name)).toEqual(['Ann Open']);
  });

  it('in a practice: a key line stays text (no field is internal alone), a figure is left out', () => {
    const written = data('## Good practices\n\n### Topic\n\n#### PRJ – P\n\nCountry: Italy\nFigures:\n- 10 open\n- Internal: 20 hidden\n\nInternal: Region: Secret valley\n');
    const practice = written.practices.topics[0].practices[0];
    expect(practice.country).toBe('Italy');
    expect(practice.region).toBeUndefined();
    expect(practice.figures).toEqual(['10 open', '<!-- internal -->\n20 hidden\n<!-- /internal -->']);
    const open = normalise(applyEdition(written as EventNotes, 'public').notes).practices.topics[0]!.practices[0]!;
    expect(open.figures).toEqual(['10 open']);
    expect(open.description).toBe('');
  });

  it('is only a start of a paragraph: a word “internal” elsewhere changes nothing', () => {
    expect(data('Our internal: processes.\n\nInternally, we agreed.\n').summary).toBe('Our internal: processes.\n\nInternally, we agreed.');
  });
});
