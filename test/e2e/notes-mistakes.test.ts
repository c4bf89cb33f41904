/**
 * Notes with a real mistake (test/fixtures/notes-mistakes/): unlike the notes of notes-styles, these must not build.
 * `report validate` must fail (exit 1) with a message at the mistake's `file:line:column` that names what it
 * lists in `<name>.expect.yaml` (`mentions`, compared case-insensitively), and never a stack trace.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'notes-mistakes');
const cases = readdirSync(FIXTURES)
  .filter((name) => name.endsWith('.expect.yaml'))
  .sort()
  .map((expectName) => {
    const base = expectName.slice(0, -'.expect.yaml'.length);
    const notes = readdirSync(FIXTURES).find((name) => name !== expectName && name.startsWith(`${base}.`))!;
    return { notes, expected: parse(readFileSync(join(FIXTURES, expectName), 'utf8')) as { line: number; mentions: string[] } };
  });

describe.each(cases)('$notes', ({ notes, expected }) => {
  it('fails with a message at the mistake that names it', () => {
    const result = runCli(['validate', join('test', 'fixtures', 'notes-mistakes', notes)]);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
    const messages = result.stderr.split('\n').filter((line) => line.includes(`${notes}:${expected.line}:`));
    expect(messages, result.stderr).not.toEqual([]);
    const text = result.stderr.toLowerCase();
    for (const mention of expected.mentions) expect(text, `mentions ${mention}`).toContain(mention.toLowerCase());
  });
});
