/**
 * `report preview notes.md`: serve the report on 127.0.0.1, rebuild when the
 * notes, the template or the config change, and reload the browser tab.
 * Problems show in the page and in the terminal; the server keeps running.
 */
import { watch, type FSWatcher } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { findConfig, loadConfig } from '../config/load-config.js';
import { formatStylish } from '../diagnostics/reporters.js';
import type { SourceFile } from '../diagnostics/source-file.js';
import { normalise } from '../model/normalise.js';
import type { EventNotes } from '../model/types.js';
import { notesFormatOf, parseNotes } from '../parse/index.js';
import { locateText } from '../parse/parsed-notes.js';
import { resolveImages } from '../read/images.js';
import { findImageReferences } from '../render/image-references.js';
import { prepareReport } from '../render/index.js';
import { BUILT_IN_TEMPLATES_DIR, loadTemplate, TemplateError } from '../render/template.js';
import { validateNotes } from '../validate/index.js';
import type { CliIo } from './io.js';
import { RunError } from './run-error.js';

const RELOAD_SCRIPT = `new EventSource('/__events').onmessage = () => location.reload();`;

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export interface PreviewHandle {
  url: string;
  close: () => Promise<void>;
}

export async function startPreview(input: string, options: { port?: number; template?: string; language?: string }, io: CliIo): Promise<PreviewHandle> {
  const path = resolve(io.cwd, input);
  const format = notesFormatOf(path);
  if (!format) throw new RunError(`Expected a notes file ending in .md, .markdown, .yaml or .yml, not ${input}`);
  const display = relative(io.cwd, path) || path;
  let page = '<!DOCTYPE html><title>report preview</title><p>Building…</p>';
  const clients = new Set<ServerResponse>();
  let watchedFiles: string[] = [];

  const build = async (): Promise<void> => {
    const file: SourceFile = { path, displayPath: display, messages: [] };
    let html: string | undefined;
    try {
      const configPath = findConfig(dirname(path));
      const config = configPath ? loadConfig(configPath, relative(io.cwd, configPath)).values : {};
      const templateName = options.template ?? config.template;
      const templateDir = !templateName ? undefined : /[\\/]/.test(templateName) ? resolve(io.cwd, templateName) : resolve(BUILT_IN_TEMPLATES_DIR, templateName);
      const template = loadTemplate(templateDir, { fresh: true });
      watchedFiles = [path, ...(configPath ? [configPath] : []), ...template.files];
      const parsed = parseNotes(await readFile(path, 'utf8'), format);
      file.messages.push(...parsed.messages);
      if (parsed.data !== undefined) {
        file.messages.push(...validateNotes(parsed));
        if (!file.messages.some((m) => m.severity === 'error')) {
          const notes = parsed.data as EventNotes;
          const report = normalise(config.language && !notes.language ? { ...notes, language: config.language } : notes);
          const images = await resolveImages(findImageReferences(report), path, (p, needle) => locateText(parsed, p, needle));
          file.messages.push(...images.messages);
          html = prepareReport(report, { template, language: options.language, resolveImage: (src) => images.dataUrls.get(src) }).html();
        }
      }
    } catch (error) {
      const reason = error instanceof TemplateError ? error.message : String((error as Error).message ?? error);
      file.messages.push({ ruleId: 'preview', severity: 'error', reason });
    }
    const report = formatStylish([file]);
    if (report) io.stderr.write(report);
    io.stderr.write(`${new Date().toLocaleTimeString()} ${html ? 'rebuilt' : 'has problems'}: ${display}\n`);
    const problems = report ? `<pre class="report-preview-problems" style="background:#fff3f3;color:#8a1010;padding:1em;white-space:pre-wrap;border-bottom:2px solid #c00;margin:0">${escapeHtml(report)}</pre>` : '';
    const body = html ?? '<!DOCTYPE html><html><head><meta charset="utf-8"><title>report preview</title></head><body></body></html>';
    // The preview adds its reload script; the report's own CSP is relaxed for it only here.
    page = body
      .replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '')
      .replace('<body>', `<body>${problems}`)
      .replace('</body>', `<script>${RELOAD_SCRIPT}</script></body>`);
    for (const client of clients) client.write('data: reload\n\n');
  };

  await build();

  const server = createServer((request, response) => {
    if (request.url === '/__events') {
      response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
      response.write(': connected\n\n');
      clients.add(response);
      request.on('close', () => clients.delete(response));
      return;
    }
    if (request.url === '/' || request.url?.startsWith('/?')) {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
      response.end(page);
      return;
    }
    response.writeHead(404, { 'Content-Type': 'text/plain' });
    response.end('Not found');
  });
  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4321, '127.0.0.1', () => resolvePromise());
  });
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : options.port}/`;

  // Watch the folders (editors replace files on save, which ends a watch on the file itself).
  let timer: NodeJS.Timeout | undefined;
  let watchers: FSWatcher[] = [];
  const rewatch = () => {
    for (const w of watchers) w.close();
    const folders = [...new Set(watchedFiles.map((f) => dirname(f)))];
    watchers = folders.map((folder) =>
      watch(folder, (_event, name) => {
        if (name && !watchedFiles.some((f) => f.endsWith(String(name)))) return;
        clearTimeout(timer);
        timer = setTimeout(() => {
          void build().then(rewatch);
        }, 80);
      }),
    );
  };
  rewatch();

  return {
    url,
    close: async () => {
      clearTimeout(timer);
      for (const w of watchers) w.close();
      for (const client of clients) client.end();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

export async function runPreview(input: string, options: { port?: string; template?: string; language?: string }, io: CliIo): Promise<number> {
  const port = options.port === undefined ? 4321 : Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RunError(`Expected --port to be a port number, not \`${options.port}\``);
  const handle = await startPreview(input, { port, template: options.template, language: options.language }, io);
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
