/** `report explain`: the outline of what was understood, with source lines, and the file's problems. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, runMain, tempDir } from '../helpers/cli.js';

const dir = tempDir('report-explain-');
afterAll(() => dir.cleanup());

/** The example of docs/notes-format.md's `report explain` section: the notes and the printed outline. */
function docsExample(): { notes: string; printed: string } {
  const doc = readFileSync(join(ROOT, 'docs', 'notes-format.md'), 'utf8');
  const section = doc.slice(doc.indexOf('## Seeing what was understood'));
  const notes = /```markdown\n([\s\S]*?)```/.exec(section)![1]!;
  const printed = /```text\n([\s\S]*?)```/.exec(section)![1]!;
  return { notes, printed };
}

describe('report explain', () => {
  it('prints the docs’ example exactly as docs/notes-format.md shows it', async () => {
    const { notes, printed } = docsExample();
    writeFileSync(join(dir.path, 'notes.md'), notes);
    const r = await runMain(['explain', 'notes.md'], { cwd: dir.path });
    expect(r.stdout + r.stderr).toBe(printed);
    expect(r.code).toBe(0);
  });

  it('--format json gives the outline, the placements and the messages', async () => {
    writeFileSync(join(dir.path, 'notes.md'), docsExample().notes);
    const r = await runMain(['explain', 'notes.md', '--format', 'json'], { cwd: dir.path });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const json = JSON.parse(r.stdout);
    expect(json.file).toBe('notes.md');
    expect(json.outline.map((e: any) => e.kind)).toEqual(['title', 'summary', 'highlights', 'practices', 'nextSteps', 'contacts', 'left-out']);
    const practice = json.outline[3].children[0].children[0];
    expect(practice).toMatchObject({ kind: 'practice', line: 24, title: 'Regional platform for reused materials', details: { project: 'CircE', country: 'France', figures: ['1,200 tonnes of materials reused'] } });
    expect(json.placements.some((p: any) => p.kind === 'left-out' && p.position.start.line === 40)).toBe(true);
    expect(json.messages.map((m: any) => m.ruleId)).toEqual(['contact-outside-part', 'footer-left-out']);
  });

  it('explains YAML notes too, with their lines', async () => {
    const r = await runMain(['explain', 'examples/vilnius-2024.yaml']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ +\d+ +theme "Interoperability": speakers Alina Brenebel \(Programme Manager, DG DIGIT\)$/m);
    expect(r.stdout).toMatch(/^ +\d+ +practice "Play Phygital app": project BETTER, presenter Silvana Perazzo, organisation City of Genoa, country Italy$/m);
  });

  it('a file that cannot be read is a message and exit code 1, no stack trace', () => {
    const r = runCli(['explain', 'missing.md'], { cwd: dir.path });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^missing\.md.* error .*\[read-error\]$/m);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('invalid notes still show what was understood, and the errors', async () => {
    writeFileSync(join(dir.path, 'bad.md'), '---\ntitle: T\ndate: 5th June\n---\n\n## Highlights\n\n### AI\n\nText.\n');
    const r = await runMain(['explain', 'bad.md'], { cwd: dir.path });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^ +8 +theme "AI"$/m);
    expect(r.stderr).toMatch(/^bad\.md:3:7 error .*\[pattern\]$/m);
  });

  it('control and bidi characters in the notes are escaped on the terminal', async () => {
    writeFileSync(join(dir.path, 'bidi.md'), '---\ntitle: T\ndate: 2024-06-05\n---\n\n## Highlights\n\n### A\u202eB\n\nText.\n');
    const r = await runMain(['explain', 'bidi.md'], { cwd: dir.path });
    expect(r.stdout).toContain('theme "A\\u202eB"');
    expect(r.stdout).not.toContain('\u202e');
  });
});
