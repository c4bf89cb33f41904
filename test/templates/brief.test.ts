/**
 * The built-in `brief` template: the example printed to PDF keeps every
 * speaker, practice, recommendation group and contact of the notes.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { flat, pdfInfo, pdfPages } from '../helpers/pdf.js';

interface Person {
  name: string;
}
interface Notes {
  highlights: { themes: Array<{ title: string; speakers: Person[] }> };
  practices: { topics: Array<{ title: string; practices: Array<{ project?: string; title: string; presenter?: Person; figures: string[] }> }> };
  nextSteps: { groups: Array<{ title: string; items: string[] }> };
  contacts: Array<{ name: string; email?: string }>;
}

describe('report build examples/vilnius-2024.md --template brief', () => {
  const dir = tempDir();
  const pdf = join(dir.path, 'vilnius-2024.pdf');
  const html = join(dir.path, 'vilnius-2024.html');
  let result: ReturnType<typeof runCli>;
  let text = '';
  let pages: string[] = [];
  let notes: Notes;

  beforeAll(() => {
    result = runCli(['build', 'examples/vilnius-2024.md', '--template', 'brief', '--out', dir.path, '--format', 'html,pdf,json', '--no-cache']);
    pages = existsSync(pdf) ? pdfPages(pdf) : [];
    text = existsSync(pdf) ? flat(pdfPages(pdf, 'reading').join('\n')) : '';
    notes = JSON.parse(readFileSync(join(dir.path, 'vilnius-2024.json'), 'utf8')) as Notes;
  });
  afterAll(() => dir.cleanup());

  it('builds HTML and PDF', () => {
    expect(result.stderr).toContain('1 built');
    expect(result.code).toBe(0);
    expect(existsSync(html)).toBe(true);
    expect(existsSync(pdf)).toBe(true);
  });

  it('is compact: A4, a few pages, no contents page', () => {
    const info = pdfInfo(pdf);
    expect(info['Page size']).toContain('A4');
    expect(Number(info.Pages)).toBeGreaterThanOrEqual(1);
    expect(Number(info.Pages)).toBeLessThanOrEqual(3);
    expect(readFileSync(html, 'utf8')).not.toContain('data-toc-page');
    expect(text).not.toContain('Contents');
  });

  it('holds every speaker, practice title, recommendation group title and contact', () => {
    const expected = [
      ...notes.highlights.themes.flatMap((t) => [t.title, ...t.speakers.map((s) => s.name)]),
      ...notes.practices.topics.flatMap((topic) => topic.practices.flatMap((p) => [p.title, p.project, p.presenter?.name])),
      ...notes.nextSteps.groups.map((g) => g.title),
      ...notes.contacts.flatMap((c) => [c.name, c.email]),
    ].filter((s): s is string => !!s);
    // The notes are the example's: the list is not empty by accident.
    for (const name of ['Alina Brenebel', 'Álvaro Gil', 'AI Foundation Certificate for Public Servants', 'Policy experimentation of digital solutions', 'Marc Pattinson'])
      expect(expected).toContain(name);
    for (const phrase of expected) expect(text, phrase).toContain(phrase);
  });

  it('keeps the rest of the notes too: title block, summary, figures, every recommendation, upcoming, resources, closing line', () => {
    const expected = [
      'Digital Transformation of Public Sector Services',
      'An Interreg Europe Policy Learning Platform event',
      '5 June 2024',
      'Vilnius, Lithuania',
      'www.interregeurope.eu/event/digital-transformation-public-sector',
      'Summary:',
      'Lithuanian Innovation Centre (host)',
      '138,000',
      'Digital Facilitation Centers established',
      'Thematic workshop: University-industry collaboration for stronger innovation ecosystems',
      'Bridging rural communities through digitalisation',
      'Additionally, check out our brand-new Collection',
      'this was likely the first physical thematic workshop',
      'Vilnius, Lithuania – 5 June 2024 · www.interregeurope.eu/policylearning',
    ];
    for (const phrase of expected) expect(text, phrase).toContain(phrase);
    for (const group of notes.nextSteps.groups) for (const item of group.items) expect(text, item).toContain(flat(item.replace(/\*\*/g, '')));
  });

  it('prints page X of Y in the footer of every page', () => {
    pages.forEach((page, i) => expect(page).toContain(`Page ${i + 1} of ${pages.length}`));
  });
});
