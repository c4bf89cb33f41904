/**
 * Incremental builds: a report is skipped when the hash of its notes, the
 * template's files, the build options and the tool (its version and the
 * digest of its build) match the last successful build and its outputs are
 * still there. One small file per
 * input under `.report-cache/`, so an interrupted run loses nothing.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { displayPathOf } from '../diagnostics/source-file.js';
import type { EventReport } from '../model/types.js';
import type { FileResult } from '../pipeline.js';
import type { InputFile } from '../read/expand-inputs.js';
import type { CompiledTemplate } from '../render/template.js';
import { readNotes } from '../read/read-notes.js';
import { writeAtomic } from '../write/atomic-write.js';

interface CacheEntry {
  key: string;
  outputs: FileResult['outputs'];
  report?: EventReport;
}

export class BuildCache {
  private readonly baseKey: string;
  private readonly keys = new Map<string, string>();

  constructor(private readonly settings: { outDir?: string; cwd: string; version: string; template: CompiledTemplate; options: unknown }) {
    const hash = createHash('sha256');
    hash.update(settings.version);
    hash.update(JSON.stringify(settings.options));
    for (const file of [...settings.template.files].sort()) {
      hash.update(file);
      hash.update(readFileSync(file));
    }
    this.baseKey = hash.digest('hex');
  }

  private entryPath(input: InputFile): string {
    const dir = this.settings.outDir ?? dirname(input.path);
    return join(dir, '.report-cache', createHash('sha1').update(input.path).digest('hex') + '.json');
  }

  private async key(input: InputFile): Promise<{ key: string; text: string } | undefined> {
    // Only regular files within the size limit are hashed; anything else goes to the pipeline, which reports it.
    const read = await readNotes(input.path);
    if (read.text === undefined) return undefined;
    const key = createHash('sha256').update(this.baseKey).update(input.path).update(read.bytes).digest('hex');
    this.keys.set(input.path, key);
    return { key, text: read.text };
  }

  /**
   * The cached result when the outputs are up to date; otherwise the input to build, with the text read for the
   * hash, so that the pipeline does not read the file again.
   */
  async lookup(input: InputFile): Promise<{ cached: FileResult } | { input: InputFile }> {
    const hashed = await this.key(input);
    if (!hashed) return { input };
    const miss = { input: { ...input, text: hashed.text } };
    let entry: CacheEntry;
    try {
      entry = JSON.parse(await readFile(this.entryPath(input), 'utf8')) as CacheEntry;
    } catch {
      return miss;
    }
    if (entry.key !== hashed.key) return miss;
    for (const path of Object.values(entry.outputs)) {
      try {
        await stat(path!);
      } catch {
        return miss;
      }
    }
    return {
      cached: {
        file: { path: input.path, displayPath: displayPathOf(this.settings.cwd, input.path), messages: [] },
        status: 'built',
        outputs: entry.outputs,
        timings: { cached: 1 },
        report: entry.report,
      },
    };
  }

  async store(input: InputFile, result: FileResult): Promise<void> {
    const key = this.keys.get(input.path) ?? (await this.key(input))?.key;
    this.keys.delete(input.path);
    if (!key) return;
    const entry: CacheEntry = { key, outputs: result.outputs, report: result.report };
    try {
      await writeAtomic(this.entryPath(input), JSON.stringify(entry));
    } catch {
      /* a cache that cannot be written only costs a rebuild next time */
    }
  }
}
