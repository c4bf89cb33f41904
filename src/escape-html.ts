/**
 * The one escaper for text put into HTML or XML by our own code (the catalogue, the preview's problems, JUnit
 * reports): element content and quoted attribute values alike. Templates escape through Handlebars.
 */
const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ENTITIES[ch]!);
}
