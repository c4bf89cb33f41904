/** Notes already written in the canonical form come through canonicalisation exactly as they were. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { notesFormatOf, parseNotes, parseWritten } from '../../../src/parse/index.js';
import { validateNotes } from '../../../src/validate/index.js';
import { ROOT } from '../../helpers/cli.js';

function notesFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'canonical' ? [] : notesFiles(path);
    // (a notes style's `.facts.yaml` says what its notes hold: it is not notes)
    return notesFormatOf(path) && !name.endsWith('.facts.yaml') ? [path] : [];
  });
}

const files = [...notesFiles(join(ROOT, 'examples')), ...notesFiles(join(ROOT, 'test', 'fixtures'))];

describe('canonical notes are left alone', () => {
  it.each(files.map((f) => [f.slice(ROOT.length + 1), f]))('%s', (_name, path) => {
    const text = readFileSync(path, 'utf8');
    const format = notesFormatOf(path)!;
    const written = parseWritten(text, format);
    const canonical = parseNotes(text, format);
    const valid = written.data !== undefined && !validateNotes(written).some((m) => m.severity === 'error');
    if (valid) {
      expect(canonical.data).toEqual(written.data);
      expect(canonical.rewrites ?? []).toEqual([]);
    }
  });

  it('looks at the examples', () => {
    expect(files.filter((f) => f.includes('examples')).length).toBeGreaterThanOrEqual(4);
  });
});
