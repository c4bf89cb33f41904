import { describe, expect, it } from 'vitest';
import { inserted, LAYOUT_ARTIFACT, markArtifacts, PAGINATION_ARTIFACT } from '../../src/print/artifact-marking.js';
import { contentOperations, operandsOf } from '../../src/print/content-operations.js';

describe('content operations', () => {
  it('reads operators with their operands, strings, arrays, dictionaries and inline images', () => {
    const text = 'q 1 0 0 1 0 0 cm\n/P <</MCID 3 /A [1 (x)]>> BDC BT /F1 9 Tf (a\\) b(c)) Tj [(x) -20 <0041>] TJ ET EMC % note\nBI /W 1 /H 1 ID \x00EI\x01 EI Q true Do';
    const ops = contentOperations(text);
    expect(ops.map((o) => o.operator)).toEqual(['q', 'cm', 'BDC', 'BT', 'Tf', 'Tj', 'TJ', 'ET', 'EMC', 'BI', 'Q', 'Do']);
    expect(operandsOf(text, ops[1]!)).toEqual(['1', '0', '0', '1', '0', '0']);
    expect(operandsOf(text, ops[2]!)).toEqual(['/P', '<</MCID 3 /A [1 (x)]>>']);
    expect(operandsOf(text, ops[5]!)).toEqual(['(a\\) b(c))']);
    expect(operandsOf(text, ops[6]!)).toEqual(['[(x) -20 <0041>]']);
    expect(operandsOf(text, ops[11]!)).toEqual(['true']);
    expect(text.slice(ops[9]!.start, ops[9]!.end)).toBe('BI /W 1 /H 1 ID \x00EI\x01 EI');
  });
});

describe('artifact marking', () => {
  const header = 'q\nBT\n/F4 11 Tf\n<0033> Tj\nET\nQ\n';
  const tagged = '/P <</MCID 0 >>BDC\nBT\n<0044> Tj\nET\nEMC\n';
  const leaders = '0 0 2 1 re\nf\n3 0 1 1 re\nf\n';

  it('wraps untagged text as one pagination artifact and leaves tagged content alone', () => {
    const { text, added } = markArtifacts(header + tagged);
    expect(added).toBe(1);
    expect(text).toBe(`q\n${PAGINATION_ARTIFACT}BT\n/F4 11 Tf\n<0033> Tj\nET\nEMC\nQ\n${tagged}`);
  });

  it('wraps a run of painted rectangles once, as a layout artifact, and clipping paths not at all', () => {
    const clip = 'q 0 0 10 10 re W* n\n';
    const { text, added } = markArtifacts(clip + tagged + leaders + tagged);
    expect(added).toBe(1);
    expect(text).toBe(`${clip}${tagged}${LAYOUT_ARTIFACT}0 0 2 1 re\nf\n3 0 1 1 re\nf\nEMC\n${tagged}`);
  });

  it('wraps images and shadings painted outside tags, not a form that holds tags of its own', () => {
    expect(markArtifacts('/Im1 Do\n', () => false).text).toBe(`${LAYOUT_ARTIFACT}/Im1 Do\nEMC\n`);
    expect(markArtifacts('/Fm1 Do\n', (name) => name === 'Fm1').added).toBe(0);
    expect(markArtifacts('/Sh1 sh\n').added).toBe(1);
  });

  it('marks untagged shows inside a text object that also holds tagged content, within the text object', () => {
    const { text } = markArtifacts('BT (a) Tj /Span <</MCID 1>> BDC (b) Tj EMC ET');
    expect(text).toBe(`BT ${PAGINATION_ARTIFACT}(a) Tj\nEMC /Span <</MCID 1>> BDC (b) Tj EMC ET\n`);
  });

  it('changes nothing when everything is tagged or nothing is painted', () => {
    expect(markArtifacts(tagged)).toEqual({ text: tagged, added: 0, insertions: [] });
    expect(markArtifacts('q 1 0 0 1 0 0 cm BT /F1 9 Tf ET Q').added).toBe(0);
  });
});

describe('inserted', () => {
  it('builds from the stream’s bytes the same stream as the marked text', () => {
    const text = 'q BT (a) Tj ET Q\n/P <</MCID 0>> BDC 0 0 1 1 re f EMC 0 0 2 2 re f';
    const marked = markArtifacts(text);
    expect(inserted(Buffer.from(text, 'latin1'), marked.insertions).toString('latin1')).toBe(marked.text);
    expect(marked.text.endsWith('EMC\n')).toBe(true);
  });
});
