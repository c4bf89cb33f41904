/**
 * Find a system Chrome or Chromium: an explicit path (flag or config) first,
 * then PUPPETEER_EXECUTABLE_PATH / CHROME_PATH, then known install paths.
 * We never download a browser.
 */
import { accessSync, closeSync, constants, openSync, readSync, realpathSync, statSync } from 'node:fs';
import { basename } from 'node:path';

export const KNOWN_BROWSER_PATHS: Record<string, string[]> = {
  linux: [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/snap/bin/chromium',
    '/usr/bin/google-chrome-stable',
    '/usr/bin/google-chrome',
    '/opt/google/chrome/chrome',
    '/usr/bin/microsoft-edge',
  ],
  darwin: [
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
  ],
  win32: [
    'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
    'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
    'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
  ],
};

export const INSTALL_HINT =
  'No Chrome or Chromium was found. Install one (Debian/Ubuntu: `apt-get install -y chromium`; macOS: Google Chrome), ' +
  'or point to it with `--browser <path>`, `browser:` in report.config.yaml, or PUPPETEER_EXECUTABLE_PATH.';

export interface BrowserDiscovery {
  path?: string;
  /** Where the path came from, for `--verbose` and error messages. */
  source?: 'option' | 'PUPPETEER_EXECUTABLE_PATH' | 'CHROME_PATH' | 'known path';
  /** Paths that were named explicitly but are not executable. */
  rejected: string[];
  /** Paths that were named explicitly and refused for another reason than not being executable, with why. */
  refused?: Array<{ path: string; reason: string }>;
}

/** File names of Chrome, Chromium and Edge builds (Linux, macOS, Windows, Puppeteer's headless shell). */
const BROWSER_NAME = /chrom(e|ium)|msedge|microsoft[- ]edge|^edge(\.exe)?$/i;

/** First bytes of native programs: ELF, Mach-O (32/64-bit, both byte orders, universal) and PE (`MZ`). */
function isNativeProgram(head: Buffer): boolean {
  if (head.length >= 4 && head.readUInt32BE(0) === 0x7f454c46) return true;
  if (head.length >= 4 && [0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe, 0xcafebabe].includes(head.readUInt32BE(0))) return true;
  return head.length >= 2 && head[0] === 0x4d && head[1] === 0x5a;
}

const realPath = (path: string) => {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
};

/**
 * Why `path` may not be run as the browser, or undefined when it may. Decided by reading the file, never by
 * running it: an executable regular file, named like Chrome, Chromium or Edge, that is a native program. A script
 * (`#!`) passes only as a distribution's launcher at a known install path (Debian's /usr/bin/chromium), owned by
 * root and writable by no one else.
 */
export function browserRefusal(path: string, platform: string = process.platform): { executable: boolean; reason?: string } {
  if (/\.(md|markdown|ya?ml)$/i.test(path)) return { executable: true, reason: 'a Markdown or YAML file is not a program' };
  if (!isExecutable(path)) return { executable: false, reason: 'not an executable file' };
  const real = realPath(path);
  if (!BROWSER_NAME.test(basename(path)) && !BROWSER_NAME.test(basename(real))) return { executable: true, reason: 'its name is not that of Chrome, Chromium or Edge' };
  let head: Buffer;
  try {
    const fd = openSync(real, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      head = Buffer.alloc(4);
      head = head.subarray(0, readSync(fd, head, 0, 4, 0));
    } finally {
      closeSync(fd);
    }
  } catch {
    return { executable: false, reason: 'not a readable file' };
  }
  if (head[0] === 0x23 && head[1] === 0x21) {
    const known = (KNOWN_BROWSER_PATHS[platform] ?? []).some((p) => p === path || realPath(p) === real);
    const stat = statSync(real);
    if (known && stat.uid === 0 && (stat.mode & 0o022) === 0) return { executable: true };
    return { executable: true, reason: 'it is a script (it starts with `#!`), not a Chrome, Chromium or Edge program' };
  }
  if (!isNativeProgram(head)) return { executable: true, reason: 'it is not a program (no ELF, Mach-O or PE header)' };
  return { executable: true };
}

function isExecutable(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function findBrowser(
  explicit: string | undefined,
  env: Record<string, string | undefined>,
  platform: string,
): BrowserDiscovery {
  const rejected: string[] = [];
  const refused: Array<{ path: string; reason: string }> = [];
  const check = (path: string): boolean => {
    const verdict = browserRefusal(path, platform);
    if (!verdict.reason) return true;
    if (verdict.executable) refused.push({ path, reason: verdict.reason });
    else rejected.push(path);
    return false;
  };
  const result = (found: Omit<BrowserDiscovery, 'rejected' | 'refused'>): BrowserDiscovery => ({ ...found, rejected, ...(refused.length ? { refused } : {}) });
  if (explicit) {
    if (check(explicit)) return result({ path: explicit, source: 'option' });
    return result({});
  }
  for (const name of ['PUPPETEER_EXECUTABLE_PATH', 'CHROME_PATH'] as const) {
    const value = env[name];
    if (!value) continue;
    if (check(value)) return result({ path: value, source: name });
  }
  // A browser named explicitly but refused is not silently replaced by another one.
  if (refused.length) return result({});
  for (const path of KNOWN_BROWSER_PATHS[platform] ?? []) {
    if (isExecutable(path) && !browserRefusal(path, platform).reason) return result({ path, source: 'known path' });
  }
  return result({});
}
