/**
 * Property tests: whatever text arrives, parsing, validation and rendering
 * report problems as messages and never throw; positions are real; and a
 * document that validates renders to HTML with no script or event handler.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/message.js';
import { normalise } from '../../src/model/normalise.js';
import type { EventNotes } from '../../src/model/types.js';
import { parseNotes, type NotesFormat } from '../../src/parse/index.js';
import { loadTemplate, renderHtml } from '../../src/render/index.js';
import { validateNotes } from '../../src/validate/index.js';
import { expectSafeHtml } from './fixtures.js';

const NUM_RUNS = 200;
const template = loadTemplate();

/** The whole in-process pipeline short of images and printing; throws only if the tool would. */
function pipeline(text: string, format: NotesFormat): { messages: Diagnostic[]; html?: string } {
  const parsed = parseNotes(text, format);
  const messages = [...parsed.messages];
  if (parsed.data === undefined) return { messages };
  messages.push(...validateNotes(parsed));
  if (messages.some((m) => m.severity === 'error' || m.fatal)) return { messages };
  const report = normalise(parsed.data as EventNotes);
  return { messages, html: renderHtml(report, { template }) };
}

function expectWellFormedMessages(messages: Diagnostic[], text: string): void {
  const lines = text.split(/\r\n|\r|\n/).length;
  for (const m of messages) {
    expect(m.ruleId).toMatch(/^[a-z][a-z0-9-]*$/);
    expect(['error', 'warning', 'info']).toContain(m.severity);
    expect(typeof m.reason).toBe('string');
    expect(m.reason.length).toBeGreaterThan(0);
    if (m.place) {
      expect(Number.isInteger(m.place.start.line)).toBe(true);
      expect(m.place.start.line).toBeGreaterThanOrEqual(1);
      expect(m.place.start.line).toBeLessThanOrEqual(lines + 1);
      expect(m.place.start.column).toBeGreaterThanOrEqual(1);
    }
  }
}

// --- generators -------------------------------------------------------------------

const anyText = fc.string({ unit: 'binary', maxLength: 400 });

const nasty = fc.constantFrom(
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[x](javascript:alert(1))',
  '[x](data:text/html,<b>)',
  '<javascript:alert(1)>',
  '![i](../secret.png)',
  '![i](http://127.0.0.1:1/x.png)',
  '</title></style><!--',
  '\u202E\u2066',
  '\uFEFF',
  '\u0000',
  '"\'`${}\\',
  '&lt;&#x3C;&#60;',
  '**Jane Doe**, Programme Manager at DG DIGIT',
  '**<b>Bob</b> Smith**',
  '__proto__',
  'constructor',
);

const mdLine = fc.oneof(
  fc.constantFrom(
    '## Summary',
    '## 1. Highlights',
    '### Theme',
    '### Participation',
    '## Good practices',
    '#### P1 – A practice',
    'Country: Italy',
    'Figures:',
    'Presenter: Jane Doe',
    'Link: [x](https://example.org)',
    '## Next steps',
    '### A) Group',
    '## Stay tuned',
    '## Resources',
    '## Contacts',
    '- Jane Doe <jane@example.org>',
    '- 2024-10-10 – Workshop: [Title](https://example.org)',
    '# Title',
    '## Site visit',
    '> quoted',
    '```',
    '---',
    '| a | b |',
    '|---|---|',
    '* item',
    '1. item',
    '',
    '',
  ),
  nasty,
  fc.string({ maxLength: 60 }),
  fc.tuple(fc.constantFrom('', '- ', '> ', '### ', '**', '    '), fc.string({ maxLength: 40 }), nasty).map(([a, b, c]) => a + b + c),
);

const frontMatter = fc.oneof(
  fc.constant('---\ntitle: T\ndate: 2024-06-05\n---\n'),
  fc.constant('---\ntitle: T\ndate: 2024-06-05\nlanguage: fr\n---\n'),
  fc.constant(''),
  fc.string({ maxLength: 80 }).map((s) => `---\ntitle: ${JSON.stringify(s)}\ndate: 2024-06-05\n---\n`),
  fc.string({ maxLength: 80 }).map((s) => `---\n${s}\n---\n`),
);

const markdownDoc = fc.tuple(frontMatter, fc.array(mdLine, { maxLength: 40 })).map(([front, lines]) => front + lines.join('\n') + '\n');

const yamlScalar = fc.oneof(
  fc.constantFrom('T', '2024-06-05', '"2024-02-30"', '~', 'null', 'yes', '1e999', '0x1F', '.nan', '-.inf', '""', "''", '|-\n  block', '>\n  folded', '*a', '&a x', '!!str x', '!x y', '[]', '{}', '[a, *a]'),
  nasty.map((s) => JSON.stringify(s)),
  fc.string({ maxLength: 30 }).map((s) => JSON.stringify(s)),
  fc.string({ maxLength: 30 }),
);

const yamlKey = fc.oneof(
  fc.constantFrom('title', 'date', 'endDate', 'summary', 'place', 'city', 'organisers', 'name', 'url', 'highlights', 'themes', 'text', 'speakers', 'practices', 'topics', 'images', 'src', 'alt', 'logo', 'contacts', 'email', 'sections', 'body', 'language', '__proto__', '<<', '? x'),
  fc.string({ maxLength: 12 }),
);

const yamlLine = fc.tuple(fc.integer({ min: 0, max: 6 }), fc.constantFrom('', '- '), yamlKey, yamlScalar, fc.boolean()).map(
  ([indent, dash, key, value, bare]) => ' '.repeat(indent) + dash + (bare ? value : `${key}: ${value}`),
);

const yamlDoc = fc.tuple(fc.constantFrom('', 'title: T\ndate: 2024-06-05\n'), fc.array(yamlLine, { maxLength: 25 })).map(([head, lines]) => head + lines.join('\n') + '\n');

// --- properties -----------------------------------------------------------------------

describe('never throws on hostile input', () => {
  it('random strings, as Markdown and as YAML', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        for (const format of ['markdown', 'yaml'] as const) {
          const { messages, html } = pipeline(text, format);
          expectWellFormedMessages(messages, text);
          if (html !== undefined) expectSafeHtml(html);
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('random Markdown-ish documents', () => {
    fc.assert(
      fc.property(markdownDoc, (text) => {
        const { messages, html } = pipeline(text, 'markdown');
        expectWellFormedMessages(messages, text);
        if (html !== undefined) expectSafeHtml(html);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('random YAML-ish documents', () => {
    fc.assert(
      fc.property(yamlDoc, (text) => {
        const { messages, html } = pipeline(text, 'yaml');
        expectWellFormedMessages(messages, text);
        if (html !== undefined) expectSafeHtml(html);
        // Prototype keys never get through to the data.
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('validated random documents always render (most runs reach renderHtml)', () => {
    let rendered = 0;
    fc.assert(
      fc.property(
        fc.array(fc.oneof(mdLine, nasty), { maxLength: 30 }).map((lines) => '---\ntitle: T\ndate: 2024-06-05\n---\n\n## Site visit\n\n' + lines.join('\n\n') + '\n'),
        (text) => {
          const { messages, html } = pipeline(text, 'markdown');
          expectWellFormedMessages(messages, text);
          if (html !== undefined) {
            rendered++;
            expectSafeHtml(html);
          }
        },
      ),
      { numRuns: NUM_RUNS },
    );
    // The generator is meant to exercise rendering, not just validation.
    expect(rendered).toBeGreaterThan(NUM_RUNS / 4);
  });
});
