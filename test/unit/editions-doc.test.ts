/** docs/editions.md's examples are notes that validate, and their public model has none of what they mark internal. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyEdition } from '../../src/model/edition.js';
import { normalise } from '../../src/model/normalise.js';
import type { EventNotes } from '../../src/model/types.js';
import { parseNotes } from '../../src/parse/index.js';
import { validateNotes } from '../../src/validate/index.js';
import { ROOT } from '../helpers/cli.js';

const DOC = readFileSync(join(ROOT, 'docs', 'editions.md'), 'utf8');
const block = (lang: string) => [...DOC.matchAll(/^```(\w+)\n([\s\S]*?)^```$/gm)].find((m) => m[1] === lang)![2]!;
const FRONT = '---\ntitle: Circular economy in public procurement\ndate: 2024-09-12\n---\n\n';

describe.each([
  ['markdown', FRONT + block('markdown'), 'Paula Openfield', ['Ferdinand Whisperton', 'Zenobia Quillfeather', 'lobby the minister', 'Silas Backroom']],
  ['yaml', block('yaml'), 'Petra Publicvoice', ['Octavia Hushwell', 'not yet approved', 'Zenobia Quillfeather', 'Draft subsidy scheme', 'Lobby the minister', 'Silas Backroom']],
] as const)('docs/editions.md, the %s example', (format, text, shown, hidden) => {
  const parsed = parseNotes(text, format);
  const notes = parsed.data as EventNotes;

  it('validates without errors', () => {
    expect([...parsed.messages, ...validateNotes(parsed)].filter((m) => m.severity === 'error')).toEqual([]);
  });

  it('keeps what it marks internal in the internal edition only', () => {
    const open = JSON.stringify(normalise(applyEdition(notes, 'public').notes));
    const all = JSON.stringify(normalise(applyEdition(notes, 'internal').notes));
    for (const words of hidden) {
      expect(open, words).not.toContain(words);
      expect(all, words).toContain(words);
    }
    expect(open).toContain(shown);
  });
});
