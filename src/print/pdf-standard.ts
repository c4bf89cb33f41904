/**
 * What a finished PDF declares and meets (`--pdf-standard`), and the hook of
 * the post-processing stage (src/print/pdf-finishing.ts): in the session's
 * finishing thread when there is one, else here, with pdf-lib loaded only
 * when a PDF is finished: runs without PDF do not pay for it.
 */
import type { FinishingThread } from './finishing-thread.js';
import { addMetadata, type PdfMetadata } from './pdf-metadata.js';

/** `ua+a-2b` (default): PDF/UA-1 and PDF/A-2b; `ua`: PDF/UA-1 only; `none`: the PDF as Chromium printed it (with its Info). */
export const PDF_STANDARDS = ['ua+a-2b', 'ua', 'none'] as const;
export type PdfStandard = (typeof PDF_STANDARDS)[number];
export const DEFAULT_PDF_STANDARD: PdfStandard = 'ua+a-2b';

/** With `thread`, `pdf` is handed over to it: the caller must not use it afterwards. */
export async function finishPdf(pdf: Uint8Array, metadata: PdfMetadata, standard: PdfStandard = DEFAULT_PDF_STANDARD, thread?: FinishingThread): Promise<Uint8Array> {
  if (standard === 'none') return addMetadata(pdf, metadata);
  if (thread?.available) return thread.finish(pdf, metadata, standard);
  const { finishPdf: finish } = await import('./pdf-finishing.js');
  return finish(pdf, metadata, standard);
}
