/**
 * The build precompiles the built-in templates: each precompiled file
 * carries the digest of the text it came from, and renders exactly what the
 * same template compiled at run time renders.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalise } from '../../src/model/normalise.js';
import type { EventNotes } from '../../src/model/types.js';
import { parseNotes } from '../../src/parse/index.js';
import { renderHtml } from '../../src/render/index.js';
import { BUILT_IN_TEMPLATES_DIR, loadTemplate, PRECOMPILED_TEMPLATES, sourceDigest } from '../../src/render/template.js';
import { EXAMPLES, ROOT } from '../helpers/cli.js';

const precompiled = (createRequire(import.meta.url)(join(ROOT, ...PRECOMPILED_TEMPLATES)) as { templates: Record<string, { digest: string }> }).templates;

describe('precompiled built-in templates', () => {
  it('are the templates as they are now', () => {
    const names = Object.keys(precompiled);
    expect(names).toContain('default/layout.hbs');
    expect(names).toContain('brief/layout.hbs');
    for (const name of names) expect(precompiled[name]!.digest, name).toBe(sourceDigest(readFileSync(join(BUILT_IN_TEMPLATES_DIR, name), 'utf8')));
  });

  for (const template of ['default', 'brief']) {
    it(`render what the ${template} template compiled at run time renders`, () => {
      for (const example of ['vilnius-2024.md', 'lille-2025-fr.md']) {
        const parsed = parseNotes(readFileSync(join(EXAMPLES, example), 'utf8'), 'markdown');
        const report = normalise(parsed.data as EventNotes);
        const dir = join(BUILT_IN_TEMPLATES_DIR, template);
        const fast = renderHtml(report, { template: loadTemplate(dir, { fresh: true }) });
        const compiled = renderHtml(report, { template: loadTemplate(dir, { fresh: true, precompiled: false }) });
        expect(fast.length).toBeGreaterThan(10_000);
        expect(fast).toBe(compiled);
      }
    });
  }
});
