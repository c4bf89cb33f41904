/**
 * The example built through the real executable, the PDF read back page by page.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { flat, pdfInfo, pdfPages, pdfStructure } from '../helpers/pdf.js';
import { contentsEntries, headingPage } from '../helpers/contents.js';

describe('report build examples/vilnius-2024.md', () => {
  const dir = tempDir();
  let result: ReturnType<typeof runCli>;
  let pages: string[];
  const pdf = join(dir.path, 'vilnius-2024.pdf');
  const html = join(dir.path, 'vilnius-2024.html');

  beforeAll(() => {
    result = runCli(['build', 'examples/vilnius-2024.md', '--out', dir.path, '--format', 'html,pdf,json']);
    pages = existsSync(pdf) ? pdfPages(pdf) : [];
  });
  afterAll(() => dir.cleanup());

  it('exits 0 and writes outputs named after the input', () => {
    expect(result.stderr).toContain('1 built');
    expect(result.code).toBe(0);
    expect(existsSync(html)).toBe(true);
    expect(existsSync(pdf)).toBe(true);
    expect(existsSync(join(dir.path, 'vilnius-2024.json'))).toBe(true);
  });

  it('prints an A4, tagged PDF with title, author, subject and language', () => {
    const info = pdfInfo(pdf);
    expect(info.Title).toBe('Digital Transformation of Public Sector Services');
    expect(info.Author).toContain('Lithuanian Innovation Centre');
    expect(info.Subject).toMatch(/^The thematic workshop, co-designed/);
    expect(info.Tagged).toBe('yes');
    expect(info['Page size']).toContain('A4');
    expect(Number(info.Pages)).toBeGreaterThanOrEqual(5);
    expect(readFileSync(pdf).toString('latin1')).toMatch(/\/Lang \(en\)/);
    // Viewers show the document title, not the file name.
    expect(readFileSync(pdf).toString('latin1')).toMatch(/\/DisplayDocTitle true/);
  });

  it('has a tag structure with headings, lists and links', () => {
    const structure = pdfStructure(pdf);
    for (const tag of ['H1', 'H2', 'H3', 'L', 'LI', 'Link']) expect(structure).toMatch(new RegExp(`^\\s*${tag}\\b`, 'm'));
  });

  it('contains every section, speaker, practice, figure, recommendation and contact', () => {
    const text = flat(pdfPages(pdf, 'reading').join('\n'));
    const expected = [
      'Digital Transformation of Public Sector Services',
      'An Interreg Europe Policy Learning Platform event',
      '5 June 2024',
      'Vilnius, Lithuania',
      'Summary:',
      'Contents',
      '1. Highlights',
      '2. Good practices and examples from projects',
      '3. Next steps',
      'Interoperability',
      'GovTech',
      'Artificial Intelligence',
      'MeetUp with innovative GovTech Start Ups and GovTech Lab Lithuania',
      'Alina Brenebel',
      'Programme Manager, DG DIGIT',
      'Marina Manzoni',
      'Margaret Quinn',
      'Kamila Gasinska',
      'Silvana Perazzo',
      'Roberto Sandrini',
      'Álvaro Gil',
      'ENAIBLER',
      'AI Foundation Certificate for Public Servants',
      'BETTER',
      'OD4GROWTH',
      'BESTDIH',
      // Key figures are set as a large number above its label: both must be there.
      '61',
      'civil and public servants trained',
      '234',
      'Digital Facilitation Centers established',
      '138,000',
      'citizens trained',
      '12-week training program',
      'Digital skills for public administrations',
      'Policy experimentation of digital solutions',
      'Prioritise digital upskilling as a key component of your HR strategy.',
      'Thematic workshop: University-industry collaboration for stronger innovation ecosystems',
      'Story: Service design/Design thinking for policy-making',
      'Bridging rural communities through digitalisation',
      'Laura Varisco',
      'l.varisco@policylearning.eu',
      'Marc Pattinson',
      'm.pattinson@policylearning.eu',
      'Vilnius, Lithuania – 5 June 2024',
      'www.interregeurope.eu/policylearning',
    ];
    for (const phrase of expected) expect(text, phrase).toContain(phrase);
  });

  it('shows in the contents the page each section is printed on', () => {
    const entries = contentsEntries(pages[0]!);
    expect(entries.map((e) => e.title)).toEqual(['Highlights', 'Good practices and examples from projects', 'Next steps']);
    for (const entry of entries) expect(headingPage(pages, entry), entry.title).toBe(entry.page);
  });

  it('runs a header with the title after the first page and a footer with page X of Y', () => {
    expect(pages[0]).not.toMatch(/^\s*Digital Transformation of Public Sector Services\s*$/m);
    pages.forEach((page, i) => {
      expect(page).toContain(`Page ${i + 1} of ${pages.length}`);
      if (i > 0) expect(page.split('\n').slice(0, 3).join(' ')).toContain('Digital Transformation of Public Sector Services');
    });
  });

  it('writes self-contained HTML with lang, escaped text and JSON-LD', () => {
    const page = readFileSync(html, 'utf8');
    expect(page).toMatch(/^<!DOCTYPE html>\s*<html lang="en"/);
    expect(page).not.toMatch(/(src|href)="(?!data:|#|https?:|mailto:)/);
    expect(page).not.toMatch(/<link\b/);
    const jsonLd = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(page);
    const event = JSON.parse(jsonLd![1]!);
    expect(event['@type']).toBe('Event');
    expect(event.performer.map((p: { name: string }) => p.name)).toContain('Alina Brenebel');
  });
});

describe('report build of the YAML example', () => {
  it('gives byte-identical JSON to the Markdown example', () => {
    const dir = tempDir();
    try {
      const a = runCli(['build', 'examples/vilnius-2024.md', '--out', join(dir.path, 'md'), '--format', 'json']);
      const b = runCli(['build', 'examples/vilnius-2024.yaml', '--out', join(dir.path, 'yaml'), '--format', 'json']);
      expect([a.code, b.code]).toEqual([0, 0]);
      expect(readFileSync(join(dir.path, 'md', 'vilnius-2024.json'), 'utf8')).toBe(readFileSync(join(dir.path, 'yaml', 'vilnius-2024.json'), 'utf8'));
    } finally {
      dir.cleanup();
    }
  });
});
