import { describe, expect, it } from 'vitest';
import { parseContact, parseMarkdownNotes, parseUpcomingItem, splitProjectTitle } from '../../src/parse/markdown/index.js';
import { classifyHeading, stripNumbering } from '../../src/parse/section-names.js';

const notes = (body: string, front = 'title: T\ndate: 2024-06-05\n') => parseMarkdownNotes(`---\n${front}---\n\n${body}`);

describe('section headings', () => {
  it('strips numbering and trailing colons', () => {
    expect(stripNumbering('1. Highlights')).toBe('Highlights');
    expect(stripNumbering('A) Digital skills')).toBe('Digital skills');
    expect(stripNumbering('II. Next steps:')).toBe('Next steps');
    expect(stripNumbering('2024 in review')).toBe('2024 in review');
  });

  it('recognises headings a person would write, in English and the notes’ language', () => {
    expect(classifyHeading('1. Highlights', 'en')).toBe('highlights');
    expect(classifyHeading('Good practices and examples from projects', 'en')).toBe('practices');
    expect(classifyHeading('Recommendations', 'en')).toBe('nextSteps');
    expect(classifyHeading('Stay tuned! Calendar of forthcoming activities:', 'en')).toBe('upcoming');
    expect(classifyHeading('Policy Learning Platform Policy briefs and articles', 'en')).toBe('resources');
    expect(classifyHeading('Prochaines étapes', 'fr')).toBe('nextSteps');
    expect(classifyHeading('Site visit', 'en')).toBeUndefined();
  });
});

describe('Markdown notes', () => {
  it('keeps an unknown heading as a free section, in place, with a warning and a suggestion', () => {
    const parsed = notes('## Hightlights\n\nText.\n\n## Next steps\n\n### A) Group\n\n- One\n\n## Site visit\n\nWe visited.\n');
    const data = parsed.data as Record<string, unknown>;
    expect(data.sections).toEqual([
      { title: 'Hightlights', body: 'Text.', after: 'start' },
      { title: 'Site visit', body: 'We visited.', after: 'nextSteps' },
    ]);
    const warning = parsed.messages.find((m) => m.ruleId === 'unknown-heading')!;
    expect(warning.place?.start).toMatchObject({ line: 6, column: 1 });
    expect(warning.note).toBe('Did you mean `highlights`?');
  });

  it('turns practice fields and a figures list into fields', () => {
    const parsed = notes('## Good practices\n\n### Topic\n\n#### P1 – A practice\n\nRegion: Veneto\nCountry: Italy\nFigures:\n- 10 things\n- 20 more\n\nDescription here.\n');
    const practice = (parsed.data as any).practices.topics[0].practices[0];
    expect(practice).toEqual({ project: 'P1', title: 'A practice', region: 'Veneto', country: 'Italy', figures: ['10 things', '20 more'], description: 'Description here.' });
  });

  it('points at the line of a value in the body and in the front matter', () => {
    const parsed = notes('## Contacts\n\n- Jane Doe <jane@example.org>\n', 'title: T\ndate: 2024-06-05\n');
    expect(parsed.locate(['contacts', 0])?.start.line).toBe(8);
    expect(parsed.locate(['date'])?.start).toMatchObject({ line: 3, column: 7 });
  });

  it('refuses front matter in another language', () => {
    const parsed = parseMarkdownNotes('---js\n{ title: require("fs") }\n---\n');
    expect(parsed.data).toBeUndefined();
    expect(parsed.messages[0]).toMatchObject({ ruleId: 'front-matter-language', fatal: true });
  });

  it('reports a part written both in front matter and body', () => {
    const parsed = notes('## Summary\n\nBody summary.\n', 'title: T\ndate: 2024-06-05\nsummary: Front summary\n');
    expect(parsed.messages.map((m) => m.ruleId)).toContain('duplicate-part');
  });
});

describe('small parsers', () => {
  it('splits project and title', () => {
    expect(splitProjectTitle('ENAIBLER – AI Foundation Certificate')).toEqual({ project: 'ENAIBLER', title: 'AI Foundation Certificate' });
    expect(splitProjectTitle('Just a title')).toEqual({ title: 'Just a title' });
  });
  it('reads upcoming items', () => {
    expect(parseUpcomingItem('Thematic workshop: University-industry collaboration')).toEqual({ title: 'University-industry collaboration', kind: 'Thematic workshop' });
    expect(parseUpcomingItem('2024-10-10 – [Webinar on AI](https://example.org/ai)')).toEqual({ title: 'Webinar on AI', date: '2024-10-10', url: 'https://example.org/ai' });
  });
  it('reads contacts', () => {
    expect(parseContact('Laura Varisco <l.varisco@policylearning.eu>')).toEqual({ name: 'Laura Varisco', email: 'l.varisco@policylearning.eu' });
    expect(parseContact('Laura Varisco\nl.varisco@policylearning.eu')).toEqual({ name: 'Laura Varisco', email: 'l.varisco@policylearning.eu' });
    expect(parseContact('Marc Pattinson, m.pattinson@policylearning.eu')).toEqual({ name: 'Marc Pattinson', email: 'm.pattinson@policylearning.eu' });
  });
});
