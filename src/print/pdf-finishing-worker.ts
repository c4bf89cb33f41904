/**
 * The thread the PDF post-processing runs in (src/print/finishing-thread.ts):
 * it takes Chromium's PDF, finishes it (src/print/pdf-finishing.ts) and hands
 * the bytes back, while the main thread goes on driving the printer pages.
 * Bytes cross both ways handed over, not copied. It never writes a file.
 */
import { parentPort, type MessagePort } from 'node:worker_threads';
import { finishPdf } from './pdf-finishing.js';
import type { PdfMetadata } from './pdf-metadata.js';
import type { PdfStandard } from './pdf-standard.js';

export interface FinishingRequest {
  id: number;
  pdf: Uint8Array;
  metadata: PdfMetadata;
  standard: Exclude<PdfStandard, 'none'>;
}
export type FinishingReply = { id: number; pdf: Uint8Array } | { id: number; error: string };

function serve(port: MessagePort): void {
  port.on('message', async ({ id, pdf, metadata, standard }: FinishingRequest) => {
    try {
      const finished = await finishPdf(pdf, metadata, standard);
      port.postMessage({ id, pdf: finished } satisfies FinishingReply, [finished.buffer as ArrayBuffer]);
    } catch (error) {
      port.postMessage({ id, error: String((error as Error)?.message ?? error) } satisfies FinishingReply);
    }
  });
}

if (parentPort) serve(parentPort);
