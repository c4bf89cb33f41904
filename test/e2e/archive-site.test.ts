/**
 * The archive site a batch writes: opened from the file system in a real Chromium, filtered, searched for a
 * speaker and a project, a result followed to its report, whose fonts and CSS come from the shared assets.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain, tempDir } from '../helpers/cli.js';

const dir = tempDir('report-site-');
const archive = join(dir.path, 'archive');
const out = join(dir.path, 'site');
let browser: Browser;
let page: Page;
let build: { code: number | null; stderr: string };
/** What the browser complained of (a CSP violation, a file it could not load). */
const complaints: string[] = [];

const event = (e: { title: string; date: string; city: string; country: string; language: string; kind: string; theme: string; speaker: string; project: string; contact: string }) =>
  [
    `title: ${e.title}`,
    `date: ${e.date}`,
    `kind: ${e.kind}`,
    `language: ${e.language}`,
    `place: { city: ${e.city}, country: ${e.country} }`,
    'summary: The partners met to compare their regional policies.',
    'highlights:',
    '  themes:',
    `    - title: ${e.theme}`,
    '      text: A long exchange about the regional action plans.',
    `      speakers: [{ name: ${e.speaker}, organisation: Regional Agency }]`,
    'practices:',
    '  topics:',
    '    - title: Energy',
    '      practices:',
    `        - { title: Community heat pumps, project: ${e.project}, country: ${e.country}, description: Heat shared by neighbours. }`,
    `contacts: [{ name: ${e.contact}, email: contact@example.org }]`,
    '',
  ].join('\n');

beforeAll(async () => {
  mkdirSync(join(archive, '2023'), { recursive: true });
  mkdirSync(join(archive, '2024', 'autumn'), { recursive: true });
  writeFileSync(
    join(archive, '2023', 'lille.yaml'),
    event({ title: 'Lille workshop', date: '2023-04-01', city: 'Lille', country: 'France', language: 'en', kind: 'Workshop', theme: 'Heating', speaker: 'Jeanne Várady', project: 'HEATSHARE', contact: 'Paweł Łukasik' }),
  );
  writeFileSync(
    join(archive, '2024', 'vilnius.yaml'),
    event({ title: 'Vilnius peer review', date: '2024-06-05', city: 'Vilnius', country: 'Lithuania', language: 'en', kind: 'Peer review', theme: 'GovTech', speaker: 'Ona Žilinskaitė', project: 'DIGIPOL', contact: 'Rasa Kalnė' }),
  );
  writeFileSync(
    join(archive, '2024', 'autumn', 'athens.yaml'),
    event({ title: 'Εργαστήριο Αθήνας', date: '2024-10-10', city: 'Αθήνα', country: 'Greece', language: 'el', kind: 'Workshop', theme: 'Ενέργεια', speaker: 'Νίκος Παπαδάκης', project: 'SUNCOOP', contact: 'Ελένη Μαρκου' }),
  );
  writeFileSync(join(archive, '2024', 'broken.yaml'), 'title: Broken event\ndate: 2024-02-30\n');
  build = await runMain(['build', archive, '--out', out, '--format', 'html', '--report', join(dir.path, 'run.json'), '--no-cache']);
  browser = await puppeteer.launch({ executablePath: '/usr/bin/chromium', headless: true, args: process.getuid?.() === 0 ? ['--no-sandbox'] : [] });
  page = await browser.newPage();
  page.on('console', (m) => void (m.type() === 'error' && complaints.push(m.text())));
  page.on('requestfailed', (r) => void complaints.push(`${r.url()}: ${r.failure()?.errorText}`));
  page.on('request', (r) => void (!r.url().startsWith('file:') && complaints.push(`requested ${r.url()}`)));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  dir.cleanup();
});

const visibleTitles = () => page.$$eval('tbody tr:not([hidden]) td[lang]', (cells) => cells.map((c) => c.textContent));
const count = () => page.$eval('#count', (p) => p.textContent);

