/**
 * The web page at `/`: one form (paste a URL, HTML or text), posted to the server and answered
 * with the same page plus the report fragment from the HTML renderer. It works without
 * JavaScript; the only script is the report's hashed keyboard helper. Everything echoed back
 * (the pasted input included) goes through escapeHtml.
 */
import { REPORT_CSS, REPORT_SCRIPT_HASH, sha256Source } from '../report/assets.js';
import { escapeHtml as h } from '../report/escape.js';
import { htmlDocument, renderReportFragment } from '../report/html.js';
import type { Report } from '../report/types.js';

export const PAGE_CSS = `
header{background:var(--panel);border-bottom:1px solid var(--muted)}
header .wrap{max-width:72rem;margin:0 auto;padding:.4rem 1rem}
header p{margin:.2rem 0 .6rem;color:var(--muted)}
form{display:grid;gap:.6rem;max-width:46rem}
label{font-weight:600}
textarea{width:100%;min-height:10rem;font:15px/1.4 ui-monospace,Menlo,Consolas,monospace;padding:.5rem;border:1px solid var(--muted);border-radius:4px;background:var(--bg);color:var(--fg)}
fieldset{border:1px solid var(--muted);border-radius:4px;padding:.3rem .8rem}
fieldset label{font-weight:400;margin-right:1rem;display:inline-block;padding:.2rem 0}
button{justify-self:start;font:inherit;font-weight:600;padding:.55rem 1.4rem;border-radius:4px;border:2px solid var(--focus);background:var(--focus);color:#fff;cursor:pointer}
.error{border-left:6px solid #c62828;background:var(--del);padding:.6rem 1rem;border-radius:4px;max-width:46rem}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:var(--bg);padding:.3rem}
`;

export const PAGE_STYLE_HASHES = [sha256Source(REPORT_CSS), sha256Source(PAGE_CSS)];

/** CSP of the web page: our hashed style and script only; the form posts back to this origin. */
export function pageCsp(): string {
  return [
    "default-src 'none'",
    `style-src ${PAGE_STYLE_HASHES.join(' ')}`,
    `script-src ${REPORT_SCRIPT_HASH}`,
    "img-src 'none'",
    "connect-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export type InputKind = 'auto' | 'url' | 'html' | 'text';

export interface PageState {
  input?: string;
  kind?: InputKind;
  report?: Report;
  error?: { status: number; message: string };
  allowPrivate?: boolean;
}

function kindRadio(value: InputKind, label: string, chosen: InputKind): string {
  return `<label><input type="radio" name="kind" value="${value}"${value === chosen ? ' checked' : ''}> ${label}</label>`;
}

export function renderPage(state: PageState = {}): string {
  const kind = state.kind ?? 'auto';
  const result = state.error
    ? `<div class="error" role="alert" id="result" tabindex="-1"><strong>Could not inspect this (${state.error.status}).</strong> ${h(state.error.message)}</div>`
    : state.report ? `<div id="result" tabindex="-1">${renderReportFragment(state.report, { idPrefix: 'r-' })}</div>` : '';
  return htmlDocument({
    title: `${state.report ? 'Report · ' : ''}unspin`,
    styles: [REPORT_CSS, PAGE_CSS],
    body: `<a class="skip" href="${result ? '#result' : '#input'}">Skip to ${result ? 'the result' : 'the form'}</a>
<header><div class="wrap"><h1>unspin</h1><p>Is this news page machine-spun? What did it originally say, where was it copied from, who said what?</p></div></header>
<main>
<form method="post" action="/" accept-charset="utf-8">
<label for="input">Page to inspect</label>
<textarea id="input" name="input" required spellcheck="false" aria-describedby="input-help">${h(state.input ?? '')}</textarea>
<p id="input-help" class="muted">Paste an http(s) address${state.allowPrivate ? '' : ' (public addresses only)'}, the page's HTML, or its text. Nothing is stored.</p>
<fieldset><legend>What you pasted</legend>
${kindRadio('auto', 'Decide for me', kind)}${kindRadio('url', 'URL', kind)}${kindRadio('html', 'HTML', kind)}${kindRadio('text', 'Text', kind)}
</fieldset>
<button type="submit">Inspect</button>
</form>
${result}
</main>`,
  });
}
