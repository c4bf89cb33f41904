/**
 * Heading levels in the HTML (and so in the PDF's tags) never skip: a free
 * section's sub-headings sit one level under its own heading, whatever level
 * the author wrote them at, and a level the author skipped prints at the next.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';

const dir = tempDir();
afterAll(() => dir.cleanup());

const levels = (html: string) => [...html.matchAll(/<h([1-6])[\s>]/g)].map((m) => Number(m[1]));

describe.each(['default', 'brief'])('headings of the %s template', (template) => {
  it('follow each other without a skipped level, free sections included', () => {
    const file = join(dir.path, `${template}.md`);
    writeFileSync(
      file,
      '---\ntitle: Free\ndate: 2024-06-05\n---\n\n## Highlights\n\n### Theme\n\nText.\n\n## Field visit\n\nIntro.\n\n### Morning\n\nA.\n\n##### Skipped\n\nB.\n\n### Afternoon\n\nC.\n\n## Contacts\n\n- Ann Example, ann@example.org\n\n## Afterword\n\n#### Late\n\nD.\n',
    );
    const result = runCli(['build', file, '--format', 'html', '--template', template, '--no-cache']);
    expect(result.code, result.stderr).toBe(0);
    const html = readFileSync(file.replace(/\.md$/, '.html'), 'utf8');
    const found = levels(html);
    found.forEach((level, i) => expect(level, `heading ${i + 1} of ${found.join(',')}`).toBeLessThanOrEqual((found[i - 1] ?? 0) + 1));
    expect(html).toMatch(/<h3[^>]*>Morning<\/h3>/);
    expect(html).toMatch(/<h4[^>]*>Skipped<\/h4>/);
    expect(html).toMatch(/<h3[^>]*>Afternoon<\/h3>/);
  });
});
