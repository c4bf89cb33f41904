/**
 * docs/notes-format.md's YAML examples are notes that build: each is validated
 * as YAML notes (no errors), and the "written as people write them" example
 * reads into the same notes as its canonical form, which `report fix` writes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixNotesText } from '../../src/parse/canonical/apply-rewrites.js';
import { parseNotes } from '../../src/parse/index.js';
import { validateNotes } from '../../src/validate/index.js';
import { ROOT } from '../helpers/cli.js';

const WHOLE_DOC = readFileSync(join(ROOT, 'docs', 'notes-format.md'), 'utf8');
// Practice files are not notes: their examples are built by test/e2e/practice-refs.test.ts.
const DOC = WHOLE_DOC.slice(0, WHOLE_DOC.indexOf('## Good practices in files of their own')) + WHOLE_DOC.slice(WHOLE_DOC.indexOf('## Written as people write them'));
const yamlBlocks = [...DOC.matchAll(/^```yaml\n([\s\S]*?)^```$/gm)].map((m) => m[1]!).filter((b) => /^title:/im.test(b));

describe('docs/notes-format.md examples', () => {
  it('has the examples', () => {
    expect(yamlBlocks.length).toBeGreaterThanOrEqual(3);
  });

  it.each(yamlBlocks.map((b, i) => [i, b]))('YAML example %i validates without errors', (_i, block) => {
    const parsed = parseNotes(block, 'yaml');
    const errors = [...parsed.messages, ...validateNotes(parsed)].filter((m) => m.severity === 'error');
    expect(errors).toEqual([]);
  });

  it('the short-form example and its canonical form are the same notes, and fix writes that form', () => {
    const section = DOC.slice(DOC.indexOf('## Written as people write them'));
    const [written, canonical] = [...section.matchAll(/^```yaml\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
    expect(parseNotes(written!, 'yaml').data).toEqual(parseNotes(canonical!, 'yaml').data);
    expect(parseNotes(canonical!, 'yaml').rewrites).toEqual([]);
    expect(fixNotesText(written!, 'yaml').text).toBe(canonical);
  });
});

describe('docs/notes-format.md Markdown examples', () => {
  const blocks = [...DOC.matchAll(/^```markdown\n([\s\S]*?)^```$/gm)].map((m) => m[1]!).filter((b) => b.startsWith('---\n') || b.startsWith('# '));
  it.each(blocks.map((b, i) => [i, b]))('Markdown example %i validates without errors', (_i, block) => {
    const parsed = parseNotes(block, 'markdown');
    expect([...parsed.messages, ...validateNotes(parsed)].filter((m) => m.severity === 'error')).toEqual([]);
    if (!block.startsWith('---\n')) expect(Object.keys(parsed.data as object)).toEqual(expect.arrayContaining(['title', 'date']));
  });
});
