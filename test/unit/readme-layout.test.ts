/**
 * README's layout section names every folder of src/ (down to the parse stage's own folders) and every file at the
 * top of src/, and nothing that is not there.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const layout = readme.slice(readme.indexOf('## Layout'), readme.indexOf('```', readme.indexOf('```', readme.indexOf('## Layout')) + 3));

describe("README's layout", () => {
  it('names every folder and top-level file of src/', () => {
    const top = readdirSync(join(ROOT, 'src'), { withFileTypes: true }).map((e) => (e.isDirectory() ? `src/${e.name}/` : `src/${e.name}`));
    const parse = readdirSync(join(ROOT, 'src', 'parse'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => `src/parse/${e.name}/`);
    expect([...top, ...parse].filter((path) => !layout.includes(path))).toEqual([]);
  });

  it('names nothing that is not there', () => {
    const named = [...layout.matchAll(/src\/[\w./-]+/g)].map((m) => m[0].replace(/[.:,;]$/, ''));
    expect(named.length).toBeGreaterThan(10);
    expect(named.filter((path) => !existsSync(join(ROOT, path)))).toEqual([]);
  });
});
