import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findBrowser } from '../../src/print/find-browser.js';

const dir = mkdtempSync(join(tmpdir(), 'browsers-'));
const fake = (name: string, executable = true) => {
  const path = join(dir, name);
  writeFileSync(path, '#!/bin/sh\n');
  chmodSync(path, executable ? 0o755 : 0o644);
  return path;
};

describe('browser discovery', () => {
  it('prefers an explicit path, then PUPPETEER_EXECUTABLE_PATH, then CHROME_PATH, then known paths', () => {
    const explicit = fake('explicit');
    const fromPuppeteer = fake('puppeteer');
    const fromChrome = fake('chrome');
    expect(findBrowser(explicit, { PUPPETEER_EXECUTABLE_PATH: fromPuppeteer }, 'nowhere')).toMatchObject({ path: explicit, source: 'option' });
    expect(findBrowser(undefined, { PUPPETEER_EXECUTABLE_PATH: fromPuppeteer, CHROME_PATH: fromChrome }, 'nowhere')).toMatchObject({ path: fromPuppeteer, source: 'PUPPETEER_EXECUTABLE_PATH' });
    expect(findBrowser(undefined, { CHROME_PATH: fromChrome }, 'nowhere')).toMatchObject({ path: fromChrome, source: 'CHROME_PATH' });
    expect(findBrowser(undefined, {}, 'nowhere')).toEqual({ rejected: [] });
  });

  it('rejects a named file that is not executable, and does not fall back from an explicit path', () => {
    const notExecutable = fake('plain', false);
    expect(findBrowser(notExecutable, {}, 'linux')).toEqual({ rejected: [notExecutable] });
    const fromChrome = fake('chrome2');
    expect(findBrowser(undefined, { PUPPETEER_EXECUTABLE_PATH: notExecutable, CHROME_PATH: fromChrome }, 'nowhere')).toEqual({
      path: fromChrome,
      source: 'CHROME_PATH',
      rejected: [notExecutable],
    });
  });
});
