/**
 * Whatever the browser does, a run ends within a bounded time and leaves
 * nothing behind: a Chromium frozen with SIGSTOP while a batch prints, and a
 * Ctrl-C (or SIGTERM) while a file is still being parsed. Each run gets its own
 * TMPDIR, so that anything left there (a profile, Chromium's own temporary
 * files) is seen; every Chromium process of the run is tracked by its parent.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { descendants, expectDiagnostic, FRONT, GOOD_MD, processes, runCliAwait, writeFiles } from './fixtures.js';

let dir: string;
let tmp: string;
let cleanup: () => void;
/** Every Chromium process of the run, ever seen (to find survivors, and to kill them after a failed test). */
let seen: Set<number>;
beforeEach(() => {
  ({ path: dir, cleanup } = tempDir('report-hostile-faults-'));
  tmp = join(dir, 'tmp');
  mkdirSync(tmp);
  seen = new Set();
});
afterEach(() => {
  // A failed test must not leave frozen browsers on the machine.
  for (const pid of seen) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* gone, as it should be */
    }
  }
  cleanup();
});

/** The run's Chromium processes (`/usr/bin/chromium` is a shell script until it execs the browser). */
const chromiumOf = (cliPid: number) => descendants(cliPid, processes()).filter((p) => /\/chrom/i.test(p.cmdline.split(' ').slice(0, 2).join(' ')));

/** Alive and not a zombie. */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** No Chromium process of the run is left (given a moment to be reaped), and the private TMPDIR is empty. */
async function expectNothingLeft(): Promise<void> {
  let left: number[] = [];
  for (let attempt = 0; attempt < 20; attempt++) {
    left = [...seen].filter(alive);
    if (left.length === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(left, 'Chromium processes of the run still alive').toEqual([]);
  expect(readdirSync(tmp), 'left in the temporary folder').toEqual([]);
}

/** Run the CLI with the private TMPDIR; `watch` is called every 20 ms with its pid while it runs. */
async function run(args: string[], watch: (cliPid: number) => void, limitMs: number) {
  let cliPid = -1;
  let polling = true;
  const poll = (async () => {
    while (polling) {
      if (cliPid > 0) {
        for (const p of chromiumOf(cliPid)) seen.add(p.pid);
        watch(cliPid);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  const started = Date.now();
  // A run that does not end by itself within the bound is killed: the test then fails on its exit code and time.
  const limit = setTimeout(() => cliPid > 0 && process.kill(cliPid, 'SIGKILL'), limitMs);
  const result = await runCliAwait(args, dir, (pid) => (cliPid = pid), { TMPDIR: tmp });
  clearTimeout(limit);
  polling = false;
  await poll;
  return { ...result, seconds: (Date.now() - started) / 1000 };
}

describe('a Chromium frozen (SIGSTOP) while a batch prints', () => {
  it('fails the file it was printing with print-timeout, ends the run in bounded time, and leaves no process or profile', async () => {
    const files: Record<string, string> = {};
    for (let i = 1; i <= 3; i++) files[`notes/report-${i}.md`] = GOOD_MD(`Frozen report ${i}`);
    writeFiles(dir, files);
    const stopped: number[] = [];
    const r = await run(
      ['build', 'notes', '--out', 'out', '--format', 'pdf', '--concurrency', '1', '--no-cache', '--no-catalogue', '--timeout', '5'],
      (cliPid) => {
        if (stopped.length > 0) return;
        // The first browser, as soon as it runs: every process it has at that moment.
        for (const p of chromiumOf(cliPid)) {
          try {
            process.kill(p.pid, 'SIGSTOP');
            stopped.push(p.pid);
          } catch {
            /* ended meanwhile */
          }
        }
      },
      40_000,
    );
    expect(stopped.length, 'Chromium processes stopped').toBeGreaterThan(0);
    expect(r.code, r.stderr).toBe(1);
    // (whichever file was printing when the browser froze)
    const timedOut = ['1', '2', '3'].filter((i) => new RegExp(`notes/report-${i}\\.md error Printing took longer than (5 s|the [0-9.]+ s left of the file's time limit \\(5 s\\))`).test(r.stderr));
    expect(timedOut, r.stderr).toHaveLength(1);
    expectDiagnostic(r.stderr, `notes/report-${timedOut[0]}.md`, 'print-timeout', 'Printing took longer than', null);
    // One file's time limit, the browser killed, a fresh one for the others: far below the 40 s bound.
    expect(r.seconds, r.stderr).toBeLessThan(30);
    expect(r.stderr).toMatch(/2 built, 0 up to date, 1 failed/);
    await expectNothingLeft();
  });
});

describe('a signal while a file is still being parsed', () => {
  /** Thousands of nested list markers: seconds of parsing on the main thread, with the browser started meanwhile. */
  const SLOW = FRONT('Slow') + '\n## Summary\n\n' + '- '.repeat(3000) + 'x\n';

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s removes the browser profile and every Chromium process, and exits %i', async (signal, code) => {
    writeFiles(dir, { 'notes/slow.md': SLOW });
    let signalled = 0;
    const r = await run(
      ['build', 'notes/slow.md', '--out', 'out', '--format', 'pdf', '--no-cache'],
      (cliPid) => {
        // Once the browser has made its profile (it starts as the file begins), and the parse is under way.
        const profile = readdirSync(tmp).some((f) => f.startsWith('report-chromium-'));
        if (profile && !signalled) signalled = Date.now();
        else if (signalled > 0 && signalled < Date.now() - 300 && signalled !== 1) {
          signalled = 1;
          process.kill(cliPid, signal);
        }
      },
      40_000,
    );
    expect(signalled, 'the signal was sent').toBe(1);
    expect(seen.size, 'Chromium processes seen').toBeGreaterThan(0);
    expect(r.code, r.stderr).toBe(code);
    expect(existsSync(join(dir, 'out', 'slow.pdf'))).toBe(false);
    await expectNothingLeft();
  });
});

describe('a run killed outright (SIGKILL)', () => {
  it('takes its browser with it, and the next run removes the profile it could not', async () => {
    writeFiles(dir, { 'notes/slow.md': FRONT('Slow') + '\n## Summary\n\n' + '- '.repeat(3000) + 'x\n', 'good/good.md': GOOD_MD('Next run') });
    let killed = false;
    const first = await run(
      ['build', 'notes/slow.md', '--out', 'out', '--format', 'pdf', '--no-cache'],
      (cliPid) => {
        if (!killed && seen.size > 0 && readdirSync(tmp).some((f) => f.startsWith('report-chromium-'))) {
          killed = true;
          process.kill(cliPid, 'SIGKILL');
        }
      },
      40_000,
    );
    expect(killed).toBe(true);
    expect(first.code).toBe(null);
    // Chromium ends by itself once its pipe to the run is gone; the profile stays (nothing of the run is left).
    let left: number[] = [];
    for (let attempt = 0; attempt < 50 && (left = [...seen].filter(alive)).length > 0; attempt++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(left, 'Chromium processes of the killed run').toEqual([]);
    expect(readdirSync(tmp).filter((f) => f.startsWith('report-chromium-'))).toHaveLength(1);

    const next = await run(['build', 'good/good.md', '--out', 'out', '--format', 'pdf', '--no-cache'], () => undefined, 40_000);
    expect(next.code, next.stderr).toBe(0);
    expect(existsSync(join(dir, 'out', 'good.pdf'))).toBe(true);
    await expectNothingLeft();
  });
});
