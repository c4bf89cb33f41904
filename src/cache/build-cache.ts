/**
 * Incremental builds: a report is skipped when the hash of its notes, the
 * template's files, the build options (the allowed root included) and the
 * tool (its version and the digest of its build) match the last successful
 * build, every image it embedded still has the same bytes, and every output
 * is still the file that build wrote (same SHA-256). The skipped file's
 * messages (warnings, notes) are those of that build, replayed.
 *
 * One small file per input under `.report-cache/` (in the output folder, or
 * beside the notes without `--out`), so an interrupted run loses nothing.
 * Entries can sit where note authors can write, so each one is authenticated
 * with an HMAC whose key is the operator's (`REPORT_CACHE_KEY`, or a random
 * key kept in the operator's cache folder): an entry forged or copied from
 * elsewhere is a miss, never trusted.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { constants, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { lstat, open, realpath } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import type { Diagnostic } from '../diagnostics/message.js';
import { displayPathOf } from '../diagnostics/source-file.js';
import type { CompendiumRecord } from '../model/compendium.js';
import type { FileResult } from '../pipeline.js';
import type { InputFile } from '../read/expand-inputs.js';
import { readRegularFile, type EmbeddedImage } from '../read/images.js';
import { readNotes } from '../read/read-notes.js';
import type { CompiledTemplate } from '../render/template.js';
import type { SiteRecord } from '../site/site-record.js';
import { writeAtomic } from '../write/atomic-write.js';

interface CacheEntry {
  key: string;
  outputs: FileResult['outputs'];
  /** SHA-256 of each output as written, by format. */
  digests: Partial<Record<keyof FileResult['outputs'], string>>;
  images: EmbeddedImage[];
  /** The file's messages in the build that wrote the outputs, replayed when it is skipped. */
  messages: Diagnostic[];
  /** The archive site's record and the compendium's share of the file, when the run that wrote it made them. */
  site?: SiteRecord;
  compendium?: CompendiumRecord;
}

/** What an entry file holds: the entry as JSON text, and the HMAC of exactly that text. */
interface SignedEntry {
  entry: string;
  mac: string;
}

/** Entries larger than this are not read (a planted file is not a reason to fill the memory). */
const MAX_ENTRY_BYTES = 64 * 1024 * 1024;

/**
 * The key that authenticates cache entries: `REPORT_CACHE_KEY` when set, else a random key kept in
 * `$XDG_CACHE_HOME/report/cache-key` (or `~/.cache/report/cache-key`), created on first use, readable by its owner
 * only. When there is none and none can be made, says where it looked: the run then builds everything.
 */
export function cacheKey(env: Readonly<Record<string, string | undefined>>): { key: Buffer } | { missing: string } {
  if (env.REPORT_CACHE_KEY) return { key: Buffer.from(env.REPORT_CACHE_KEY, 'utf8') };
  const base = env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : join(env.HOME || homedir(), '.cache');
  const file = join(base, 'report', 'cache-key');
  const existing = () => {
    try {
      const key = readFileSync(file);
      return key.length >= 32 ? { key } : undefined;
    } catch {
      return undefined;
    }
  };
  const found = existing();
  if (found) return found;
  // Written whole to a temporary name, then linked into place (fails if another run got there first, and no run
  // ever reads a half-written key).
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const key = randomBytes(32);
    writeFileSync(temp, key, { flag: 'wx', mode: 0o600 });
    linkSync(temp, file);
    return { key };
  } catch {
    // Another run made it meanwhile, or the folder cannot be written.
    return existing() ?? { missing: file };
  } finally {
    try {
      rmSync(temp, { force: true });
    } catch {
      /* never made */
    }
  }
}

/**
 * SHA-256 of a regular file, read in chunks; undefined for anything else (missing, a link, a FIFO, a device),
 * which is never opened: `lstat` first, then opened non-blocking without following links and checked again.
 */
async function digestOfFile(path: string): Promise<string | undefined> {
  let before;
  try {
    before = await lstat(path);
  } catch {
    return undefined;
  }
  if (!before.isFile()) return undefined;
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
    const stat = await handle.stat();
    if (!stat.isFile() || stat.ino !== before.ino || stat.dev !== before.dev) return undefined;
    const hash = createHash('sha256');
    const buffer = Buffer.alloc(1024 * 1024);
    for (let position = 0; ; ) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
      position += bytesRead;
    }
    return hash.digest('hex');
  } catch {
    return undefined;
  } finally {
    await handle?.close();
  }
}

