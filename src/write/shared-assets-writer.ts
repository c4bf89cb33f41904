/** `--html-assets shared`: the site's style sheet and fonts, written once per run (unchanged files are left alone). */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sharedAssetFiles } from '../render/shared-assets.js';
import type { CompiledTemplate } from '../render/template.js';
import { writeAllAtomic } from './atomic-write.js';

export async function writeSharedAssets(siteDir: string, template: CompiledTemplate): Promise<void> {
  const changed: Array<[string, string | Buffer]> = [];
  for (const [path, data] of sharedAssetFiles(template)) {
    const target = join(siteDir, path);
    const before = await readFile(target).catch(() => undefined);
    if (!before || !before.equals(typeof data === 'string' ? Buffer.from(data, 'utf8') : data)) changed.push([target, data]);
  }
  if (changed.length > 0) await writeAllAtomic(changed, { below: siteDir });
}
