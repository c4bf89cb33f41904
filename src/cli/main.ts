/**
 * The command line. `main(argv, io)` returns the exit code; only this folder
 * touches the process and the console (through `io`).
 *
 * Exit codes: 0 success, 1 a document failed, 2 the run itself could not
 * proceed (bad flag, unreadable config, no browser, output clash).
 */
import { Command, CommanderError, Option } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { packagePath } from '../package-root.js';
import { runBuild, type CommandContext } from './build-command.js';
import { runCompendium, type CompendiumFlags } from './compendium-command.js';
import { runExplain } from './explain-command.js';
import { runFix } from './fix-command.js';
import { runImport } from './import-command.js';
import { runInit } from './init-command.js';
import { runPreview } from './preview-command.js';
import { runSchema } from './schema-command.js';
import { runTemplates } from './templates-command.js';
import type { CliIo } from './io.js';
import { RunError } from './run-error.js';
import { printable } from '../diagnostics/printable-text.js';

/** Text printed by the CLI itself, which may quote paths and values: printable, keeping its own line breaks. */
const printableLines = (text: string) => text.split('\n').map(printable).join('\n');

export type { CliIo } from './io.js';

export const VERSION: string = (JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { version: string }).version;
/** The build's identity (a digest of its scripts, written by `npm run build`), or '' without one. */
export const BUILD_ID: string = existsSync(packagePath('dist', 'build-id.txt')) ? readFileSync(packagePath('dist', 'build-id.txt'), 'utf8').trim() : '';

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode = 0;
  const program = new Command();
  program
    .name('report')
    .description('Turn workshop notes (Markdown or YAML) into validated HTML and PDF event reports.')
    .version(VERSION, '-v, --version')
    .showHelpAfterError('(run `report --help` for usage)')
    // Commander repeats arguments (unknown options, bad values) in its errors: printable, line by line.
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(printableLines(s)) })
    .exitOverride();
  const registration: Registration = { program, io, exit: (code) => (exitCode = code) };
  for (const register of COMMANDS) register(registration);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    return exitCodeOf(error, io);
  }
}

/** The one catch point: what stopped the run, said once, and its exit code. */
function exitCodeOf(error: unknown, io: CliIo): number {
  if (error instanceof CommanderError) {
    // --help and --version end here too, with exit code 0.
    return error.exitCode === 0 ? 0 : 2;
  }
  if (error instanceof RunError) {
    io.stderr.write(`report: ${printableLines(error.message)}\n`);
    return error.exitCode;
  }
  io.stderr.write(
    `report: internal error: ${printableLines((error as Error)?.stack ?? String(error))}\n` +
      'This is a bug in report, not in your notes. Please report it with the command you ran.\n',
  );
  return 2;
}

/** What a command's registration is given: the program, the process's io, and where its action puts the exit code. */
interface Registration {
  program: Command;
  io: CliIo;
  exit: (code: number) => void;
}

const context = (validateOnly: boolean): CommandContext => ({ validateOnly, version: VERSION, build: BUILD_ID });

/** The options `build` and `validate` share. */
function withBuildLikeOptions(cmd: Command): Command {
  return cmd
    .option('-c, --config <file>', 'config file (default: report.config.yaml found upward from the notes)')
    .option('--strict', 'treat warnings as errors')
    .addOption(new Option('--diagnostics <format>', 'how problems are reported').choices(['stylish', 'json', 'github', 'junit']).default('stylish'))
    .option('-q, --quiet', 'report errors only')
    .option('--allow-root <dir>', 'a folder images may come from besides the notes’ own folder')
    .option('--timeout <seconds>', 'time limit of one file, every stage from reading to writing (default 60)')
    .option('--max-memory <MiB>', 'heap limit of one file while it is parsed, validated and rendered (default 1024)');
}

