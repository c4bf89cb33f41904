/** The search's terms: case and accents folded in every script, and the letters that have no accent to take off. */
import { describe, expect, it } from 'vitest';
import { searchTerm, searchWords } from '../../src/site/search-documents.js';

describe('search terms', () => {
  it('fold case, accents and the letters keyboards write plainly', () => {
    const words = ['Várady', 'Žilinskaitė', 'Παπαδάκης', 'Łódź', 'Øresund', 'Đakovo', 'Straße', 'Ħamrun', 'Æbeltoft', 'Cœur', 'Ирина'];
    expect(words.map(searchTerm)).toEqual(['varady', 'zilinskaite', 'παπαδακησ', 'lodz', 'oresund', 'dakovo', 'strasse', 'hamrun', 'aebeltoft', 'coeur', 'ирина']);
  });

  it('split words at spaces, punctuation and symbols', () => {
    expect(searchWords('Ann <b>Bold</b> + co-op, 2024').filter(Boolean)).toEqual(['Ann', 'b', 'Bold', 'b', 'co', 'op', '2024']);
  });
});
