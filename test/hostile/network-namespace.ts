/**
 * A fresh Linux network namespace in which every address is local: any DNS
 * query (the namespace's /etc/resolv.conf names 127.0.0.1) and any connection
 * to a web port, whatever the host, reaches the canary of network-canary.mjs,
 * which records it. Commands run inside with `ip netns exec`. Needs root and
 * iproute2 (scripts/install-system-deps.sh installs it); `netnsUnavailable()`
 * says why not when either is missing, so the tests can skip saying so.
 * Not a test file itself.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const CANARY_SCRIPT = join(import.meta.dirname, 'network-canary.mjs');

/** What the canary saw: a DNS query, a TCP connection (and what was sent first), or a UDP datagram. */
export interface NetworkEvent {
  kind: 'dns' | 'tcp' | 'tcp-data' | 'udp';
  name?: string;
  port?: number;
  to?: string;
  first?: string;
}

export interface Namespace {
  name: string;
  /** Everything the canary saw so far (cleared with `events.length = 0`). */
  events: NetworkEvent[];
  /** Run a command inside the namespace; resolves with its exit code and output (killed after `timeoutMs`). */
  run(command: string, args: string[], options?: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<{ code: number | null; stdout: string; stderr: string }>;
  /** Wait until the canary has reported everything sent so far (a round trip through its log). */
  settle(ms?: number): Promise<void>;
  destroy(): Promise<void>;
}

/** Why network namespaces cannot be used here, or undefined when they can (probed once, by making one). */
export function netnsUnavailable(): string | undefined {
  if (process.platform !== 'linux') return `network namespaces are Linux only (this is ${process.platform})`;
  if (process.getuid?.() !== 0) return 'creating a network namespace needs root (run the suite as root, as CI does)';
  const version = spawnSync('ip', ['-V'], { encoding: 'utf8' });
  if (version.error) return '`ip` (iproute2) is not installed: run scripts/install-system-deps.sh';
  const probe = `report-probe-${process.pid}`;
  const added = spawnSync('ip', ['netns', 'add', probe], { encoding: 'utf8' });
  if (added.status !== 0) return `\`ip netns add\` failed (no network namespace support here?): ${added.stderr.trim()}`;
  spawnSync('ip', ['netns', 'del', probe]);
  return undefined;
}

function ip(...args: string[]): void {
  const result = spawnSync('ip', args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`ip ${args.join(' ')}: ${result.stderr.trim()}`);
}

let made = 0;

/** Names looked up by `settle()` to know the canary has caught up; never counted as events. */
const MARKER_DOMAIN = '.marker.report-test.invalid';

export async function createNamespace(): Promise<Namespace> {
  const name = `report-test-${process.pid}-${++made}`;
  const etc = join('/etc/netns', name);
  ip('netns', 'add', name);
  let canary: ChildProcessWithoutNullStreams | undefined;
  const destroy = async () => {
    if (canary && canary.exitCode === null) {
      const ended = new Promise((resolve) => canary!.once('exit', resolve));
      canary.kill('SIGKILL');
      await ended;
    }
    spawnSync('ip', ['netns', 'del', name]);
    rmSync(etc, { recursive: true, force: true });
  };
  try {
    ip('-n', name, 'link', 'set', 'lo', 'up');
    // Every address is local: a connection to any host lands on the canary's sockets.
    ip('-n', name, 'route', 'add', 'local', '0.0.0.0/0', 'dev', 'lo');
    // (A kernel without IPv6 has no IPv6 to leak through.)
    spawnSync('ip', ['-n', name, '-6', 'route', 'add', 'local', '::/0', 'dev', 'lo']);
    // `ip netns exec` bind-mounts these over /etc/resolv.conf and /etc/hosts for the commands it runs.
    mkdirSync(etc, { recursive: true });
    writeFileSync(join(etc, 'resolv.conf'), 'nameserver 127.0.0.1\noptions attempts:1 timeout:1\n');
    writeFileSync(join(etc, 'hosts'), '127.0.0.1 localhost\n::1 localhost\n');

    const events: NetworkEvent[] = [];
    const started = spawn('ip', ['netns', 'exec', name, process.execPath, CANARY_SCRIPT]);
    canary = started;
    const markers = new Map<string, () => void>();
    await new Promise<void>((resolve, reject) => {
      let buffered = '';
      let stderr = '';
      started.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
      started.once('exit', (code) => reject(new Error(`the network canary exited (${code}): ${stderr}`)));
      started.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        buffered += chunk;
        let end: number;
        while ((end = buffered.indexOf('\n')) !== -1) {
          const line = JSON.parse(buffered.slice(0, end)) as NetworkEvent & { ready?: boolean; at?: number };
          buffered = buffered.slice(end + 1);
          if (line.ready) resolve();
          // (our own settle() queries, A and AAAA)
          else if (line.kind === 'dns' && line.name?.endsWith(MARKER_DOMAIN)) markers.get(line.name)?.();
          else {
            delete line.at;
            events.push(line);
          }
        }
      });
    });

    const run: Namespace['run'] = (command, args, options = {}) =>
      new Promise((resolve, reject) => {
        const child = spawn('ip', ['netns', 'exec', name, command, ...args], { cwd: options.cwd, env: options.env ?? process.env });
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
        child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
        child.on('error', reject);
        const deadline = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
        child.on('close', (code) => {
          clearTimeout(deadline);
          resolve({ code, stdout, stderr });
        });
      });

    let marks = 0;
    const settle = async (ms = 500) => {
      await new Promise((resolve) => setTimeout(resolve, ms));
      // A query of our own, answered after everything the canary received before it.
      const marker = `settle-${++marks}${MARKER_DOMAIN}`;
      const seen = new Promise<void>((resolve) => markers.set(marker, resolve));
      await run(process.execPath, ['-e', `require('node:dns').lookup(${JSON.stringify(marker)}, () => {})`]);
      await seen;
      markers.delete(marker);
    };

    return { name, events, run, settle, destroy };
  } catch (error) {
    await destroy();
    throw error;
  }
}
