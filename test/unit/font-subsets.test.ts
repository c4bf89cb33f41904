/** Which font subsets a self-contained HTML file embeds: those whose characters its text holds (src/render/fonts.ts). */
import { describe, expect, it } from 'vitest';
import { subsetsFor } from '../../src/render/fonts.js';

describe('subsetsFor', () => {
  it('embeds Latin alone for ASCII text', () => {
    expect(subsetsFor('Workshop on energy communities, 12 March 2025')).toEqual(['latin']);
  });

  it('finds each script of a text in any order, once', () => {
    expect(subsetsFor('Ελλάδα, България, Ελλάδα')).toEqual(['latin', 'greek', 'cyrillic']);
    expect(subsetsFor('Žilina, Brașov')).toEqual(['latin', 'latin-ext']);
  });

  it('finds characters beyond the Basic Multilingual Plane (emoji as surrogate pairs)', () => {
    expect(subsetsFor('a\u{1F600}b')).toContain('emoji-9');
    expect(subsetsFor('a\u{1F600}b')).not.toContain('latin-ext');
  });

  it('gives the same subsets as testing each character alone', () => {
    const text = 'Привет 🌍 Ελλάδα ✨ ăâîșț café';
    const alone = new Set([...text].flatMap((c) => subsetsFor(c)));
    expect(new Set(subsetsFor(text))).toEqual(alone);
  });
});
