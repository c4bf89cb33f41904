/**
 * The archive site's words in every label pack: its filters' names and the number of events in each plural
 * form the language has (Intl.PluralRules' categories), so that no catalogue says "1 events" or "5 wydarzenia";
 * and the compendium's words and its count of practices, likewise.
 */
import { describe, expect, it } from 'vitest';
import { labelPacks } from '../../src/i18n/locales.js';
import { pluralLabel } from '../../src/i18n/plural-label.js';
import { eventCount } from '../../src/site/index-page.js';

const COMPENDIUM_LABELS = ['compendium.title', 'compendium.presentedAt', 'compendium.noCountry', 'compendium.events', 'compendium.alsoUnder'];
const SITE_LABELS = ['catalogue', 'search', 'date', 'place', 'title', 'reports', 'year', 'kind', 'country', 'language', 'theme', 'allValues'];

describe('the archive site in the 24 label packs', () => {
  for (const [code, pack] of labelPacks()) {
    it(`${code}: names every filter and has the count in each plural form of the language`, () => {
      for (const key of SITE_LABELS) expect(pack.labels[key], key).toMatch(/\S/);
      for (const category of new Intl.PluralRules(code).resolvedOptions().pluralCategories) {
        expect(pack.labels[`eventCount.${category}`], `eventCount.${category}`).toMatch(/^[^{}]*\{n\}[^{}]*$/);
        expect(pack.labels[`practiceCount.${category}`], `practiceCount.${category}`).toMatch(/^[^{}]*\{n\}[^{}]*$/);
      }
      for (const key of COMPENDIUM_LABELS) expect(pack.labels[key], key).toMatch(/\S/);
      // (in its own words: only English may say "Good practices")
      if (code !== 'en') expect(pack.labels['compendium.title']).not.toBe('Good practices');
    });
  }

  it('chooses the form by the number', () => {
    expect([0, 1, 2, 1000].map((n) => eventCount(n, 'en'))).toEqual(['0 events', '1 event', '2 events', '1,000 events']);
    expect([1, 2, 5, 22, 25].map((n) => eventCount(n, 'pl'))).toEqual(['1 wydarzenie', '2 wydarzenia', '5 wydarzeń', '22 wydarzenia', '25 wydarzeń']);
    expect([1, 3, 10, 21].map((n) => eventCount(n, 'lt'))).toEqual(['1 renginys', '3 renginiai', '10 renginių', '21 renginys']);
    expect([1, 2, 3, 5].map((n) => eventCount(n, 'sl'))).toEqual(['1 dogodek', '2 dogodka', '3 dogodki', '5 dogodkov']);
    expect([1, 2, 5, 22].map((n) => pluralLabel(n, 'pl', 'practiceCount'))).toEqual(['1 dobra praktyka', '2 dobre praktyki', '5 dobrych praktyk', '22 dobre praktyki']);
  });
});
