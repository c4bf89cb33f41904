/**
 * Notes written the way people write them (test/fixtures/canonical/) validate
 * and build, and the report holds what they say, in the canonical model.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EventReport } from '../../src/model/types.js';
import { toJsonLd } from '../../src/render/json-ld.js';
import { ROOT, runMain } from '../helpers/cli.js';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'canonical');

async function build(file: string): Promise<{ report: EventReport; stderr: string }> {
  const out = mkdtempSync(join(tmpdir(), 'report-canonical-'));
  try {
    const r = await runMain(['build', file, '--format', 'json', '--out', out, '--no-cache'], { cwd: FIXTURES });
    expect(r.code, r.stderr).toBe(0);
    const json = readdirSync(out).find((f) => f.endsWith('.json') && f !== 'catalogue.json')!;
    return { report: JSON.parse(readFileSync(join(out, json), 'utf8')) as EventReport, stderr: r.stderr };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

const mode = (report: EventReport) => String(toJsonLd(report).eventAttendanceMode).replace('https://schema.org/', '');

describe('notes in the styles people write', () => {
  it('secretariat.yaml: synonyms, short forms, a date in words, bare addresses', async () => {
    const { report, stderr } = await build('secretariat.yaml');
    expect(stderr).not.toMatch(/ (error|warning) /);
    expect(report).toMatchObject({
      title: 'Digital Transformation of Public Sector Services',
      kind: 'Thematic workshop',
      date: '2024-06-05',
      place: { city: 'Vilnius', country: 'Lithuania', venue: 'Lithuanian Innovation Centre' },
      url: 'https://www.interregeurope.eu/event/digital-transformation',
      organisers: [{ name: 'Interreg Europe' }, { name: 'Lithuanian Innovation Centre', role: 'host' }],
      contacts: [{ name: 'Laura Varisco', email: 'l.varisco@policylearning.eu' }],
    });
    expect(report.highlights.themes.map((t) => [t.title, t.speakers.map((s) => s.name)])).toEqual([
      ['Interoperability', ['Alina Brenebel']],
      ['GovTech', ['Marina Manzoni']],
    ]);
    expect(report.practices.topics.map((t) => [t.title, t.practices.map((p) => p.project)])).toEqual([
      ['Enhancing AI skills of public servants', ['ENAIBLER']],
      ['Open data', ['OD4GROWTH']],
    ]);
    expect(report.practices.topics[0]!.practices[0]).toMatchObject({ presenter: { name: 'Aoife Byrne' }, figures: ['61 civil and public servants trained'] });
    expect(report.nextSteps.groups).toEqual([
      { title: 'Digital skills for public administrations', items: ['Focus on continuous training.', 'Prioritise digital upskilling.'] },
      { title: 'Policy experimentation', items: ['Initiate pilot projects.'] },
    ]);
    expect(report.resources.items).toEqual([
      { title: 'Innovation procurement', url: 'https://www.interregeurope.eu/policy-learning-platform/news/innovation-procurement' },
      { title: 'www.interregeurope.eu/policy-brief', url: 'https://www.interregeurope.eu/policy-brief' },
    ]);
    expect(mode(report)).toBe('OfflineEventAttendanceMode');
  });

  it('online-webinar.yaml: an online event over two days, lists written as lines', async () => {
    const { report } = await build('online-webinar.yaml');
    expect(report).toMatchObject({ kind: 'Webinar', date: '2024-10-16', endDate: '2024-10-17', place: { online: true }, website: 'https://interregeurope.eu/policylearning' });
    expect(report.place.city).toBeUndefined();
    expect(report.nextSteps.groups).toEqual([{ title: 'Recommendations', items: ['Use life-cycle costing in every tender above the threshold.', 'Share tender templates between regions.'] }]);
    expect(report.upcoming.items).toEqual([{ title: 'Peer review on circular procurement', url: 'https://www.interregeurope.eu/peer-review' }]);
    expect(report.contacts).toEqual([{ name: 'Marc Pattinson', email: 'm.pattinson@policylearning.eu' }, { name: 'Laura Varisco', email: 'l.varisco@policylearning.eu' }]);
    expect(report.highlights.themes[0]!.speakers.map((s) => s.name)).toEqual(['Ann Lee']);
    expect(mode(report)).toBe('OnlineEventAttendanceMode');
  });

  it('lille-fr.yaml: French date, a hybrid place, hosts and partners, practices by topic', async () => {
    const { report } = await build('lille-fr.yaml');
    expect(report).toMatchObject({ language: 'fr', date: '2025-03-12', place: { city: 'Lille', country: 'France', online: true, hybrid: true } });
    expect(report.organisers).toEqual([{ name: 'Métropole Européenne de Lille', role: 'host' }, { name: 'Interreg Europe', role: 'partner' }]);
    expect(report.practices.topics.map((t) => t.title)).toEqual(['Commerce de proximité', 'Logement']);
    expect(report.nextSteps.groups[0]!.items).toEqual(['Associer les commerçants dès le départ.']);
    expect(mode(report)).toBe('MixedEventAttendanceMode');
  });

  it('berlin-de.md: German dates in front matter, a hybrid place, the body as usual', async () => {
    const { report } = await build('berlin-de.md');
    expect(report).toMatchObject({ date: '2024-09-19', endDate: '2024-09-20', place: { city: 'Berlin', country: 'Deutschland', online: true, hybrid: true }, url: 'https://www.interregeurope.eu/kreislauf' });
    expect(report.organisers).toEqual([{ name: 'Interreg Europe' }]);
    expect(report.highlights.themes[0]!.speakers.map((s) => s.name)).toEqual(['Jana Novak']);
    expect(report.contacts).toEqual([{ name: 'Laura Varisco', email: 'l.varisco@policylearning.eu' }]);
  });

  it('range-pl.yaml: a Polish range across months, keys in capitals, an organiser website without https://', async () => {
    const { report } = await build('range-pl.yaml');
    expect(report).toMatchObject({ date: '2024-09-30', endDate: '2024-10-02', place: { city: 'Kraków', country: 'Poland' } });
    expect(report.organisers).toEqual([{ name: 'Interreg Europe', url: 'https://www.interregeurope.eu' }]);
  });

  it('panel-en.yaml: a language by name, a US-style date, speakers in one line, a summary in paragraphs', async () => {
    const { report } = await build('panel-en.yaml');
    expect(report).toMatchObject({ language: 'en', date: '2025-02-26', place: { city: 'Évora', country: 'Portugal', online: true } });
    expect(report.summary).toBe('Rural areas shared how digital services reach villages.\n\nSixty participants joined, half of them online.');
    expect(report.highlights.themes[0]!.speakers).toEqual([
      { name: 'Ana Silva', role: 'Mayor', organisation: 'Municipality of Évora' },
      { name: 'Jan Kowalski', organisation: 'Lublin Region' },
    ]);
    expect(report.resources.items).toEqual([{ title: 'Smart villages toolkit', url: 'https://www.interregeurope.eu/smart-villages' }]);
    expect(mode(report)).toBe('MixedEventAttendanceMode');
  });

  it('infos neither fail a file under --strict nor show under --quiet', async () => {
    const strict = await runMain(['validate', '--strict', 'secretariat.yaml'], { cwd: FIXTURES });
    expect(strict.code).toBe(0);
    expect(strict.stderr).toContain('info Key `Location` read as `place` [canonical-key]');
    const quiet = await runMain(['validate', '--quiet', 'secretariat.yaml'], { cwd: FIXTURES });
    expect(quiet.stderr).not.toContain(' info ');
  });
});
