/**
 * `report fix` end to end on real files (the dry run and the failures as a
 * subprocess, each fixture through the CLI's main() in process): a dry run prints a
 * diff and writes nothing; a fix keeps comments and the Markdown body, gives
 * the same model, is idempotent, and leaves `validate` none of the messages
 * it can resolve.
 */
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, runMain } from '../helpers/cli.js';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'canonical');
const dir = mkdtempSync(join(tmpdir(), 'report-fix-'));
cpSync(FIXTURES, dir, { recursive: true });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FIXABLE = ['canonical-key', 'short-form', 'date-form', 'address-scheme'];
const files = readdirSync(FIXTURES).filter((f) => /\.(md|ya?ml)$/.test(f));

async function messages(file: string): Promise<{ ruleId: string; severity: string }[]> {
  const r = await runMain(['validate', file, '--format', 'json'], { cwd: dir });
  return (JSON.parse(r.stdout) as [{ messages: { ruleId: string; severity: string }[] }])[0].messages;
}

async function model(file: string): Promise<unknown> {
  const out = mkdtempSync(join(tmpdir(), 'report-fix-out-'));
  const r = await runMain(['build', file, '--format', 'json', '--out', out, '--no-cache'], { cwd: dir });
  expect(r.code, r.stderr).toBe(0);
  const json = readdirSync(out).find((f) => f.endsWith('.json') && f !== 'catalogue.json')!;
  const report = JSON.parse(readFileSync(join(out, json), 'utf8')) as Record<string, unknown>;
  rmSync(out, { recursive: true, force: true });
  return report;
}

