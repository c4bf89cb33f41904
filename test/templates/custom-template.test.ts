/**
 * A custom template folder that overrides one partial and adds a style sheet
 * falls back to the default template for everything else.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';

const MARKER = 'BRAND-MARKER-7f3a';

describe('a custom template that overrides partials/title-block.hbs and style.css', () => {
  const dir = tempDir();
  const template = join(dir.path, 'my-brand');
  const out = join(dir.path, 'out');
  let result: ReturnType<typeof runCli>;
  let html = '';

  beforeAll(() => {
    mkdirSync(join(template, 'partials'), { recursive: true });
    writeFileSync(
      join(template, 'partials', 'title-block.hbs'),
      `<header class="brand-title">\n  <p class="brand-strip">${MARKER}</p>\n  <h1>{{title}}</h1>\n  {{#if subtitle}}<p class="brand-subtitle">{{subtitle}}</p>{{/if}}\n  <p>{{dateText}}{{#if place}} · {{place}}{{/if}}</p>\n</header>\n`,
    );
    writeFileSync(join(template, 'style.css'), `:root { --brand: #7a0019; }\n.brand-strip { color: rgb(1, 2, 3); } /* ${MARKER}-css */\n`);
    result = runCli(['build', 'examples/vilnius-2024.md', '--template', template, '--out', out, '--format', 'html', '--no-cache']);
    const file = join(out, 'vilnius-2024.html');
    html = existsSync(file) ? readFileSync(file, 'utf8') : '';
  });
  afterAll(() => dir.cleanup());

  it('builds', () => {
    expect(result.stderr).toContain('1 built');
    expect(result.code).toBe(0);
  });

  it('uses the overriding partial instead of the default one', () => {
    expect(html).toContain(`<p class="brand-strip">${MARKER}</p>`);
    expect(html).toContain('<h1>Digital Transformation of Public Sector Services</h1>');
    expect(html).toContain('<p class="brand-subtitle">An Interreg Europe Policy Learning Platform event</p>');
    expect(html).not.toContain('class="title-block"');
  });

  it("keeps the default's layout and every other partial", () => {
    const defaults = [
      '<section class="summary"', // partials/summary.hbs
      '<nav class="contents"', // partials/contents.hbs
      'class="part highlights"', // partials/highlights.hbs
      'class="part practices"', // partials/practices.hbs
      'class="practice-card"',
      'class="part next-steps"', // partials/next-steps.hbs
      '<section class="contacts"', // partials/contacts.hbs
      '<footer class="closing">', // partials/closing.hbs
      'Alina Brenebel',
      'Prioritise digital upskilling as a key component of your HR strategy.',
      'l.varisco@policylearning.eu',
    ];
    for (const fragment of defaults) expect(html, fragment).toContain(fragment);
    expect(html).toMatch(/^<!DOCTYPE html>\s*<html lang="en"/);
  });

  it("appends the template's style.css after the default's", () => {
    const own = html.indexOf(`${MARKER}-css`);
    const defaultCss = readFileSync(join(ROOT, 'templates', 'default', 'style.css'), 'utf8');
    const firstDefaultRule = defaultCss.split('\n').find((line) => line.startsWith('.title-block'))!;
    expect(own).toBeGreaterThan(0);
    expect(html.indexOf(firstDefaultRule)).toBeGreaterThan(0);
    expect(html.indexOf(firstDefaultRule)).toBeLessThan(own);
  });
});
