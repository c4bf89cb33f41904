/**
 * `report explain <file>`: what the tool understood of one notes file, as an
 * outline with source lines (stdout), and the file's problems as `validate`
 * reports them (stderr). The same stages as a build: read, parse, validate.
 */
import { dirname, resolve } from 'node:path';
import { resolveConfig } from '../config/load-config.js';
import { diagnostic } from '../diagnostics/message.js';
import { formatReport, toJsonMessage } from '../diagnostics/reporters.js';
import { displayPathOf, hasErrors, sortMessages, type SourceFile } from '../diagnostics/source-file.js';
import { markedInternal } from '../model/edition.js';
import { normalise } from '../model/normalise.js';
import type { EventNotes } from '../model/types.js';
import { notesFormatOf, parseNotes } from '../parse/index.js';
import { locateText } from '../parse/parsed-notes.js';
import { resolveImages } from '../read/images.js';
import { resolvePracticeRefs } from '../read/practice-refs.js';
import { findImageReferences } from '../render/image-references.js';
import { readNotes } from '../read/read-notes.js';
import { formatOutline, outlineOf, type OutlineEntry } from '../render/outline.js';
import { validateNotes } from '../validate/index.js';
import { colours } from './build-command.js';
import type { CliIo } from './io.js';

export async function runExplain(input: string, options: { format?: string }, io: CliIo): Promise<number> {
  const path = resolve(io.cwd, input);
  const file: SourceFile = { path, displayPath: displayPathOf(io.cwd, path), messages: [] };
  let outline: OutlineEntry[] = [];
  let placements: unknown[] = [];
  // The operator's config as a build reads it: its image root and default language count here too.
  const config = resolveConfig({ cwd: io.cwd, startDir: dirname(path) }).values;
  const format = notesFormatOf(path);
  if (!format) file.messages.push(diagnostic('read-error', 'Expected a notes file ending in .md, .markdown, .yaml or .yml', undefined, { fatal: true }));
  else {
    const read = await readNotes(path);
    file.messages.push(...read.messages);
    if (read.text !== undefined) {
      const written = parseNotes(read.text, format);
      file.messages.push(...written.messages);
      if (written.data !== undefined) {
        // Practices in files of their own, read in their places as a build reads them (lines: the referring ones).
        const refs = await resolvePracticeRefs(written, path, { cwd: io.cwd, allowedRoot: config.allowRoot });
        const parsed = refs.parsed;
        const problems = [...refs.messages, ...validateNotes(parsed)];
        const valid = !hasErrors({ ...file, messages: problems });
        const data = parsed.data as EventNotes;
        const notes = understood(config.language && valid && !data.language ? { ...data, language: config.language } : data, valid);
        // Images are checked as a build checks them (inside the notes' folder, their type and size).
        if (valid) problems.push(...(await resolveImages(findImageReferences(notes), path, (p, needle) => locateText(parsed, p, needle), { allowedRoot: config.allowRoot })).messages);
        file.messages.push(...problems);
        outline = outlineOf({ notes, placements: parsed.placements, locate: (p) => written.locate(p), isInternal: (p) => markedInternal(parsed.data, p) });
        placements = parsed.placements ?? [];
      }
    }
  }
  file.messages = sortMessages(file.messages);
  if (options.format === 'json') {
    io.stdout.write(JSON.stringify({ file: file.displayPath, outline, placements, messages: file.messages.map(toJsonMessage) }, null, 2) + '\n');
  } else {
    if (outline.length) io.stdout.write(formatOutline(outline, file.displayPath));
    io.stderr.write(formatReport('stylish', [file], { colours: colours(io, 'stderr') }));
  }
  return hasErrors(file) ? 1 : 0;
}

/** The model as a build makes it (speakers and presenters from bold names) when the notes are valid; else as written. */
function understood(data: unknown, valid: boolean): unknown {
  if (!valid) return data;
  try {
    return normalise(data as EventNotes);
  } catch {
    return data;
  }
}
