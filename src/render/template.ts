/**
 * Templates: a folder with `layout.hbs`, `partials/*.hbs`, `style.css` and
 * an optional `template.json`. A custom template overrides any subset of the
 * default's partials and falls back to the rest. Compiled once per run, from
 * strings, in strict mode, with a fixed set of helpers and no prototype access.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, extname, join, relative, resolve, sep } from 'node:path';
import Handlebars from 'handlebars';
import { diagnostic, type Diagnostic } from '../diagnostics/message.js';
import { packagePath } from '../package-root.js';
import { registerHelpers } from './helpers.js';

export const BUILT_IN_TEMPLATES_DIR = packagePath('templates');
export const DEFAULT_TEMPLATE_DIR = packagePath('templates', 'default');

export interface CompiledTemplate {
  dir: string;
  name: string;
  css: string;
  render: (view: unknown) => string;
  /** Files that make up the template, for cache keys and live preview. */
  files: string[];
  /** The programme logo the template brings (template.json `logo`), for notes that set none. */
  logo?: { src: string; alt: string };
}

const LOGO_TYPES: Record<string, string> = { '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.webp': 'image/webp' };

/** template.json's `logo`, read from inside the template folder and embedded. */
function templateLogo(dir: string, files: string[]): CompiledTemplate['logo'] {
  const metaFile = join(dir, 'template.json');
  if (!existsSync(metaFile)) return undefined;
  files.push(metaFile);
  let meta: { logo?: { src?: unknown; alt?: unknown } };
  try {
    meta = JSON.parse(readFileSync(metaFile, 'utf8')) as typeof meta;
  } catch (error) {
    throw new TemplateError([diagnostic('template-syntax', `template.json is not valid JSON: ${(error as Error).message}`, undefined, { fatal: true })], metaFile);
  }
  const logo = meta.logo;
  if (!logo) return undefined;
  const src = typeof logo.src === 'string' ? logo.src : '';
  const type = LOGO_TYPES[extname(src).toLowerCase()];
  const path = resolve(dir, src);
  if (!src || !type || typeof logo.alt !== 'string' || !logo.alt || !path.startsWith(resolve(dir) + sep) || !existsSync(path)) {
    throw new TemplateError(
      [diagnostic('template-logo', 'template.json `logo` must be { "src": "<png, jpg, webp or svg inside the template folder>", "alt": "<description>" }', undefined, { fatal: true })],
      metaFile,
    );
  }
  files.push(path);
  return { src: `data:${type};base64,${readFileSync(path).toString('base64')}`, alt: logo.alt };
}

export class TemplateError extends Error {
  constructor(readonly diagnostics: Diagnostic[], readonly file: string) {
    super(diagnostics.map((d) => d.reason).join('; '));
  }
}

/** A template folder's files: its layout, style sheet and partials (those it has). */
export function readDir(dir: string): { layout?: string; css?: string; partials: Map<string, string>; files: string[] } {
  const partials = new Map<string, string>();
  const files: string[] = [];
  const partialDir = join(dir, 'partials');
  if (existsSync(partialDir) && statSync(partialDir).isDirectory()) {
    for (const name of readdirSync(partialDir).sort()) {
      if (!name.endsWith('.hbs')) continue;
      const file = join(partialDir, name);
      partials.set(basename(name, '.hbs'), file);
      files.push(file);
    }
  }
  const layout = join(dir, 'layout.hbs');
  const css = join(dir, 'style.css');
  if (existsSync(layout)) files.push(layout);
  if (existsSync(css)) files.push(css);
  return { layout: existsSync(layout) ? layout : undefined, css: existsSync(css) ? css : undefined, partials, files };
}

/** Handlebars' parse errors name a line; turn them into a diagnostic on the template file. */
function templateDiagnostic(file: string, error: unknown): TemplateError {
  const message = String((error as Error)?.message ?? error);
  const line = /line (\d+)/.exec(message);
  const place = line ? { start: { line: Number(line[1]), column: 1 } } : undefined;
  return new TemplateError([diagnostic('template-syntax', `Template error in ${basename(file)}: ${message.split('\n')[0]}`, place, { fatal: true })], file);
}

