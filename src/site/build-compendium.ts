/**
 * `report build --compendium`: the compendium of the run's own reports, from the share of it each built file
 * brings (made in its worker thread with its outputs: `FileResult.compendium`), in the run's edition and
 * language, printed in the run's browser session when the run prints PDFs.
 */
import { compendiumInput, gatherPractices, type CompendiumRecord } from '../model/compendium.js';
import type { FileResult } from '../pipeline.js';
import { COMPENDIUM_TEMPLATE_DIR } from '../render/compendium.js';
import { loadTemplate } from '../render/template.js';
import type { OutputFormat } from '../write/output-paths.js';
import { compendiumTimeLimitMs, writeCompendium, type CompendiumFormat, type CompendiumOutput } from './compendium-output.js';

export type BuildCompendiumOptions = Omit<CompendiumOutput, 'formats' | 'template' | 'printLimitMs'> & {
  /** The run's formats: the compendium's PDF is printed when the reports' is. */
  formats: ReadonlySet<OutputFormat>;
};

export class BuildCompendium {
  private readonly records: CompendiumRecord[] = [];

  constructor(private readonly options: BuildCompendiumOptions) {}

  /** A file of the run, as it is done (only built ones bring a share). */
  add(result: FileResult): void {
    if (result.status === 'built' && result.compendium) this.records.push(result.compendium);
  }

  /** Gathers the practices (the same whatever order the files finished in) and writes the compendium's files. */
  async write(): Promise<{ written: string[]; practices: number; events: number } | { failed: string }> {
    const compendium = gatherPractices(this.records.map(compendiumInput));
    const formats = new Set<CompendiumFormat>(this.options.formats.has('pdf') ? ['html', 'pdf', 'json', 'csv'] : ['html', 'json', 'csv']);
    const done = await writeCompendium(compendium, {
      ...this.options,
      formats,
      template: loadTemplate(COMPENDIUM_TEMPLATE_DIR),
      printLimitMs: compendiumTimeLimitMs(compendium),
    });
    return 'failed' in done ? done : { ...done, practices: compendium.practices.length, events: compendium.events.length };
  }
}
