/**
 * Output formats of `report validate` (src/diagnostics/reporters.ts) and the
 * flags that change the result: --format, --strict, --quiet.
 */
import { describe, expect, it } from 'vitest';
import { text, workspace } from './harness.js';

const ws = workspace();

/** One warning (line 4) and one error (line 9). */
const NOTES = text(
  '---',
  'title: Workshop',
  'date: 2024-06-05',
  'subtilte: An Interreg Europe event',
  '---',
  '',
  '## Contacts',
  '',
  '- Laura Varisco <l.varisco@policylearning.e>',
);
ws.write('formats.md', NOTES);

/** Only a warning. */
ws.write('warning-only.md', text('---', 'title: Workshop', 'date: 2024-06-05', 'subtilte: An Interreg Europe event', '---'));

const WARNING = 'Unknown key `subtilte` at the top level; it is ignored';
const ERROR = 'Expected an e-mail address like `name@example.org`, not `l.varisco@policylearning.e`';

/** A small well-formedness check: declaration, then properly nested and closed tags, no stray `<` or `&`. */
function parseXml(xml: string): Array<{ name: string; attributes: Record<string, string>; text: string }> {
  expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
  const body = xml.slice(xml.indexOf('\n') + 1);
  const elements: Array<{ name: string; attributes: Record<string, string>; text: string }> = [];
  const stack: Array<{ name: string; start: number; element: (typeof elements)[number] }> = [];
  const tag = /<(\/?)([A-Za-z][\w-]*)((?:\s+[\w-]+="[^"<]*")*)\s*(\/?)>/g;
  let last = 0;
  for (const m of body.matchAll(tag)) {
    const between = body.slice(last, m.index);
    expect(between, `text before <${m[1]}${m[2]}>`).not.toMatch(/<|&(?!(?:amp|lt|gt|quot|apos);)/);
    last = m.index + m[0].length;
    if (m[1]) {
      const open = stack.pop();
      expect(open?.name, `closing </${m[2]}>`).toBe(m[2]);
      open!.element.text = body.slice(open!.start, m.index);
    } else {
      const attributes = Object.fromEntries([...m[3]!.matchAll(/([\w-]+)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!]));
      const element = { name: m[2]!, attributes, text: '' };
      elements.push(element);
      if (!m[4]) stack.push({ name: m[2]!, start: last, element });
    }
  }
  expect(body.slice(last).trim()).toBe('');
  expect(stack.map((s) => s.name)).toEqual([]);
  return elements;
}

describe('--format json', () => {
  it('prints the exact JSON for one file on stdout', async () => {
    const r = await ws.run(['formats.md', '--format', 'json']);
    const expected = [
      {
        path: 'formats.md',
        errorCount: 1,
        warningCount: 1,
        messages: [
          { ruleId: 'unknown-key', severity: 'warning', message: WARNING, note: 'Did you mean `subtitle`?', line: 4, column: 1, endLine: 4, endColumn: 9 },
          { ruleId: 'valid-email', severity: 'error', message: ERROR, line: 9, column: 1, endLine: 9, endColumn: 45 },
        ],
      },
    ];
    expect(r.stdout).toBe(JSON.stringify(expected, null, 2) + '\n');
    expect(r.stderr).not.toContain(WARNING);
    expect(r.code).toBe(1);
  });

  it('a file without problems is listed with no messages', async () => {
    ws.write('clean.yaml', text('title: Workshop', 'date: 2024-06-05'));
    const r = await ws.run(['clean.yaml', '--format', 'json']);
    expect(JSON.parse(r.stdout)).toEqual([{ path: 'clean.yaml', errorCount: 0, warningCount: 0, messages: [] }]);
    expect(r.code).toBe(0);
  });
});

const GITHUB = [
  `::warning file=formats.md,line=4,col=1,endLine=4,endColumn=9,title=unknown-key::${WARNING} (Did you mean \`subtitle\`?)`,
  `::error file=formats.md,line=9,col=1,endLine=9,endColumn=45,title=valid-email::${ERROR}`,
];

describe('github', () => {
  it('--format github prints one workflow command per message', async () => {
    const r = await ws.run(['formats.md', '--format', 'github']);
    expect(r.stdout.split('\n').filter(Boolean)).toEqual(GITHUB);
    expect(r.code).toBe(1);
  });

  it('--diagnostics github prints one workflow command per message', async () => {
    const r = await ws.run(['formats.md', '--diagnostics', 'github']);
    expect(r.stdout.split('\n').filter(Boolean)).toEqual(GITHUB);
    expect(r.code).toBe(1);
  });

  it('escapes `:` and `,` in properties and newlines in the message', async () => {
    ws.write('a,b:c.yaml', text('title: Workshop', 'date: 5th June'));
    const r = await ws.run(['a,b:c.yaml', '--diagnostics', 'github']);
    expect(r.stdout).toBe(
      '::error file=a%2Cb%3Ac.yaml,line=2,col=7,endLine=2,endColumn=15,title=pattern::Expected `date` to be a date like `2024-06-05`, not `5th June`\n',
    );
    expect(r.code).toBe(1);
  });
});

describe('junit', () => {
  const check = (xml: string) => {
    expect(xml).toMatch(/<testcase classname="notes" name="formats\.md">/);
    expect(xml).toMatch(/<failure type="valid-email" message="[^"]+">formats\.md:9:1 Expected an e-mail address/);
    const elements = parseXml(xml);
    expect(elements.map((e) => e.name)).toEqual(['testsuites', 'testsuite', 'testcase', 'failure', 'system-out']);
    expect(elements[0]!.attributes).toEqual({ name: 'report', tests: '1', failures: '1' });
    expect(elements[3]!.attributes).toEqual({ type: 'valid-email', message: ERROR });
    expect(elements[3]!.text).toBe(`formats.md:9:1 ${ERROR}`);
    expect(elements[4]!.text).toBe(`4:1 warning ${WARNING} [unknown-key]`);
  };

  it('--format junit prints a JUnit XML report that parses', async () => {
    const r = await ws.run(['formats.md', '--format', 'junit']);
    check(r.stdout);
    expect(r.code).toBe(1);
  });

  it('--diagnostics junit prints a JUnit XML report that parses', async () => {
    const r = await ws.run(['formats.md', '--diagnostics', 'junit']);
    check(r.stdout);
    expect(r.code).toBe(1);
  });

  it('--strict: a warning that fails the run is a <failure> in JUnit', async () => {
    const r = await ws.run(['warning-only.md', '--diagnostics', 'junit', '--strict']);
    expect(r.stdout).toMatch(/<testsuites name="report" tests="1" failures="1">/);
    expect(r.stdout).toMatch(/<failure type="unknown-key" message="Unknown key `subtilte` at the top level; it is ignored">/);
    expect(r.code).toBe(1);
  });
});

describe('stylish (default) and its flags', () => {
  it('prints each message, its note, the totals and a summary on stderr', async () => {
    const r = await ws.run(['formats.md']);
    expect(r.stdout).toBe('');
    expect(r.stderr.replace(/[\d.]+ s\)/, 'T s)')).toBe(
      [
        `formats.md:4:1 warning ${WARNING} [unknown-key]`,
        '  note: Did you mean `subtitle`?',
        `formats.md:9:1 error ${ERROR} [valid-email]`,
        '2 problems (1 error, 1 warning)',
        '0 valid, 1 failed (1 file, T s)',
        '',
      ].join('\n'),
    );
    expect(r.code).toBe(1);
  });

  it('a warning alone does not fail the file', async () => {
    const r = await ws.run(['warning-only.md']);
    expect(r.report).toEqual([`warning-only.md:4:1 warning ${WARNING} [unknown-key]`, '  note: Did you mean `subtitle`?']);
    expect(r.problems).toBe('1 problem (0 errors, 1 warning)');
    expect(r.summary).toBe('1 valid, 0 failed (1 file, T s)');
    expect(r.code).toBe(0);
  });

  it('--strict turns a warning-only file into a failure (exit 1)', async () => {
    const r = await ws.run(['warning-only.md', '--strict']);
    expect(r.report).toEqual([`warning-only.md:4:1 warning ${WARNING} [unknown-key]`, '  note: Did you mean `subtitle`?']);
    expect(r.summary).toBe('0 valid, 1 failed (1 file, T s)');
    expect(r.code).toBe(1);
  });

  it('--quiet prints errors only', async () => {
    const r = await ws.run(['formats.md', '--quiet']);
    expect(r.report).toEqual([`formats.md:9:1 error ${ERROR} [valid-email]`]);
    expect(r.problems).toBe('1 problem (1 error, 0 warnings)');
    expect(r.code).toBe(1);
  });

  it('--format stylish is the default format', async () => {
    const r = await ws.run(['formats.md', '--format', 'stylish']);
    expect(r.report).toEqual([`formats.md:4:1 warning ${WARNING} [unknown-key]`, '  note: Did you mean `subtitle`?', `formats.md:9:1 error ${ERROR} [valid-email]`]);
    expect(r.code).toBe(1);
  });

  it('several files are reported in the order given', async () => {
    const names = ['a.md', 'b.md', 'c.md', 'd.md', 'e.md', 'f.yaml'];
    const paragraphs = Array.from({ length: 20_000 }, () => 'A paragraph with **bold** text and a [link](https://www.example.org).\n');
    ws.write('order/a.md', text('---', 'title: Workshop', 'date: 2024-02-30', '---', '', '## Summary', '', ...paragraphs));
    for (const name of names.slice(1)) ws.write(`order/${name}`, name.endsWith('.md') ? text('---', 'title: Workshop', 'date: 2024-02-30', '---') : text('title: Workshop', 'date: 2024-02-30'));
    const r = await ws.run(names.map((n) => `order/${n}`));
    expect(r.report.map((line) => line.slice(0, line.indexOf(':')))).toEqual(names.map((n) => `order/${n}`));
    expect(r.code).toBe(1);
  });
});
