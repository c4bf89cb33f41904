/**
 * Find a system Chrome or Chromium: an explicit path (flag or config) first,
 * then PUPPETEER_EXECUTABLE_PATH / CHROME_PATH, then known install paths.
 * We never download a browser.
 */
import { accessSync, constants, statSync } from 'node:fs';

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
  if (explicit) {
    if (isExecutable(explicit)) return { path: explicit, source: 'option', rejected };
    rejected.push(explicit);
    return { rejected };
  }
  for (const name of ['PUPPETEER_EXECUTABLE_PATH', 'CHROME_PATH'] as const) {
    const value = env[name];
    if (!value) continue;
    if (isExecutable(value)) return { path: value, source: name, rejected };
    rejected.push(value);
  }
  for (const path of KNOWN_BROWSER_PATHS[platform] ?? []) {
    if (isExecutable(path)) return { path, source: 'known path', rejected };
  }
  return { rejected };
}
