/**
 * One past report -> notes: picks the reader by the file's kind, then the one structure detection.
 * Never throws for a bad file: a file that cannot be read gives `failure` with why.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import { dirname, extname } from 'node:path';
import type { ImportedText } from './blocks.js';
import { ReportImages, type ImportedImage } from './images.js';
import { languageOfHeadings } from './language-of-headings.js';
import { notesFromBlocks, type ImportedNotes } from './notes-from-blocks.js';
import { readPlainText } from './plain-text.js';
import { readWebPage } from './web-page.js';
import { readWordDocument } from './word-document.js';
import { ImportError, readPdf } from './pdf-text.js';

export type SourceKind = 'pdf' | 'text' | 'docx' | 'html';

/** Bigger inputs are refused before they are read: a past report is a few megabytes at most. */
export const MAX_INPUT_BYTES = 50 * 1024 * 1024;

export function sourceKindOf(path: string): SourceKind | undefined {
  const ext = extname(path).toLowerCase();
  if (ext === '.pdf') return 'pdf';
  if (ext === '.txt' || ext === '.text') return 'text';
  if (ext === '.docx') return 'docx';
  if (ext === '.html' || ext === '.htm') return 'html';
  return undefined;
}

export type ImportResult = ({ ok: true; images: ImportedImage[] } & ImportedNotes) | { ok: false; ruleId: string; failure: string; hint?: string };

export interface ImportOptions {
  /** The folder, beside the notes, the report's images go to (`vilnius-2024-images`). */
  imageFolder: string;
}

export async function importFile(path: string, options: ImportOptions): Promise<ImportResult> {
  const kind = sourceKindOf(path);
  if (!kind) return { ok: false, ruleId: 'import-unreadable', failure: 'Expected a report ending in .pdf, .docx, .html or .txt' };
  try {
    const info = await stat(path);
    if (info.size > MAX_INPUT_BYTES) return { ok: false, ruleId: 'import-too-large', failure: `The file is ${Math.round(info.size / 1048576)} MB; reports above ${MAX_INPUT_BYTES / 1048576} MB are not read` };
    const bytes = await readFile(path);
    const images = new ReportImages(options.imageFolder);
    let text: ImportedText;
    if (kind === 'pdf') text = await readPdf(new Uint8Array(bytes), images);
    else if (kind === 'docx') text = await readWordDocument(bytes, images);
    else if (kind === 'html') text = await readWebPage(new TextDecoder('utf-8', { fatal: false }).decode(bytes), images, await realpath(dirname(path)));
    else text = readPlainText(new TextDecoder('utf-8', { fatal: false }).decode(bytes));
    if (text.blocks.length === 0) return { ok: false, ruleId: 'import-no-text', failure: 'The file holds no text' };
    let language = text.facts.language;
    if (!language) {
      language = languageOfHeadings(text.blocks);
      if (language) text.notes.push(`the language was taken to be \`${language}\` from the report's headings`);
    }
    text.notes.push(...images.review);
    return { ok: true, images: images.images, ...notesFromBlocks(text, language ?? 'en') };
  } catch (error) {
    if (error instanceof ImportError) return { ok: false, ruleId: error.ruleId, failure: error.message, ...(error.hint ? { hint: error.hint } : {}) };
    return { ok: false, ruleId: 'import-unreadable', failure: `The file could not be read: ${(error as Error).message ?? String(error)}` };
  }
}
