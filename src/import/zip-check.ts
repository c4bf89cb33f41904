/**
 * A Word document is a zip: before it is unpacked, its central directory says what every file in it unpacks to,
 * and a zip that would unpack to more than a report holds (a zip bomb: a few kilobytes that unpack to
 * gigabytes, or many entries sharing the same data) is refused. A file that claims less than it unpacks to is
 * caught too: each compressed file is inflated once with its claimed size as the cap, so nothing is unpacked
 * past what the directory said.
 */
import { inflateRawSync } from 'node:zlib';
import { ImportError } from './pdf-text.js';

/** More than a workshop report's Word document unpacks to (its text, styles and up to 200 pictures). */
export const MAX_UNPACKED_BYTES = 256 * 1024 * 1024;
/** More files than a Word document holds. */
export const MAX_ZIP_ENTRIES = 10_000;

const END_OF_DIRECTORY = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_END = 0x06064b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;

const size = (bytes: number) => (bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GiB` : bytes >= 1024 ** 2 ? `${(bytes / 1024 ** 2).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`);

const unreadable = (why: string) => new ImportError('import-unreadable', `The Word document is not a zip that can be read: ${why}`);
const tooLarge = (what: string) => new ImportError('import-too-large', `${what}; it is not unpacked (a zip bomb?)`, 'A report’s Word document unpacks to a few megabytes; save the document again from Word and import that.');

interface Entry {
  name: string;
  method: number;
  compressed: number;
  unpacked: number;
  offset: number;
}

/** The end of the central directory: where it is and how many entries it has (ZIP64 too). */
function directoryOf(zip: Buffer): { offset: number; count: number } {
  const from = Math.max(0, zip.length - 22 - 0xffff);
  let end = -1;
  for (let i = zip.length - 22; i >= from; i--) {
    if (zip.readUInt32LE(i) === END_OF_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) throw unreadable('it has no central directory');
  let count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  if ((count === 0xffff || offset === 0xffffffff) && end >= 20 && zip.readUInt32LE(end - 20) === ZIP64_LOCATOR) {
    const record = Number(zip.readBigUInt64LE(end - 12));
    if (record + 56 > zip.length || zip.readUInt32LE(record) !== ZIP64_END) throw unreadable('its ZIP64 directory is broken');
    count = Number(zip.readBigUInt64LE(record + 32));
    offset = Number(zip.readBigUInt64LE(record + 48));
  }
  return { offset, count };
}

/** The central directory's entries, with their ZIP64 sizes where the 32-bit fields say so. */
function entriesOf(zip: Buffer): Entry[] {
  const { offset, count } = directoryOf(zip);
  if (count > MAX_ZIP_ENTRIES) throw tooLarge(`The Word document holds ${count.toLocaleString('en')} files, more than ${MAX_ZIP_ENTRIES.toLocaleString('en')}`);
  const entries: Entry[] = [];
  let at = offset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== DIRECTORY_ENTRY) throw unreadable('its central directory is cut short');
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const entry: Entry = {
      name: zip.toString('utf8', at + 46, Math.min(zip.length, at + 46 + nameLength)),
      method: zip.readUInt16LE(at + 10),
      compressed: zip.readUInt32LE(at + 20),
      unpacked: zip.readUInt32LE(at + 24),
      offset: zip.readUInt32LE(at + 42),
    };
    // ZIP64: the sizes and offset that do not fit 32 bits are in the extra field 0x0001, in this order.
    let extra = at + 46 + nameLength;
    const extraEnd = Math.min(zip.length, extra + extraLength);
    while (extra + 4 <= extraEnd) {
      const id = zip.readUInt16LE(extra);
      const length = zip.readUInt16LE(extra + 2);
      if (id === 0x0001) {
        let field = extra + 4;
        for (const key of ['unpacked', 'compressed', 'offset'] as const) {
          if (entry[key] !== 0xffffffff) continue;
          if (field + 8 > extra + 4 + length || field + 8 > zip.length) break;
          entry[key] = Number(zip.readBigUInt64LE(field));
          field += 8;
        }
      }
      extra += 4 + length;
    }
    entries.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * Refuses a Word document (`import-too-large`) whose files would unpack to more than `MAX_UNPACKED_BYTES`, by
 * the sizes its central directory gives and by what each one really inflates to (capped at its given size).
 */
export function checkZip(zip: Buffer): void {
  const entries = entriesOf(zip);
  let total = 0;
  let largest: Entry | undefined;
  for (const entry of entries) {
    total += entry.unpacked;
    if (!largest || entry.unpacked > largest.unpacked) largest = entry;
  }
  if (total > MAX_UNPACKED_BYTES) {
    throw tooLarge(`The Word document would unpack to ${size(total)} (\`${largest!.name}\` alone ${size(largest!.unpacked)} from ${size(largest!.compressed)}), more than ${size(MAX_UNPACKED_BYTES)}`);
  }
  for (const entry of entries) {
    if (entry.method !== 8 || entry.compressed === 0) continue;
    const at = entry.offset;
    if (at + 30 > zip.length || zip.readUInt32LE(at) !== LOCAL_HEADER) throw unreadable(`\`${entry.name}\` is not where its directory says`);
    const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
    const data = zip.subarray(start, Math.min(zip.length, start + entry.compressed));
    try {
      // One byte over the given size is enough to know it lied.
      inflateRawSync(data, { maxOutputLength: Math.max(1, entry.unpacked + 1) });
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
        throw tooLarge(`\`${entry.name}\` in the Word document unpacks to more than the ${size(entry.unpacked)} its directory gives`);
      }
      throw unreadable(`\`${entry.name}\` cannot be unpacked`);
    }
  }
}