const cache = new Map<string, CompiledTemplate>();

/** Where the build writes the built-in templates' files precompiled (see scripts/bundle.mjs). */
export const PRECOMPILED_TEMPLATES = ['dist', 'render', 'precompiled-templates.cjs'] as const;
/** The options every template file is compiled with, at run time or by the build. */
export const COMPILE_OPTIONS = { strict: true, preventIndent: true } as const;

/** A template file's digest, which its precompiled form must carry to be used. */
export function sourceDigest(source: string): string {
  return createHash('sha256').update(source).digest('hex');
}

type PrecompiledFile = { digest: string; spec: TemplateSpecification };
let precompiled: Record<string, PrecompiledFile> | null | undefined;

/**
 * A built-in template file as the build precompiled it, when it was
 * precompiled from this very text: compiling at run time costs every run
 * (and every worker thread) ~25 ms before its first report.
 */
function precompiledSpec(file: string, source: string): TemplateSpecification | undefined {
  if (precompiled === undefined) {
    try {
      precompiled = (createRequire(import.meta.url)(packagePath(...PRECOMPILED_TEMPLATES)) as { templates: Record<string, PrecompiledFile> }).templates;
    } catch {
      precompiled = null;
    }
  }
  const key = relative(BUILT_IN_TEMPLATES_DIR, file).split(sep).join('/');
  const entry = precompiled?.[key];
  return entry && entry.digest === sourceDigest(source) ? entry.spec : undefined;
}

/**
 * Compile a template folder, once per run (`fresh` reads it again, for live preview; `precompiled: false`
 * ignores what the build precompiled, to compare the two).
 */
export function loadTemplate(dir: string = DEFAULT_TEMPLATE_DIR, options: { fresh?: boolean; precompiled?: boolean } = {}): CompiledTemplate {
  const cached = options.fresh ? undefined : cache.get(dir);
  if (cached) return cached;
  const fallback = readDir(DEFAULT_TEMPLATE_DIR);
  const own = dir === DEFAULT_TEMPLATE_DIR ? fallback : readDir(dir);
  const env = Handlebars.create();
  registerHelpers(env);
  const partialFiles = new Map([...fallback.partials, ...own.partials]);
  const compileFile = (file: string) => {
    const source = readFileSync(file, 'utf8');
    const spec = options.precompiled === false ? undefined : precompiledSpec(file, source);
    if (spec) return env.template(spec);
    try {
      Handlebars.parse(source); // syntax errors surface now, naming the file and line
    } catch (error) {
      throw templateDiagnostic(file, error);
    }
    return env.compile(source, COMPILE_OPTIONS);
  };
  for (const [name, file] of partialFiles) env.registerPartial(name, compileFile(file));
  const compiled = compileFile(own.layout ?? fallback.layout!);
  const css = [fallback.css, own !== fallback ? own.css : undefined]
    .filter((f): f is string => !!f)
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');
  const files = [...new Set([...fallback.files, ...own.files])];
  const logo = templateLogo(dir, files);
  const template: CompiledTemplate = {
    dir,
    name: basename(dir),
    css,
    files,
    ...(logo ? { logo } : {}),
    render: (view) =>
      compiled(view, {
        allowProtoPropertiesByDefault: false,
        allowProtoMethodsByDefault: false,
      }),
  };
  if (options.precompiled !== false) cache.set(dir, template);
  return template;
}

/** Built-in templates: each folder under templates/. */
export function builtInTemplates(): Array<{ name: string; description: string }> {
  return readdirSync(BUILT_IN_TEMPLATES_DIR)
    .filter((name) => existsSync(join(BUILT_IN_TEMPLATES_DIR, name, 'template.json')))
    .sort()
    .map((name) => {
      const meta = JSON.parse(readFileSync(join(BUILT_IN_TEMPLATES_DIR, name, 'template.json'), 'utf8')) as { description?: string };
      return { name, description: meta.description ?? '' };
    });
}
