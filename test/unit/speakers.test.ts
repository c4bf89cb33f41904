/** Speakers from bold names in prose, with the role and organisation written next to them. */
import { describe, expect, it } from 'vitest';
import { speakersFromText } from '../../src/model/speakers.js';

describe('speakers from text', () => {
  it('keeps a role that holds `of` whole when `at` names the organisation', () => {
    expect(speakersFromText('**Anna Kowalska**, Head of Procurement at the City of Kraków, presented the rules.')).toEqual([
      { name: 'Anna Kowalska', role: 'Head of Procurement', organisation: 'City of Kraków' },
    ]);
    expect(speakersFromText('**Rui Nunes**, Head of Urban Planning at Lisbon City Council')).toEqual([
      { name: 'Rui Nunes', role: 'Head of Urban Planning', organisation: 'Lisbon City Council' },
    ]);
  });

  it('splits at `of` when nothing else names the organisation', () => {
    expect(speakersFromText('**Marco Bucci**, Mayor of Genoa, opened the day at the conference centre.')).toEqual([
      { name: 'Marco Bucci', role: 'Mayor', organisation: 'Genoa' },
    ]);
  });

  it('reads `Role at Organisation` and `from Organisation`', () => {
    expect(speakersFromText('The panel featuring **Alina Brenebel**, Programme Manager at DG DIGIT, highlighted it.')).toEqual([
      { name: 'Alina Brenebel', role: 'Programme Manager', organisation: 'DG DIGIT' },
    ]);
    expect(speakersFromText('**Silvana Perazzo**, from the City of Genoa, presented')).toEqual([{ name: 'Silvana Perazzo', organisation: 'City of Genoa' }]);
  });
});
