/** Notes pasted as plain text: Word's bullets, part names on lines of their own, a list of next steps without groups. */
import { describe, expect, it } from 'vitest';
import { parseMarkdownNotes } from '../../../src/parse/markdown/index.js';
import { bodyStartOf, withMarkdownBullets } from '../../../src/parse/markdown/plain-lines.js';

const FRONT = '---\ntitle: Blue Economy\ndate: 2025-03-03\n---\n\n';
const rules = (r: ReturnType<typeof parseMarkdownNotes>) => r.messages.map((m) => `${m.place?.start.line}:${m.place?.start.column} ${m.severity} ${m.ruleId}`);

describe('pasted bullets', () => {
  it('are list markers, swapped one for one so that every offset stays', () => {
    const text = FRONT + '• one\n  ▪ two\n\uF0B7 three\nnot • this\n';
    const { text: swapped, bullets } = withMarkdownBullets(text, bodyStartOf(text));
    expect(swapped.length).toBe(text.length);
    expect(swapped.slice(bodyStartOf(text))).toBe('\n- one\n  - two\n- three\nnot • this\n');
    expect(bullets.map((b) => text[b])).toEqual(['•', '▪', '\uF0B7']);
  });

  it('leave the front matter as written', () => {
    const text = '---\ntitle: T\nsummary: |\n  • kept\n---\n• item\n';
    expect(withMarkdownBullets(text, bodyStartOf(text)).text).toBe('---\ntitle: T\nsummary: |\n  • kept\n---\n- item\n');
  });

  it('make the items of the part they stand in, with one info at the first', () => {
    const r = parseMarkdownNotes(FRONT + '## Next steps\n\n### Cities\n\n• Share the templates\n• Meet again in spring\n');
    expect((r.data as any).nextSteps.groups[0].items).toEqual(['Share the templates', 'Meet again in spring']);
    expect(rules(r)).toContain('10:1 info pasted-bullets');
  });
});

describe('part names on lines of their own', () => {
  it('are the parts’ headings when no heading names a part', () => {
    const r = parseMarkdownNotes(FRONT + 'Summary\n\nSixty people met.\n\nNext steps:\n\n- Share the templates\n');
    const data = r.data as any;
    expect(data.summary).toBe('Sixty people met.');
    expect(data.nextSteps.groups).toEqual([{ title: 'Recommendations', items: ['Share the templates'] }]);
    expect(rules(r)).toEqual(['6:1 info plain-heading', '10:1 info plain-heading', '12:1 info list-as-group']);
  });

  it('stay text when the notes have Markdown headings for their parts', () => {
    const r = parseMarkdownNotes(FRONT + '## Summary\n\nSixty people met.\n\nHighlights\n');
    expect((r.data as any).summary).toBe('Sixty people met.\n\nHighlights');
    expect(rules(r)).toEqual([]);
  });

  it('must be the whole line and exactly a part’s name', () => {
    const r = parseMarkdownNotes(FRONT + 'Summary of the day was good.\n\nHighlights and more\n');
    expect(rules(r)).toEqual([]);
  });
});

describe('a contact written with its label after the last part', () => {
  it('does not keep the label in the name', () => {
    const r = parseMarkdownNotes(FRONT + '## Next steps\n\n### Cities\n\n- Share\n\nContact: Marc Pattinson, m.pattinson@policylearning.eu\n');
    expect((r.data as any).contacts).toEqual([{ name: 'Marc Pattinson', email: 'm.pattinson@policylearning.eu' }]);
  });
});

describe('part names set in bold, as a Word document pastes its headings', () => {
  const FRONT = '---\ntitle: Peer review\ndate: 2024-05-07\n---\n\n';
  const BODY = [
    '**Summary**', '', 'The peer review helped Riga.', '',
    '**Key takeaways**', '', '**Skills for SMEs**', '', 'Speaker: Ilze Kalnina, Riga Planning Region', '', 'Ilze presented the strategy.', '',
    '**Good practices**', '', '**DIGI-SME – Digital vouchers**', '', 'Country: Estonia', '', '**Key figures**', '', '- 500 vouchers', '', 'Vouchers for small firms.', '',
    '**Recommendations**', '', '- Simplify the process', '',
  ].join('\n');

  it('reads the bold part names as parts and bold lines under them as their items', () => {
    const result = parseMarkdownNotes(FRONT + BODY);
    const data = result.data as any;
    expect(data.summary).toBe('The peer review helped Riga.');
    expect(data.highlights.themes[0]).toMatchObject({ title: 'Skills for SMEs', speakers: [{ name: 'Ilze Kalnina', organisation: 'Riga Planning Region' }] });
    const practice = data.practices.topics[0].practices[0];
    expect(practice).toMatchObject({ project: 'DIGI-SME', title: 'Digital vouchers', country: 'Estonia', figures: ['500 vouchers'] });
    expect(data.nextSteps.groups[0].items).toEqual(['Simplify the process']);
    expect(result.messages.filter((m) => m.ruleId === 'plain-heading')).toHaveLength(6);
  });

  it('leaves bold lines alone when the part names are not in bold', () => {
    const result = parseMarkdownNotes(FRONT + BODY.replace(/\*\*(Summary|Key takeaways|Good practices|Recommendations)\*\*/g, '$1'));
    expect((result.data as any).highlights.themes).toBeUndefined();
  });

  it('warns when a long body names no part at all', () => {
    const result = parseMarkdownNotes(FRONT + 'One.\n\nTwo.\n\nThree.\n\nFour.\n\nFive.\n');
    expect(result.messages.find((m) => m.ruleId === 'no-parts')).toMatchObject({ severity: 'warning', place: { start: { line: 6 } } });
    expect(parseMarkdownNotes(FRONT + 'One.\n\nTwo.\n').messages.map((m) => m.ruleId)).not.toContain('no-parts');
  });
});
