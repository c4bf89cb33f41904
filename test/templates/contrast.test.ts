/**
 * Every text colour of the built-in templates against the background it is
 * painted on, as Chromium computes them from the templates' CSS for print:
 * at least 4.5:1, or 3:1 for large text (WCAG 2.1 1.4.3: 18pt, or 14pt bold).
 * And the brief's running text is at least 9pt.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';

const dir = tempDir();
let browser: Browser;
beforeAll(async () => {
  browser = await puppeteer.launch({ executablePath: process.env.PUPPETEER_EXECUTABLE_PATH || '/usr/bin/chromium', args: ['--no-sandbox', '--headless=new'] });
});
afterAll(async () => {
  await browser?.close();
  dir.cleanup();
});

interface TextColour {
  text: string;
  selector: string;
  colour: string;
  background: string;
  ratio: number;
  large: boolean;
  fontSizePt: number;
  tag: string;
}

/** Runs in the page: each element's own text (and pseudo-elements' text) with its colour and the background under it. */
function collectColours(): TextColour[] {
  const parse = (value: string): [number, number, number, number] | undefined => {
    const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(value);
    return m ? [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])] : undefined;
  };
  const luminance = ([r, g, b]: number[]) => {
    const c = [r!, g!, b!].map((v) => v / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 0.2126 * c[0]! + 0.7152 * c[1]! + 0.0722 * c[2]!;
  };
  const backgroundOf = (element: Element | null): [number, number, number, number] => {
    for (let e = element; e; e = e.parentElement) {
      const bg = parse(getComputedStyle(e).backgroundColor);
      if (bg && bg[3] > 0) return bg;
    }
    return [255, 255, 255, 1];
  };
  const describe = (e: Element) => `${e.tagName.toLowerCase()}${e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : ''}`;
  const found: TextColour[] = [];
  const add = (e: Element, style: CSSStyleDeclaration, text: string, background: Element | null) => {
    if (style.visibility === 'hidden' || style.display === 'none' || Number(style.opacity) === 0) return;
    const fg = parse(style.color);
    if (!fg) return;
    const bg = backgroundOf(background);
    // A translucent text colour is painted over its background.
    const painted = fg.slice(0, 3).map((v, i) => v * fg[3] + bg[i]! * (1 - fg[3]));
    const [a, b] = [luminance(painted), luminance(bg)].sort((x, y) => y - x);
    const px = parseFloat(style.fontSize);
    const bold = Number(style.fontWeight) >= 700;
    found.push({
      text: text.trim().slice(0, 40),
      selector: describe(e),
      colour: style.color,
      background: `rgb(${bg.slice(0, 3).join(', ')})`,
      ratio: (a! + 0.05) / (b! + 0.05),
      large: px >= 24 || (bold && px >= 18.66),
      fontSizePt: (px * 72) / 96,
      tag: e.tagName.toLowerCase(),
    });
  };
  for (const e of document.body.querySelectorAll('*')) {
    const own = [...e.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE && /[\p{L}\p{N}]/u.test(n.textContent ?? '')).map((n) => n.textContent).join(' ');
    if (own) add(e, getComputedStyle(e), own, e);
    for (const pseudo of ['::before', '::after']) {
      const style = getComputedStyle(e, pseudo);
      const content = style.content;
      if (content && content !== 'none' && /[\p{L}\p{N}]/u.test(content.replace(/^"|"$/g, '').replace(/counter\([^)]*\)/g, '1'))) add(e, style, content, e);
    }
  }
  return found;
}

const EXAMPLES = readdirSync('examples').filter((f) => f.endsWith('.md'));

describe.each(['default', 'brief'])('the %s template', (template) => {
  const out = join(dir.path, template);
  beforeAll(() => {
    const result = runCli(['build', ...EXAMPLES.map((e) => join('examples', e)), '--out', out, '--format', 'html', '--template', template, '--no-cache', '--no-catalogue']);
    expect(result.code, result.stderr).toBe(0);
  });

  it.each(EXAMPLES)('%s: every text colour has enough contrast against its background', async (example) => {
    const page = await browser.newPage();
    try {
      await page.setJavaScriptEnabled(true);
      await page.emulateMediaType('print');
      await page.setContent(readFileSync(join(out, example.replace(/\.md$/, '.html')), 'utf8'), { waitUntil: 'load' });
      const colours = await page.evaluate(collectColours);
      expect(colours.length).toBeGreaterThan(20);
      const failing = colours.filter((c) => c.ratio < (c.large ? 3 : 4.5)).map((c) => `${c.selector} “${c.text}” ${c.colour} on ${c.background}: ${c.ratio.toFixed(2)}:1`);
      expect([...new Set(failing)]).toEqual([]);
      if (template === 'brief') {
        const small = colours.filter((c) => ['p', 'li', 'dd', 'td', 'blockquote'].includes(c.tag) && c.fontSizePt < 9 - 1e-6).map((c) => `${c.selector} “${c.text}” ${c.fontSizePt.toFixed(1)}pt`);
        expect([...new Set(small)], 'running text under 9pt').toEqual([]);
      }
    } finally {
      await page.close();
    }
  });
});
