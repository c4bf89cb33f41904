#!/usr/bin/env node
/**
 * The baseline for the time to a first PDF, as a script of its own (the way
 * `report build` is timed): import Puppeteer, launch one Chromium, print one
 * pre-rendered HTML file with page.setContent + page.pdf, write the PDF, close.
 * Usage: node bench/baseline-single.js in.html out.pdf
 */
import { readFileSync, writeFileSync } from 'node:fs';
import puppeteer from 'puppeteer-core';

const [input, output] = process.argv.slice(2);
const browser = await puppeteer.launch({
  executablePath: process.env.PUPPETEER_EXECUTABLE_PATH || '/usr/bin/chromium',
  headless: true,
  args: ['--disable-gpu', '--disable-dev-shm-usage', ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
});
try {
  const page = await browser.newPage();
  await page.setContent(readFileSync(input, 'utf8'), { waitUntil: 'load' });
  writeFileSync(output, await page.pdf({ printBackground: true, preferCSSPageSize: true }));
} finally {
  await browser.close();
}
