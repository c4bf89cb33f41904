/**
 * Trojan Source (CVE-2021-42574): invisible bidirectional controls make text
 * read differently than it displays. They are an error (no-bidi-control) at
 * the value's place, and nothing is built.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runMain, tempDir } from '../helpers/cli.js';
import { expectDiagnostic, expectNoOutputs, expectNoTempFiles, FRONT, writeFiles } from './fixtures.js';

const RLO = '\u202E';
const LRI = '\u2066';
const PDI = '\u2069';

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ path: dir, cleanup } = tempDir('report-hostile-bidi-'));
});
afterEach(() => cleanup());

async function build(name: string, text: string) {
  writeFiles(dir, { [name]: text });
  const r = await runMain(['build', name, '--out', 'out', '--format', 'html,json'], { cwd: dir });
  expect(r.code).toBe(1);
  expectNoOutputs(join(dir, 'out'));
  expectNoTempFiles(dir);
  return r;
}

describe('bidirectional control characters', () => {
  it('refuses U+202E (RLO) in a theme paragraph, at the character', async () => {
    const r = await build('notes.md', FRONT() + `\n## Highlights\n\n### Access\n\nThe budget is ${RLO}0001${PDI} euros.\n`);
    expectDiagnostic(r.stderr, 'notes.md', 'no-bidi-control', 'Text contains the invisible bidirectional control character U+202E; remove it', '10:15');
  });

  it('refuses U+202E in a YAML title, at the character', async () => {
    const r = await build('notes.yaml', `title: "Report ${RLO}fdp.exe"\ndate: 2024-06-05\n`);
    expectDiagnostic(r.stderr, 'notes.yaml', 'no-bidi-control', 'U+202E', '1:16');
  });

  it('refuses U+2066 (LRI) in a front-matter field, at its file line and column', async () => {
    const r = await build('notes.md', `---\ntitle: T\ndate: 2024-06-05\nsubtitle: "Admin ${LRI}// check later${PDI} only"\n---\n\nBody.\n`);
    expectDiagnostic(r.stderr, 'notes.md', 'no-bidi-control', 'Text contains the invisible bidirectional control character U+2066', '4:18');
  });

  it('refuses U+202E in a practice heading', async () => {
    const r = await build('notes.md', FRONT() + `\n## Good practices\n\n### Topic\n\n#### P1 – Safe ${RLO}evil\n\nDescription.\n`);
    expectDiagnostic(r.stderr, 'notes.md', 'no-bidi-control', 'U+202E', '10:16');
  });
});
