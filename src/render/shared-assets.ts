/**
 * `--html-assets shared`: the template's CSS and the fonts written once per site (assets/report.css and
 * assets/fonts/*.woff2), linked by every HTML report with a relative path, instead of inlined in each file
 * (a report inlines ~200 KB of fonts; a 1,000-event archive would hold the same bytes 1,000 times).
 */
import { dirname, join, relative } from 'node:path';
import { FONT_PATH_PREFIX, fontAssets, fontFaceCss } from './fonts.js';
import type { CompiledTemplate } from './template.js';

/** Where the shared style sheet sits in the site's folder. */
export const SHARED_STYLESHEET = 'assets/report.css';

/** The href from an HTML report at `htmlPath` to the style sheet of the site in `siteDir`. */
export function stylesheetHref(htmlPath: string, siteDir: string): string {
  const path = relative(dirname(htmlPath), join(siteDir, SHARED_STYLESHEET)).split('\\').join('/');
  const href = path
    .split('/')
    .map((segment) => (segment === '..' ? segment : encodeURIComponent(segment)))
    .join('/');
  // Never a scheme, whatever the folders are named (as the catalogue's links).
  return href.startsWith('../') ? href : `./${href}`;
}

/** The fonts' @font-face rules for a style sheet in assets/, beside the fonts/ folder. */
export function linkedFontCss(): string {
  // The printer's rules name the fonts under its own origin; here they sit beside the style sheet.
  return fontFaceCss('served').replaceAll(`url(${FONT_PATH_PREFIX}`, 'url(fonts/');
}

/** The font files, by path relative to the site's folder. */
export function fontFiles(): Map<string, Buffer> {
  return new Map([...fontAssets()].map(([path, font]) => [`assets/fonts/${path.slice(FONT_PATH_PREFIX.length)}`, font.body]));
}

/** The site's shared files, by path relative to its folder: the style sheet and the font files it names. */
export function sharedAssetFiles(template: CompiledTemplate): Map<string, string | Buffer> {
  const files = new Map<string, string | Buffer>();
  files.set(SHARED_STYLESHEET, linkedFontCss() + '\n' + template.css + '\n');
  for (const [path, body] of fontFiles()) files.set(path, body);
  return files;
}
