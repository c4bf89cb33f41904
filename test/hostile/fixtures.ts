/**
 * Shared pieces of the hostile-input suite: fixture writing, output listing,
 * the canary HTTP server, HTML safety checks and process-tree inspection.
 * Not a test file itself (vitest only collects `*.test.ts`).
 */
import { createServer, type Server } from 'node:http';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname, join, relative } from 'node:path';
import { expect } from 'vitest';
import { runCliAsync, type CliResult } from '../helpers/cli.js';
import { pdfPages } from '../helpers/pdf.js';

/** A secret that must never leave its canary file. */
export const SECRET = 'CANARY-SECRET-7f3a9c1e-do-not-leak';

/** Front matter that validates. */
export const FRONT = (title = 'Hostile notes') => `---\ntitle: ${JSON.stringify(title)}\ndate: 2024-06-05\n---\n`;

/** A small, valid Markdown notes file with a summary and one highlights theme. */
export const GOOD_MD = (title = 'Good notes') =>
  `${FRONT(title)}\n## Summary\n\nA short summary.\n\n## Highlights\n\n### Theme\n\nThe panel featuring **Jane Doe**, Programme Manager at DG DIGIT, spoke.\n`;

/** A 1×1 PNG. */
export const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

/** Write files below `root`; string or bytes; parents are created. */
export function writeFiles(root: string, files: Record<string, string | Uint8Array>): void {
  for (const [name, content] of Object.entries(files)) {
    const path = join(root, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
}

/** Every file (and symlink) below `dir`, relative, sorted; [] when `dir` does not exist. */
export function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push(relative(dir, full));
    }
  };
  walk(dir);
  return out.sort();
}

/** The report outputs below `dir`, leaving out the build cache's bookkeeping. */
export function listOutputs(dir: string): string[] {
  return listFiles(dir).filter((f) => !f.startsWith('.report-cache/'));
}

/** No temporary or half-written file anywhere below `dir`. */
export function expectNoTempFiles(dir: string): void {
  expect(listFiles(dir).filter((f) => /\.tmp$|\.crdownload$|\.part$/.test(f))).toEqual([]);
}

/** No report output (html, pdf, json, catalogue, cache) below `dir`. */
export function expectNoOutputs(dir: string): void {
  expect(listFiles(dir).filter((f) => /\.(html|pdf|json|tmp)$/.test(f) || f.includes('.report-cache'))).toEqual([]);
}

/** One stylish diagnostic line: `path:line:column severity message [rule]` (position optional). */
export function diagnosticLines(stderr: string, ruleId: string): string[] {
  return stderr.split('\n').filter((l) => l.endsWith(`[${ruleId}]`));
}

/**
 * Assert a diagnostic: its rule id, a message substring and, when given, its
 * exact `line:column` (or `null` for "the tool gives no position").
 */
export function expectDiagnostic(
  stderr: string,
  file: string,
  ruleId: string,
  message: string,
  where?: `${number}:${number}` | null,
  severity: 'error' | 'warning' = 'error',
): void {
  const lines = diagnosticLines(stderr, ruleId);
  const prefix = where === undefined ? undefined : where === null ? `${file} ${severity} ` : `${file}:${where} ${severity} `;
  const match = lines.find((l) => l.includes(message) && (prefix === undefined ? l.startsWith(file) : l.startsWith(prefix)));
  expect(match, `expected a ${severity} [${ruleId}] containing "${message}" at ${file}${where ? ':' + where : ''} in:\n${stderr}`).toBeDefined();
}

/**
 * The real executable as a subprocess, awaited without blocking this process's
 * event loop (so an in-process canary server can still answer while it runs).
 */
