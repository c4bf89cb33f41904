import { describe, expect, it } from 'vitest';
import { Source, parseMarkdownTree } from '../../../src/parse/markdown/tree.js';
import { splitSections } from '../../../src/parse/markdown/sections.js';

const split = (text: string) => splitSections(parseMarkdownTree(text).children, new Source(text));
const outline = (sections: ReturnType<typeof split>['roots']): unknown => sections.map((s) => [s.depth, s.title, outline(s.children)]);

describe('sections', () => {
  it('nests sections by heading level, ATX and setext alike, numbering stripped', () => {
    const { preamble, roots } = split('Before.\n\nHighlights\n==========\n\nText.\n\nNext steps:\n-------------\n\n### A) Group\n\n# Other\n');
    expect(preamble.map((b) => b.type)).toEqual(['paragraph']);
    expect(outline(roots)).toEqual([
      [1, 'Highlights', [[2, 'Next steps', [[3, 'Group', []]]]]],
      [1, 'Other', []],
    ]);
  });
});