export class BuildCache {
  private readonly baseKey: string;
  private readonly keys = new Map<string, string>();

  /** `records`: what a skipped file must give the run; an entry without it is a miss (built again, to make it). */
  constructor(private readonly settings: { outDir?: string; cwd: string; version: string; template: CompiledTemplate; options: unknown; secret: Buffer; records?: { site?: boolean; compendium?: boolean } }) {
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

  private mac(text: string): string {
    return createHmac('sha256', this.settings.secret).update(text).digest('hex');
  }

  private async key(input: InputFile): Promise<{ key: string; text: string } | undefined> {
    // Only regular files within the size limit are hashed; anything else goes to the pipeline, which reports it.
    const read = await readNotes(input.path);
    if (read.text === undefined) return undefined;
    const key = createHash('sha256').update(this.baseKey).update(input.path).update(read.bytes).digest('hex');
    this.keys.set(input.path, key);
    return { key, text: read.text };
  }

  /** The entry stored for this input, when it is authentic (its HMAC holds under our key). */
  private async readEntry(input: InputFile): Promise<CacheEntry | undefined> {
    const read = await readRegularFile(this.entryPath(input), MAX_ENTRY_BYTES);
    if ('unreadable' in read) return undefined;
    try {
      const signed = JSON.parse(read.bytes.toString('utf8')) as SignedEntry;
      if (typeof signed.entry !== 'string' || typeof signed.mac !== 'string') return undefined;
      const expected = Buffer.from(this.mac(signed.entry), 'hex');
      const given = Buffer.from(signed.mac, 'hex');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
      return JSON.parse(signed.entry) as CacheEntry;
    } catch {
      return undefined;
    }
  }

  /**
   * The cached result when the outputs are up to date; otherwise the input to build, with the text read for the
   * hash, so that the pipeline does not read the file again.
   */
  async lookup(input: InputFile): Promise<{ cached: FileResult } | { input: InputFile }> {
    const hashed = await this.key(input);
    if (!hashed) return { input };
    const miss = { input: { ...input, text: hashed.text } };
    const entry = await this.readEntry(input);
    if (!entry || entry.key !== hashed.key) return miss;
    const records = this.settings.records;
    if ((records?.site && !entry.site) || (records?.compendium && !entry.compendium)) return miss;
    // Every output still the file that was written (not edited, replaced or removed since).
    for (const [format, path] of Object.entries(entry.outputs) as Array<[keyof FileResult['outputs'], string]>) {
      if (!entry.digests[format] || (await digestOfFile(path)) !== entry.digests[format]) return miss;
    }
    // Every embedded image still the same bytes.
    for (const image of entry.images) {
      let real: string;
      try {
        real = await realpath(image.path);
      } catch {
        return miss;
      }
      if ((await digestOfFile(real)) !== image.digest) return miss;
    }
    return {
      cached: {
        file: { path: input.path, displayPath: displayPathOf(this.settings.cwd, input.path), messages: entry.messages },
        status: 'built',
        outputs: entry.outputs,
        timings: { cached: 1 },
        ...(entry.site ? { site: entry.site } : {}),
        ...(entry.compendium ? { compendium: entry.compendium } : {}),
      },
    };
  }

  async store(input: InputFile, result: FileResult): Promise<void> {
    const key = this.keys.get(input.path) ?? (await this.key(input))?.key;
    this.keys.delete(input.path);
    if (!key) return;
    const digests: CacheEntry['digests'] = {};
    for (const [format, path] of Object.entries(result.outputs) as Array<[keyof FileResult['outputs'], string]>) {
      const digest = await digestOfFile(path);
      if (!digest) return;
      digests[format] = digest;
    }
    const entry: CacheEntry = { key, outputs: result.outputs, digests, images: result.images ?? [], messages: result.file.messages, site: result.site, compendium: result.compendium };
    const text = JSON.stringify(entry);
    const signed: SignedEntry = { entry: text, mac: this.mac(text) };
    try {
      // `.report-cache/` is a real folder, never a planted link to one.
      await writeAtomic(this.entryPath(input), JSON.stringify(signed), { below: this.settings.outDir ?? dirname(input.path) });
    } catch {
      /* a cache that cannot be written only costs a rebuild next time */
    }
  }
}
