/**
 * The report's inline stylesheet and script, and their CSP hashes. Inline (not linked) so an
 * HTML report is one self-contained file; hashed so the Content-Security-Policy can forbid every
 * other script and style, including anything a hostile page might smuggle through.
 */
import { createHash } from 'node:crypto';

export const REPORT_CSS = `
:root{--fg:#1b1b1b;--muted:#555;--bg:#fff;--panel:#f6f6f4;--edit:#fff1a8;--edit-line:#8a6d00;--ins:#d9f2dc;--del:#fbdcdc;--focus:#0b57d0;--tip-bg:#1b1b1b;--tip-fg:#fff}
@media (prefers-color-scheme: dark){:root{--fg:#e8e8e8;--muted:#aaa;--bg:#141414;--panel:#1f1f1f;--edit:#4a3f00;--edit-line:#e0c040;--ins:#15391b;--del:#4a1c1c;--focus:#8ab4f8;--tip-bg:#f0f0f0;--tip-fg:#111}}
*{box-sizing:border-box}
body{margin:0;font:17px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
main{max-width:72rem;margin:0 auto;padding:1rem}
h1{font-size:1.45rem;line-height:1.3;margin:.5rem 0 1rem}
h2{font-size:1.2rem;margin:2rem 0 .6rem;border-bottom:1px solid var(--panel);padding-bottom:.2rem}
h3{font-size:1.05rem;margin:1rem 0 .4rem}
a{color:var(--focus)}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.muted,.meta{color:var(--muted)}
.verdict{font-size:1.25rem;font-weight:700;padding:.8rem 1rem;background:var(--panel);border-left:6px solid var(--edit-line);border-radius:4px}
.verdict.not-spun,.verdict.unknown{border-left-color:var(--muted)}
.views{margin:.6rem 0}
.views label{margin-right:1rem;cursor:pointer}
.views input{margin-right:.3rem}
.text{background:var(--panel);padding:.2rem 1rem;border-radius:6px;max-width:46rem}
.text p,.text blockquote{margin:.8rem 0}
.text blockquote{padding-left:.8rem;border-left:3px solid var(--muted)}
.text .heading{font-weight:700}
.text .standfirst{font-style:italic}
.text .looks-spun{border-left:4px solid var(--edit-line);margin-left:-.8rem;padding-left:.6rem}
.para-flag{font-size:.8rem;font-weight:700;color:var(--muted);text-transform:uppercase;letter-spacing:.03em}
.view-restored:checked~.spun-text,.view-source:checked~.spun-text,.view-spun:checked~.restored-text,.view-source:checked~.restored-text,.view-spun:checked~.source-text,.view-restored:checked~.source-text{display:none}
.edit.from-source{background:var(--ins);border-bottom-color:var(--muted)}
.edit{position:relative;background:var(--edit);color:inherit;border-bottom:2px solid var(--edit-line);border-radius:2px;cursor:help}
.edit.low{border-bottom-style:dotted}
.edit .tip{display:none;position:absolute;left:0;bottom:calc(100% + 4px);z-index:2;min-width:10rem;max-width:22rem;white-space:normal;background:var(--tip-bg);color:var(--tip-fg);padding:.3rem .5rem;border-radius:4px;font-size:.85rem;line-height:1.35;font-weight:400}
.edit:hover .tip,.edit:focus .tip{display:block}
.edits{border-collapse:collapse;width:100%;max-width:46rem}
.edits th,.edits td{text-align:left;padding:.25rem .5rem;border-bottom:1px solid var(--panel);vertical-align:top;overflow-wrap:anywhere}
.quotes li{margin:.4rem 0}
.quotes .speaker{font-weight:700}
.diff{display:grid;grid-template-columns:1fr 1fr;gap:1rem}
.diff .col{background:var(--panel);padding:.5rem 1rem;border-radius:6px;min-width:0}
.diff .body{white-space:pre-wrap;overflow-wrap:anywhere}
ins{background:var(--ins);text-decoration:none}
del{background:var(--del)}
.stages li{margin:.2rem 0}
@media (max-width:700px){body{font-size:16px}main{padding:.6rem}.edits .from{display:none}.edits th,.edits td{padding:.25rem .3rem}.diff{grid-template-columns:1fr}.edit .tip{max-width:80vw}}
`;

/**
 * Keyboard help for long reports: "n" / "p" move focus to the next / previous highlighted edit;
 * Escape leaves an edit. On the web page, focus moves to a fresh result so a screen reader
 * starts there. Everything else works without it.
 */
export const REPORT_SCRIPT = `
(function(){
  var result = document.getElementById('result');
  if (result) result.focus();
  document.addEventListener('keydown', function (ev) {
    if (ev.altKey || ev.ctrlKey || ev.metaKey) return;
    var t = ev.target;
    if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.isContentEditable)) return;
    if (ev.key === 'Escape' && t && t.classList && t.classList.contains('edit')) { t.blur(); return; }
    if (ev.key !== 'n' && ev.key !== 'p') return;
    var edits = Array.prototype.filter.call(document.querySelectorAll('.edit'), function (e) { return e.offsetParent !== null; });
    if (edits.length === 0) return;
    var i = edits.indexOf(document.activeElement);
    var next = ev.key === 'n' ? (i + 1) % edits.length : (i <= 0 ? edits.length - 1 : i - 1);
    edits[next].focus();
    ev.preventDefault();
  });
})();
`;

export function sha256Source(content: string): string {
  return `'sha256-${createHash('sha256').update(content, 'utf8').digest('base64')}'`;
}

export const REPORT_CSS_HASH = sha256Source(REPORT_CSS);
export const REPORT_SCRIPT_HASH = sha256Source(REPORT_SCRIPT);

/** CSP for a stand-alone report file: nothing loads, only our own hashed style and script run. */
export function reportCsp(): string {
  return [
    "default-src 'none'",
    `style-src ${REPORT_CSS_HASH}`,
    `script-src ${REPORT_SCRIPT_HASH}`,
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}
