/** `applyEdition` (src/model/edition.ts) on notes as YAML authors write them: `internal: true`, internal marks in text. */
import { describe, expect, it } from 'vitest';
import { applyEdition, editionText } from '../../src/model/edition.js';
import { normalise } from '../../src/model/normalise.js';
import type { EventNotes } from '../../src/model/types.js';

const notes: EventNotes = {
  title: 'T',
  date: '2024-06-05',
  speakers: [{ name: 'Open Keynote' }, { name: 'Hidden Keynote', internal: true }],
  summary: 'Open.\n\n<!-- internal -->\nHidden.\n<!-- /internal -->\n\nOpen again.',
  highlights: { themes: [{ title: 'Hidden theme', internal: true, text: 'By **Hana Hidden**.' }, { title: 'Open theme', text: 'By **Otto Open**.' }] },
  practices: {
    topics: [
      { title: 'All hidden', practices: [{ title: 'H1', internal: true }] },
      { title: 'Mixed', practices: [{ title: 'H2', internal: true }, { title: 'O1' }] },
    ],
  },
  nextSteps: { internal: true, groups: [{ title: 'G', items: ['x'] }] },
  contacts: [{ name: 'Hidden', email: 'h@example.eu', internal: true }, { name: 'Open', email: 'o@example.eu' }],
  sections: [{ title: 'Open section', body: 'Text <!-- internal -->hidden words<!-- /internal --> here.' }],
};

describe('applyEdition', () => {
  it('public: leaves out internal items, parts and text, and lists emptied by it', () => {
    const { notes: edited } = applyEdition(notes, 'public');
    expect(edited.speakers).toEqual([{ name: 'Open Keynote' }]);
    expect(edited.summary).toBe('Open.\n\nOpen again.');
    expect(edited.highlights!.themes!.map((t) => t.title)).toEqual(['Open theme']);
    expect(edited.practices!.topics).toEqual([{ title: 'Mixed', practices: [{ title: 'O1' }] }]);
    expect(edited.nextSteps).toBeUndefined();
    expect(edited.contacts).toEqual([{ name: 'Open', email: 'o@example.eu' }]);
    expect(edited.sections![0]!.body).toBe('Text  here.');
    expect(JSON.stringify(edited)).not.toMatch(/hidden|Hidden|internal/);
    // Speakers are found in what is left only.
    expect(normalise(edited).highlights.themes.flatMap((t) => t.speakers.map((s) => s.name))).toEqual(['Otto Open']);
  });

  it('public: says where what is left was written, for diagnostics and practice files', () => {
    const edited = applyEdition(notes, 'public');
    expect(edited.writtenPath(['highlights', 'themes', 0, 'images', 0])).toEqual(['highlights', 'themes', 1, 'images', 0]);
    expect([...edited.practiceIndex]).toEqual([['1/1', { topic: 0, practice: 0 }]]);
  });

  it('internal: keeps everything, without the marks and the `internal` keys', () => {
    const { notes: edited } = applyEdition(notes, 'internal');
    expect(edited.summary).toBe('Open.\n\nHidden.\n\nOpen again.');
    expect(edited.highlights!.themes).toHaveLength(2);
    expect(edited.nextSteps).toEqual({ groups: [{ title: 'G', items: ['x'] }] });
    expect(JSON.stringify(edited)).not.toMatch(/internal/);
  });

  it('does not change the notes it is given', () => {
    const before = JSON.stringify(notes);
    applyEdition(notes, 'public');
    expect(JSON.stringify(notes)).toBe(before);
  });

  it('an opening mark without its closing one hides everything after it; text without marks is unchanged', () => {
    expect(editionText('Open.\n\n<!-- internal -->\nHidden.\n\nAlso hidden.', 'public')).toBe('Open.');
    expect(editionText('  Kept as written \n\n\n\n', 'public')).toBe('  Kept as written \n\n\n\n');
  });
});
