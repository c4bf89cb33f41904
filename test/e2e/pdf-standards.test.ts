/**
 * Every example's PDF, in both built-in templates, read back against the
 * machine-checkable rules of PDF/UA-1 and the identification of PDF/A-2b,
 * and against Chromium's own print (`--pdf-standard none`): same pages, text,
 * bookmarks and language.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDFDict, PDFName, PDFString } from '@cantoo/pdf-lib';
import { runCli, tempDir } from '../helpers/cli.js';
import { pdfInfo, pdfPages } from '../helpers/pdf.js';
import { exampleBuilds, examplesByExtension, type ExampleBuilds } from '../helpers/shared-builds.js';
import { headingSkips, linkProblems, listItemChildren, tocProblems, nonStandardTypes, outputIntent, readPdf, trailerId, unmarkedPainting, xmpText } from '../helpers/pdf-rules.js';

const dir = tempDir();
afterAll(() => dir.cleanup());

const TEMPLATES = ['default', 'brief'] as const;
const EXAMPLES = readdirSync('examples').filter((f) => /\.(md|ya?ml)$/.test(f));

/** examples/x.md -> <out>/<template>/md/x.pdf (the .md and .yaml of one example would write the same name). */
const noneOf = (example: string) => join(dir.path, 'none', 'default', example.split('.').pop()!, example.replace(/\.[^.]+$/, '.pdf'));
/** The examples printed with the default standard, shared with the other test files of the run. */
const shared = new Map<string, ExampleBuilds>();
const pdfOf = (template: string, example: string, standard = 'default') => (standard === 'none' ? noneOf(example) : shared.get(template)!.pdf(example));

/** The examples printed in one run (one folder per extension, mirrored in `<out>/<template>/<ext>/`). */
async function build(template: string, standard?: string) {
  const out = join(dir.path, standard ?? 'default', template);
  const result = runCli(['build', await examplesByExtension(), '--out', out, '--format', 'pdf', '--template', template, '--no-cache', '--no-catalogue', ...(standard ? ['--pdf-standard', standard] : [])]);
  expect(result.code, result.stderr).toBe(0);
  for (const example of EXAMPLES) {
    const pdf = join(out, example.split('.').pop()!, example.replace(/\.[^.]+$/, '.pdf'));
    expect(existsSync(pdf), pdf).toBe(true);
  }
}

beforeAll(async () => {
  for (const template of TEMPLATES) shared.set(template, await exampleBuilds(template));
  await build('default', 'none');
});

