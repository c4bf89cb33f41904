/**
 * The headline: one notes file with ten different mistakes gets exactly ten
 * diagnostics in one run, each at its line and column, and exit code 1.
 *
 * The fixtures are test/fixtures/rules/ten-mistakes.md and .yaml (the Markdown
 * one holds a real U+202E on line 21: that is one of the mistakes).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runMain } from '../helpers/cli.js';
import { splitStylish, workspace } from './harness.js';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'rules');

async function validateFixture(name: string) {
  const result = await runMain(['validate', name], { cwd: FIXTURES });
  return { ...result, ...splitStylish(result.stderr) };
}

const imageAlt = (file: string, at: string, src: string) =>
  `${file}:${at} error The image \`${src}\` has no alternative text; write it between the brackets: \`![what it shows](${src})\` [image-alt]`;

/** The ten messages for ten-mistakes.md, with the image at `src`. */
const markdownReport = (file: string, src: string) => [
  // 1. a misspelled front matter key
  `${file}:3:1 warning Unknown key \`subtilte\` at the top level; it is ignored [unknown-key]`,
  '  note: Did you mean `subtitle`?',
  // 2. a date that can be read two ways
  `${file}:4:7 error The date \`03/06/2024\` can be read two ways: \`2024-06-03\` (day first) or \`2024-03-06\` (month first) [date-ambiguous]`,
  '  note: Write the one you mean as `2024-06-03` or `2024-03-06`',
  // 3. an invalid language tag
  `${file}:6:11 error Expected \`language\` to be a language tag like \`en\` or \`fr-BE\`, not \`en_GB\` [valid-language]`,
  // 4. a javascript: link
  `${file}:17:118 warning Links may only use http, https or mailto, not \`javascript:play\`; this link will be shown as plain text [valid-url]`,
  // 5. a bidirectional control character
  `${file}:21:37 error Text contains the invisible bidirectional control character U+202E; remove it [no-bidi-control]`,
  // 6. the same practice twice
  `${file}:33:1 error The practice \`AI Foundation Certificate\` appears twice (first on line 27) [unique-practice]`,
  // 7. an image without alternative text
  imageAlt(file, '37:1', src),
  // 8. a misspelled heading
  `${file}:39:1 warning Heading \`Nxet steps\` is not a known part of a report; it is kept as a free section [unknown-heading]`,
  '  note: Did you mean `next steps`?',
  // 9. a day that does not exist
  `${file}:45:1 error Expected \`upcoming.items[0].date\` to be a real calendar date, not \`2024-09-31\` [valid-date]`,
  // 10. a malformed e-mail address
  `${file}:49:1 error Expected an e-mail address like \`name@example.org\`, not \`l.varisco@policylearning.e\` [valid-email]`,
];

/** The ten messages for ten-mistakes.yaml, with the image at `src`. */
const yamlReport = (file: string, src: string) => [
  // 1. a misspelled top-level key
  `${file}:2:1 warning Unknown key \`subtilte\` at the top level; it is ignored [unknown-key]`,
  '  note: Did you mean `subtitle`?',
  // 2. a date that can be read two ways
  `${file}:3:7 error The date \`03/06/2024\` can be read two ways: \`2024-06-03\` (day first) or \`2024-03-06\` (month first) [date-ambiguous]`,
  '  note: Write the one you mean as `2024-06-03` or `2024-03-06`',
  // 3. an invalid language tag
  `${file}:5:11 error Expected \`language\` to be a language tag like \`en\` or \`fr-BE\`, not \`en_GB\` [valid-language]`,
  // 4. a javascript: link
  `${file}:11:69 warning Links may only use http, https or mailto, not \`javascript:play\`; this link will be shown as plain text [valid-url]`,
  // 5. a bidirectional control character
  `${file}:12:18 error Text contains the invisible bidirectional control character U+202E; remove it [no-bidi-control]`,
  // 6. a misspelled nested key (the YAML counterpart of a misspelled heading)
  `${file}:20:43 error Unknown key \`organisaton\` in \`practices.topics[0].practices[0].presenter\` [unknown-key]`,
  '  note: Did you mean `organisation`?',
  // 7. the same practice twice
  `${file}:23:18 error The practice \`AI Foundation Certificate\` appears twice (first on line 19) [unique-practice]`,
  // 8. an image without alternative text
  imageAlt(file, '24:25', src),
  // 9. a day that does not exist
  `${file}:33:82 error Expected \`upcoming.items[0].date\` to be a real calendar date, not \`2024-09-31\` [valid-date]`,
  // 10. a malformed e-mail address
  `${file}:35:35 error Expected an e-mail address like \`name@example.org\`, not \`l.varisco@policylearning.e\` [valid-email]`,
];

