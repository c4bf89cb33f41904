import { describe, expect, it } from 'vitest';
import { withScheme } from '../../../src/parse/canonical/addresses.js';
import { readPlace } from '../../../src/parse/canonical/place.js';
import { readContact, readLink, readOrganiser, splitOrganisers } from '../../../src/parse/canonical/short-forms.js';

describe('short forms', () => {
  it.each([
    ['Laura Varisco <l.varisco@policylearning.eu>', { name: 'Laura Varisco', email: 'l.varisco@policylearning.eu' }],
    ['Marc Pattinson, m.pattinson@policylearning.eu', { name: 'Marc Pattinson', email: 'm.pattinson@policylearning.eu' }],
    ['Ann Lee (ann@lee.eu)', { name: 'Ann Lee', email: 'ann@lee.eu' }],
    ['mailto:ann@lee.eu', { name: 'ann@lee.eu', email: 'ann@lee.eu' }],
    ['Ann Lee', { name: 'Ann Lee' }],
  ])('reads the contact %s', (text, expected) => expect(readContact(text)).toEqual(expected));

  it.each([
    ['Innovation procurement https://x.eu/a', { title: 'Innovation procurement', url: 'https://x.eu/a' }],
    ['Brief: www.x.eu/b', { title: 'Brief', url: 'https://www.x.eu/b' }],
    ['Brief – <https://x.eu>', { title: 'Brief', url: 'https://x.eu' }],
    ['[Brief](x.eu)', { title: 'Brief', url: 'https://x.eu' }],
    ['https://x.eu', { title: 'https://x.eu', url: 'https://x.eu' }],
  ])('reads the link %s', (text, expected) => expect(readLink(text)).toEqual(expected));

  it('is no link without an address', () => expect(readLink('Just a title')).toBeUndefined());

  it.each([
    ['www.example.eu/x', 'https://www.example.eu/x'],
    ['example.eu/path?q=1', 'https://example.eu/path?q=1'],
    ['interregeurope.eu', 'https://interregeurope.eu'],
  ])('adds https:// to %s', (text, expected) => expect(withScheme(text)).toBe(expected));

  it.each(['https://x.eu', 'mailto:a@b.eu', '#top', 'a@b.eu', 'not an address', 'v1.2', 'file.pdf', 'images/photo.jpg', '', 'x'.repeat(3000) + '.eu'])('leaves %s', (text) => {
    expect(withScheme(text)).toBeUndefined();
  });

  it('reads places', () => {
    expect(readPlace('Online')).toEqual({ online: true });
    expect(readPlace('Vilnius / online')).toEqual({ city: 'Vilnius', online: true, hybrid: true });
    expect(readPlace('Hybrid – Vilnius, Lithuania')).toEqual({ city: 'Vilnius', country: 'Lithuania', online: true, hybrid: true });
    expect(readPlace('Vilnius / Kaunas')).toBeUndefined();
  });
});

describe('a contact’s telephone number', () => {
  it.each([
    ['ESPON EGTC, info@espon.eu, +352 20 600 280', { name: 'ESPON EGTC', email: 'info@espon.eu', phone: '+352 20 600 280' }],
    ['Jane Doe, jane@x.eu, Tel.: +49 30 1234-567', { name: 'Jane Doe', email: 'jane@x.eu', phone: '+49 30 1234-567' }],
    ['Jane Doe (0044 20 7946 0958) jane@x.eu', { name: 'Jane Doe', email: 'jane@x.eu', phone: '0044 20 7946 0958' }],
    ['Office 2024, jane@x.eu', { name: 'Office 2024', email: 'jane@x.eu' }],
  ])('reads %s', (text, expected) => expect(readContact(text)).toEqual(expected));
});

describe('organisers on one line', () => {
  it.each([
    ['Interreg Europe Policy Learning Platform, with the Port of Rotterdam', 'en', ['Interreg Europe Policy Learning Platform', 'Port of Rotterdam']],
    ['Plataforma de Aprendizaje, con la Generalitat Valenciana', 'es', ['Plataforma de Aprendizaje', 'Generalitat Valenciana']],
    ['Région Auvergne-Rhône-Alpes, en collaboration avec la Métropole de Lyon', 'fr', ['Région Auvergne-Rhône-Alpes', 'Métropole de Lyon']],
    ['Stadt Wien, in Zusammenarbeit mit der Wirtschaftsagentur Wien', 'de', ['Stadt Wien', 'Wirtschaftsagentur Wien']],
    ['A; B, in cooperation with C', 'en', ['A', 'B', 'C']],
  ])('splits %s', (text, language, names) => expect(splitOrganisers(text, language)).toEqual(names));
  it.each([
    ['Ministry of Economy, with the support of the European Commission', 'en'],
    ['Ayuntamiento de Valencia, con el apoyo de la Comisión Europea', 'es'],
    ['Association for Cities with Ports', 'en'],
    ['Department of Energy, Climate and Environment', 'en'],
  ])('keeps %s as one organiser', (text, language) => expect(splitOrganisers(text, language)).toBeUndefined());
});

describe('an organiser’s role in brackets', () => {
  it.each([
    ['Region Västerbotten (värd)', 'sv', { name: 'Region Västerbotten', role: 'värd' }],
    ['Město Brno (pořadatel)', 'cs', { name: 'Město Brno', role: 'pořadatel' }],
    ['Tartu linn (korraldaja)', 'et', { name: 'Tartu linn', role: 'korraldaja' }],
    ['Region Västerbotten (värd)', 'en', { name: 'Region Västerbotten (värd)' }],
  ])('reads %s in %s', (text, language, expected) => expect(readOrganiser(text, language)).toEqual(expected));
});

describe('a contact written as a business card', () => {
  it('reads the name (bold or not), the role lines and the address and number on lines of their own', () => {
    expect(readContact('**Simon Hunkin**\nThematic Expert – Environment\ns.hunkin@policylearning.eu')).toEqual({ name: 'Simon Hunkin', role: 'Thematic Expert – Environment', email: 's.hunkin@policylearning.eu' });
    expect(readContact('Astrid Severin\nThematic Expert\nPolicy Learning Platform\na.severin@policylearning.eu\n+32 2 123 45 67')).toEqual({ name: 'Astrid Severin', role: 'Thematic Expert, Policy Learning Platform', email: 'a.severin@policylearning.eu', phone: '+32 2 123 45 67' });
  });
  it('leaves two-line contacts and lines with the address inside to the line reader', () => {
    expect(readContact('Marc Pattinson\nm.pattinson@policylearning.eu')).toEqual({ name: 'Marc Pattinson', email: 'm.pattinson@policylearning.eu' });
    expect(readContact('Write to\nthe secretariat at\ninfo@x.eu today')).toMatchObject({ email: 'info@x.eu' });
  });
});