describe.each(TEMPLATES)('every example in the %s template', (template) => {
  it.each(EXAMPLES)('%s meets the structure rules of PDF/UA-1', async (example) => {
    const pdf = await readPdf(pdfOf(template, example));
    expect(nonStandardTypes(pdf), 'types outside PDF 1.7 without a RoleMap entry').toEqual([]);
    expect(listItemChildren(pdf), 'LI children other than Lbl/LBody').toEqual([]);
    expect(linkProblems(pdf)).toEqual([]);
    expect(headingSkips(pdf)).toEqual([]);
    expect(pdf.elements.filter((e) => e.type === 'Link').length).toBeGreaterThan(0);
    expect(tocProblems(pdf)).toEqual([]);
    // The default template's contents are a TOC, one TOCI per numbered section; the brief has none.
    const toc = pdf.elements.filter((e) => e.type === 'TOC');
    if (template === 'default') {
      expect(toc).toHaveLength(1);
      expect(toc[0]!.children.length).toBeGreaterThanOrEqual(3);
      expect(toc[0]!.children.every((c) => c.type === 'TOCI' && c.children.some((r) => r.type === 'Reference' && r.children.some((l) => l.type === 'Link')))).toBe(true);
    } else expect(toc).toEqual([]);
  });

  it.each(EXAMPLES)('%s embeds only the package’s fonts, none Type 3 (PDF/UA 7.21)', (example) => {
    const fonts = execFileSync('pdffonts', [pdfOf(template, example)], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(0);
    for (const line of fonts) expect(line).toMatch(/^[A-Z]{6}\+NotoSans(Mono)?-\S+\s+CID TrueType\s+Identity-H\s+yes yes yes/);
  });

  it.each(EXAMPLES)('%s paints nothing outside marked content (tagged or artifact)', async (example) => {
    expect(await unmarkedPainting(pdfOf(template, example))).toEqual([]);
  });

  it.each(EXAMPLES)('%s declares PDF/UA-1 and PDF/A-2b: XMP, output intent, /ID', async (example) => {
    const path = pdfOf(template, example);
    const pdf = await readPdf(path);
    expect(pdfInfo(path)['Metadata Stream']).toBe('yes');
    const lib = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await lib.getDocument({ data: new Uint8Array(readFileSync(path)), verbosity: 0 }).promise;
    const { metadata, info } = await doc.getMetadata();
    await doc.destroy();
    // pdf.js parses the packet (null when the XML does not parse).
    expect(metadata).not.toBeNull();
    const lang = pdf.doc.catalog.lookup(PDFName.of('Lang'), PDFString).decodeText();
    expect(metadata!.get('dc:title')).toBe((info as { Title: string }).Title);
    // pdf.js gives a one-entry Bag or Seq as its entry.
    expect([metadata!.get('dc:language')].flat()).toEqual([lang]);
    expect([metadata!.get('dc:creator')].flat()).toEqual([(info as { Author: string }).Author]);
    expect(metadata!.get('dc:description')).toBe((info as { Subject: string }).Subject);
    expect(metadata!.get('pdfuaid:part')).toBe('1');
    expect(metadata!.get('pdfaid:part')).toBe('2');
    expect(metadata!.get('pdfaid:conformance')).toBe('B');
    const xmp = xmpText(pdf)!;
    expect(xmp).toContain('<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>');
    expect(xmp).toMatch(/^<\?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"\?>/);
    expect(outputIntent(pdf)).toEqual({ subtype: 'GTS_PDFA1', colourSpace: 'RGB ', components: 3 });
    // PDF/A-2 6.3.3: every annotation has an appearance.
    for (const page of pdf.doc.getPages()) {
      const annots = page.node.Annots();
      for (let i = 0; i < (annots?.size() ?? 0); i++) expect(annots!.lookup(i, PDFDict).has(PDFName.of('AP'))).toBe(true);
    }
    const id = trailerId(pdf);
    expect(id).toHaveLength(2);
    expect(id![0]).toMatch(/^[0-9A-F]{32}$/);
  });
});

describe('the post-processing stage', () => {
  const example = 'vilnius-2024.md';
  it('keeps what Chromium printed: pages, text per page, bookmarks, language, title and links', async () => {
    const before = await readPdf(pdfOf('default', example, 'none'));
    const after = await readPdf(pdfOf('default', example));
    expect(after.doc.getPageCount()).toBe(before.doc.getPageCount());
    expect(pdfPages(pdfOf('default', example))).toEqual(pdfPages(pdfOf('default', example, 'none')));
    const lang = (p: typeof before) => p.doc.catalog.lookup(PDFName.of('Lang'), PDFString).decodeText();
    expect(lang(after)).toBe(lang(before));
    expect(pdfInfo(pdfOf('default', example)).Title).toBe(pdfInfo(pdfOf('default', example, 'none')).Title);
    const outline = (path: string) => execFileSync('pdfinfo', ['-dests', path], { encoding: 'utf8' });
    expect(outline(pdfOf('default', example))).toBe(outline(pdfOf('default', example, 'none')));
    const lib = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const bookmarks = async (path: string) => {
      const doc = await lib.getDocument({ data: new Uint8Array(readFileSync(path)), verbosity: 0 }).promise;
      const titles = JSON.stringify(await doc.getOutline(), (key, value) => (key === 'dest' || key === 'title' || key === 'items' || /^\d+$/.test(key) || key === '' ? value : undefined));
      const links = [];
      for (let n = 1; n <= doc.numPages; n++) links.push(...(await (await doc.getPage(n)).getAnnotations()).map((a) => [n, a.url ?? a.dest]));
      await doc.destroy();
      return { titles, links };
    };
    expect(await bookmarks(pdfOf('default', example))).toEqual(await bookmarks(pdfOf('default', example, 'none')));
    // The structure tree: the same elements (the contents' list named TOC), plus the LBody and Reference wrappers.
    const named = new Map([['TOC', 'L'], ['TOCI', 'LI']]);
    const types = (p: typeof before) => p.elements.map((e) => named.get(e.type) ?? e.type).filter((t) => t !== 'LBody' && t !== 'Reference');
    expect(types(after)).toEqual(types(before));
  });

  it('gives each link annotation the text its link shows', async () => {
    const lib = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await lib.getDocument({ data: new Uint8Array(readFileSync(pdfOf('default', example))), verbosity: 0 }).promise;
    const contents = async (n: number) => (await (await doc.getPage(n)).getAnnotations()).map((a) => (a as { contentsObj?: { str: string } }).contentsObj?.str);
    expect(await contents(1)).toEqual(['www.interregeurope.eu/event/digital-transformation-public-sector', '1. Highlights 2', '2. Good practices and examples from projects 4', '3. Next steps 6']);
    expect(await contents(2)).toContain('Interoperable Europe Act');
    await doc.destroy();
  });

  it('with `--pdf-standard ua`, declares PDF/UA-1 only: no PDF/A identification, no output intent', async () => {
    const out = join(dir.path, 'ua-only');
    const result = runCli(['build', join('examples', example), '--out', out, '--format', 'pdf', '--no-cache', '--pdf-standard', 'ua']);
    expect(result.code, result.stderr).toBe(0);
    const pdf = await readPdf(join(out, 'vilnius-2024.pdf'));
    const xmp = xmpText(pdf)!;
    expect(xmp).toContain('<pdfuaid:part>1</pdfuaid:part>');
    expect(xmp).not.toContain('pdfaid:part');
    expect(outputIntent(pdf)).toBeUndefined();
    expect(trailerId(pdf)).toHaveLength(2);
    expect(listItemChildren(pdf)).toEqual([]);
    expect(await unmarkedPainting(join(out, 'vilnius-2024.pdf'))).toEqual([]);
  });

  it('is what `--pdf-standard none` leaves out: Chromium’s file breaks the rules checked above', async () => {
    const path = pdfOf('default', example, 'none');
    const pdf = await readPdf(path);
    expect(nonStandardTypes(pdf)).toContain('Strong');
    expect(listItemChildren(pdf).length).toBeGreaterThan(0);
    expect(linkProblems(pdf).length).toBeGreaterThan(0);
    expect((await unmarkedPainting(path)).length).toBeGreaterThan(0);
    expect(xmpText(pdf)).toBeUndefined();
    expect(trailerId(pdf)).toBeUndefined();
    expect(pdfInfo(path)['Metadata Stream']).toBe('no');
  });
});

describe('notes with an image, a table, code, nested lists and links in list items', () => {
  it('meet the same rules in both templates', async () => {
    const folder = join(dir.path, 'rich');
    mkdirSync(join(folder, 'img'), { recursive: true });
    writeFileSync(join(folder, 'img', 'photo.png'), Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAAABJRU5ErkJggg==', 'base64'));
    writeFileSync(
      join(folder, 'rich.md'),
      '---\ntitle: Rich notes\ndate: 2024-06-05\nlanguage: en\n---\n\n## Highlights\n\n### Visit\n\n![Participants at the lab](img/photo.png)\n\n' +
        '| Region | Projects |\n| --- | --- |\n| Veneto | 3 |\n| Lapland | 2 |\n\n' +
        '- a point with [a link](https://example.org/a) and `code`\n  - a nested point\n- ***bold italic*** point\n\n> A quotation.\n\n## Annex\n\n### Part\n\nText.\n\n##### Deep\n\nMore.\n',
    );
    for (const template of TEMPLATES) {
      const result = runCli(['build', join(folder, 'rich.md'), '--out', join(folder, template), '--format', 'pdf', '--template', template, '--no-cache']);
      expect(result.code, result.stderr).toBe(0);
      const path = join(folder, template, 'rich.pdf');
      const pdf = await readPdf(path);
      expect(nonStandardTypes(pdf)).toEqual([]);
      expect(listItemChildren(pdf)).toEqual([]);
      expect(linkProblems(pdf)).toEqual([]);
      expect(headingSkips(pdf)).toEqual([]);
      expect(tocProblems(pdf)).toEqual([]);
      expect(await unmarkedPainting(path)).toEqual([]);
      expect(pdf.elements.map((e) => e.type)).toEqual(expect.arrayContaining(['Figure', 'Table', 'TR', 'BlockQuote']));
      // PDF/UA 7.3: a figure has its alternative text (from the image's alt).
      for (const figure of pdf.elements.filter((e) => e.type === 'Figure')) expect(figure.dict.lookup(PDFName.of('Alt'), PDFString).decodeText()).toBe('Participants at the lab');
    }
  });
});

/** veraPDF, when the machine has it: on the PATH as `verapdf`, or its launcher given by VERAPDF. */
const verapdf = process.env.VERAPDF ?? (spawnSync('sh', ['-c', 'command -v verapdf'], { encoding: 'utf8' }).stdout.trim() || undefined);

describe.skipIf(!verapdf || !existsSync(verapdf))('veraPDF', () => {
  it.each(TEMPLATES.flatMap((t) => EXAMPLES.map((e) => [t, e] as const)))('%s %s passes the PDF/UA-1 and PDF/A-2b profiles', (template, example) => {
    for (const flavour of ['ua1', '2b']) {
      const run = spawnSync(verapdf!, ['--flavour', flavour, '--format', 'text', pdfOf(template, example)], { encoding: 'utf8', timeout: 120_000 });
      expect(run.stdout, run.stderr).toMatch(/^PASS /m);
    }
  });
});
