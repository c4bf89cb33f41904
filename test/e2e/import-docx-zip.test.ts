/**
 * `report import` of a Word document is a zip it unpacks: a zip bomb (crafted here, a few kilobytes) is refused
 * from its central directory before anything is unpacked, and one that lies about its sizes when inflating
 * passes what it claimed; the file fails alone, with why, and the other reports import.
 */
import { copyFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';

const dir = tempDir('report-import-zip-');
afterAll(() => dir.cleanup());

interface ZipEntry {
  name: string;
  /** Where the local file (header and data) of this entry is: entries may share one, as in a zip bomb. */
  local: number;
  crc: number;
  compressed: number;
  /** What the central directory says it unpacks to. */
  unpacked: number;
}

/** A zip of deflated files: each `files` item is written once; `entries` name them in the central directory. */
function zip(files: Array<{ name: string; content: Buffer }>, directory: (written: ZipEntry[]) => ZipEntry[]): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  const written: ZipEntry[] = [];
  for (const file of files) {
    const data = deflateRawSync(file.content);
    const name = Buffer.from(file.name);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(8, 8);
    header.writeUInt32LE(crc32(file.content), 14);
    header.writeUInt32LE(data.length, 18);
    header.writeUInt32LE(file.content.length, 22);
    header.writeUInt16LE(name.length, 26);
    written.push({ name: file.name, local: offset, crc: crc32(file.content), compressed: data.length, unpacked: file.content.length });
    parts.push(header, name, data);
    offset += header.length + name.length + data.length;
  }
  const start = offset;
  const entries = directory(written);
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const record = Buffer.alloc(46);
    record.writeUInt32LE(0x02014b50, 0);
    record.writeUInt16LE(20, 4);
    record.writeUInt16LE(20, 6);
    record.writeUInt16LE(8, 10);
    record.writeUInt32LE(entry.crc, 16);
    record.writeUInt32LE(entry.compressed, 20);
    record.writeUInt32LE(entry.unpacked, 24);
    record.writeUInt16LE(name.length, 28);
    record.writeUInt32LE(entry.local, 42);
    parts.push(record, name);
    offset += record.length + name.length;
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(offset - start, 12);
  end.writeUInt32LE(start, 16);
  parts.push(end);
  return Buffer.concat(parts);
}

describe('a Word document that is a zip bomb', () => {
  const zeros = Buffer.alloc(8 * 1024 * 1024);

  it('is refused by its central directory (2,000 files of 8 MiB sharing one 8 KiB stream: 15.6 GiB), the others import', () => {
    // Overlapping files: every entry of the directory points at the same deflated 8 MiB.
    const bomb = zip([{ name: 'word/document.xml', content: zeros }], ([one]) => Array.from({ length: 2000 }, (_, i) => ({ ...one!, name: `word/media/image${i + 1}.png` })));
    expect(bomb.length).toBeLessThan(200 * 1024);
    const folder = join(dir.path, 'batch');
    writeFileSync(join(dir.path, 'bomb.docx'), bomb);
    copyFileSync(join(ROOT, 'test', 'fixtures', 'import', 'vilnius-2024.docx'), join(dir.path, 'word.docx'));
    const result = runCli(['import', join(dir.path, 'bomb.docx'), join(dir.path, 'word.docx'), '-o', folder]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/bomb\.docx error The Word document would unpack to 15\.6 GiB \(`word\/media\/image1\.png` alone 8\.0 MiB from 8 KiB\), more than 256\.0 MiB; it is not unpacked \(a zip bomb\?\) \[import-too-large\]/);
    expect(result.stderr).toMatch(/1 imported, 1 failed/);
    expect(existsSync(join(folder, 'bomb.md'))).toBe(false);
    expect(existsSync(join(folder, 'word.md'))).toBe(true);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('that gives its files smaller sizes than they unpack to is refused when one passes its size', () => {
    const liar = zip(
      [
        { name: '[Content_Types].xml', content: Buffer.from('<?xml version="1.0"?><Types/>') },
        { name: 'word/document.xml', content: zeros },
      ],
      ([types, document]) => [types!, { ...document!, unpacked: 1024 }],
    );
    writeFileSync(join(dir.path, 'liar.docx'), liar);
    const result = runCli(['import', join(dir.path, 'liar.docx'), '-o', join(dir.path, 'liar')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/liar\.docx error `word\/document\.xml` in the Word document unpacks to more than the 1 KiB its directory gives; it is not unpacked \(a zip bomb\?\) \[import-too-large\]/);
    expect(existsSync(join(dir.path, 'liar', 'liar.md'))).toBe(false);
  });

  it('that is no zip at all is said so', () => {
    writeFileSync(join(dir.path, 'text.docx'), 'plain text, not a zip');
    const result = runCli(['import', join(dir.path, 'text.docx'), '-o', join(dir.path, 'text')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/text\.docx error The Word document is not a zip that can be read: it has no central directory \[import-unreadable\]/);
  });
});
