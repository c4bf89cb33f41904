/**
 * A batch survives its bad members and its browser: broken files fail alone,
 * and a Chromium killed mid-run is relaunched for the files still to print,
 * with no browser process left behind afterwards.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { pdfInfo, pdfPages } from '../helpers/pdf.js';
import { descendants, expectDiagnostic, expectNoTempFiles, GOOD_MD, listFiles, processes, runCliAwait, userDataDir, writeFiles } from './fixtures.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ path: dir, cleanup } = tempDir('report-hostile-resilience-'));
});
afterEach(() => cleanup());

const pdfsIn = (folder: string) => (existsSync(folder) ? readdirSync(folder).filter((f) => f.endsWith('.pdf')).sort() : []);

/** The PDF's text holds its title (so it is a real, complete print of the right notes). */
function expectPrinted(path: string, title: string): void {
  expect(Number(pdfInfo(path).Pages)).toBeGreaterThanOrEqual(1);
  expect(pdfPages(path).join('\n').replace(/\s+/g, ' ')).toContain(title);
}

/** No browser process started with one of these profiles survives the run, nor the profile itself. */
async function expectNoBrowserLeft(profiles: ReadonlySet<string>): Promise<void> {
  // (allow a moment for the kernel to reap the processes)
  let leftovers: string[] = [];
  for (let attempt = 0; attempt < 40; attempt++) {
    leftovers = processes()
      .filter((p) => [...profiles].some((profile) => p.cmdline.includes(`--user-data-dir=${profile}`)))
      .map((p) => `${p.pid} ${p.cmdline.slice(0, 120)}`);
    if (leftovers.length === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(leftovers).toEqual([]);
  expect([...profiles].filter((profile) => existsSync(profile))).toEqual([]);
}

describe('a batch with broken members', () => {
  it('builds the 10 good PDFs of 12, exits 1 and lists the 2 failures', async () => {
    const files: Record<string, string> = {};
    for (let i = 1; i <= 10; i++) files[`notes/good-${String(i).padStart(2, '0')}.md`] = GOOD_MD(`Good report ${i}`);
    files['notes/broken-js.md'] = '---js\n{ title: "x" }\n---\n';
    files['notes/broken-bidi.yaml'] = 'title: "Bad \u202E title"\ndate: 2024-06-05\n';
    writeFiles(dir, files);

    const r = await runCliAwait(['build', 'notes', '--out', 'out', '--format', 'pdf', '--concurrency', '2', '--no-catalogue'], dir);
    expect(r.code, r.stderr).toBe(1);
    expectDiagnostic(r.stderr, 'notes/broken-js.md', 'front-matter-language', 'not `---js`', '1:1');
    expectDiagnostic(r.stderr, 'notes/broken-bidi.yaml', 'no-bidi-control', 'U+202E', '1:13');
    expect(r.stderr).toMatch(/10 built, 0 up to date, 2 failed \(12 files, [\d.]+ s\)/);
    const failedList = r.stderr.slice(r.stderr.indexOf('Failed:'));
    expect(failedList.split('\n').filter((l) => l.startsWith('  ')).map((l) => l.trim()).sort()).toEqual(['notes/broken-bidi.yaml', 'notes/broken-js.md']);

    const pdfs = pdfsIn(join(dir, 'out'));
    expect(pdfs).toEqual(Array.from({ length: 10 }, (_, i) => `good-${String(i + 1).padStart(2, '0')}.pdf`));
    for (const [i, name] of pdfs.entries()) expectPrinted(join(dir, 'out', name), `Good report ${i + 1}`);
    expect(listFiles(join(dir, 'out')).filter((f) => f.includes('broken'))).toEqual([]);
    expectNoTempFiles(dir);
  });
});

describe('Chromium killed mid-run', () => {
  it('relaunches the browser, prints every PDF and leaves no browser behind', async () => {
    const files: Record<string, string> = {};
    const count = 8;
    for (let i = 1; i <= count; i++) files[`notes/report-${i}.md`] = GOOD_MD(`Resilient report ${i}`);
    writeFiles(dir, files);
    const out = join(dir, 'out');

    /** Every Chromium profile the run used, to find leftovers by after it ended. */
    const profiles = new Set<string>();
    const killed: number[] = [];
    let pdfsAtKill = -1;
    let cliPid = -1;
    let polling = true;
    const poll = (async () => {
      while (polling) {
        if (cliPid > 0) {
          const all = processes();
          const chromium = descendants(cliPid, all).filter((p) => userDataDir(p.cmdline) !== undefined);
          for (const p of chromium) profiles.add(userDataDir(p.cmdline)!);
          if (killed.length === 0 && pdfsIn(out).length >= 1 && chromium.length > 0) {
            pdfsAtKill = pdfsIn(out).length;
            for (const p of chromium) {
              try {
                process.kill(p.pid, 'SIGKILL');
                killed.push(p.pid);
              } catch {
                /* already gone */
              }
            }
          }
        }
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    })();

    const r = await runCliAwait(['build', 'notes', '--out', 'out', '--format', 'pdf', '--concurrency', '1', '--no-catalogue', '--timeout', '60'], dir, (pid) => {
      cliPid = pid;
    });
    polling = false;
    await poll;

    expect(killed.length, 'Chromium processes killed mid-run').toBeGreaterThan(0);
    expect(pdfsAtKill, 'PDFs already written when Chromium was killed').toBeLessThan(count);
    // The kill happened while PDFs were still to print, and a second browser (profile) was started for them.
    expect(profiles.size, `profiles seen: ${[...profiles].join(', ')}`).toBeGreaterThanOrEqual(2);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`${count} built, 0 up to date, 0 failed`));
    const pdfs = pdfsIn(out);
    expect(pdfs).toEqual(Array.from({ length: count }, (_, i) => `report-${i + 1}.pdf`));
    for (let i = 1; i <= count; i++) expectPrinted(join(out, `report-${i}.pdf`), `Resilient report ${i}`);
    expectNoTempFiles(dir);

    // Nor their throwaway profiles, the killed browser's included.
    await expectNoBrowserLeft(profiles);
  });
});

describe('Ctrl-C in the middle of a batch', () => {
  it('stops, closes the browser, and leaves no temporary file, profile or Chromium behind', async () => {
    const files: Record<string, string> = {};
    const count = 16;
    for (let i = 1; i <= count; i++) files[`notes/report-${String(i).padStart(2, '0')}.md`] = GOOD_MD(`Interrupted report ${i}`);
    writeFiles(dir, files);
    const out = join(dir, 'out');
    const profiles = new Set<string>();
    let cliPid = -1;
    let interrupted = false;
    let polling = true;
    const poll = (async () => {
      while (polling) {
        if (cliPid > 0) {
          for (const p of descendants(cliPid, processes())) if (userDataDir(p.cmdline)) profiles.add(userDataDir(p.cmdline)!);
          // Interrupt once a report is built, with PDFs still to print.
          if (!interrupted && pdfsIn(out).length >= 1) {
            interrupted = true;
            process.kill(cliPid, 'SIGINT');
          }
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    const r = await runCliAwait(['build', 'notes', '--out', 'out', '--format', 'html,pdf', '--concurrency', '1', '--no-cache'], dir, (pid) => {
      cliPid = pid;
    });
    polling = false;
    await poll;

    expect(interrupted).toBe(true);
    expect(r.code, r.stderr).toBe(130);
    expect(pdfsIn(out).length).toBeLessThan(count);
    expectNoTempFiles(dir);
    expect(profiles.size).toBeGreaterThanOrEqual(1);
    await expectNoBrowserLeft(profiles);
  });
});