export function runCliAwait(
  args: string[],
  cwd: string,
  onSpawn?: (pid: number) => void,
  env?: Record<string, string | undefined>,
): Promise<CliResult & { pid: number }> {
  return new Promise((resolve, reject) => {
    const child = runCliAsync(args, { cwd, env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', reject);
    if (child.pid !== undefined) onSpawn?.(child.pid);
    // A hung run fails its test (exit code null) instead of outliving the suite.
    const deadline = setTimeout(() => child.kill('SIGTERM'), 100_000);
    child.on('close', (code) => {
      clearTimeout(deadline);
      resolve({ code, stdout, stderr, pid: child.pid ?? -1 });
    });
  });
}

// --- the canary server ------------------------------------------------------

export interface Canary {
  server: Server;
  port: number;
  url: (path?: string) => string;
  requests: string[];
  /** TCP connections accepted, with or without a request (a preconnect sends none). */
  connections: { count: number };
  close: () => Promise<void>;
}

/** An HTTP server on 127.0.0.1 that answers everything with the secret and records every request. */
export async function startCanary(): Promise<Canary> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(SECRET);
  });
  const connections = { count: 0 };
  server.on('connection', () => connections.count++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    requests,
    connections,
    url: (path = '/') => `http://127.0.0.1:${port}${path}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

/** The secret appears in no output below `dir`: not in HTML/JSON text, not in the PDFs' text. */
export function expectSecretAbsent(dir: string, secret = SECRET): void {
  for (const f of listFiles(dir)) {
    const path = join(dir, f);
    if (f.endsWith('.pdf')) expect(pdfPages(path).join('\n'), f).not.toContain(secret);
    else if (/\.(html|json)$/.test(f)) expect(readFileSync(path, 'utf8'), f).not.toContain(secret);
  }
}

// --- HTML safety ----------------------------------------------------------------

const JSON_LD_OPEN = '<script type="application/ld+json">';

/** The JSON-LD block's text (exactly one must exist). */
export function jsonLdOf(html: string): string {
  const start = html.indexOf(JSON_LD_OPEN);
  expect(start, 'a JSON-LD block').toBeGreaterThanOrEqual(0);
  const end = html.indexOf('</script>', start);
  return html.slice(start + JSON_LD_OPEN.length, end);
}

/**
 * Structural safety of a rendered report: the only script is the JSON-LD
 * block (with no raw `<` inside), no element carries an event handler, and no
 * URL attribute uses a scripting or document scheme.
 */
export function expectSafeHtml(html: string): void {
  const scripts = html.match(/<script\b[^>]*>/gi) ?? [];
  expect(scripts).toEqual([JSON_LD_OPEN]);
  const ld = jsonLdOf(html);
  expect(ld).not.toContain('<');
  expect(() => JSON.parse(ld)).not.toThrow();
  // Outside the JSON-LD block, every tag's attributes.
  const withoutLd = html.replace(/<script type="application\/ld\+json">[\s\S]*?<\/script>/, '');
  for (const tag of withoutLd.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s=>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*\/?>/g)) {
    const name = tag[1]!.toLowerCase();
    expect(['iframe', 'object', 'embed', 'frame', 'frameset', 'applet', 'base', 'form', 'link', 'script'], tag[0]).not.toContain(name);
    for (const attr of tag[2]!.matchAll(/([^\s=>]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?/g)) {
      const attrName = attr[1]!.toLowerCase();
      expect(attrName.startsWith('on'), `event handler in ${tag[0]}`).toBe(false);
      const value = (attr[2] ?? '').replace(/^["']|["']$/g, '').replace(/&#x?[0-9a-f]+;?|\s/gi, '').toLowerCase();
      if (['href', 'src', 'action', 'formaction', 'xlink:href', 'background', 'poster', 'srcset'].includes(attrName)) {
        expect(value, `${attrName} in ${tag[0].slice(0, 120)}`).not.toMatch(/^(javascript|vbscript|file):/);
        if (attrName !== 'src' || name !== 'img') expect(value, `${attrName} in ${tag[0].slice(0, 120)}`).not.toMatch(/^data:/);
        else if (value) expect(value, 'img src').toMatch(/^data:image\/(png|jpeg|gif|webp|svg\+xml);base64,/);
      }
      if (name === 'meta' && attrName === 'http-equiv') expect(value).not.toBe('refresh');
    }
  }
}

// --- processes ------------------------------------------------------------------

export interface ProcInfo {
  pid: number;
  ppid: number;
  cmdline: string;
}

/** Every process visible in /proc with its parent and command line. */
export function processes(): ProcInfo[] {
  const out: ProcInfo[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // pid (comm) state ppid ...; comm may contain spaces and parentheses.
      const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').join(' ').trim();
      out.push({ pid: Number(name), ppid: Number(after[1]), cmdline });
    } catch {
      /* the process ended while we looked */
    }
  }
  return out;
}

/** Descendants of `pid` (children, grandchildren, …). */
export function descendants(pid: number, all = processes()): ProcInfo[] {
  const found: ProcInfo[] = [];
  const queue = [pid];
  while (queue.length) {
    const parent = queue.shift()!;
    for (const p of all) {
      if (p.ppid === parent && !found.some((f) => f.pid === p.pid)) {
        found.push(p);
        queue.push(p.pid);
      }
    }
  }
  return found;
}

/** The `--user-data-dir=` of a Chromium command line, if any. */
export function userDataDir(cmdline: string): string | undefined {
  return /--user-data-dir=(\S+)/.exec(cmdline)?.[1];
}
