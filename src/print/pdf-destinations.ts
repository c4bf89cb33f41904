/**
 * Which page each named destination (a section anchor that the contents
 * link to) landed on in a printed PDF. Chromium writes a named destination
 * for every in-document link target, so this reads the layout the browser
 * actually produced instead of guessing.
 *
 * Chromium's PDFs have a classic cross-reference table and plain
 * dictionaries, so a small reader finds the pages tree and the /Dests
 * dictionary in about a millisecond; anything it does not recognise is read
 * with pdf.js instead.
 */

type Ref = string; // "12 0"

class PlainPdf {
  private readonly text: string;
  private readonly offsets = new Map<Ref, number>();

  constructor(pdf: Uint8Array) {
    this.text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
    this.readXref();
  }

  private readXref(): void {
    // Follow the chain of xref sections (incremental updates add more).
    const tail = this.text.slice(-1024);
    let at = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail)?.[1] ?? NaN);
    const seen = new Set<number>();
    while (Number.isFinite(at) && !seen.has(at)) {
      seen.add(at);
      if (!this.text.startsWith('xref', at)) throw new Error('no classic xref table');
      const trailerAt = this.text.indexOf('trailer', at);
      const section = this.text.slice(at + 4, trailerAt);
      const lines = section.split(/\r?\n|\r/).map((l) => l.trim()).filter(Boolean);
      for (let i = 0; i < lines.length; ) {
        const [first, count] = lines[i]!.split(/\s+/).map(Number);
        for (let k = 0; k < count!; k++) {
          const entry = lines[i + 1 + k]!.split(/\s+/);
          if (entry[2] === 'n') {
            const ref = `${first! + k} ${Number(entry[1])}`;
            if (!this.offsets.has(ref)) this.offsets.set(ref, Number(entry[0]));
          }
        }
        i += 1 + count!;
      }
      const trailer = this.text.slice(trailerAt, this.text.indexOf('startxref', trailerAt));
      if (!this.trailer) this.trailer = trailer;
      at = Number(/\/Prev\s+(\d+)/.exec(trailer)?.[1] ?? NaN);
    }
    if (!this.trailer) throw new Error('no trailer');
  }

  trailer: string | undefined;

  object(ref: Ref): string {
    const offset = this.offsets.get(ref);
    if (offset === undefined) throw new Error(`object ${ref} not found`);
    const end = this.text.indexOf('endobj', offset);
    const body = this.text.slice(offset, end);
    if (!body.startsWith(`${ref.split(' ')[0]} ${ref.split(' ')[1]} obj`)) throw new Error(`object ${ref} not at its offset`);
    if (body.includes('stream')) throw new Error(`object ${ref} is a stream`);
    return body;
  }
}

const refIn = (dict: string, key: string): Ref | undefined => {
  const m = new RegExp(`/${key}\\s+(\\d+)\\s+(\\d+)\\s+R`).exec(dict);
  return m ? `${m[1]} ${m[2]}` : undefined;
};

function decodeName(name: string): string {
  return name.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

export function plainDestinationPages(pdf: Uint8Array): Map<string, number> {
  const doc = new PlainPdf(pdf);
  const catalog = doc.object(refIn(doc.trailer!, 'Root')!);
  const pagesRoot = refIn(catalog, 'Pages');
  if (!pagesRoot) throw new Error('no pages');
  const order = new Map<Ref, number>();
  const visit = (ref: Ref, depth: number) => {
    if (depth > 32) throw new Error('pages tree too deep');
    const node = doc.object(ref);
    if (/\/Type\s*\/Pages\b/.test(node)) {
      const kids = /\/Kids\s*\[([^\]]*)\]/.exec(node)?.[1] ?? '';
      for (const m of kids.matchAll(/(\d+)\s+(\d+)\s+R/g)) visit(`${m[1]} ${m[2]}`, depth + 1);
    } else order.set(ref, order.size + 1);
  };
  visit(pagesRoot, 0);
  const pages = new Map<string, number>();
  const destsRef = refIn(catalog, 'Dests');
  if (!destsRef) {
    if (/\/Names\s/.test(catalog)) throw new Error('destinations in a name tree');
    return pages;
  }
  const dests = doc.object(destsRef);
  for (const m of dests.matchAll(/\/([^\s/[\]<>()]+)\s*\[\s*(\d+)\s+(\d+)\s+R/g)) {
    const page = order.get(`${m[2]} ${m[3]}`);
    if (page !== undefined) pages.set(decodeName(m[1]!), page);
  }
  return pages;
}

let pdfjsModule: Promise<typeof import('pdfjs-dist/legacy/build/pdf.mjs')> | undefined;

/** The general reader, for PDFs the plain reader does not understand. */
export async function pdfjsDestinationPages(pdf: Uint8Array): Promise<Map<string, number>> {
  pdfjsModule ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  const lib = await pdfjsModule;
  const task = lib.getDocument({ data: new Uint8Array(pdf), verbosity: 0, isEvalSupported: false, disableFontFace: true, useSystemFonts: false });
  const doc = await task.promise;
  try {
    const destinations = (await doc.getDestinations()) as Record<string, unknown[] | null>;
    const pages = new Map<string, number>();
    for (const [name, dest] of Object.entries(destinations)) {
      const ref = dest?.[0];
      if (ref && typeof ref === 'object') pages.set(name, (await doc.getPageIndex(ref as { num: number; gen: number })) + 1);
      else if (typeof ref === 'number') pages.set(name, ref + 1);
    }
    return pages;
  } finally {
    await task.destroy();
  }
}

export async function destinationPages(pdf: Uint8Array): Promise<Map<string, number>> {
  try {
    return plainDestinationPages(pdf);
  } catch {
    return pdfjsDestinationPages(pdf);
  }
}
