/** The place line of the title block and the catalogue: on site, online, or both, in the report's language. */
import { describe, expect, it } from 'vitest';
import { labelPack } from '../../src/i18n/locales.js';
import type { EventReport } from '../../src/model/types.js';
import { placeText } from '../../src/render/view.js';

const report = (place: EventReport['place']) => ({ place }) as EventReport;

describe('placeText', () => {
  it('names the city and country of an event on site', () => {
    expect(placeText(report({ city: 'Vilnius', country: 'Lithuania' }), labelPack('en').labels)).toBe('Vilnius, Lithuania');
  });
  it('says online for an online event, in the report language', () => {
    expect(placeText(report({ online: true }), labelPack('en').labels)).toBe('Online');
    expect(placeText(report({ online: true }), labelPack('fr').labels)).toBe('En ligne');
  });
  it('says a hybrid event is in its place and online, in every label pack', () => {
    expect(placeText(report({ city: 'Tallinn', country: 'Estonia', online: true, hybrid: true }), labelPack('en').labels)).toBe('Tallinn, Estonia and online');
    expect(placeText(report({ city: 'Lille', country: 'France', online: true, hybrid: true }), labelPack('fr').labels)).toBe('Lille, France et en ligne');
    for (const code of ['bg', 'cs', 'da', 'de', 'el', 'es', 'et', 'fi', 'ga', 'hr', 'hu', 'it', 'lt', 'lv', 'mt', 'nl', 'pl', 'pt', 'ro', 'sk', 'sl', 'sv']) {
      const text = placeText(report({ city: 'X$&', online: true }), labelPack(code).labels);
      expect(text.startsWith('X$& '), code).toBe(true);
      expect(text, code).not.toContain('{place}');
    }
  });
});
