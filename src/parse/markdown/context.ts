/** What every part builder is given: the source, the notes' language, where to write, and how to place a nested part. */
import type { BodyWriter } from './body.js';
import type { Section } from './sections.js';
import type { Source } from './tree.js';

export interface ReaderContext {
  source: Source;
  /** The notes' `language` from the front matter: heading phrases and key names of its label pack count too. */
  language: string | undefined;
  out: BodyWriter;
  /** The last part read (`start` before any): free sections are printed after it. */
  lastPart: string;
  /** Places a section wherever it stands (a part of its own, or a free section); `nested` inside another part. */
  handle(section: Section, nested: boolean): void;
}
