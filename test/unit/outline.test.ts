import { describe, expect, it } from 'vitest';
import { parseMarkdownNotes } from '../../src/parse/markdown/index.js';
import { formatOutline, outlineOf } from '../../src/render/outline.js';

const explain = (md: string) => {
  const parsed = parseMarkdownNotes(md);
  return formatOutline(outlineOf({ notes: parsed.data, placements: parsed.placements, locate: (p) => parsed.locate(p) }), 'notes.md');
};

describe('the outline of what was understood', () => {
  it('shows parts, free sections and what was guessed, with their lines', () => {
    const text = explain('---\ntitle: T\ndate: 2024-06-05\n---\n\n## Next steps\n\n### Thematic recommendations for participants\n\n- Train staff.\n\n## Site visit\n\nWe went.\n');
    expect(text).toBe(
      [
        'notes.md',
        '   2    title "T": date 2024-06-05',
        '   6    next steps "Next steps"',
        '   8      group "Thematic recommendations for participants": 1 item',
        '  12    free section "Site visit": after nextSteps (heading names no part)',
        '',
      ].join('\n'),
    );
  });
  it('leaves out a part that is only an empty shell of the model', () => {
    const text = formatOutline(outlineOf({ notes: { title: 'T', highlights: { themes: [] }, practices: { topics: [] }, nextSteps: { groups: [] } }, placements: [], locate: () => undefined }), 'notes.md');
    expect(text).toBe(['notes.md', '        title "T"', ''].join('\n'));
  });
});