describe('the archive site of a batch', () => {
  it('lists the built reports, not the failed one, which the run report names', () => {
    expect(build.code).toBe(1);
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    expect(index).not.toContain('Broken event');
    expect(readFileSync(join(out, 'search-index.js'), 'utf8')).not.toContain('Broken event');
    const run = JSON.parse(readFileSync(join(dir.path, 'run.json'), 'utf8'));
    expect(run.files.find((f: { path: string }) => f.path.endsWith('broken.yaml')).status).toBe('failed');
    // Only our own scripts, from the site itself.
    expect(index).toMatch(/script-src 'self'[;"]/);
    expect(index).not.toMatch(/<script>|https?:\/\/[^"]*\.js/);
  });

  it('links fonts and CSS written once, from reports in sub-folders too', () => {
    expect(existsSync(join(out, 'assets', 'report.css'))).toBe(true);
    const nested = readFileSync(join(out, '2024', 'autumn', 'athens.html'), 'utf8');
    expect(nested).toContain('<link rel="stylesheet" href="../../assets/report.css">');
    expect(nested).not.toContain('data:font/woff2');
  });

  it('filters by country, with the count in correct plural', async () => {
    await page.goto(pathToFileURL(join(out, 'index.html')).href);
    expect(await count()).toBe('3 events');
    await page.select('#filter-country', await page.$eval('#filter-country', (s) => [...(s as HTMLSelectElement).options].find((o) => o.textContent === 'Lithuania')!.value));
    expect(await visibleTitles()).toEqual(['Vilnius peer review']);
    expect(await count()).toBe('1 event');
    await page.select('#filter-country', '');
    expect(await count()).toBe('3 events');
  });

  it('finds a speaker and a contact (written without accents) and a project in the full text', async () => {
    await page.type('#q', 'jeanne varady');
    expect(await visibleTitles()).toEqual(['Lille workshop']);
    await page.$eval('#q', (q) => ((q as HTMLInputElement).value = ''));
    await page.type('#q', 'suncoop');
    expect(await visibleTitles()).toEqual(['Εργαστήριο Αθήνας']);
    // A contact, with letters that have no accent to take off (ł is its own letter, typed l on most keyboards).
    await page.$eval('#q', (q) => ((q as HTMLInputElement).value = ''));
    await page.type('#q', 'pawel lukasik');
    expect(await visibleTitles()).toEqual(['Lille workshop']);
    await page.$eval('#q', (q) => ((q as HTMLInputElement).value = ''));
    await page.type('#q', 'Παπαδάκης');
    expect(await visibleTitles()).toEqual(['Εργαστήριο Αθήνας']);
  });

  it('follows a result to its report, whose fonts and CSS are applied from the shared assets', async () => {
    await Promise.all([page.waitForNavigation(), page.click('tbody tr:not([hidden]) a')]);
    expect(page.url()).toMatch(/\/2024\/autumn\/athens\.html$/);
    await page.evaluate(() => document.fonts.ready);
    const fontFamily = await page.$eval('body', (b) => getComputedStyle(b).fontFamily);
    expect(fontFamily).toContain('Report Sans');
    expect(await page.evaluate(() => document.fonts.check('16px "Report Sans"', 'Αθήνα'))).toBe(true);
    expect(await page.evaluate(() => [...document.fonts].some((f) => f.status === 'loaded'))).toBe(true);
    expect(complaints).toEqual([]);
  });

  it('rebuilds a cached report when its fonts and CSS change from shared to inline', async () => {
    const cached = join(dir.path, 'cached');
    const env = { REPORT_CACHE_KEY: 'a key for this test only, long enough to be a key' };
    const run = (...extra: string[]) => runMain(['build', join(archive, '2023'), join(archive, '2024', 'vilnius.yaml'), '--out', cached, '--format', 'html', ...extra], { env });
    expect((await run()).stderr).toMatch(/2 built, 0 up to date/);
    expect((await run()).stderr).toMatch(/0 built, 2 up to date/);
    expect((await run('--html-assets', 'inline')).stderr).toMatch(/2 built, 0 up to date/);
    expect(readFileSync(join(cached, 'lille.html'), 'utf8')).toContain('data:font/woff2');
  });

  it('speaks the language chosen for the run (the config file here), plurals included', async () => {
    const config = join(dir.path, 'report.config.yaml');
    writeFileSync(config, 'language: de\n');
    const german = join(dir.path, 'de');
    expect((await runMain(['build', archive, '--out', german, '--format', 'html', '--config', config, '--no-cache'])).code).toBe(1);
    await page.goto(pathToFileURL(join(german, 'index.html')).href);
    expect(await page.$eval('html', (h) => h.lang)).toBe('de');
    expect(await page.$eval('#filter-country', (s) => s.parentElement!.firstChild!.textContent)).toBe('Land');
    expect(await page.$$eval('#filter-language option', (o) => o.map((x) => x.textContent))).toEqual(['Alle', 'Englisch', 'Griechisch']);
    expect(await count()).toBe('3 Veranstaltungen');
    await page.type('#q', 'heatshare');
    expect(await count()).toBe('1 Veranstaltung');
  });

  it('with --html-assets inline, writes each report self-contained, as a single file build does', async () => {
    const inline = join(dir.path, 'inline');
    expect((await runMain(['build', archive, '--out', inline, '--format', 'html', '--html-assets', 'inline', '--no-cache'])).code).toBe(1);
    const single = join(dir.path, 'single');
    expect((await runMain(['build', join(archive, '2023', 'lille.yaml'), '--out', single, '--format', 'html', '--no-cache'])).code).toBe(0);
    const html = readFileSync(join(inline, '2023', 'lille.html'), 'utf8');
    expect(html).toBe(readFileSync(join(single, 'lille.html'), 'utf8'));
    expect(html).toContain('data:font/woff2');
    expect(existsSync(join(inline, 'assets', 'report.css'))).toBe(false);
    expect(existsSync(join(inline, 'index.html'))).toBe(true);
  });
});
