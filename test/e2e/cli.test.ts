/**
 * The executable as a user meets it: help, version, bad flags, bad input. What the executable adds (bin/report.js:
 * the bundle, the exit code set on the process, no stack trace on a bad flag or a browser that cannot start) is
 * checked by the subprocess runs; the commands' messages and files (validate, init, schema, templates) through the
 * CLI's main() in process, which is what the executable hands the process over to.
 */
import { copyFileSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, runMain, tempDir } from '../helpers/cli.js';

const dir = tempDir();
afterAll(() => dir.cleanup());
const write = (name: string, text: string) => {
  const path = join(dir.path, name);
  writeFileSync(path, text);
  return path;
};

describe('report (the executable)', () => {
  it('prints help and version', () => {
    const help = runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/build \[options\] <inputs\.\.\.>/);
    expect(help.stdout).toMatch(/validate\|lint/);
    const version = runCli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('exits 2 on an unknown flag or format, without a stack trace', () => {
    const flag = runCli(['build', 'examples/vilnius-2024.md', '--no-such-flag']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/unknown option '--no-such-flag'/);
    const format = runCli(['build', 'examples/vilnius-2024.md', '--format', 'docx']);
    expect(format.code).toBe(2);
    expect(format.stderr).toBe('report: Unknown output format `docx`; expected html, pdf or json\n');
  });

  it('exits 2 and says what to install when no browser is found', () => {
    const out = join(dir.path, 'no-browser');
    const result = runCli(['build', 'examples/vilnius-2024.md', '--out', out, '--browser', '/nonexistent/chrome']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Not an executable browser: \/nonexistent\/chrome\. No Chrome or Chromium was found\. Install one \(Debian\/Ubuntu: `apt-get install -y chromium`/);
    expect(existsSync(out)).toBe(false);
  });

  it('exits 2 when the browser found cannot start, trying it once only', () => {
    const out = join(dir.path, 'bad-browser');
    // A native program named like a browser passes the browser check, then fails to start.
    const broken = join(dir.path, 'chromium');
    copyFileSync('/bin/false', broken);
    const result = runCli(['build', 'examples/vilnius-2024.md', 'examples/lille-2025-fr.md', '--out', out, '--format', 'pdf', '--browser', broken, '--no-cache']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`report: Could not start the browser at ${broken}: `);
    expect(result.stderr).toMatch(/Check that it is a working Chrome or Chromium/);
    expect(existsSync(join(out, 'vilnius-2024.pdf'))).toBe(false);
  });

  it('ends promptly when every file of a PDF run fails validation (the warmed-up browser is closed)', () => {
    const file = write('invalid-for-pdf.md', '---\ntitle: T\ndate: 2024-02-30\n---\n');
    const started = Date.now();
    const result = runCli(['build', file, '--out', join(dir.path, 'o-invalid'), '--format', 'pdf', '--no-cache']);
    expect(result.code).toBe(1);
    // Generous bound: a browser left running would keep the process alive until the 180 s kill.
    expect(Date.now() - started).toBeLessThan(60_000);
  }, 90_000);

  it('reports broken YAML at its line and column, exit 1, no output', () => {
    const file = write('broken.yaml', 'title: Broken\ndate: 2024-06-05\nplace: { city: Vilnius\n');
    const result = runCli(['build', file, '--out', join(dir.path, 'o1'), '--format', 'html']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/broken\.yaml:3:23 error YAML syntax error: .* \[yaml-syntax\]/);
    expect(existsSync(join(dir.path, 'o1', 'broken.html'))).toBe(false);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

});

describe('report (through main(), in process)', () => {
  it('reports a missing required field in the front matter at the mapping', async () => {
    const file = write('missing.md', '---\ntitle: No date\n---\n\n## Highlights\n\n### A\n\nText.\n');
    const result = await runMain(['validate', file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('missing.md:2:1 error Expected `date`, but it is missing [required]\n  note: `date`: the day the event took place (its first day when it lasted several).');
  });

  it('keeps an unknown section, with a warning at its heading; --strict fails', async () => {
    const file = write('unknown.md', '---\ntitle: T\ndate: 2024-06-05\n---\n\n## Highlights\n\n### A\n\nText.\n\n## Lunch menu\n\nSoup.\n');
    const ok = await runMain(['build', file, '--out', join(dir.path, 'o2'), '--format', 'html']);
    expect(ok.code).toBe(0);
    expect(ok.stderr).toContain('unknown.md:12:1 warning Heading `Lunch menu` is not a known part of a report; it is kept as a free section [unknown-heading]');
    const strict = await runMain(['validate', '--strict', file]);
    expect(strict.code).toBe(1);
  });

  it('validates all files and reports every one, never stopping at the first', async () => {
    const a = write('a-bad.yaml', 'title: A\ndate: 5th June\n');
    const b = write('b-bad.yaml', 'title: B\ndate: 2024-02-30\n');
    const result = await runMain(['validate', a, b, '--format', 'json']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as Array<{ path: string; messages: Array<{ ruleId: string; line: number }> }>;
    expect(report.map((f) => f.messages[0]!.ruleId)).toEqual(['pattern', 'valid-date']);
    expect(report.map((f) => f.messages[0]!.line)).toEqual([2, 2]);
  });

  it('init writes notes that validate once filled in', async () => {
    const md = join(dir.path, 'new.md');
    expect((await runMain(['init', md])).code).toBe(0);
    const unfilled = await runMain(['validate', '--strict', md]);
    expect(unfilled.stderr).toMatch(/\[no-placeholder\]/);
    expect(unfilled.stderr).not.toMatch(/ error /);
    const yaml = join(dir.path, 'new.yaml');
    expect((await runMain(['init', '--yaml', yaml])).code).toBe(0);
    expect((await runMain(['validate', yaml])).code).toBe(0);
    expect((await runMain(['init', md])).code).toBe(2);
  });

  it('prints the schemas and lists the templates', async () => {
    const schema = JSON.parse((await runMain(['schema', 'practice'])).stdout);
    expect(schema.$id).toBe('https://report.tools/schemas/1.0/practice.schema.json');
    expect((await runMain(['templates'])).stdout).toMatch(/^default /m);
  });

  it('leaves no temporary files behind', () => {
    const names = readdirSync(dir.path, { recursive: true }) as string[];
    expect(names.filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});
