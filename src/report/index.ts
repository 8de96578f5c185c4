/** The report: its types and schema, and the terminal, JSON and HTML renderers. */
export * from './types.js';
export { reportJsonSchema } from './schema.js';
export { renderTerminal, wantColour, type TerminalOptions } from './terminal.js';
export { renderJson } from './json.js';
export { renderReportDocument, renderReportFragment, type HtmlOptions } from './html.js';
export { escapeHtml, safeHttpUrl } from './escape.js';
export { summarise, LIKELY_SPUN_SCORE } from './verdict.js';
export { REPORT_CSS, REPORT_SCRIPT, reportCsp } from './assets.js';
