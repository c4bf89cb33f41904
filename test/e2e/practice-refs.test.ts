/**
 * Good practices written once in files of their own (`practices/<name>.yaml` or `.md`) and referenced from notes:
 * `- ref: practices/x.yaml` in YAML notes, `Practice: practices/x.yaml` under a topic in Markdown notes.
 * Real files, the real CLI entry point in-process.
 */
import { cpSync, linkSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROOT, runMain, tempDir } from '../helpers/cli.js';

const FIXTURE = join(ROOT, 'test', 'fixtures', 'compendium');

let dir: { path: string; cleanup: () => void };
beforeEach(() => {
  dir = tempDir('report-practice-refs-');
});
afterEach(() => dir.cleanup());

const yamlNotes = (practices: string) =>
  `title: Open data workshop\ndate: 2025-03-12\nplace: { city: Lille, country: France }\npractices:\n  topics:\n    - title: Open data\n      practices:\n${practices}`;

describe('practices in files of their own', () => {
  it('puts a referenced practice (YAML and Markdown files, from YAML and Markdown notes) in the report', async () => {
    cpSync(FIXTURE, dir.path, { recursive: true });
    const result = await runMain(['build', '.', '--format', 'json', '--out', 'out'], { cwd: dir.path });
    expect(result.code, result.stderr).toBe(0);
    const vilnius = JSON.parse(readFileSync(join(dir.path, 'out', 'vilnius-2024.json'), 'utf8'));
    const [openData, skills] = vilnius.practices.topics;
    expect(openData.practices[0]).toMatchObject({ project: 'OD4GROWTH', title: 'Open data for growth in Veneto', country: 'Italy', region: 'Veneto', presenter: { name: 'Maria Rossi' } });
    // The image is relative to the practice file, and embedded from there.
    expect(openData.practices[0].images[0].src).toBe('practices/images/veneto.png');
    expect(skills.practices.map((p: { title: string }) => p.title)).toEqual(['AI Foundation Certificate for Public Servants', 'Digital facilitation centres']);
    expect(skills.practices[0]).toMatchObject({ project: 'ENAIBLER', country: 'Ireland', region: 'Southern and Eastern', presenter: { name: 'Seán Murphy', organisation: 'Local Government Management Agency' }, figures: ['61 civil and public servants trained'] });
    const lille = JSON.parse(readFileSync(join(dir.path, 'out', 'lille-2025.json'), 'utf8'));
    expect(lille.practices.topics[0].practices.map((p: { title: string }) => p.title)).toEqual(['Open data for growth in Veneto', 'Regional data on reused materials']);
    // A folder's `practices/` holds practice files, not notes: nothing is built from them.
    expect(result.stderr).not.toContain('open-data-veneto.yaml valid');
    expect(result.stderr).toMatch(/3 built/);
  });

  it('report explain shows a referenced practice at its referring line', async () => {
    const result = await runMain(['explain', join(FIXTURE, 'vilnius-2024.md')]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^ {2}17 {8}practice "Open data for growth in Veneto": project OD4GROWTH/m);
  });

  it('reports a problem inside a practice file at that file’s line, and the broken reference at the referring line', async () => {
    mkdirSync(join(dir.path, 'practices'));
    writeFileSync(join(dir.path, 'practices', 'bad.yaml'), 'title: Bad practice\ncountry: 12\ncolour: blue\n');
    writeFileSync(join(dir.path, 'notes.yaml'), yamlNotes('        - ref: practices/bad.yaml\n'));
    const result = await runMain(['validate', 'notes.yaml'], { cwd: dir.path });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/practices\/bad\.yaml:2:10 error Expected `country` to be text/);
    expect(result.stderr).toMatch(/practices\/bad\.yaml:3:1 error Unknown key `colour`/);
    expect(result.stderr).toMatch(/notes\.yaml:8:16 error The practice file `practices\/bad\.yaml` has 2 errors.*\[practice-invalid\]/);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it('places a Markdown practice file’s problems in it, and the JSON report names the file', async () => {
    mkdirSync(join(dir.path, 'practices'));
    writeFileSync(join(dir.path, 'practices', 'p.md'), '---\ncountry: Italy\ncolour: red\n---\n\n# OD4GROWTH – Open data\n\nText.\n');
    writeFileSync(join(dir.path, 'notes.md'), '---\ntitle: T\ndate: 2025-01-02\nplace: { city: Rome, country: Italy }\n---\n\n## Good practices\n\n### Open data\n\nPractice: practices/p.md\n');
    const result = await runMain(['validate', 'notes.md', '--format', 'json'], { cwd: dir.path });
    expect(result.code).toBe(1);
    const [file] = JSON.parse(result.stdout);
    const unknown = file.messages.find((m: { ruleId: string }) => m.ruleId === 'unknown-key');
    expect(unknown).toMatchObject({ file: join('practices', 'p.md'), line: 3, column: 1 });
    expect(file.messages.find((m: { ruleId: string }) => m.ruleId === 'practice-invalid')).toMatchObject({ line: 11, column: 1 });
    expect(file.messages.find((m: { ruleId: string }) => m.ruleId === 'practice-invalid').file).toBeUndefined();
  });

  it('reads a practice file written as people write them (synonyms, short forms), saying so at its lines', async () => {
    mkdirSync(join(dir.path, 'practices'));
    writeFileSync(join(dir.path, 'practices', 's.yaml'), 'project: OD4GROWTH\ntitle: Open data\nspeaker: Maria Rossi\nkey figures: 120 datasets opened\n');
    writeFileSync(join(dir.path, 'notes.yaml'), yamlNotes('        - practices/s.yaml\n'));
    const result = await runMain(['build', 'notes.yaml', '--format', 'json'], { cwd: dir.path });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/practices\/s\.yaml:3:1 info Key `speaker` read as `presenter` \[canonical-key\]/);
    expect(result.stderr).not.toContain('report fix');
    const practice = JSON.parse(readFileSync(join(dir.path, 'notes.json'), 'utf8')).practices.topics[0].practices[0];
    expect(practice).toMatchObject({ presenter: { name: 'Maria Rossi' }, figures: ['120 datasets opened'] });
  });

  it('builds the practice files of docs/notes-format.md as written there', async () => {
    const doc = readFileSync(join(ROOT, 'docs', 'notes-format.md'), 'utf8');
    const section = doc.slice(doc.indexOf('## Good practices in files of their own'), doc.indexOf('## Written as people write them'));
    const blocks = [...section.matchAll(/```(yaml|markdown)\n([\s\S]*?)```/g)].map((m) => m[2]!);
    const yamlPractice = blocks.find((b) => b.includes('practice.schema.json'))!;
    const markdownPractice = blocks.find((b) => b.startsWith('---'))!;
    const markdownNotes = blocks.find((b) => b.startsWith('### Open data'))!;
    mkdirSync(join(dir.path, 'practices', 'images'), { recursive: true });
    cpSync(join(FIXTURE, 'practices', 'images', 'veneto.png'), join(dir.path, 'practices', 'images', 'veneto.png'));
    writeFileSync(join(dir.path, 'practices', 'open-data-veneto.yaml'), yamlPractice);
    writeFileSync(join(dir.path, 'practices', 'ai-certificate.md'), markdownPractice);
    writeFileSync(join(dir.path, 'notes.md'), `---\ntitle: T\ndate: 2025-01-02\nplace: { city: Rome, country: Italy }\n---\n\n## Good practices\n\n${markdownNotes}\nCentres for citizens.\n`);
    const result = await runMain(['build', 'notes.md', '--format', 'json'], { cwd: dir.path });
    expect(result.code, result.stderr).toBe(0);
    const practices = JSON.parse(readFileSync(join(dir.path, 'notes.json'), 'utf8')).practices.topics[0].practices;
    expect(practices.map((p: { project: string }) => p.project)).toEqual(['OD4GROWTH', 'ENAIBLER', 'DigiPA']);
  });

  it('refuses references that are missing, outside the notes’ folder, links leading out, or not regular files', async () => {
    const notes = join(dir.path, 'notes');
    mkdirSync(join(notes, 'practices'), { recursive: true });
    writeFileSync(join(dir.path, 'secret.yaml'), 'title: Secret practice outside\n');
    symlinkSync(join(dir.path, 'secret.yaml'), join(notes, 'practices', 'link.yaml'));
    linkSync(join(dir.path, 'secret.yaml'), join(notes, 'practices', 'hard.yaml'));
    execFileSync('mkfifo', [join(notes, 'practices', 'fifo.yaml')]);
    writeFileSync(
      join(notes, 'notes.yaml'),
      yamlNotes(
        [
          '        - ref: practices/none.yaml',
          '        - ref: ../secret.yaml',
          '        - ref: practices/link.yaml',
          '        - ref: practices/fifo.yaml',
          '        - ref: practices/hard.yaml',
          '        - ref: /etc/hostname.yaml',
          '        - ref: https://example.org/p.yaml',
          '        - ref: practices/notes.txt',
          '        - practices/none-either.md',
          '',
        ].join('\n'),
      ),
    );
    const result = await runMain(['build', 'notes/notes.yaml', '--format', 'json'], { cwd: dir.path });
    expect(result.code).toBe(1);
    const at = (line: number, rule: string) => expect(result.stderr).toMatch(new RegExp(`notes/notes\\.yaml:${line}:\\d+ error .*\\[${rule}\\]`));
    at(8, 'missing-practice');
    at(9, 'practice-outside-root');
    at(10, 'practice-outside-root');
    at(11, 'practice-ref');
    at(12, 'practice-outside-root');
    at(13, 'practice-outside-root');
    at(14, 'practice-ref');
    at(15, 'practice-ref');
    at(16, 'missing-practice');
    expect(result.stderr).not.toContain('Secret practice outside');
  });

  it('reads a practice from the folder named with --allow-root', async () => {
    mkdirSync(join(dir.path, 'shared'));
    mkdirSync(join(dir.path, 'events'));
    writeFileSync(join(dir.path, 'shared', 'p.yaml'), 'project: CircE\ntitle: Shared practice\n');
    writeFileSync(join(dir.path, 'events', 'notes.yaml'), yamlNotes('        - ref: ../shared/p.yaml\n'));
    expect((await runMain(['validate', 'events/notes.yaml'], { cwd: dir.path })).code).toBe(1);
    const allowed = await runMain(['build', 'events/notes.yaml', '--format', 'json', '--allow-root', 'shared'], { cwd: dir.path });
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(dir.path, 'events', 'notes.json'), 'utf8')).practices.topics[0].practices[0].title).toBe('Shared practice');
  });

  it('rebuilds a report when a practice file it references changes (the build cache knows the file)', async () => {
    mkdirSync(join(dir.path, 'practices'));
    writeFileSync(join(dir.path, 'practices', 'p.yaml'), 'title: First wording\n');
    writeFileSync(join(dir.path, 'notes.yaml'), yamlNotes('        - ref: practices/p.yaml\n'));
    const env = { REPORT_CACHE_KEY: 'k'.repeat(40) };
    const build = () => runMain(['build', 'notes.yaml', '--format', 'json,html'], { cwd: dir.path, env });
    expect((await build()).code).toBe(0);
    expect((await build()).stderr).toMatch(/1 up to date/);
    writeFileSync(join(dir.path, 'practices', 'p.yaml'), 'title: Second wording\n');
    const again = await build();
    expect(again.stderr).toMatch(/1 built/);
    expect(readFileSync(join(dir.path, 'notes.json'), 'utf8')).toContain('Second wording');
  });
});
