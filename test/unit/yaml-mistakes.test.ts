/** YAML mistakes said in plain words, each at its line and column, with the line as it should be. */
import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../src/parse/yaml.js';

const first = (text: string) => {
  const m = parseYaml(text).messages[0]!;
  return { at: `${m.place?.start.line}:${m.place?.start.column}`, ruleId: m.ruleId, severity: m.severity, reason: m.reason, note: m.note };
};

describe('YAML mistakes in plain words', () => {
  it('a value holding `: `', () => {
    expect(first('title: T\nsummary: Vilnius: the capital hosted the workshop\n')).toEqual({
      at: '2:10',
      ruleId: 'yaml-syntax',
      severity: 'error',
      reason: 'The value of `summary` holds `: `, which YAML reads as the start of another key',
      note: 'Put the value in quotes: `summary: "Vilnius: the capital hosted the workshop"`',
    });
  });

  it('`: ` inside `{ }` names the value to quote and shows the line with it quoted', () => {
    const m = first('place: { city: Lille, country: France, venue: Grand Palais: Hall 3 }\n');
    expect(m).toMatchObject({ at: '1:47', ruleId: 'yaml-syntax', severity: 'error' });
    expect(m.note).toBe('Put the text that holds `: ` in quotes: `place: { city: Lille, country: France, venue: "Grand Palais: Hall 3" }`, or write the mapping on separate lines');
  });

  it('a warning about the text of a flow collection leaves the data usable', () => {
    const parsed = parseYaml('title: T\nresources: [a, Note: see this]\n');
    expect(parsed.messages.map((m) => m.ruleId)).toEqual(['yaml-flow-text']);
    expect(parsed.data).toEqual({ title: 'T', resources: ['a', { Note: 'see this' }] });
  });

  it('a comma inside `{ }`', () => {
    const m = first('place: { city: Vilnius, Lithuania }\n');
    expect(m).toMatchObject({ at: '1:25', ruleId: 'yaml-flow-text', severity: 'warning' });
    expect(m.reason).toBe('Inside `{ }` a `,` ends a value: `Lithuania` became a key of its own');
    expect(m.note).toBe('If the comma is part of the text, quote it: `place: { city: "Vilnius, Lithuania" }`');
  });

  it('`: ` inside `[ ]`', () => {
    const m = first('figures: [Vilnius: 60 participants, 19 countries]\n');
    expect(m).toMatchObject({ at: '1:11', ruleId: 'yaml-flow-text', severity: 'warning' });
    expect(m.note).toBe('Quote the text: `figures: ["Vilnius: 60 participants", 19 countries]`');
  });

  it('a number split by a comma in a flow list', () => {
    const m = first('figures: [138,000 citizens trained, 61 servants]\n');
    expect(m).toMatchObject({ at: '1:11', ruleId: 'yaml-split-number', severity: 'warning' });
    expect(m.reason).toBe('`138,000 citizens trained` became two items, `138` and `000 citizens trained`: inside `[ ]` a comma separates items');
    expect(m.note).toBe('Quote it: `figures: ["138,000 citizens trained", 61 servants]`');
  });

  it('a tab as indentation', () => {
    expect(first('place:\n\tcity: Vilnius\n')).toMatchObject({ at: '2:1', ruleId: 'yaml-syntax', reason: 'A tab indents this line; YAML indents with spaces only', note: 'Replace the tab with spaces: `  city: Vilnius`' });
  });

  it('an unclosed quote', () => {
    const m = first('title: "Digital Transformation\ndate: 2024-06-05\n');
    expect(m).toMatchObject({ at: '1:8', ruleId: 'yaml-syntax' });
    expect(m.note).toBe('Close it where the text ends: `title: "Digital Transformation"`');
  });

  it('leaves correct flow collections alone', () => {
    expect(parseYaml('place: { city: Vilnius, country: Lithuania }\nfigures: ["138,000 citizens", 61 servants, "a: b"]\n').messages).toEqual([]);
  });
});
