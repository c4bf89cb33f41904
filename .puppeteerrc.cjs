// Puppeteer would download its own Chrome on install. We print with a system
// Chromium instead (see src/print/find-browser.ts), so skip the download
// whenever one is already installed or named in the environment.
const fs = require('node:fs');
const candidates = [
  process.env.PUPPETEER_EXECUTABLE_PATH,
  process.env.CHROME_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
].filter(Boolean);
module.exports = {
  skipDownload: candidates.some((p) => fs.existsSync(p)),
};
