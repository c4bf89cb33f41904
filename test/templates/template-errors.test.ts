/**
 * A template with a Handlebars syntax error stops the run with exit 2 and a
 * message that names the template file and the line.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';

const dir = tempDir();
afterAll(() => dir.cleanup());

function template(name: string, files: Record<string, string>): string {
  const root = join(dir.path, name);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  return root;
}

describe('a template with a syntax error', () => {
  it('in a partial: exit 2, naming partials/title-block.hbs and line 3', () => {
    const broken = template('broken-partial', {
      'partials/title-block.hbs': '<header class="title-block">\n  <h1 class="title">{{title}}</h1>\n  <p>{{subtitle}</p>\n</header>\n',
    });
    const out = join(dir.path, 'out-partial');
    const result = runCli(['build', 'examples/vilnius-2024.md', '--template', broken, '--out', out, '--format', 'html', '--no-cache']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/partials[/\\]title-block\.hbs:3:1 error Template error in title-block\.hbs: Parse error on line 3/);
    expect(result.stderr).toContain('[template-syntax]');
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(result.stdout).toBe('');
  });

  it('in the layout (a block closed by the wrong name): exit 2, naming layout.hbs and the line', () => {
    const broken = template('broken-layout', {
      'layout.hbs': '<!DOCTYPE html>\n<html lang="{{lang}}">\n<body>\n{{#if subtitle}}<p>{{subtitle}}</p>{{/each}}\n</body>\n</html>\n',
    });
    const out = join(dir.path, 'out-layout');
    const result = runCli(['build', 'examples/vilnius-2024.md', '--template', broken, '--out', out, '--format', 'html', '--no-cache']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/layout\.hbs error Template error in layout\.hbs: if doesn't match each - 4:\d+/);
  });
});
