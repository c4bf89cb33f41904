/**
 * Start Chromium ourselves, talking DevTools over a pipe, so that the browser starts while Puppeteer (~60 ms
 * bundled, far more on a loaded machine) is still loading: the two overlap instead of adding up on the way to the
 * first PDF. Its flags are Puppeteer's own (`defaultArgs()`) with ours added. It runs in a process group of its
 * own (one signal ends it and all it started), with a throwaway profile that is removed even after a run killed
 * outright. Puppeteer then connects to the running browser through `pipeTransport`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { packagePath } from '../package-root.js';

/**
 * The browser's own networking, off: none of these services has anything to do with printing, and each would
 * contact Google (component and model updates, time, variations, metrics, safe browsing...) on every run. Request
 * interception sees only the page's requests, never these.
 */
const NO_BROWSER_NETWORKING = [
  '--disable-background-networking',
  '--disable-breakpad',
  '--disable-client-side-phishing-detection',
  '--disable-component-extensions-with-background-pages',
  '--disable-component-update',
  '--disable-crash-reporter',
  '--disable-default-apps',
  '--disable-domain-reliability',
  '--disable-extensions',
  '--disable-field-trial-config',
  '--disable-sync',
  '--dns-prefetch-disable',
  '--metrics-recording-only',
  '--no-pings',
  '--no-service-autorun',
  '--safebrowsing-disable-auto-update',
  '--force-webrtc-ip-handling-policy=disable_non_proxied_udp',
  /*
   * The backstop, for whatever the flags above miss (Chromium 156 still fetches its on-device model manifest from
   * update.googleapis.com "on demand", past --disable-component-update): no host name resolves, IP literals
   * included, and every connection would go through a proxy that cannot be reached (it does not resolve either).
   * The printed page is unaffected: its shell and fonts are answered from memory by request interception, before
   * any name is looked up. (test/hostile/network-namespace.test.ts sees every DNS query and connection.)
   */
  '--host-resolver-rules=MAP * ~NOTFOUND',
  '--proxy-server=127.0.0.1:9',
  '--proxy-bypass-list=<-loopback>',
];

/** Features that would reach the network (or a local one: MediaRouter, DIAL); Puppeteer adds its own to these. */
const DISABLED_FEATURES = [
  'AutofillServerCommunication',
  'CertificateTransparencyComponentUpdater',
  'DialMediaRouteProvider',
  'DnsOverHttps',
  'GlobalMediaControls',
  'InterestFeedContentSuggestions',
  'LensOverlay',
  'MediaRouter',
  'NetworkTimeServiceQuerying',
  'OptimizationGuideModelDownloading',
  'OptimizationGuideOnDeviceModel',
  'OptimizationHints',
  'OptimizationHintsFetching',
  'OptimizationTargetPrediction',
  'PrivacySandboxSettings4',
  'Translate',
];

/**
 * Ours, on top of Puppeteer's defaults: the networking above, and what printing wants (no GPU, no QUIC, fonts
 * without hinting). `--export-tagged-pdf` and `--generate-pdf-document-outline` (tagged PDFs and bookmarks) are
 * Puppeteer's defaults; they are required here too, so that a Puppeteer that dropped them cannot drop them silently.
 */
const OUR_ARGS = [
  ...NO_BROWSER_NETWORKING,
  `--disable-features=${DISABLED_FEATURES.join(',')}`,
  '--disable-gpu',
  '--disable-quic',
  '--export-tagged-pdf',
  '--font-render-hinting=none',
  '--generate-pdf-document-outline',
  '--hide-scrollbars',
  '--mute-audio',
  '--no-default-browser-check',
];

/**
 * Puppeteer's `defaultArgs({ headless: true })`, its launch flags. `npm run build` asks the Puppeteer it bundles
 * (dist/vendor, the one that connects) and writes them to this file: a run reads them without waiting for
 * Puppeteer to load, so Chromium still starts while Puppeteer loads (taking them from Puppeteer at run time
 * made the first PDF wait for the import: see docs/performance.md). Without the file (sources run before a
 * build), the session asks the installed Puppeteer.
 */