const diagnosticLines = (report: string[]) => report.filter((line) => !line.startsWith('  note: '));

describe('ten mistakes, one run', () => {
  it('Markdown notes: exactly ten diagnostics, each at its line and column; exit 1', async () => {
    const r = await validateFixture('ten-mistakes.md');
    expect(r.report).toEqual(markdownReport('ten-mistakes.md', 'images/classroom.jpg'));
    expect(diagnosticLines(r.report)).toHaveLength(10);
    expect(r.problems).toBe('10 problems (7 errors, 3 warnings)');
    expect(r.summary).toBe('0 valid, 1 failed (1 file, T s)');
    expect(r.code).toBe(1);
  });

  it('YAML notes: exactly ten diagnostics, each at its line and column; exit 1', async () => {
    const r = await validateFixture('ten-mistakes.yaml');
    expect(r.report).toEqual(yamlReport('ten-mistakes.yaml', 'images/classroom.jpg'));
    expect(diagnosticLines(r.report)).toHaveLength(10);
    expect(r.problems).toBe('10 problems (8 errors, 2 warnings)');
    expect(r.summary).toBe('0 valid, 1 failed (1 file, T s)');
    expect(r.code).toBe(1);
  });

  // The same files with the image given as a web address (no alternative text still), which the valid-url
  // bug does not touch: these run today and show the ten messages of the tests above.
  const ws = workspace();
  const REMOTE = 'https://www.example.org/classroom.jpg';
  const remote = (name: string) => readFileSync(join(FIXTURES, name), 'utf8').replace('images/classroom.jpg', REMOTE);

  it('Markdown notes, image given as a web address: exactly ten diagnostics; exit 1', async () => {
    const r = await ws.validate('ten-mistakes.md', remote('ten-mistakes.md'));
    expect(r.report).toEqual(markdownReport('ten-mistakes.md', REMOTE));
    expect(diagnosticLines(r.report)).toHaveLength(10);
    expect(new Set(diagnosticLines(r.report).map((line) => /\[([a-z-]+)\]$/.exec(line)![1])).size).toBe(10);
    expect(r.problems).toBe('10 problems (7 errors, 3 warnings)');
    expect(r.summary).toBe('0 valid, 1 failed (1 file, T s)');
    expect(r.code).toBe(1);
  });

  it('YAML notes, image given as a web address: exactly ten diagnostics; exit 1', async () => {
    const r = await ws.validate('ten-mistakes.yaml', remote('ten-mistakes.yaml'));
    expect(r.report).toEqual(yamlReport('ten-mistakes.yaml', REMOTE));
    expect(diagnosticLines(r.report)).toHaveLength(10);
    expect(r.problems).toBe('10 problems (8 errors, 2 warnings)');
    expect(r.summary).toBe('0 valid, 1 failed (1 file, T s)');
    expect(r.code).toBe(1);
  });

  it('the JSON report of the Markdown notes has the same ten places', async () => {
    ws.write('ten-mistakes.md', remote('ten-mistakes.md'));
    const r = await runMain(['validate', 'ten-mistakes.md', '--format', 'json'], { cwd: ws.path });
    const [file] = JSON.parse(r.stdout) as Array<{ errorCount: number; warningCount: number; messages: Array<{ ruleId: string; line: number; column: number }> }>;
    expect(file!.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)).toEqual([
      '3:1 unknown-key',
      '4:7 date-ambiguous',
      '6:11 valid-language',
      '17:118 valid-url',
      '21:37 no-bidi-control',
      '33:1 unique-practice',
      '37:1 image-alt',
      '39:1 unknown-heading',
      '45:1 valid-date',
      '49:1 valid-email',
    ]);
    expect([file!.errorCount, file!.warningCount]).toEqual([7, 3]);
    expect(r.code).toBe(1);
  });
});
