/**
 * Document metadata Chromium does not write (author, subject, keywords,
 * creator), added as a PDF incremental update: the printed bytes stay as they
 * are and a new Info dictionary is appended after them.
 */

export interface PdfMetadata {
  title: string;
  author?: string;
  subject?: string;
  keywords?: string[];
  creator: string;
  /**
   * The report's headings as written: Chromium's bookmarks show a heading as printed, in capitals when the
   * template sets it so (`text-transform`); the finishing gives such a bookmark the heading's own case.
   */
  headings?: string[];
}

/** A PDF text string in UTF-16BE, safe for any characters. */
function pdfText(value: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < value.length; i++) hex += value.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase();
  return `<${hex}>`;
}

export function addMetadata(pdf: Uint8Array, meta: PdfMetadata): Uint8Array {
  const tail = Buffer.from(pdf.subarray(Math.max(0, pdf.length - 2048))).toString('latin1');
  const startxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  const trailer = /trailer\s*<<([\s\S]*?)>>\s*startxref/.exec(tail);
  if (!startxref || !trailer) return pdf; // not the shape Chromium writes: leave it untouched
  const size = /\/Size\s+(\d+)/.exec(trailer[1]!);
  const root = /\/Root\s+(\d+\s+\d+\s+R)/.exec(trailer[1]!);
  if (!size || !root) return pdf;
  const head = Buffer.from(pdf.subarray(0, Math.min(pdf.length, 4096))).toString('latin1');
  const created = /\/CreationDate\s*(\([^)]*\))/.exec(head)?.[1];
  const producer = /\/Producer\s*(\([^)]*\))/.exec(head)?.[1];
  const id = Number(size[1]);
  const entries = [
    `/Title ${pdfText(meta.title)}`,
    meta.author ? `/Author ${pdfText(meta.author)}` : '',
    meta.subject ? `/Subject ${pdfText(meta.subject)}` : '',
    meta.keywords?.length ? `/Keywords ${pdfText(meta.keywords.join(', '))}` : '',
    `/Creator ${pdfText(meta.creator)}`,
    producer ? `/Producer ${producer}` : '',
    created ? `/CreationDate ${created}` : '',
  ].filter(Boolean);
  const prefix = pdf[pdf.length - 1] === 0x0a ? '' : '\n';
  const objectOffset = pdf.length + prefix.length;
  const object = `${id} 0 obj\n<<${entries.join('\n')}>>\nendobj\n`;
  const xrefOffset = objectOffset + Buffer.byteLength(object, 'latin1');
  const update =
    prefix +
    object +
    `xref\n0 1\n0000000000 65535 f \n${id} 1\n${String(objectOffset).padStart(10, '0')} 00000 n \n` +
    `trailer\n<</Size ${id + 1}\n/Root ${root[1]}\n/Info ${id} 0 R\n/Prev ${startxref[1]}>>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  return Buffer.concat([pdf, Buffer.from(update, 'latin1')]);
}
