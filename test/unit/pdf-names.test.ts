import { describe, expect, it } from 'vitest';
import { PDFContext, PDFName, PDFObjectParser } from '@cantoo/pdf-lib';
import { installNameCache, libraryParseName, nameCacheCounts } from '../../src/print/pdf-names.js';

/** Parses `source` with `parseObject` and says what came back and where the parser stopped. */
function parse(source: string): { value: unknown; offset: number; column: number } {
  const parser = PDFObjectParser.forBytes(Buffer.from(source, 'latin1'), PDFContext.create()) as unknown as {
    parseObject(): unknown;
    bytes: { offset(): number; position(): { column: number } };
  };
  const value = parser.parseObject();
  return { value, offset: parser.bytes.offset(), column: parser.bytes.position().column };
}

const TOKENS = ['/Type', '/StructElem ', '/A#20B', '/#2341', '/a#2', '/Name%comment', '/', '/K[1 2]', '/S/P', '/\u00e9t\u00e9', '/x'.padEnd(90, 'y'), '/Link>>'];

describe('names read once (src/print/pdf-names.ts)', () => {
  it('gives the same interned name and stops where pdf-lib does, escapes and delimiters included', () => {
    const proto = PDFObjectParser.prototype as unknown as { parseName: unknown };
    const withLibrary = (source: string) => {
      const current = proto.parseName;
      proto.parseName = libraryParseName;
      try {
        return parse(source);
      } finally {
        proto.parseName = current;
      }
    };
    const expected = TOKENS.map(withLibrary);
    installNameCache();
    expect(proto.parseName).not.toBe(libraryParseName);
    for (const [i, token] of TOKENS.entries()) {
      const before = nameCacheCounts.read;
      const got = parse(token);
      expect(nameCacheCounts.read, token).toBe(before + 1);
      expect(got.value, token).toBe(expected[i]!.value);
      expect(got.value, token).toBeInstanceOf(PDFName);
      expect([got.offset, got.column], token).toEqual([expected[i]!.offset, expected[i]!.column]);
    }
    // A token seen before comes from the cache, as the same instance.
    const cached = nameCacheCounts.cached;
    expect(parse('/A#20B').value).toBe(PDFName.of('A B'));
    expect(nameCacheCounts.cached).toBe(cached + 1);
  });
});
