import { describe, expect, it } from 'vitest';
import { keyWordsOf, keyLine } from '../../../src/parse/markdown/key-lines.js';
import { buildPractices } from '../../../src/parse/markdown/practices.js';
import { splitProjectTitle } from '../../../src/parse/canonical/practice-line.js';
import { keysOf } from '../../../src/i18n/locales.js';
import { readBody } from './read-body.js';

const practice = (lines: string) => readBody(`## Good practices\n\n### Topic\n\n#### P1 – A practice\n\n${lines}\n`, buildPractices);

describe('practices builder', () => {
  it('reads key lines, a figures list and the description', () => {
    const { body } = practice('Region: Veneto\nCountry: Italy\nFigures:\n- 10 things\n- 20 more\n\nDescription here.');
    expect(body.practices.topics[0].practices[0]).toEqual({ project: 'P1', title: 'A practice', region: 'Veneto', country: 'Italy', figures: ['10 things', '20 more'], description: 'Description here.' });
  });

  it('reads key lines whatever their case, bold or not', () => {
    const { body } = practice('**Country:** Italy\nPRESENTER: Jane Doe\n**Organization**: City of Genoa\nwebsite: [Site](https://x.org)');
    expect(body.practices.topics[0].practices[0]).toEqual({
      project: 'P1', title: 'A practice', country: 'Italy', presenter: { name: 'Jane Doe', organisation: 'City of Genoa' }, links: [{ title: 'Site', url: 'https://x.org' }],
    });
  });

  it('takes `Key Figures` alone on a line (no colon) before a list as the figures', () => {
    const { body } = practice('Country: Ireland\nKey Figures\n- 61 trained\n- 12 weeks\n\nText.');
    expect(body.practices.topics[0].practices[0]).toMatchObject({ country: 'Ireland', figures: ['61 trained', '12 weeks'], description: 'Text.' });
    const alone = practice('**Key figures**\n\n- 61 trained\n\nText.');
    expect(alone.body.practices.topics[0].practices[0]).toMatchObject({ figures: ['61 trained'], description: 'Text.' });
  });

  it('keeps a `Word:` line of no known key in the description, with a warning at its line', () => {
    const { body, messages } = practice('Country: Italy\nBudget: 2 million\nConstructor: Acme');
    expect(body.practices.topics[0].practices[0]).toMatchObject({ country: 'Italy', description: 'Budget: 2 million\n\nConstructor: Acme' });
    expect(messages.map((m) => [m.ruleId, m.severity, m.place?.start.line])).toEqual([
      ['unknown-key-line', 'warning', 8],
      ['unknown-key-line', 'warning', 9],
    ]);
  });

  it('reads practices written as runs of key lines under no heading, each from its `Project:` or `Practice:` line', () => {
    const { body, messages } = readBody(
      '## Good practices\n\nTwo projects presented.\n\nProject: RENOVATE\nPractice: Bundled tenders\nPresenter: Ana Sousa, Municipality of Évora\nCountry: Portugal\nKey figures: 30% less energy; 1,200 pupils\n\nÉvora bundled 12 renovations.\n\nProject: SMARTRURAL\nCountry: Poland\n\nA van visits villages.\n\nIt runs weekly.\n',
      buildPractices,
    );
    expect(body.practices.intro).toBe('Two projects presented.');
    expect(body.practices.topics).toEqual([
      {
        title: 'Good practices and examples from projects',
        practices: [
          { title: 'Bundled tenders', project: 'RENOVATE', presenter: { name: 'Ana Sousa', organisation: 'Municipality of Évora' }, country: 'Portugal', figures: ['30% less energy', '1,200 pupils'], description: 'Évora bundled 12 renovations.' },
          { title: 'SMARTRURAL', project: 'SMARTRURAL', country: 'Poland', description: 'A van visits villages.\n\nIt runs weekly.' },
        ],
      },
    ]);
    expect(messages.map((m) => [m.ruleId, m.place?.start.line])).toContainEqual(['practice-key-lines', 5]);
  });

  it('takes a `Practice:` line as the title under a heading naming only the project, and keeps a second title in the description', () => {
    const only = readBody('## Good practices\n\n### Topic\n\n#### NETFISH\n\nPractice: Nets collected in port\nCountry: Netherlands\n', buildPractices);
    expect(only.body.practices.topics[0].practices[0]).toMatchObject({ project: 'NETFISH', title: 'Nets collected in port', country: 'Netherlands' });
    const { body, messages } = practice('Practice: Another title\nCountry: Italy');
    expect(body.practices.topics[0].practices[0]).toMatchObject({ project: 'P1', title: 'A practice', country: 'Italy', description: 'Practice: Another title' });
    expect(messages.map((m) => [m.ruleId, m.severity])).toContainEqual(['practice-title-line', 'warning']);
  });

  it('reads a paragraph pasted as plain text whose first line names a project and a practice, then its key lines', () => {
    const { body, messages } = readBody('## Good practices\n\nGREENPRO – Circular furniture\nCountry: Portugal\nPresenter: Rui Lopes, City of Lisbon\nLisbon buys **refurbished** furniture.\nFor its offices.\n\nIt saved 30 %.\n', buildPractices);
    expect(body.practices.topics[0].practices).toEqual([
      { title: 'Circular furniture', project: 'GREENPRO', country: 'Portugal', presenter: { name: 'Rui Lopes', organisation: 'City of Lisbon' }, description: 'Lisbon buys **refurbished** furniture. For its offices.\n\nIt saved 30 %.' },
    ]);
    expect(body.practices.intro).toBeUndefined();
    expect(messages.map((m) => [m.ruleId, m.place?.start.line])).toEqual([['practice-key-lines', 3]]);
  });

  it('warns when good practices hold no practice but their text has a practice’s key lines; prose alone says nothing', () => {
    const { body, messages } = readBody('## Good practices\n\nCountry: Portugal\nLisbon buys refurbished furniture.\n\nNote: all cities\nCountry: Spain\n', buildPractices);
    expect(body.practices.intro).toBe('Country: Portugal Lisbon buys refurbished furniture.\n\nNote: all cities Country: Spain');
    expect(messages.map((m) => [m.ruleId, m.severity, m.place?.start.line])).toEqual([['part-without-items', 'warning', 3]]);
    expect(readBody('## Good practices\n\nThree projects presented their work.\n\nAll of them: very different.\n', buildPractices).messages).toEqual([]);
  });

  it('reads a list whose every item is a key line as the key lines; any other list stays the description', () => {
    const { body } = practice('- Country: Austria\n- Presenter: Max Huber, City of Vienna\n\nA market.');
    expect(body.practices.topics[0].practices[0]).toMatchObject({ country: 'Austria', presenter: { name: 'Max Huber', organisation: 'City of Vienna' }, description: 'A market.' });
    const german = readBody('## Gute Praxis\n\n### Thema\n\n#### CB – Bauteilbörse\n\n- Land: Österreich\n- Vortragender: Max Huber, Stadt Wien\n', buildPractices, 'de');
    expect(german.body.practices.topics[0].practices[0]).toMatchObject({ country: 'Österreich', presenter: { name: 'Max Huber', organisation: 'Stadt Wien' } });
    const mixed = practice('- Country: Austria\n- Cheaper materials\n\nA market.');
    expect(mixed.body.practices.topics[0].practices[0]).toMatchObject({ description: 'Country: Austria\n\nCheaper materials\n\nA market.' });
    expect(mixed.body.practices.topics[0].practices[0].country).toBeUndefined();
  });

  it('takes the first of several presenters, keeps the others in the description, and warns', () => {
    const { body, messages } = practice('Presenters: Ann Lee (City of Cork) and Bo Kim (SEAI)\nCountry: Ireland\n\nShared roofs.');
    expect(body.practices.topics[0].practices[0]).toMatchObject({ presenter: { name: 'Ann Lee', organisation: 'City of Cork' }, country: 'Ireland', description: 'Presented by: Bo Kim (SEAI)\n\nShared roofs.' });
    expect(messages.map((m) => [m.ruleId, m.severity])).toContainEqual(['several-presenters', 'warning']);
  });

  it('leaves prose with a colon as the description', () => {
    const { body, messages } = practice('Note: the project ended in 2023.');
    expect(body.practices.topics[0].practices[0].description).toBe('Note: the project ended in 2023.');
    expect(messages).toEqual([]);
  });

  it('records where each practice and field went', () => {
    const { placements } = practice('Country: Italy');
    expect(placements.map((p) => [p.kind, p.path.join('/'), p.position?.start.line])).toEqual([
      ['part', 'practices', 1],
      ['topic', 'practices/topics/0', 3],
      ['practice', 'practices/topics/0/practices/0', 5],
      ['field', 'practices/topics/0/practices/0/country', 7],
    ]);
  });

  it('splits project and title', () => {
    expect(splitProjectTitle('ENAIBLER – AI Foundation Certificate')).toEqual({ project: 'ENAIBLER', title: 'AI Foundation Certificate' });
    expect(splitProjectTitle('Just a title')).toEqual({ title: 'Just a title' });
  });
});

describe('key lines', () => {
  const de = keyWordsOf([keysOf({ country: ['land'], figures: ['kennzahlen'], region: ['région'] })], 'practice');
  it('are read in the words of a label pack, any script, any case', () => {
    expect(keyLine('Land: Italien', de)).toMatchObject({ key: 'country', value: 'Italien' });
    expect(keyLine('**KENNZAHLEN:**', de)).toMatchObject({ key: 'figures', value: '' });
    expect(keyLine('Région: Hauts-de-France', de)).toMatchObject({ key: 'region', value: 'Hauts-de-France' });
    expect(keyLine('constructor: x', de)).toMatchObject({ key: undefined, written: 'constructor' });
    expect(keyLine('https://x.org', de)).toBeUndefined();
  });
});
