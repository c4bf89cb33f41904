import { describe, expect, it } from 'vitest';
import { fixNotesText } from '../../../src/parse/canonical/apply-rewrites.js';
import { parseNotes } from '../../../src/parse/index.js';
import { validateNotes } from '../../../src/validate/index.js';

const problems = (text: string) => {
  const parsed = parseNotes(text, 'yaml');
  return [...parsed.messages, ...validateNotes(parsed)].filter((m) => m.severity !== 'info').map((m) => `${m.ruleId}: ${m.reason} | ${m.note ?? ''}`);
};

describe('did you mean, by meaning', () => {
  it('suggests the key a misspelt synonym stands for', () => {
    expect(problems('title: T\ndate: 2024-06-05\nloaction: Vilnius\n')).toEqual(['unknown-key: Unknown key `loaction` at the top level; it is ignored | Did you mean `place`?']);
  });

  it('suggests a key for a word that is close in meaning but not safe to read', () => {
    expect(problems('title: T\ndate: 2024-06-05\ncity: Vilnius\n')).toEqual(['unknown-key: Unknown key `city` at the top level; it is ignored | Did you mean `place`?']);
  });

  it('reads `when:` as the date when it holds one', () => {
    expect(problems('title: T\nwhen: 3rd of March 2025\n')).toEqual([]);
  });

  it('still suggests by spelling', () => {
    expect(problems('title: T\ndate: 2024-06-05\nplace: { contry: Lithuania }\n')).toEqual(['unknown-key: Unknown key `contry` in `place` | Did you mean `country`?']);
  });
});

describe('fixNotesText', () => {
  it('keeps comments, blank lines and untouched values as written', () => {
    const text = '# Notes\ntitle: "Quoted title"   \n\n# where\nLocation: Vilnius, Lithuania # city\ndate: 2024-06-05\nsummary: >-\n  A folded\n  summary.\n';
    const fixed = fixNotesText(text, 'yaml');
    expect(fixed.text).toBe('# Notes\ntitle: "Quoted title"   \n\n# where\nplace: { city: Vilnius, country: Lithuania } # city\ndate: 2024-06-05\nsummary: >-\n  A folded\n  summary.\n');
    expect(fixNotesText(fixed.text, 'yaml').text).toBe(fixed.text);
  });

  it('edits only the front matter of Markdown notes', () => {
    const body = '\n## Highlights\n\n### A\n\nText with `Location: x` in it.\n';
    const fixed = fixNotesText(`---\ntitle: T\nDate: 12 March 2025\n---\n${body}`, 'markdown');
    expect(fixed.text).toBe(`---\ntitle: T\ndate: 2025-03-12\n---\n${body}`);
  });

  it('refuses a rewrite that would change what the notes say, and writes nothing', () => {
    const text = 'title: T\ndate: 2024-06-05\nplace: &p Vilnius, Lithuania\nsubtitle: *p\n';
    const fixed = fixNotesText(text, 'yaml');
    expect(fixed.text).toBe(text);
    expect(fixed.messages.map((m) => m.ruleId)).toEqual(['fix']);
  });

  it('leaves notes that do not parse, with the parser’s message', () => {
    const fixed = fixNotesText('title: "T\n', 'yaml');
    expect(fixed.text).toBe('title: "T\n');
    expect(fixed.messages[0]).toMatchObject({ ruleId: 'yaml-syntax', fatal: true });
  });
});
