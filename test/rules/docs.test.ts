/**
 * docs/rules.md stays in step with the code: every rule id has a section, each
 * semantic rule's description (its one line "for docs/rules.md") is there word
 * for word, and every example line in a section carries that section's id.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/validate/rules/index.js';
import { ROOT } from '../helpers/cli.js';

const DOC = readFileSync(join(ROOT, 'docs', 'rules.md'), 'utf8');

/** `### \`id\`` sections: id -> text up to the next heading. */
const sections = new Map<string, string>();
for (const m of DOC.matchAll(/^### `([a-z-]+)`\n([\s\S]*?)(?=^##)/gm)) sections.set(m[1]!, m[2]!);

const OTHER_IDS = [
  'input', 'read-error', 'file-too-large', 'encoding',
  'yaml-syntax', 'yaml-duplicate-key', 'yaml-tag', 'yaml-alias-limit', 'yaml-depth', 'yaml-forbidden-key', 'yaml-complex-key', 'notes-shape',
  'front-matter-language', 'front-matter-shape', 'unknown-heading', 'duplicate-part', 'same-value-twice', 'unknown-key-line', 'practice-table',
  'heading-matched-by-word', 'contents-left-out', 'footer-left-out', 'contact-outside-part', 'contact-without-address', 'placeholder-link',
  'required', 'unknown-key', 'type', 'pattern', 'url', 'empty-value', 'too-short', 'enum', 'format', 'schema',
  'practice-ref', 'missing-practice', 'practice-outside-root', 'practice-invalid',
  'missing-image', 'image-outside-root', 'remote-image', 'image-path', 'image-type', 'image-too-large',
  'yaml-flow-text', 'yaml-split-number',
  'canonical-key', 'event-wrapper', 'short-form', 'date-form', 'address-scheme', 'date-ambiguous', 'canonical-conflict', 'fix',
  'time-limit', 'memory-limit', 'markdown-depth', 'markdown-complexity',
  'plain-heading', 'no-parts', 'practice-list', 'title-block-line', 'language-from-headings', 'resource-without-address', 'task-marks-left-out', 'theme-list', 'practice-key-lines', 'practice-title-line', 'contact-table', 'part-without-items', 'theme-paragraphs', 'language-from-keys', 'several-presenters', 'list-as-figures', 'part-by-content', 'lines-as-items', 'contact-in-sentence', 'headed-sections', 'table-as-items', 'pasted-bullets', 'pasted-lines', 'list-as-group', 'internal-fence-unclosed', 'internal-fence-nested', 'internal-fence-unopened',
  'import-unreadable', 'import-encrypted', 'import-no-text', 'import-too-large', 'import-exists', 'import-write',
];

describe('docs/rules.md', () => {
  it.each(RULES.map((r) => [r.id, r.description]))('documents the rule %s with its description', (id, description) => {
    expect(sections.has(id)).toBe(true);
    expect(sections.get(id)!.replace(/\s+/g, ' ')).toContain(description);
  });

  it.each(OTHER_IDS)('documents %s', (id) => {
    expect(sections.has(id)).toBe(true);
    expect(sections.get(id)).toMatch(/\*\*(error|warning|info)/);
  });

  it('documents no rule id that the tests do not know of', () => {
    expect([...sections.keys()].sort()).toEqual([...RULES.map((r) => r.id), ...OTHER_IDS].sort());
  });

  it('every example message line sits under the section of its rule id', () => {
    for (const [id, body] of sections) {
      const lines = body.split('\n').filter((l) => /^\S+ (error|warning|info) .* \[[a-z-]+\]$/.test(l));
      for (const line of lines) expect(line.endsWith(`[${id}]`), line).toBe(true);
      if (id !== 'format') expect(lines.length, `example for ${id}`).toBeGreaterThan(0);
    }
  });
});
