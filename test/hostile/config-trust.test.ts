/**
 * Who may configure what: a report.config.yaml planted among the notes (below the working folder) may set
 * presentation keys only. A program to run, folders to read or write and run limits come from the operator.
 */
import { chmodSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { GOOD_MD, listOutputs, writeFiles } from './fixtures.js';

const dir = tempDir('report-config-trust-');
afterAll(() => dir.cleanup());

/** A script that would leave a marker file if anything ran it. */
function plantTool(folder: string, marker: string): void {
  writeFiles(dir.path, { [`${folder}/tool.sh`]: `#!/bin/sh\necho ran > ${JSON.stringify(marker)}\nexit 1\n` });
  chmodSync(join(dir.path, folder, 'tool.sh'), 0o755);
}

describe('a config file found among the notes', () => {
  it('may not name the browser: nothing is executed, exit 2, the key is reported at its line and column', () => {
    const marker = join(dir.path, 'browser-ran');
    plantTool('a/notes/2024', marker);
    writeFiles(dir.path, { 'a/notes/2024/report.config.yaml': 'language: en\nbrowser: ./tool.sh\n', 'a/notes/2024/n.md': GOOD_MD() });
    const result = runCli(['build', 'notes/2024/n.md', '--format', 'pdf', '--no-cache'], { cwd: join(dir.path, 'a') });
    expect(result.code, result.stderr).toBe(2);
    expect(existsSync(marker)).toBe(false);
    expect(result.stderr).toMatch(/^notes\/2024\/report\.config\.yaml:2:1 error This config file sits among the notes .* may not set `browser`.* \[config-untrusted-key\]$/m);
    expect(result.stderr).toContain('report: The config file has errors; fix them and run again');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(listOutputs(join(dir.path, 'a', 'notes'))).toEqual(['2024/n.md', '2024/report.config.yaml', '2024/tool.sh']);
  });

  it('may not widen the image root, move the outputs, name a template folder or change run limits', () => {
    writeFiles(dir.path, {
      'b/notes/report.config.yaml': 'allowRoot: /\nout: /tmp/report-config-trust-elsewhere\ntemplate: ./brand\nconcurrency: 32\ntimeout: 3600\n',
      'b/notes/brand/template.json': '{}\n',
      'b/notes/n.md': GOOD_MD(),
    });
    const result = runCli(['build', 'notes/n.md', '--format', 'html', '--no-cache'], { cwd: join(dir.path, 'b') });
    expect(result.code, result.stderr).toBe(2);
    const lines = result.stderr.split('\n').filter((l) => l.endsWith('[config-untrusted-key]'));
    expect(lines.map((l) => l.split(' ')[0])).toEqual([1, 2, 3, 4, 5].map((n) => `notes/report.config.yaml:${n}:1`));
    expect(lines[0]).toContain('may not set `allowRoot`');
    expect(lines[1]).toContain('may not set `out`');
    expect(lines[2]).toContain('may not set a template folder (`./brand`)');
    expect(existsSync('/tmp/report-config-trust-elsewhere')).toBe(false);
    expect(listOutputs(join(dir.path, 'b', 'notes')).filter((f) => f.endsWith('.html'))).toEqual([]);
  });

  it('may set presentation keys (language, page size, formats, a built-in template), merged over the operator’s config', () => {
    writeFiles(dir.path, {
      'c/report.config.yaml': 'out: ./public\n',
      'c/notes/report.config.yaml': 'language: fr\npageSize: Letter\nformats: [html]\ntemplate: brief\n',
      'c/notes/n.md': GOOD_MD(),
    });
    const result = runCli(['build', 'notes/n.md', '--no-cache'], { cwd: join(dir.path, 'c') });
    expect(result.code, result.stderr).toBe(0);
    expect(listOutputs(join(dir.path, 'c', 'public'))).toEqual(['n.html']);
    expect(readFileSync(join(dir.path, 'c', 'public', 'n.html'), 'utf8')).toMatch(/<html lang="fr"/);
  });

  it('is the operator’s when named with --config, and one at the working folder is trusted', () => {
    writeFiles(dir.path, {
      'd/notes/report.config.yaml': 'out: ../named-out\nformats: [html]\n',
      'd/notes/n.md': GOOD_MD(),
      'e/report.config.yaml': 'out: ./here-out\nformats: [html]\n',
      'e/n.md': GOOD_MD(),
    });
    const named = runCli(['build', 'notes/n.md', '--config', 'notes/report.config.yaml', '--no-cache'], { cwd: join(dir.path, 'd') });
    expect(named.code, named.stderr).toBe(0);
    expect(listOutputs(join(dir.path, 'd', 'named-out'))).toEqual(['n.html']);
    const atCwd = runCli(['build', 'n.md', '--no-cache'], { cwd: join(dir.path, 'e') });
    expect(atCwd.code, atCwd.stderr).toBe(0);
    expect(listOutputs(join(dir.path, 'e', 'here-out'))).toEqual(['n.html']);
  });
});
