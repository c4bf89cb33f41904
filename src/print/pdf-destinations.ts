/**
 * Which page each named destination (a section anchor that the contents
 * link to) landed on in a printed PDF. Chromium writes a named destination
 * for every in-document link target, so this reads the layout the browser
 * actually produced instead of guessing.
 */
let pdfjsModule: Promise<typeof import('pdfjs-dist/legacy/build/pdf.mjs')> | undefined;

function pdfjs() {
  pdfjsModule ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjsModule;
}

export async function destinationPages(pdf: Uint8Array): Promise<Map<string, number>> {
  const lib = await pdfjs();
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