describe('report fix', () => {
  it('--dry-run prints a unified diff and writes nothing', () => {
    const before = readFileSync(join(dir, 'secretariat.yaml'), 'utf8');
    const r = runCli(['fix', '--dry-run', 'secretariat.yaml'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--- secretariat.yaml');
    expect(r.stdout).toContain('+++ secretariat.yaml');
    expect(r.stdout).toContain('-Date: 5th June 2024');
    expect(r.stdout).toContain('+date: 2024-06-05');
    expect(readFileSync(join(dir, 'secretariat.yaml'), 'utf8')).toBe(before);
  });

  it.each(files)('%s: same model, comments and body kept, idempotent, nothing left to fix', async (file) => {
    const path = join(dir, file);
    const before = readFileSync(path, 'utf8');
    expect((await messages(file)).some((m) => FIXABLE.includes(m.ruleId))).toBe(true);
    const modelBefore = await model(file);

    const first = await runMain(['fix', file], { cwd: dir });
    expect(first.code, first.stderr).toBe(0);
    const once = readFileSync(path, 'utf8');
    expect(once).not.toBe(before);
    for (const comment of before.split('\n').filter((l) => l.trimStart().startsWith('#') && !l.startsWith('##'))) expect(once).toContain(comment);
    if (file.endsWith('.md')) expect(once.slice(once.indexOf('\n---\n'))).toBe(before.slice(before.indexOf('\n---\n')));

    expect(await model(file)).toEqual(modelBefore);
    expect((await messages(file)).filter((m) => FIXABLE.includes(m.ruleId))).toEqual([]);

    const second = await runMain(['fix', file], { cwd: dir });
    expect(second.code).toBe(0);
    expect(second.stderr).toContain('nothing to fix');
    expect(readFileSync(path, 'utf8')).toBe(once);
  });

  it('writes a Word paste’s bold part names as headings and its bullets as `-`, and nothing else of the body', async () => {
    const file = 'word-paste.md';
    const body = ['**Summary**', '', 'We met in Riga.', '', '**Key takeaways**', '', '**Skills for SMEs**', '', 'Speaker: Ilze Kalnina, Riga Planning Region', '', '• Vouchers', '• Training', '', '**Next steps**', '', '- Simplify the process', ''];
    writeFileSync(join(dir, file), ['---', 'title: Peer review', 'date: 7 May 2024', '---', '', ...body].join('\n'));
    const modelBefore = await model(file);
    const first = await runMain(['fix', file], { cwd: dir });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain('word-paste.md: fixed, 7 changes');
    const once = readFileSync(join(dir, file), 'utf8');
    expect(once).toBe(['---', 'title: Peer review', 'date: 2024-05-07', '---', '', '## Summary', '', 'We met in Riga.', '', '## Key takeaways', '', '### Skills for SMEs', '', 'Speaker: Ilze Kalnina, Riga Planning Region', '', '- Vouchers', '- Training', '', '## Next steps', '', '- Simplify the process', ''].join('\n'));
    expect(await model(file)).toEqual(modelBefore);
    expect((await messages(file)).map((m) => m.ruleId).filter((r) => ['plain-heading', 'pasted-bullets', ...FIXABLE].includes(r))).toEqual([]);
    const second = await runMain(['fix', file], { cwd: dir });
    expect(second.stderr).toContain('nothing to fix');
  });

  it('moves the facts written at the top of notes without front matter into one, and the language of the headings', async () => {
    const file = 'notion.md';
    const body = ['## Sintesi', '', 'Il workshop ha riunito 45 partecipanti.', '', '## Punti salienti', '', '### Filiere corte', '', 'Relatori: Maria Rossi (ART-ER)', '', 'Testo.', ''];
    writeFileSync(join(dir, file), ['# Economia circolare', '', 'Data: 12 marzo 2025', '**Luogo:** Bologna, Italia', 'Organizzatori: PLP; Regione Emilia-Romagna (ospite)', '', ...body].join('\n'));
    const modelBefore = await model(file);
    expect((await messages(file)).map((m) => m.ruleId)).toEqual(expect.arrayContaining(['title-block-line', 'language-from-headings']));
    const first = await runMain(['fix', file], { cwd: dir });
    expect(first.code, first.stderr).toBe(0);
    const once = readFileSync(join(dir, file), 'utf8');
    expect(once).toBe(
      ['---', 'date: 2025-03-12', 'place: { city: Bologna, country: Italia }', 'organisers:', '  - { name: PLP }', '  - { name: Regione Emilia-Romagna, role: ospite }', 'language: it', '---', '', '# Economia circolare', '', ...body].join('\n'),
    );
    expect(await model(file)).toEqual(modelBefore);
    expect((await messages(file)).map((m) => m.ruleId).filter((r) => ['title-block-line', 'language-from-headings', ...FIXABLE].includes(r))).toEqual([]);
    expect((await runMain(['fix', file], { cwd: dir })).stderr).toContain('nothing to fix');
  });

  it('leaves facts written twice with different values for the author', async () => {
    const file = 'twice.md';
    writeFileSync(join(dir, file), '---\ndate: 2025-03-12\n---\n# T\n\nDate: 13 March 2025\n\nText.\n');
    const before = readFileSync(join(dir, file), 'utf8');
    expect((await runMain(['fix', file], { cwd: dir })).code).toBe(0);
    expect(readFileSync(join(dir, file), 'utf8')).toBe(before);
  });

  it('keeps comments beside the values it rewrites', () => {
    expect(readFileSync(join(dir, 'secretariat.yaml'), 'utf8')).toContain('kind: Thematic workshop   # the kind of event');
  });

  it('leaves an ambiguous date for the author, and a file that does not parse alone (exit 1)', async () => {
    writeFileSync(join(dir, 'ambiguous.yaml'), 'title: T\ndate: 03/04/2024\nplace: Online\n');
    expect((await runMain(['fix', 'ambiguous.yaml'], { cwd: dir })).code).toBe(0);
    expect(readFileSync(join(dir, 'ambiguous.yaml'), 'utf8')).toBe('title: T\ndate: 03/04/2024\nplace: { online: true }\n');
    expect((await messages('ambiguous.yaml')).map((m) => m.ruleId)).toEqual(['date-ambiguous']);

    writeFileSync(join(dir, 'broken.yaml'), 'title: "T\nLocation: Online\n');
    const r = runCli(['fix', 'broken.yaml'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('broken.yaml:1:8 error');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(join(dir, 'broken.yaml'), 'utf8')).toBe('title: "T\nLocation: Online\n');
  });
});
