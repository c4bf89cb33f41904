/**
 * `report preview notes.md`: serve the report on 127.0.0.1, rebuild when the
 * notes, the template or the config change, and reload the browser tab.
 * Problems show in the page and in the terminal; the server keeps running.
 */
import { watch, type FSWatcher } from 'node:fs';
import { createServer, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { dirname, relative, resolve } from 'node:path';
import { resolveConfig, type ResolvedConfig, type WrittenConfig } from '../config/load-config.js';
import { printable } from '../diagnostics/printable-text.js';
import { formatStylish } from '../diagnostics/reporters.js';
import type { SourceFile } from '../diagnostics/source-file.js';
import { escapeHtml } from '../escape-html.js';
import { notesFormatOf } from '../parse/index.js';
import type { Edition } from '../model/edition.js';
import { prepareFile } from '../pipeline.js';
import { formatOutline } from '../render/outline.js';
import { TemplateError } from '../render/template.js';
import { resolveTemplate } from './build-options.js';
import type { CliIo } from './io.js';
import { RunError } from './run-error.js';

const RELOAD_SCRIPT = `new EventSource('/__events').onmessage = () => location.reload();`;


export interface PreviewHandle {
  url: string;
  close: () => Promise<void>;
}

export async function startPreview(input: string, options: PreviewOptions, io: CliIo): Promise<PreviewHandle> {
  const path = resolve(io.cwd, input);
  const format = notesFormatOf(path);
  if (!format) throw new RunError(`Expected a notes file ending in .md, .markdown, .yaml or .yml, not ${input}`);
  const display = relative(io.cwd, path) || path;
  let preview: BuiltPreview = { page: '<!DOCTYPE html><title>report preview</title><p>Building…</p>', watched: [] };
  const clients = new Set<ServerResponse>();
  const build = async (): Promise<void> => {
    preview = await buildPreview(path, display, options, io, preview.watched);
    for (const client of clients) client.write('data: reload\n\n');
  };
  await build();

  const allowedHosts = new Set<string>();
  const server = createServer(answerRequests(() => preview.page, clients, allowedHosts));
  const boundPort = await listenOnLoopback(server, options.port ?? 4321);
  allowedHosts.add(`127.0.0.1:${boundPort}`).add(`localhost:${boundPort}`);
  const watcher = watchForChanges(() => preview.watched, build);
  return {
    url: `http://127.0.0.1:${boundPort}/`,
    close: async () => {
      watcher.close();
      for (const client of clients) client.end();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

export interface PreviewOptions {
  port?: number;
  template?: string;
  language?: string;
  /** `public` (the default) leaves out what the notes mark internal, as `report build` does. */
  edition?: Edition;
}

/** The page served, and the files whose change rebuilds it (the notes, the config files, the template's, the practice files). */
interface BuiltPreview {
  page: string;
  watched: string[];
}

/** What `renderPreview` gives: the report's HTML and the outline of what the reader understood (as `report explain` prints it). */
interface RenderedPreview {
  html: string | undefined;
  outline: string;
}

/**
 * One build of the preview: problems in the terminal and at the top of the page. `watched`: the files of the
 * previous build, kept when this one fails before it knows its own.
 */
async function buildPreview(path: string, display: string, options: PreviewOptions, io: CliIo, watched: string[]): Promise<BuiltPreview> {
  const file: SourceFile = { path, displayPath: display, messages: [] };
  /** Config files with problems: shown with the notes' own; errors there stop the build, not the preview. */
  let extraFiles: SourceFile[] = [];
  let rendered: RenderedPreview = { html: undefined, outline: '' };
  try {
    const config = resolveConfig({ cwd: io.cwd, startDir: dirname(path) });
    const configFiles = config.loaded.flatMap((l) => (l.file ? [l.file] : []));
    watched = [path, ...configFiles.map((f) => f.path)];
    extraFiles = configFiles.filter((f) => f.messages.length > 0);
    if (!extraFiles.some((f) => f.messages.some((m) => m.severity === 'error'))) rendered = await renderPreview(path, config, options, io, file, watched);
  } catch (error) {
    const reason = error instanceof TemplateError ? error.message : String((error as Error).message ?? error);
    file.messages.push({ ruleId: 'preview', severity: 'error', reason });
  }
  const report = formatStylish([...extraFiles, file]);
  if (report) io.stderr.write(report);
  io.stderr.write(`${new Date().toLocaleTimeString()} ${rendered.html ? 'rebuilt' : 'has problems'}: ${printable(display)}\n`);
  return { page: previewPage(rendered, report), watched };
}

/**
 * The build's template resolution and the build's pipeline: the same reader (size, encoding, no FIFO), the same
 * practice files, rules, images (and the config's allowRoot) as `report build`. The file's problems go to `file`,
 * the files it was made from to `watched`.
 */
async function renderPreview(path: string, resolved: ResolvedConfig, options: PreviewOptions, io: CliIo, file: SourceFile, watched: string[]): Promise<RenderedPreview> {
  const config: WrittenConfig = resolved.values;
  const template = resolveTemplate(options.template ?? config.template, options.template ? io.cwd : resolved.base, true);
  watched.push(...template.files);
  const prepared = await prepareFile(
    { path, root: dirname(path) },
    {
      cwd: io.cwd,
      formats: new Set(['html']),
      template,
      language: options.language,
      defaultLanguage: config.language,
      pageSize: config.pageSize === 'Letter' || config.pageSize === 'letter' ? 'Letter' : 'A4',
      strict: false,
      allowedRoot: config.allowRoot,
      inputPaths: new Set([path]),
      generator: 'report preview',
      edition: options.edition ?? 'public',
      outline: true,
    },
  );
  file.messages.push(...prepared.result.file.messages);
  watched.push(...(prepared.result.practiceSources ?? []).map((s) => s.path));
  const html = prepared.outputs?.find((o) => o.format === 'html')?.data;
  const outline = prepared.result.outline?.length ? formatOutline(prepared.result.outline, file.displayPath) : '';
  return { html: typeof html === 'string' ? html : undefined, outline };
}

/**
 * The outline beside the report, as `report explain` prints it: fixed at the page's right, folded with its
 * summary, left out of print.
 */
function outlinePanel(outline: string): string {
  if (!outline) return '';
  return (
    '<style>.report-preview-outline{position:fixed;top:0;right:0;max-width:38em;max-height:100vh;overflow:auto;z-index:10;background:#f6f7f9;' +
    'border-left:2px solid #1d3a6b;border-bottom:2px solid #1d3a6b;font:12px/1.4 ui-monospace,monospace;color:#111}' +
    '.report-preview-outline summary{cursor:pointer;padding:.5em 1em;font-weight:bold;font-family:system-ui,sans-serif}' +
    '.report-preview-outline pre{margin:0;padding:0 1em 1em;white-space:pre-wrap}@media print{.report-preview-outline{display:none}}</style>' +
    `<aside class="report-preview-outline" aria-label="What report understood"><details open><summary>What report understood (report explain)</summary><pre>${escapeHtml(outline)}</pre></details></aside>`
  );
}

/** The report (or an empty page) with the problems above it, the outline beside it and the reload script. */
function previewPage({ html, outline }: RenderedPreview, problemsText: string): string {
  const problems = problemsText
    ? `<pre class="report-preview-problems" style="background:#fff3f3;color:#8a1010;padding:1em;white-space:pre-wrap;border-bottom:2px solid #c00;margin:0">${escapeHtml(problemsText)}</pre>`
    : '';
  const body = html ?? '<!DOCTYPE html><html><head><meta charset="utf-8"><title>report preview</title></head><body></body></html>';
  // The preview adds its reload script; the report's own CSP is relaxed for it only here.
  // Replacement functions, not strings: text from the notes may hold `$'` or `$&`, which a string would expand.
  return body
    .replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, () => '')
    .replace('<body>', () => `<body>${problems}`)
    .replace('</body>', () => `${outlinePanel(outline)}<script>${RELOAD_SCRIPT}</script></body>`);
}

/** The server's answers: the page, its reload events, and nothing for a Host (or Origin) that is not ours. */
function answerRequests(page: () => string, clients: Set<ServerResponse>, allowedHosts: ReadonlySet<string>): RequestListener {
  return (request, response) => {
    // DNS rebinding: a page of another site whose name now resolves to 127.0.0.1 sends its own Host (and Origin).
    const origin = request.headers.origin;
    if (!allowedHosts.has(request.headers.host ?? '') || (origin !== undefined && !allowedHosts.has(origin.replace(/^http:\/\//, '')))) {
      response.writeHead(403, { 'Content-Type': 'text/plain' });
      response.end('Forbidden: the preview answers only http://127.0.0.1 and http://localhost on its own port');
      return;
    }
    if (request.url === '/__events') {
      response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
      response.write(': connected\n\n');
      clients.add(response);
      request.on('close', () => clients.delete(response));
      return;
    }
    if (request.url === '/' || request.url?.startsWith('/?')) {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
      response.end(page());
      return;
    }
    response.writeHead(404, { 'Content-Type': 'text/plain' });
    response.end('Not found');
  };
}

/** Listens on 127.0.0.1 only; the port it got (`0` picks a free one). A port in use or forbidden is a `RunError`. */
async function listenOnLoopback(server: Server, port: number): Promise<number> {
  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') reject(new RunError(`Port ${port} on 127.0.0.1 is already in use; choose another with \`--port <n>\`, or \`--port 0\` for a free one`));
      else if (error.code === 'EACCES') reject(new RunError(`Port ${port} on 127.0.0.1 may not be used by this user; choose one above 1023 with \`--port <n>\`, or \`--port 0\` for a free one`));
      else reject(error);
    });
    server.listen(port, '127.0.0.1', () => resolvePromise());
  });
  const address = server.address();
  return typeof address === 'object' && address ? address.port : port;
}

/**
 * Rebuilds when a watched file changes, then watches the files of the new build. Folders are watched, not the
 * files: editors replace files on save, which ends a watch on the file itself.
 */
function watchForChanges(watched: () => readonly string[], rebuild: () => Promise<void>): { close: () => void } {
  let timer: NodeJS.Timeout | undefined;
  let watchers: FSWatcher[] = [];
  const rewatch = () => {
    for (const w of watchers) w.close();
    const folders = [...new Set(watched().map((f) => dirname(f)))];
    watchers = folders.map((folder) =>
      watch(folder, (_event, name) => {
        if (name && !watched().some((f) => f.endsWith(String(name)))) return;
        clearTimeout(timer);
        timer = setTimeout(() => {
          void rebuild().then(rewatch);
        }, 80);
      }),
    );
  };
  rewatch();
  return {
    close: () => {
      clearTimeout(timer);
      for (const w of watchers) w.close();
    },
  };
}

export async function runPreview(input: string, options: { port?: string; template?: string; language?: string; edition?: Edition }, io: CliIo): Promise<number> {
  const port = options.port === undefined ? 4321 : Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RunError(`Expected --port to be a port number, not \`${options.port}\``);
  const handle = await startPreview(input, { port, template: options.template, language: options.language, edition: options.edition }, io);
  io.stdout.write(`Previewing ${input} at ${handle.url} (Ctrl-C to stop)\n`);
  await new Promise<void>((resolvePromise) => {
    const stop = io.onInterrupt?.(async () => {
      await handle.close();
      resolvePromise();
    });
    void stop;
  });
  return 0;
}
