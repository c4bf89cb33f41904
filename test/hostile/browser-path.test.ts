/**
 * A browser path is run, so it must be a browser: `report build *.md` in a folder holding a file named
 * `--browser=pwn.md` becomes the option `--browser=pwn.md`; planted scripts and look-alikes are refused, unread
 * by anything but `report`'s own check, never executed.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, runCli, tempDir } from '../helpers/cli.js';
import { GOOD_MD, writeFiles } from './fixtures.js';

const dir = tempDir('report-browser-path-');
afterAll(() => dir.cleanup());

const script = (marker: string) => `#!/bin/sh\necho ran > ${JSON.stringify(marker)}\nexit 1\n`;

function plant(folder: string, name: string, content: string | Uint8Array): string {
  writeFiles(dir.path, { [`${folder}/${name}`]: content });
  const path = join(dir.path, folder, name);
  chmodSync(path, 0o755);
  return path;
}

describe('browser paths', () => {
  it('refuses `--browser=pwn.md` smuggled in by a glob: nothing runs, a clear message, exit 2', () => {
    const marker = join(dir.path, 'glob-ran');
    writeFiles(dir.path, { 'glob/--browser=pwn.md': 'innocent\n', 'glob/notes.md': GOOD_MD() });
    plant('glob', 'pwn.md', script(marker));
    const result = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" build *.md --format pdf --no-cache`], {
      cwd: join(dir.path, 'glob'),
      env: { ...process.env, NO_COLOR: '1' },
      encoding: 'utf8',
    });
    expect(result.status, result.stderr).toBe(2);
    expect(existsSync(marker)).toBe(false);
    expect(result.stderr).toMatch(/^report: Refusing to run `.*pwn\.md` as the browser: a Markdown or YAML file is not a program/m);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(dir.path, 'glob', 'notes.pdf'))).toBe(false);
  });

  it('keeps such a file an input with the documented forms: `./*.md`, `-- *.md` and a quoted glob', () => {
    const marker = join(dir.path, 'glob-ran');
    // One form prints (where an option `--browser=pwn.md` would be refused, exit 2); the others build HTML, where it
    // would leave two inputs instead of three.
    for (const command of ['build ./*.md --format pdf --no-cache', 'build --format html --no-cache -- *.md', "build '*.md' --format html --no-cache"]) {
      const result = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" ${command}`], {
        cwd: join(dir.path, 'glob'),
        env: { ...process.env, NO_COLOR: '1' },
        encoding: 'utf8',
      });
      expect(result.status, result.stderr).toBe(1);
      expect(result.stderr).toMatch(/^(\.\/)?--browser=pwn\.md(:\d+:\d+)? error /m);
      expect(result.stderr).toMatch(/1 built, 0 up to date, 2 failed \(3 files/);
    }
    expect(existsSync(marker)).toBe(false);
  });

  it('refuses scripts, whatever their name and wherever the path comes from', () => {
    const marker = join(dir.path, 'script-ran');
    const chromium = plant('scripts', 'chromium', script(marker));
    writeFiles(dir.path, { 'scripts/notes.md': GOOD_MD() });
    for (const [args, env] of [
      [['--browser', chromium], {}],
      [[], { PUPPETEER_EXECUTABLE_PATH: chromium }],
      [[], { CHROME_PATH: chromium }],
    ] as const) {
      const result = runCli(['build', 'notes.md', '--format', 'pdf', '--no-cache', ...args], { cwd: join(dir.path, 'scripts'), env });
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toContain('as the browser: it is a script (it starts with `#!`), not a Chrome, Chromium or Edge program');
    }
    expect(existsSync(marker)).toBe(false);
  });

  it('refuses a program whose name is not that of a browser, and a file that is not a program', () => {
    writeFiles(dir.path, { 'others/notes.md': GOOD_MD() });
    const tool = join(dir.path, 'others', 'tool');
    copyFileSync('/bin/true', tool);
    chmodSync(tool, 0o755);
    const named = runCli(['build', 'notes.md', '--format', 'pdf', '--no-cache', '--browser', tool], { cwd: join(dir.path, 'others') });
    expect(named.code).toBe(2);
    expect(named.stderr).toContain('as the browser: its name is not that of Chrome, Chromium or Edge');
    const data = plant('others', 'chrome', 'not a program at all\n');
    const notProgram = runCli(['build', 'notes.md', '--format', 'pdf', '--no-cache', '--browser', data], { cwd: join(dir.path, 'others') });
    expect(notProgram.code).toBe(2);
    expect(notProgram.stderr).toContain('as the browser: it is not a program (no ELF, Mach-O or PE header)');
  });

  it('still prints with the system Chromium', () => {
    writeFiles(dir.path, { 'ok/notes.md': GOOD_MD() });
    const result = runCli(['build', 'notes.md', '--format', 'pdf', '--no-cache', '--browser', '/usr/bin/chromium'], { cwd: join(dir.path, 'ok') });
    expect(result.code, result.stderr).toBe(0);
    expect(existsSync(join(dir.path, 'ok', 'notes.pdf'))).toBe(true);
  });
});