function registerBuild({ program, io, exit }: Registration): void {
  withBuildLikeOptions(
    program
      .command('build')
      .description('validate notes and build reports (HTML, PDF, JSON)')
      .argument('<inputs...>', 'notes files, folders or globs')
      .option('-o, --out <dir>', 'output folder (default: beside each input)')
      .option('-f, --format <list>', 'outputs: html,pdf,json (default: html,pdf)')
      .option('-t, --template <name|dir>', 'built-in template name or template folder')
      .option('-l, --language <tag>', 'language of labels and dates (overrides the notes)')
      .addOption(new Option('--page-size <size>', 'paper size').choices(['A4', 'a4', 'Letter', 'letter']))
      .addOption(new Option('--pdf-standard <standard>', 'what the PDF meets: PDF/UA-1 and PDF/A-2b, PDF/UA-1, or as printed').choices(['ua+a-2b', 'ua', 'none']).default('ua+a-2b'))
      .addOption(new Option('--edition <edition>', 'public leaves out what the notes mark internal; internal keeps it, with a notice on every page').choices(['public', 'internal']).default('public'))
      .option('-j, --concurrency <n>', 'pages printing at once (default: from the CPU count)')
      .option('--workers <n>', 'worker threads that parse and render (default: one per CPU core for 64 files or more without PDF, 2 with PDF, otherwise 1)')
      .option('--browser <path>', 'Chrome or Chromium to print with')
      .option('--no-sandbox', 'run Chromium without its sandbox (automatic when running as root)')
      .option('--fail-fast', 'stop at the first file that fails')
      .option('--force', 'rebuild even when outputs are up to date')
      .option('--no-cache', 'neither read nor write the build cache')
      .option('--shard <i/n>', 'build only shard i of n (for CI matrices)')
      .option('--report <file>', 'write a machine-readable run report (JSON) to this file')
      .option('--no-catalogue', 'do not write the archive site (index.html, search, catalogue.json) for a batch')
      .option('--compendium', 'also write the compendium of the good practices (compendium.html, .pdf with pdf, practices.json, practices.csv) beside the site')
      .addOption(new Option('--html-assets <mode>', 'fonts and CSS: shared (written once in assets/, linked; default for a batch with a catalogue) or inline (in each file)').choices(['shared', 'inline'])),
  ).action(async (inputs: string[], options: Record<string, unknown>) => {
    exit(await runBuild(inputs, options, io, context(false)));
  });
}

function registerValidate({ program, io, exit }: Registration): void {
  withBuildLikeOptions(
    program
      .command('validate')
      .alias('lint')
      .description('check notes without rendering; reports every file')
      .argument('<inputs...>', 'notes files, folders or globs')
      .addOption(new Option('--format <format>', 'how problems are reported').choices(['stylish', 'json', 'github', 'junit'])),
  ).action(async (inputs: string[], options: Record<string, unknown>) => {
    if (options.format) options.diagnostics = options.format;
    // For validate, --format names the report format, not outputs to build.
    delete options.format;
    exit(await runBuild(inputs, options, io, context(true)));
  });
}

function registerFix({ program, io, exit }: Registration): void {
  program
    .command('fix')
    .description('rewrite notes into their canonical form (keys, dates, addresses, short forms), keeping comments and wording')
    .argument('<files...>', 'notes files, folders or globs')
    .option('-n, --dry-run', 'print a unified diff instead of writing')
    .action(async (files: string[], options: { dryRun?: boolean }) => {
      exit(await runFix(files, options, io));
    });
}

function registerSchema({ program, io, exit }: Registration): void {
  program
    .command('schema')
    .description('print a JSON Schema (event, practice or config)')
    .addArgument(new Command().createArgument('[name]', 'which schema').choices(['event', 'practice', 'config']).default('event'))
    .action((name: 'event' | 'practice' | 'config') => {
      exit(runSchema(name, io));
    });
}

function registerInit({ program, io, exit }: Registration): void {
  program
    .command('init')
    .description('write a new notes file with every section, ready to fill in')
    .argument('[file]', 'the file to create', undefined)
    .option('--yaml', 'write YAML notes instead of Markdown')
    .option('--force', 'overwrite an existing file')
    .action(async (file: string | undefined, options: { yaml?: boolean; force?: boolean }) => {
      exit(await runInit(file, options, io));
    });
}

