// Every text that a chart puts into HTML (an ECharts tooltip formatter's string is rendered as HTML) passes
// through here: names come from imports and editors, and must show as text, never as markup.
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** The text with & < > " ' as entities; null and undefined as ''. */
export function escapeHtml(v: unknown): string {
  return v === null || v === undefined ? '' : String(v).replace(/[&<>"']/g, (c) => ENTITIES[c]);
}