export const DEFAULT_ARGS_FILE = packagePath('dist', 'puppeteer-default-args.json');

/** The flags the build took from Puppeteer, or undefined when there is no build. */
export function builtDefaultArgs(): string[] | undefined {
  try {
    const saved = JSON.parse(readFileSync(DEFAULT_ARGS_FILE, 'utf8')) as { args?: unknown };
    return Array.isArray(saved.args) && saved.args.every((a) => typeof a === 'string') ? saved.args : undefined;
  } catch {
    return undefined;
  }
}

const featuresOf = (args: readonly string[], flag: string) =>
  args.filter((a) => a.startsWith(`${flag}=`)).flatMap((a) => a.slice(flag.length + 1).split(',')).filter(Boolean);

/**
 * Chromium's command line: Puppeteer's defaults with ours added (`--disable-features` and `--enable-features`
 * merged into one each: Chromium reads only the last of each), DevTools over the pipe, the sandbox off only when
 * it cannot work, and the throwaway profile; each flag once.
 */
export function chromiumArgs(puppeteerDefaults: readonly string[], options: { sandbox: boolean; profile: string }): string[] {
  const all = [...puppeteerDefaults, ...OUR_ARGS];
  const merged = (flag: string) => {
    const features = [...new Set(featuresOf(all, flag))];
    return features.length > 0 ? [`${flag}=${features.join(',')}`] : [];
  };
  const plain = all.filter((a) => a.startsWith('--') && !/^--(disable-features|enable-features|user-data-dir|remote-debugging-(pipe|port))(=|$)/.test(a));
  const extra = ['--remote-debugging-pipe', ...(options.sandbox ? [] : ['--no-sandbox', '--disable-setuid-sandbox']), `--user-data-dir=${options.profile}`];
  return [...new Set([...plain, ...merged('--disable-features'), ...merged('--enable-features'), ...extra]), 'about:blank'];
}

/** What Puppeteer's `connect({ transport })` needs: messages out, messages in, and the end. */
export interface PipeTransport {
  send(message: string): void;
  close(): void;
  onmessage?: (message: string) => void;
  onclose?: () => void;
}

export interface LaunchedChromium {
  process: ChildProcess;
  transport: PipeTransport;
  /** Settles when the process has exited (or could not start). */
  exited: Promise<void>;
  /** The last lines Chromium wrote to stderr, to say why it did not start. */
  stderrTail(): string;
  /**
   * SIGKILL the browser and every process it started (renderers, zygotes, utilities: its process group), at once.
   * A frozen browser (SIGSTOP, a hang) ends too. Synchronous; never throws.
   */
  kill(): void;
  /** Whether `kill()` was called: the browser ended because we ended it, not by itself. */
  readonly killed: boolean;
  /** Removes the throwaway profile and Chromium's own temporary folder (never throws); call once it has exited. */
  removeProfile(): void;
}

export function launchChromium(executablePath: string, options: { sandbox: boolean; puppeteerDefaults: readonly string[] }): LaunchedChromium {
  removeAbandonedProfiles();
  const profile = mkdtempSync(join(tmpdir(), PROFILE_PREFIX));
  // Who the profile belongs to, so that a later run can remove it if this one is killed outright (SIGKILL).
  writeFileSync(join(profile, OWNER_FILE), `${hostname()} ${process.pid}\n`);
  const args = chromiumArgs(options.puppeteerDefaults, { sandbox: options.sandbox, profile });
  // fd 3: what Chromium reads (our commands); fd 4: what it writes (responses and events).
  // Its own process group (detached), so that one signal ends it and every process it started.
  const child = spawn(executablePath, args, { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'], detached: true });
  let stderr = '';
  let killed = false;
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null) resolve();
    child.once('exit', () => resolve());
    child.once('error', () => resolve());
  });
  // A process the browser started and that outlived it would hold stderr open, and with it this process.
  void exited.then(() => setTimeout(() => child.stderr?.destroy(), 200).unref());
  const transport = pipeTransport(child.stdio[3] as Writable, child.stdio[4] as Readable);
  // An executable that cannot start (ENOENT, EACCES) ends the transport, so a waiting connect fails at once.
  child.once('error', (error) => {
    stderr += `\n${error.message}`;
    transport.close();
  });
  return {
    process: child,
    transport,
    exited,
    stderrTail: () =>
      stderr
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean)
        .slice(-3)
        .join(' '),
    get killed() {
      return killed;
    },
    kill: () => {
      killed = true;
      if (child.pid === undefined) return;
      // (the group first: the browser's own pid, as leader, names it; SIGKILL ends stopped processes too)
      for (const target of [-child.pid, child.pid]) {
        try {
          process.kill(target, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }
      transport.close();
    },
    removeProfile: () => {
      try {
        const singleton = singletonFolder(profile);
        rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
        if (singleton) rmSync(singleton, { recursive: true, force: true });
      } catch {
        // Best effort: a profile that cannot be removed is left in the temporary folder, not a failed run.
      }
    },
  };
}

