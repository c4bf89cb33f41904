/**
 * EventReport -> a self-contained HTML page (CSS and fonts inlined, no
 * external requests, every value from the notes escaped).
 */
import type { EventReport } from '../model/types.js';
import { fontFaceCss } from './fonts.js';
import { jsonLdScript } from './json-ld.js';
import { loadTemplate, type CompiledTemplate } from './template.js';
import { buildView, type ViewOptions } from './view.js';

export interface RenderOptions extends ViewOptions {
  template?: CompiledTemplate;
}

export function renderHtml(report: EventReport, options: RenderOptions = {}): string {
  const template = options.template ?? loadTemplate();
  const view = buildView(report, options);
  return template.render({ ...view, fontCss: fontFaceCss(), templateCss: template.css, jsonLd: jsonLdScript(report) });
}

export { buildView } from './view.js';
export { loadTemplate } from './template.js';
