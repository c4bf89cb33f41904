/**
 * The end of a build or validate run: every file's problems in the chosen format (in the order of the inputs), the
 * summary line, the list of failed files, and the run report (`--report`).
 */
import { relative } from 'node:path';
import { formatReport, toJsonMessage, type ReportFormat } from '../diagnostics/reporters.js';
import { printable } from '../diagnostics/printable-text.js';
import type { SourceFile } from '../diagnostics/source-file.js';
import type { FileResult } from '../pipeline.js';
import type { InputFile } from '../read/expand-inputs.js';
import { writeAtomic } from '../write/atomic-write.js';
import { colours, type CommandContext } from './command-context.js';
import type { CliIo } from './io.js';

export interface RunOutcome {
  files: readonly InputFile[];
  /** Inputs that gave no file (a pattern matching nothing, an unreadable folder). */
  problemFiles: readonly SourceFile[];
  results: FileResult[];
  reported: SourceFile[];
  /** Files up to date in the build cache. */
  skipped: number;
  /** `performance.now()` when the run began. */
  started: number;
  flags: Record<string, unknown>;
  io: CliIo;
  context: CommandContext;
  diagnosticsFormat: ReportFormat;
  runReportPath?: string;
}

export async function reportRun(outcome: RunOutcome): Promise<{ failed: number; strictFailed: number }> {
  const { files, problemFiles, results, reported, skipped, started, flags, io, context, diagnosticsFormat, runReportPath } = outcome;
  const failed = results.filter((r) => r.status === 'failed').length + problemFiles.length;
  const strictFailed = flags.strict === true ? reported.filter((f) => f.messages.some((m) => m.severity === 'warning')).length : 0;
  // Reports follow the order of the inputs, not the order in which files finished.
  const order = new Map(files.map((f, i) => [f.path, i]));
  reported.sort((a, b) => (order.get(a.path) ?? -1) - (order.get(b.path) ?? -1));
  results.sort((a, b) => (order.get(a.file.path) ?? -1) - (order.get(b.file.path) ?? -1));
  const text = formatReport(diagnosticsFormat, reported, {
    colours: colours(io, diagnosticsFormat === 'stylish' ? 'stderr' : 'stdout'),
    quiet: flags.quiet === true,
    strict: flags.strict === true,
  });
  (diagnosticsFormat === 'stylish' ? io.stderr : io.stdout).write(text);
  const seconds = (performance.now() - started) / 1000;
  const built = results.filter((r) => r.status === 'built').length;
  const valid = results.filter((r) => r.status === 'valid').length;
  if (diagnosticsFormat === 'stylish') {
    const c = colours(io, 'stderr');
    const what = context.validateOnly ? `${valid} valid` : `${built - skipped} built, ${skipped} up to date`;
    const summary = `${what}, ${failed} failed (${files.length + problemFiles.length} file${files.length + problemFiles.length === 1 ? '' : 's'}, ${seconds.toFixed(1)} s)`;
    io.stderr.write((failed ? c.red : c.green)(summary) + '\n');
    if (failed > 1 && !context.validateOnly) {
      io.stderr.write(c.bold('Failed:') + '\n' + reported.filter((f) => f.messages.some((m) => m.fatal || m.severity === 'error')).map((f) => `  ${printable(f.displayPath)}`).join('\n') + '\n');
    }
  }

  if (flags.report) {
    const runReport = {
      tool: `report ${context.version}`,
      seconds: Math.round(seconds * 1000) / 1000,
      totals: { files: files.length + problemFiles.length, built: built - skipped, skipped, failed },
      files: [
        ...problemFiles.map((f) => ({ path: f.displayPath, status: 'failed', outputs: {}, timings: {}, diagnostics: f.messages.map(toJsonMessage) })),
        ...results.map((r) => ({
          path: r.file.displayPath,
          status: r.status === 'built' && r.timings.cached ? 'skipped' : r.status,
          outputs: Object.fromEntries(Object.entries(r.outputs).map(([k, v]) => [k, relative(io.cwd, v!)])),
          timings: r.timings,
          ...(r.pdfPasses ? { pdfPasses: r.pdfPasses } : {}),
          // A skipped file's messages are those of the build that wrote its outputs, replayed from the cache.
          diagnostics: r.file.messages.map((m) => (r.timings.cached ? { ...toJsonMessage(m), fromCache: true } : toJsonMessage(m))),
        })),
      ],
    };
    await writeAtomic(runReportPath!, JSON.stringify(runReport, null, 2) + '\n');
  }

  return { failed, strictFailed };
}
