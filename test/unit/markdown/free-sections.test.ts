import { describe, expect, it } from 'vitest';
import { keysOf, labelPack } from '../../../src/i18n/locales.js';
import { addFreeSection, writeFreeSections } from '../../../src/parse/markdown/free-sections.js';
import { readBody } from './read-body.js';

describe('free sections builder', () => {
  it('keeps an unknown heading’s Markdown as written, sub-headings included, with a warning and a suggestion', () => {
    const { body, messages, placements } = readBody('## Hightlights\n\nText.\n\n### Sub\n\n- a\n', (section, ctx) => {
      addFreeSection(section, 'unknown', ctx);
      writeFreeSections(ctx);
    });
    expect(body.sections).toEqual([{ title: 'Hightlights', body: 'Text.\n\n### Sub\n\n- a', after: 'start' }]);
    expect(messages.map((m) => [m.ruleId, m.note])).toEqual([['unknown-heading', 'Did you mean `highlights`?']]);
    expect(placements).toMatchObject([{ kind: 'free-section', path: ['sections', 0], reason: 'heading names no part' }]);
  });
});

describe('label packs’ keys', () => {
  it('a pack without `keys` has every key name, with no words', () => {
    expect(keysOf(undefined)).toEqual({ project: [], title: [], presenter: [], role: [], organisation: [], region: [], country: [], link: [], figures: [], speakers: [] });
    expect(keysOf({ country: ['Land', 3], constructor: ['x'] } as never).country).toEqual(['land']);
  });
  it('English lists the synonyms', () => {
    expect(labelPack('en').keys.presenter).toContain('speaker');
    expect(labelPack('en').keys.figures).toContain('key figures');
  });
});
