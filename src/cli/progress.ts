/**
 * Progress on stderr: a bar with done/total, failures, rate and time left on
 * a terminal; one plain line per file otherwise (CI logs).
 */
import type { Colours } from '../diagnostics/reporters.js';
import { printable } from '../diagnostics/printable-text.js';
import { displayPathOf } from '../diagnostics/source-file.js';
import type { FileResult } from '../pipeline.js';
import type { CliIo } from './io.js';

export function createProgress(io: CliIo, total: number, validateOnly: boolean, c: Colours) {
  const started = performance.now();
  let done = 0;
  let failed = 0;
  let skipped = 0;
  const tty = io.stderr.isTTY === true && total > 1;
  const draw = () => {
    const elapsed = (performance.now() - started) / 1000;
    const rate = done / Math.max(elapsed, 0.001);
    const left = rate > 0 ? (total - done) / rate : 0;
    const width = 24;
    const filled = Math.round((done / Math.max(total, 1)) * width);
    const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
    const eta = `${Math.floor(left / 60)}:${String(Math.round(left % 60)).padStart(2, '0')}`;
    io.stderr.write(`\r${bar} ${done}/${total} ${failed ? c.red(`✗ ${failed}`) : '✓'} ${rate.toFixed(1)}/s ETA ${eta}   `);
  };
  return {
    get skipped() {
      return skipped;
    },
    fileDone(result: FileResult, wasSkipped: boolean) {
      done++;
      if (result.status === 'failed') failed++;
      if (wasSkipped) skipped++;
      if (tty) return draw();
      if (total <= 1 && validateOnly) return;
      const mark = result.status === 'failed' ? c.red('✗') : wasSkipped ? c.dim('=') : c.green('✓');
      const outputs = Object.values(result.outputs).map((p) => displayPathOf(io.cwd, p!));
      const ms = Object.entries(result.timings).reduce((sum, [k, v]) => (k === 'cached' ? sum : sum + v), 0);
      const detail =
        result.status === 'failed'
          ? `${result.file.messages.filter((m) => m.severity === 'error').length} error(s)`
          : wasSkipped
            ? 'up to date'
            : outputs.length
              ? `-> ${outputs.join(', ')} (${(ms / 1000).toFixed(1)} s)`
              : 'valid';
      io.stderr.write(`${mark} [${done}/${total}] ${printable(result.file.displayPath)} ${detail}\n`);
    },
    finish() {
      if (tty && done > 0) io.stderr.write('\n');
    },
  };
}