const PROFILE_PREFIX = 'report-chromium-';
const OWNER_FILE = 'report-owner';

/**
 * Profiles left by runs that were killed outright (nothing of theirs could clean up): those whose owner, on this
 * host, no longer runs. A profile without an owner file, or whose owner lives, is never touched.
 */
function removeAbandonedProfiles(): void {
  let names: string[];
  try {
    names = readdirSync(tmpdir()).filter((name) => name.startsWith(PROFILE_PREFIX));
  } catch {
    return;
  }
  for (const name of names) {
    const profile = join(tmpdir(), name);
    try {
      const [host, pid] = readFileSync(join(profile, OWNER_FILE), 'utf8').trim().split(' ');
      if (host !== hostname() || !/^\d+$/.test(pid ?? '') || isRunning(Number(pid))) continue;
      const singleton = singletonFolder(profile);
      rmSync(profile, { recursive: true, force: true });
      if (singleton) rmSync(singleton, { recursive: true, force: true });
    } catch {
      // Not ours, or gone meanwhile.
    }
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // (EPERM: it runs, as someone else)
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The folder Chromium made itself for its singleton socket (`<tmp>/org.chromium.Chromium.XXXXXX`), which the
 * profile's `SingletonSocket` symlink points into: a browser that was killed leaves it behind.
 */
function singletonFolder(profile: string): string | undefined {
  try {
    const folder = dirname(readlinkSync(join(profile, 'SingletonSocket')));
    return /^org\.chromium\.Chromium\.[A-Za-z0-9]+$/.test(basename(folder)) && dirname(folder) === tmpdir() ? folder : undefined;
  } catch {
    return undefined;
  }
}

/** DevTools over a pipe: each message is JSON followed by a NUL byte. */
function pipeTransport(out: Writable, incoming: Readable): PipeTransport {
  let pending: Buffer[] = [];
  let closed = false;
  let ended = false;
  let onclose: (() => void) | undefined;
  const transport: PipeTransport = {
    send(message) {
      // (Puppeteer turns this into a rejected command rather than one waiting for ever.)
      if (closed) throw new Error('The browser has closed the connection');
      out.write(message);
      out.write('\0');
    },
    close() {
      if (closed) return;
      closed = true;
      out.destroy();
      incoming.destroy();
    },
    // A browser that ended before Puppeteer listened (it had not even started) is still told of.
    get onclose() {
      return onclose;
    },
    set onclose(listener) {
      onclose = listener;
      if (ended && listener) setImmediate(listener);
    },
  };
  incoming.on('data', (chunk: Buffer) => {
    let start = 0;
    let end = chunk.indexOf(0);
    while (end !== -1) {
      const message = Buffer.concat([...pending, chunk.subarray(start, end)]).toString('utf8');
      pending = [];
      // Puppeteer handles each message on its own turn, as it does with its own transports.
      setImmediate(() => transport.onmessage?.(message));
      start = end + 1;
      end = chunk.indexOf(0, start);
    }
    if (start < chunk.length) pending.push(chunk.subarray(start));
  });
  // The end comes after the messages already received (they are handed out on later turns too).
  incoming.once('close', () => {
    transport.close();
    setImmediate(() => {
      ended = true;
      onclose?.();
    });
  });
  out.on('error', () => transport.close());
  incoming.on('error', () => transport.close());
  return transport;
}
