/**
 * YAML aliases are capped by what they add, not only by their count: 50 aliases of a large anchor would turn a
 * small file into a huge report.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { expectDiagnostic, writeFiles } from './fixtures.js';

const dir = tempDir('report-alias-size-');
afterAll(() => dir.cleanup());

const big = 'Lorem ipsum dolor sit amet. '.repeat(1000); // 28 KB

describe('YAML alias expansion', () => {
  it('refuses aliases that repeat more text than the file holds, at the alias that passes the limit', () => {
    const lines = ['title: Alias bomb', 'date: 2024-06-05', `summary: &s "${big}"`, 'highlights:', '  themes:'];
    for (let i = 0; i < 40; i++) lines.push(`    - title: Theme ${i}`, '      text: *s');
    writeFiles(dir.path, { 'bomb.yaml': lines.join('\n') + '\n' });
    const result = runCli(['build', 'bomb.yaml', '--format', 'html,json', '--no-cache'], { cwd: dir.path });
    expect(result.code, result.stderr).toBe(1);
    // The file is ~29 KB; the cap is 65,536 characters; the third alias (line 11) passes it.
    expectDiagnostic(result.stderr, 'bomb.yaml', 'yaml-alias-limit', 'Aliases repeat too much text: at most 65,536 characters in all', '11:13');
    expect(existsSync(join(dir.path, 'bomb.html'))).toBe(false);
  });

  it('does the same in Markdown front matter', () => {
    const aliases = Array.from({ length: 10 }, (_, i) => `k${i}: *s`);
    writeFiles(dir.path, { 'front.md': ['---', 'title: T', 'date: 2024-06-05', `x: &s "${big}"`, ...aliases, '---', ''].join('\n') });
    const result = runCli(['validate', 'front.md'], { cwd: dir.path });
    expect(result.code).toBe(1);
    expectDiagnostic(result.stderr, 'front.md', 'yaml-alias-limit', 'Aliases repeat too much text', '7:5');
  });

  it('still allows aliases that repeat a little', () => {
    const lines = ['title: Small aliases', 'date: 2024-06-05', 'summary: &s "A short summary."', 'highlights:', '  themes:'];
    for (let i = 0; i < 40; i++) lines.push(`    - title: Theme ${i}`, '      text: *s');
    writeFiles(dir.path, { 'small.yaml': lines.join('\n') + '\n' });
    const result = runCli(['build', 'small.yaml', '--format', 'json', '--no-cache'], { cwd: dir.path });
    expect(result.stderr).not.toContain('[yaml-alias-limit]');
    expect(statSync(join(dir.path, 'small.json')).size).toBeGreaterThan(0);
  });
});
