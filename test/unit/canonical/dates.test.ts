import { describe, expect, it } from 'vitest';
import { monthNames, readDate, readDay } from '../../../src/parse/canonical/dates.js';

describe('readDate', () => {
  it.each([
    ['26 February 2025', undefined, '2025-02-26'],
    ['5th June 2024', undefined, '2024-06-05'],
    ['February 26, 2025', undefined, '2025-02-26'],
    ['Feb 26 2025', undefined, '2025-02-26'],
    ['19. September 2024', 'de', '2024-09-19'],
    ['12 mars 2025', 'fr', '2025-03-12'],
    ['3 października 2024', 'pl', '2024-10-03'],
    ['3 października 2024 r.', undefined, '2024-10-03'],
    ['Wednesday, 5 June 2024', undefined, '2024-06-05'],
    ['le mardi 11 mars 2025', 'fr', '2025-03-11'],
    ['am Dienstag, 11. März 2025', 'de', '2025-03-11'],
    ['Thursday 12th of September 2024', undefined, '2024-09-12'],
    ['2024. október 3.', 'hu', '2024-10-03'],
    ['2024 m. spalio 3 d.', 'lt', '2024-10-03'],
    ['3 Deireadh Fómhair 2024', 'ga', '2024-10-03'],
    ['12 de junio de 2024', 'es', '2024-06-12'],
    ['5 юни 2024 г.', 'bg', '2024-06-05'],
    ['3 ta’ Ottubru 2024', 'mt', '2024-10-03'],
    ['5 Ιουνίου 2024', 'el', '2024-06-05'],
    ['25/03/2024', undefined, '2024-03-25'],
    ['25.03.2024', undefined, '2024-03-25'],
    ['2024/03/25', undefined, '2024-03-25'],
    ['04/04/2024', undefined, '2024-04-04'],
  ])('reads %s (%s) as %s', (text, language, date) => {
    expect(readDate(text, language)).toEqual({ ok: expect.objectContaining({ date }) });
    expect(readDate(text, language)).not.toEqual({ ok: expect.objectContaining({ endDate: expect.anything() }) });
  });

  it.each([
    ['16–17 October 2024', '2024-10-16', '2024-10-17'],
    ['16-17 October 2024', '2024-10-16', '2024-10-17'],
    ['30 Sept – 2 Oct 2024', '2024-09-30', '2024-10-02'],
    ['October 16-17, 2024', '2024-10-16', '2024-10-17'],
    ['30 December – 2 January 2025', '2024-12-30', '2025-01-02'],
    ['2024-10-16/17', '2024-10-16', '2024-10-17'],
    ['2024-10-16/2024-10-18', '2024-10-16', '2024-10-18'],
    ['2024-10-16 – 2024-10-18', '2024-10-16', '2024-10-18'],
  ])('reads the range %s', (text, date, endDate) => {
    expect(readDate(text)).toEqual({ ok: expect.objectContaining({ date, endDate }) });
  });

  it.each([
    ['16 a 17 de outubro de 2024', 'pt', '2024-10-16', '2024-10-17'],
    ['du 16 au 17 octobre 2024', 'fr', '2024-10-16', '2024-10-17'],
    ['vom 16. bis 17. Oktober 2024', 'de', '2024-10-16', '2024-10-17'],
    ['od 16 do 17 października 2024', 'pl', '2024-10-16', '2024-10-17'],
    ['dal 16 al 17 ottobre 2024', 'it', '2024-10-16', '2024-10-17'],
    ['16 al 17 de octubre de 2024', 'es', '2024-10-16', '2024-10-17'],
    ['30 September bis 2. Oktober 2024', 'de', '2024-09-30', '2024-10-02'],
    ['16 and 17 October 2024', 'en', '2024-10-16', '2024-10-17'],
  ])('reads the range in words %s', (text, language, date, endDate) => {
    expect(readDate(text, language)).toEqual({ ok: expect.objectContaining({ date, endDate }) });
  });

  it('gives both readings of an ambiguous numeric date', () => {
    expect(readDate('03/04/2024')).toEqual({ ambiguous: ['2024-04-03', '2024-03-04'] });
  });

  it.each(['2024-06-05', 'hello', 'June 2024', '31 February 2024', '5 Smarch 2024', '', 'soon'])('leaves %s alone', (text) => {
    expect(readDate(text)).toBeUndefined();
  });

  it('turns a Date object into its ISO day', () => {
    expect(readDate(new Date(Date.UTC(2024, 5, 5)))).toEqual({ ok: expect.objectContaining({ date: '2024-06-05' }) });
  });

  it('builds month names for every EU language from Intl', () => {
    for (const lang of ['bg', 'cs', 'da', 'de', 'el', 'es', 'et', 'fi', 'fr', 'ga', 'hr', 'hu', 'it', 'lt', 'lv', 'mt', 'nl', 'pl', 'pt', 'ro', 'sk', 'sl', 'sv']) {
      expect(new Set(monthNames(lang).values()).size, lang).toBe(12);
    }
  });
});

describe('dates written with dots or with a time', () => {
  it('reads a date with dots day first, as it is written wherever dots are used', () => {
    expect(readDate('05.06.2024')).toEqual({ ok: { date: '2024-06-05', form: 'numeric' } });
    expect(readDate('31.12.2024', 'de')).toEqual({ ok: { date: '2024-12-31', form: 'numeric' } });
    expect(readDate('31.02.2024')).toBeUndefined();
    // (with slashes or dashes it stays ambiguous)
    expect(readDate('05-06-2024')).toEqual({ ambiguous: ['2024-06-05', '2024-05-06'] });
  });
  it.each([
    ['5 June 2024, 09:30–16:00', '2024-06-05', '09:30–16:00'],
    ['2024-06-05T09:00:00Z', '2024-06-05', '09:00:00Z'],
    ['19.09.2024 um 10 Uhr', '2024-09-19', 'um 10 Uhr'],
    ['12 March 2025 at 10 am (CET)', '2025-03-12', 'at 10 am (CET)'],
  ])('reads %s as its day, the time said apart', (text, date, time) => {
    expect(readDate(text, 'en')).toEqual({ ok: expect.objectContaining({ date, time }) });
  });
  it('a date inside a line of words with a time is not read there (the time stays with the words)', () => {
    expect(readDay('5 June 2024, 10:00')).toBeUndefined();
    expect(readDay('5 June 2024')).toEqual({ ok: expect.objectContaining({ date: '2024-06-05' }) });
  });
});

describe('report fix and a date with a time', () => {
  it('leaves the date as written (the day alone would lose the time), and says how to write it', async () => {
    const { canonicalise } = await import('../../../src/parse/canonical/index.js');
    const { parseWritten } = await import('../../../src/parse/index.js');
    const out = canonicalise(parseWritten('title: T\ndate: 5 June 2024, 09:30–16:00\n', 'yaml'));
    expect((out.data as any).date).toBe('2024-06-05');
    expect((out.rewrites ?? []).filter((r: any) => r.rule === 'date-form')).toEqual([]);
    expect(out.messages.find((m) => m.ruleId === 'date-form')?.note).toBe('Write the day as `2024-06-05`, and the time in the summary');
  });
});
