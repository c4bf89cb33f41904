import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findBrowser } from '../../src/print/find-browser.js';

const dir = mkdtempSync(join(tmpdir(), 'browsers-'));
/** A file that looks like a native program (an ELF header) to the browser check, which never runs it. */
const fake = (name: string, executable = true) => {
  const path = join(dir, name);
  writeFileSync(path, Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), Buffer.alloc(60)]));
  chmodSync(path, executable ? 0o755 : 0o644);
  return path;
};

describe('browser discovery', () => {
  it('prefers an explicit path, then PUPPETEER_EXECUTABLE_PATH, then CHROME_PATH, then known paths', () => {
    const explicit = fake('explicit-chromium');
    const fromPuppeteer = fake('puppeteer-chrome');
    const fromChrome = fake('chrome');
    expect(findBrowser(explicit, { PUPPETEER_EXECUTABLE_PATH: fromPuppeteer }, 'nowhere')).toMatchObject({ path: explicit, source: 'option' });
    expect(findBrowser(undefined, { PUPPETEER_EXECUTABLE_PATH: fromPuppeteer, CHROME_PATH: fromChrome }, 'nowhere')).toMatchObject({ path: fromPuppeteer, source: 'PUPPETEER_EXECUTABLE_PATH' });
    expect(findBrowser(undefined, { CHROME_PATH: fromChrome }, 'nowhere')).toMatchObject({ path: fromChrome, source: 'CHROME_PATH' });
    expect(findBrowser(undefined, {}, 'nowhere')).toEqual({ rejected: [] });
  });

  it('refuses, without running them, scripts, notes, programs not named like a browser and non-programs', () => {
    const script = join(dir, 'script-chromium');
    writeFileSync(script, '#!/bin/sh\n');
    chmodSync(script, 0o755);
    expect(findBrowser(script, {}, 'linux')).toMatchObject({ rejected: [], refused: [{ path: script, reason: expect.stringContaining('it is a script') }] });
    const notes = fake('chromium.md');
    expect(findBrowser(notes, {}, 'linux').refused?.[0]?.reason).toBe('a Markdown or YAML file is not a program');
    expect(findBrowser(fake('tool'), {}, 'linux').refused?.[0]?.reason).toBe('its name is not that of Chrome, Chromium or Edge');
    const text = join(dir, 'text-chrome');
    writeFileSync(text, 'hello\n');
    chmodSync(text, 0o755);
    expect(findBrowser(text, {}, 'linux').refused?.[0]?.reason).toBe('it is not a program (no ELF, Mach-O or PE header)');
    // A refused environment path is not replaced by a known install path.
    expect(findBrowser(undefined, { CHROME_PATH: script }, 'linux').path).toBeUndefined();
  });

  it('rejects a named file that is not executable, and does not fall back from an explicit path', () => {
    const notExecutable = fake('plain-chromium', false);
    expect(findBrowser(notExecutable, {}, 'linux')).toEqual({ rejected: [notExecutable] });
    const fromChrome = fake('chrome2');
    expect(findBrowser(undefined, { PUPPETEER_EXECUTABLE_PATH: notExecutable, CHROME_PATH: fromChrome }, 'nowhere')).toEqual({
      path: fromChrome,
      source: 'CHROME_PATH',
      rejected: [notExecutable],
    });
  });
});
