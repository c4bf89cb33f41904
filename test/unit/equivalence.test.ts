import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalise } from '../../src/model/normalise.js';
import type { EventNotes } from '../../src/model/types.js';
import { parseNotes } from '../../src/parse/index.js';
import { validateNotes } from '../../src/validate/index.js';
import { EXAMPLES } from '../helpers/cli.js';

const load = (name: string, format: 'markdown' | 'yaml') => {
  const parsed = parseNotes(readFileSync(join(EXAMPLES, name), 'utf8'), format);
  // The reference's "Policy Learning Platform Policy briefs and articles" is resources by its last words: said so.
  expect(parsed.messages.map((m) => m.ruleId)).toEqual(format === 'markdown' ? ['heading-matched-by-word'] : []);
  expect(validateNotes(parsed)).toEqual([]);
  return normalise(parsed.data as EventNotes);
};

describe('the Vilnius example', () => {
  const fromMarkdown = load('vilnius-2024.md', 'markdown');
  const fromYaml = load('vilnius-2024.yaml', 'yaml');

  it('builds the identical model from Markdown and from YAML notes', () => {
    expect(JSON.stringify(fromMarkdown, null, 2)).toBe(JSON.stringify(fromYaml, null, 2));
  });

  it('holds every part of the reference report', () => {
    const m = fromMarkdown;
    expect(m.title).toBe('Digital Transformation of Public Sector Services');
    expect(m.subtitle).toBe('An Interreg Europe Policy Learning Platform event');
    expect(m.date).toBe('2024-06-05');
    expect(m.place).toEqual({ city: 'Vilnius', country: 'Lithuania' });
    expect(m.highlights.themes.map((t) => t.title)).toEqual([
      'Interoperability',
      'GovTech',
      'Artificial Intelligence',
      'MeetUp with innovative GovTech Start Ups and GovTech Lab Lithuania',
    ]);
    expect(m.highlights.participation).toMatch(/Ukraine, Montenegro, and Bosnia-Herzegovina/);
    expect(m.practices.topics).toHaveLength(4);
    expect(m.practices.topics.flatMap((t) => t.practices.map((p) => p.project))).toEqual(['ENAIBLER', 'BETTER', 'OD4GROWTH', 'BESTDIH']);
    expect(m.nextSteps.groups.map((g) => g.items.length)).toEqual([7, 6]);
    expect(m.upcoming.items).toHaveLength(3);
    expect(m.resources.items.map((r) => r.title)).toContain('Bridging rural communities through digitalisation');
    expect(m.resources.note).toMatch(/conclusions page of the event/);
    expect(m.contacts).toEqual([
      { name: 'Laura Varisco', email: 'l.varisco@policylearning.eu' },
      { name: 'Marc Pattinson', email: 'm.pattinson@policylearning.eu' },
    ]);
    expect(m.sections).toEqual([]);
  });

  it('derives speakers with role and organisation from bold names', () => {
    expect(fromMarkdown.highlights.themes.map((t) => t.speakers)).toEqual([
      [{ name: 'Alina Brenebel', role: 'Programme Manager', organisation: 'DG DIGIT' }],
      [{ name: 'Marina Manzoni', organisation: 'Joint Research Centre' }],
      [{ name: 'Margaret Quinn' }],
      [{ name: 'Kamila Gasinska', organisation: 'GovTechLab Lithuania' }],
    ]);
    expect(fromMarkdown.practices.topics.map((t) => t.practices[0]!.presenter)).toEqual([
      undefined,
      { name: 'Silvana Perazzo', organisation: 'City of Genoa' },
      { name: 'Roberto Sandrini', organisation: 'Veneto Region' },
      { name: 'Álvaro Gil', organisation: 'Galicia Innovation Agency' },
    ]);
    expect(fromMarkdown.practices.topics[2]!.practices[0]!.figures).toEqual(['234 Digital Facilitation Centers established', '138,000 citizens trained']);
  });
});
