/**
 * Chromium's command line (src/print/launch-chromium.ts): Puppeteer's own launch flags (`defaultArgs()`, asked of
 * the bundled Puppeteer by the build, or of the installed one), with ours merged in; never a copy in our code.
 */
import puppeteer from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { builtDefaultArgs, chromiumArgs } from '../../src/print/launch-chromium.js';

const fromPuppeteer = puppeteer.defaultArgs({ headless: true });
const args = chromiumArgs(fromPuppeteer, { sandbox: false, profile: '/tmp/report-chromium-test' });

describe("Chromium's flags", () => {
  it("hold every flag of Puppeteer's defaults (but its features, merged with ours)", () => {
    const defaults = fromPuppeteer.filter((a) => a.startsWith('--'));
    expect(defaults.length).toBeGreaterThan(20);
    for (const flag of defaults.filter((a) => !a.startsWith('--disable-features='))) expect(args).toContain(flag);
    const puppeteerFeatures = defaults.find((a) => a.startsWith('--disable-features='))!.slice('--disable-features='.length).split(',');
    const features = args.filter((a) => a.startsWith('--disable-features='));
    expect(features).toHaveLength(1);
    for (const feature of [...puppeteerFeatures, 'OptimizationGuideOnDeviceModel', 'DnsOverHttps', 'MediaRouter']) expect(features[0]!.split('=')[1]!.split(',')).toContain(feature);
  });

  it('hold our networking flags and the backstop, DevTools over the pipe, the profile, each once', () => {
    for (const flag of ['--disable-component-update', '--dns-prefetch-disable', '--no-pings', '--host-resolver-rules=MAP * ~NOTFOUND', '--proxy-server=127.0.0.1:9', '--proxy-bypass-list=<-loopback>', '--remote-debugging-pipe', '--headless=new', '--export-tagged-pdf', '--generate-pdf-document-outline', '--no-sandbox']) {
      expect(args).toContain(flag);
    }
    expect(args.filter((a) => a.startsWith('--user-data-dir='))).toEqual(['--user-data-dir=/tmp/report-chromium-test']);
    expect(new Set(args).size).toBe(args.length);
    expect(args.at(-1)).toBe('about:blank');
    expect(chromiumArgs(fromPuppeteer, { sandbox: true, profile: '/p' })).not.toContain('--no-sandbox');
  });

  it("follow Puppeteer: a flag its defaults gain, or lose, is gained or lost", () => {
    const newer = [...fromPuppeteer.filter((a) => a !== '--disable-hang-monitor'), '--some-future-default'];
    const next = chromiumArgs(newer, { sandbox: true, profile: '/p' });
    expect(next).toContain('--some-future-default');
    expect(next).not.toContain('--disable-hang-monitor');
  });

  it("the build's copy is what the installed Puppeteer says now (npm run build asks it)", () => {
    expect(builtDefaultArgs()).toEqual(fromPuppeteer);
  });
});