function registerPreview({ program, io, exit }: Registration): void {
  program
    .command('preview')
    .description('serve a live preview on 127.0.0.1 that rebuilds when the notes, template or config change')
    .argument('<notes>', 'the notes file')
    .option('-p, --port <port>', 'port on 127.0.0.1 (0 picks a free one)', '4321')
    .option('-t, --template <name|dir>', 'built-in template name or template folder')
    .option('-l, --language <tag>', 'language of labels and dates')
    .addOption(new Option('--edition <edition>', 'public leaves out what the notes mark internal; internal keeps it, with a notice on every page').choices(['public', 'internal']).default('public'))
    .action(async (notes: string, options: { port?: string; template?: string; language?: string; edition?: 'public' | 'internal' }) => {
      exit(await runPreview(notes, options, io));
    });
}

function registerExplain({ program, io, exit }: Registration): void {
  program
    .command('explain')
    .description('show what the tool understood of a notes file: an outline with source lines')
    .argument('<file>', 'a notes file')
    .addOption(new Option('--format <format>', 'outline as text or JSON').choices(['text', 'json']).default('text'))
    .action(async (file: string, options: { format?: string }) => {
      exit(await runExplain(file, options, io));
    });
}

function registerImport({ program, io, exit }: Registration): void {
  program
    .command('import')
    .description('turn past reports (PDF, Word .docx, HTML, plain text) into notes; says per file what needs a look')
    .argument('<files...>', 'reports, folders or globs')
    .option('-o, --out <dir>', 'folder for the notes (default: beside each report)')
    .option('--build', 'build the imported notes too, as `report build` does')
    .option('-f, --format <list>', 'with --build: outputs html,pdf,json')
    .option('-t, --template <name|dir>', 'with --build: the template')
    .option('-j, --concurrency <n>', 'reports read at once')
    .option('--force', 'replace notes files that exist')
    .action(async (files: string[], options: Record<string, unknown>) => {
      exit(await runImport(files, options, io, context(false)));
    });
}

function registerCompendium({ program, io, exit }: Registration): void {
  program
    .command('compendium')
    .description('gather every good practice of the events given, each once, into compendium.html/.pdf, practices.json and practices.csv')
    .argument('<inputs...>', 'notes files, folders or globs')
    .option('-o, --out <dir>', 'output folder (default: the current folder)')
    .option('-f, --format <list>', 'outputs: html,pdf,json,csv (default: all four)')
    .option('--title <text>', 'the compendium\'s title (default: Good practices)')
    .option('-l, --language <tag>', 'language of labels and dates')
    .addOption(new Option('--page-size <size>', 'paper size').choices(['A4', 'a4', 'Letter', 'letter']))
    .addOption(new Option('--edition <edition>', 'public leaves out practices the notes mark internal; internal keeps them, with a notice on every page').choices(['public', 'internal']).default('public'))
    .option('--allow-root <dir>', 'a folder practice files and images may come from besides the notes’ own folder')
    .option('--browser <path>', 'Chrome or Chromium to print with')
    .option('--no-sandbox', 'run Chromium without its sandbox (automatic when running as root)')
    .option('--timeout <seconds>', 'printing time limit')
    .action(async (inputs: string[], options: CompendiumFlags) => {
      exit(await runCompendium(inputs, options, io, `report ${VERSION}`));
    });
}

function registerTemplates({ program, io, exit }: Registration): void {
  program
    .command('templates')
    .description('list the built-in templates')
    .action(() => {
      exit(runTemplates(io));
    });
}

/** Every command, in the order `report --help` lists them. */
const COMMANDS: ReadonlyArray<(registration: Registration) => void> = [
  registerBuild,
  registerValidate,
  registerFix,
  registerSchema,
  registerInit,
  registerPreview,
  registerExplain,
  registerImport,
  registerCompendium,
  registerTemplates,
];
