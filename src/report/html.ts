/**
 * The HTML report. `renderReportFragment` draws the sections (the web page embeds it);
 * `renderReportDocument` wraps it into one self-contained file: inline hashed CSS and script, a
 * strict CSP, no external resources. Every string from the page goes through `escapeHtml`;
 * only http(s) URLs become links.
 *
 * The article can be read as published, as restored, and (when a copied source was found) in the
 * source's wording: radio buttons and CSS `:checked` rules, so the toggle works with scripts off.
 * Each edit is a focusable <mark> whose other wording shows on hover and on keyboard focus, and
 * is its accessible description.
 */
import type { Article, DiffSpan, Edit, ParagraphSpin, ProvenanceMatch, Quote } from '../model.js';
import { REPORT_CSS, REPORT_SCRIPT, reportCsp } from './assets.js';
import { escapeHtml as h, safeHttpUrl } from './escape.js';
import type { Report } from './types.js';
import { capitalise, DIRECTION_TEXT, percent, STAGE_LABEL, stagesNotRun } from './labels.js';
import { countDiff, hostOf, relativePublication, SPUN_PARAGRAPH_SCORE } from './verdict.js';

export interface HtmlOptions {
  /** Prefix for element ids, so two reports can share a page. */
  idPrefix?: string;
}

const confClass = (p: number): string => (p >= 0.8 ? 'high' : p >= 0.5 ? 'mid' : 'low');

function link(url: string | null, text: string): string {
  const safe = safeHttpUrl(url);
  if (!safe) return h(text);
  return `<a href="${h(safe)}" rel="noopener noreferrer nofollow">${h(text)}</a>`;
}

/** Edits sorted and with overlaps dropped, so the text can be cut into segments. */
function orderedEdits(edits: Edit[], textLength: number): Edit[] {
  const sorted = [...edits].filter((e) => e.start >= 0 && e.end <= textLength && e.start <= e.end).sort((a, b) => a.start - b.start);
  const out: Edit[] = [];
  let lastEnd = -1;
  for (const e of sorted) {
    if (e.start < lastEnd) continue;
    out.push(e);
    lastEnd = e.end;
  }
  return out;
}

/** The article as published, as restored by the model, or in the found source's wording. */
type View = 'spun' | 'restored' | 'source';

function editMark(e: Edit, index: number, view: View, shown: string, prefix: string): string {
  const tipId = `${prefix}${view}-e${index}`;
  let other: string;
  if (view === 'source' || e.source === 'aligned-source') {
    const differs = view === 'source' ? `Page has: “${h(e.spun)}”` : `Source has: “${h(e.original)}”`;
    other = e.original === '' ? 'Added by the page' : differs;
  } else {
    other = view === 'spun'
      ? `Original: “${h(e.original)}” (${percent(e.confidence)} confident)`
      : `Page had: “${h(e.spun)}” (${percent(e.confidence)} confident)`;
  }
  const alts = view === 'source' ? [] : e.alternatives.filter((a) => a.text !== e.original).slice(0, 3);
  const altText = alts.length > 0 ? `<br>Also possible: ${alts.map((a) => `“${h(a.text)}”${a.text === e.spun ? ' (unchanged)' : ''} ${percent(a.confidence)}`).join(', ')}` : '';
  return `<mark class="edit ${view === 'source' ? 'from-source' : confClass(e.confidence)}" tabindex="0" data-original="${h(e.original)}" data-spun="${h(e.spun)}" aria-describedby="${tipId}">${h(shown)}<span class="tip" id="${tipId}">${other}${altText}</span></mark>`;
}

/**
 * The best copy match's changes as spans over the page, so the article can be read in the
 * source's wording. Only for a page that copies the match (the diff then says what it changed).
 */
function sourceChanges(report: Report): { match: ProvenanceMatch; edits: Edit[] } | null {
  const match = report.provenance?.matches.find((m) => ['spun', 'partial', 'verbatim'].includes(m.verdict) && m.direction.verdict !== 'match-copies-query');
  if (!match) return null;
  const edits: Edit[] = match.diff
    .filter((d) => d.op === 'substituted' || (d.op === 'inserted' && /[\p{L}\p{N}]/u.test(d.text)))
    .map((d) => ({ start: d.start, end: d.end, spun: d.text, original: d.op === 'inserted' ? '' : d.sourceText, confidence: 1, alternatives: [], source: 'aligned-source' }));
  return edits.length > 0 ? { match, edits: orderedEdits(edits, report.article.text.length) } : null;
}

function paragraphSpans(article: Article): Article['paragraphs'] {
  if (article.paragraphs.length > 0) return article.paragraphs;
  // No paragraph list: fall back to blank-line blocks, which is how Article.text joins them.
  const spans: Article['paragraphs'] = [];
  const re = /[^\n]+(?:\n(?!\n)[^\n]*)*/g;
  for (let m = re.exec(article.text); m; m = re.exec(article.text)) spans.push({ start: m.index, end: m.index + m[0].length, kind: 'p' });
  return spans;
}

const blockTag: Record<Article['paragraphs'][number]['kind'], { tag: string; className?: string; lead?: string }> = {
  p: { tag: 'p' },
  heading: { tag: 'p', className: 'heading' },
  'list-item': { tag: 'p', className: 'list-item', lead: '• ' },
  quote: { tag: 'blockquote' },
  standfirst: { tag: 'p', className: 'standfirst' },
};

/** The highest spin score among the detector's paragraphs that overlap a displayed block (they need not share bounds). */
function blockSpinScore(scores: readonly ParagraphSpin[], start: number, end: number): number {
  let best = -1;
  for (const p of scores) if (p.start < end && p.end > start) best = Math.max(best, p.score);
  return best;
}

/**
 * The article text, paragraph by paragraph, with each edit highlighted as the view shows it.
 * Paragraphs the detector scored as spun are marked, in words as well as colour, so a page spun
 * only in part shows where.
 */
function articleBody(article: Article, edits: Edit[], view: View, prefix: string, paragraphScores: readonly ParagraphSpin[] = []): string {
  const text = article.text;
  const blocks: string[] = [];
  let k = 0;
  for (const para of paragraphSpans(article)) {
    let pos = para.start;
    let html = '';
    while (k < edits.length && edits[k].end <= para.start && edits[k].start < para.start) k++;
    while (k < edits.length && edits[k].start < para.end) {
      const e = edits[k];
      const start = Math.max(e.start, para.start);
      const end = Math.min(e.end, para.end);
      html += h(text.slice(pos, start));
      html += editMark(e, k, view, view === 'spun' ? text.slice(start, end) : view === 'source' && e.original === '' ? text.slice(start, end) : e.original, prefix);
      pos = end;
      k++;
    }
    html += h(text.slice(pos, para.end));
    const block = blockTag[para.kind] ?? blockTag.p;
    const classes = block.className ? [block.className] : [];
    const score = blockSpinScore(paragraphScores, para.start, para.end);
    let flag = '';
    if (score >= SPUN_PARAGRAPH_SCORE) {
      classes.push('looks-spun');
      flag = `<span class="para-flag">Looks spun (${score.toFixed(2)})</span> `;
    }
    const classAttr = classes.length > 0 ? ` class="${classes.join(' ')}"` : '';
    blocks.push(`<${block.tag}${classAttr}>${flag}${block.lead ?? ''}${html}</${block.tag}>`);
  }
  return blocks.join('\n');
}

function articleSection(report: Report, prefix: string): string {
  const a = report.article;
  const edits = orderedEdits(report.restoration?.edits ?? [], a.text.length);
  const meta = [a.byline ? `By ${h(a.byline)}` : '', a.published ? `Published ${h(a.published)}` : '', a.url ? link(a.url, a.url) : '']
    .filter(Boolean).join(' · ');
  const sources = a.links.filter((l) => l.kind === 'source');
  const sourceLine = sources.length > 0
    ? `<p class="meta">Declared source: ${sources.map((l) => link(l.href, l.text || l.href)).join(', ')}</p>` : '';
  const head = `<h2 id="${prefix}article">Article: ${h(a.title ?? '(untitled)')}</h2>\n${meta ? `<p class="meta">${meta}</p>` : ''}\n${sourceLine}`;
  const fromSource = sourceChanges(report);
  const spunParagraphs = report.spin?.paragraphs ?? [];
  if (!report.restoration && !fromSource) {
    return `<section aria-labelledby="${prefix}article">${head}\n<div class="text">${articleBody(a, [], 'spun', prefix, spunParagraphs)}</div></section>`;
  }
  const name = `${prefix}view`;
  const lang = h(a.language ?? 'en');
  const help: string[] = [];
  if (report.restoration) {
    help.push(edits.length > 0
      ? `${edits.length} highlighted ${edits.length === 1 ? 'edit' : 'edits'} by the restorer. Hover or focus one (Tab, or n / p) to see the other wording.`
      : 'The restorer changed nothing.');
  }
  if (fromSource) help.push(`“Source wording” shows the ${fromSource.edits.length} changes the page made to the indexed source.`);
  // Spun text for the edits' view when the restorer ran; otherwise the source's changes.
  const spunEdits = report.restoration ? edits : fromSource?.edits ?? [];
  const radio = (view: View, label: string, checked: boolean): string =>
    `<input type="radio" class="view-${view}" name="${name}" id="${prefix}view-${view}"${checked ? ' checked' : ''}><label for="${prefix}view-${view}">${label}</label>`;
  return `<section aria-labelledby="${prefix}article">${head}\n<p class="muted">${help.join(' ')}</p>
<div class="views" role="group" aria-label="Which text to show">
${radio('spun', 'As published', true)}
${report.restoration ? radio('restored', 'Restored', false) : ''}
${fromSource ? radio('source', 'Source wording', false) : ''}
<div class="text spun-text" lang="${lang}">${articleBody(a, spunEdits, 'spun', prefix, spunParagraphs)}</div>
${report.restoration ? `<div class="text restored-text" lang="${lang}">${articleBody(a, edits, 'restored', prefix)}</div>` : ''}
${fromSource ? `<div class="text source-text" lang="${lang}">${articleBody(a, fromSource.edits, 'source', prefix)}</div>` : ''}
</div></section>`;
}

function editsTable(report: Report, prefix: string): string {
  if (!report.restoration || report.restoration.edits.length === 0) return '';
  const rows = orderedEdits(report.restoration.edits, report.article.text.length).map((e) =>
    `<tr><td>${h(e.spun)}</td><td>${h(e.original)}</td><td>${percent(e.confidence)}</td><td class="from">${h(e.source ?? 'model')}</td></tr>`).join('\n');
  return `<section aria-labelledby="${prefix}edits"><h2 id="${prefix}edits">Restored wording</h2>
<p class="muted">The restorer read the page's evidence of spinning as ${report.restoration.spinScore.toFixed(2)}; how sure each change had to be follows from it.</p>
<table class="edits"><thead><tr><th scope="col">On the page</th><th scope="col">Original</th><th scope="col">Confidence</th><th scope="col" class="from">From</th></tr></thead>
<tbody>${rows}</tbody></table></section>`;
}

function quoteItem(q: Quote): string {
  const who = q.speaker ? `<span class="speaker">${h(q.speaker)}</span>` : '<span class="speaker muted">Speaker unknown</span>';
  const cue = q.cue ? ` <span class="muted">(${h(q.cue)})</span>` : '';
  const body = q.kind === 'reported' ? h(q.text) : `<q>${h(q.text)}</q>`;
  const via = q.reportedBy.length > 0 ? ` <span class="muted">— reported by ${q.reportedBy.map((r) => h(r)).join(' › ')}</span>` : '';
  return `<li>${who}${cue}: ${body}${via}</li>`;
}

function quotesSection(report: Report, prefix: string): string {
  if (!report.quotes) return '';
  const items = report.quotes.length > 0 ? `<ol class="quotes">${report.quotes.map(quoteItem).join('\n')}</ol>` : '<p class="muted">No quotes found.</p>';
  return `<section aria-labelledby="${prefix}quotes"><h2 id="${prefix}quotes">Who said what</h2>${items}</section>`;
}

/**
 * One side of the side-by-side diff. Diff spans cover words, not the whitespace between them:
 * the page's gaps come from article.text; the source's text is not in the report, so its gaps
 * reuse the page's gap when the lengths agree (paragraph breaks included), else a space.
 */
function diffColumn(diff: DiffSpan[], side: 'page' | 'source', articleText: string): string {
  let out = '';
  let prev: DiffSpan | null = null;
  for (const d of diff) {
    if (prev) {
      const pageGap = articleText.slice(prev.end, Math.max(prev.end, d.start));
      const sourceGapLength = d.sourceStart - prev.sourceEnd;
      if (side === 'page') out += h(pageGap);
      else if (sourceGapLength > 0) out += h(pageGap.length === sourceGapLength ? pageGap : pageGap.includes('\n') ? '\n\n' : ' ');
    }
    prev = d;
    if (d.op === 'equal') {
      out += h(side === 'page' ? d.text : d.sourceText);
    } else if (side === 'page') {
      if (d.op !== 'deleted') out += `<ins title="${d.op === 'inserted' ? 'added by the page' : `source: ${h(d.sourceText)}`}">${h(d.text)}</ins>`;
    } else if (d.op !== 'inserted') {
      out += `<del title="${d.op === 'deleted' ? 'left out by the page' : `page: ${h(d.text)}`}">${h(d.sourceText)}</del>`;
    }
  }
  return out;
}


function matchSection(m: ProvenanceMatch, i: number, report: Report, prefix: string): string {
  const id = `${prefix}match-${i}`;
  const c = countDiff(m.diff);
  const rel = relativePublication(report.article.published, m.published);
  const facts = [hostOf(m.url), m.published ? `published ${rel ?? m.published}` : null, `${m.verdict}`, `score ${m.score.toFixed(2)}`,
    `${c.swaps} swaps, ${c.added} added, ${c.dropped} left out`].filter(Boolean).map((s) => h(s)).join(' · ');
  const evidence = m.direction.evidence.length > 0 ? `<ul>${m.direction.evidence.map((e) => `<li>${h(e)}</li>`).join('')}</ul>` : '';
  return `<section aria-labelledby="${id}"><h3 id="${id}">${link(m.url, m.title ?? m.id)}</h3>
<p class="meta">${facts}. ${h(capitalise(DIRECTION_TEXT[m.direction.verdict]))}.</p>${evidence}
<div class="diff"><div class="col"><h4>This page</h4><div class="body">${diffColumn(m.diff, 'page', report.article.text)}</div></div>
<div class="col"><h4>Indexed source</h4><div class="body">${diffColumn(m.diff, 'source', report.article.text)}</div></div></div></section>`;
}

function provenanceSection(report: Report, prefix: string): string {
  if (!report.provenance) return '';
  const matches = report.provenance.matches.filter((m) => m.verdict !== 'unrelated');
  const body = matches.length > 0 ? matches.slice(0, 3).map((m, i) => matchSection(m, i, report, prefix)).join('\n') : '<p class="muted">No source found in the index.</p>';
  return `<section aria-labelledby="${prefix}source"><h2 id="${prefix}source">Source, side by side</h2>${body}</section>`;
}


function stagesSection(report: Report, prefix: string): string {
  const notRun = stagesNotRun(report);
  if (notRun.length === 0) return '';
  const items = notRun.map((s) => `<li>${capitalise(STAGE_LABEL[s])}: ${h(report.stages[s].status)}${report.stages[s].reason ? ` — ${h(report.stages[s].reason)}` : ''}</li>`).join('');
  return `<section aria-labelledby="${prefix}stages"><h2 id="${prefix}stages">Not shown</h2><ul class="stages">${items}</ul></section>`;
}

/** The report's sections, for embedding in a page that carries REPORT_CSS (and the CSP). */
export function renderReportFragment(report: Report, options: HtmlOptions = {}): string {
  const prefix = options.idPrefix ?? 'r-';
  return `<article class="report" aria-labelledby="${prefix}verdict">
<p class="verdict ${h(report.summary.kind)}" id="${prefix}verdict" role="status">${h(report.summary.headline)}</p>
${articleSection(report, prefix)}
${editsTable(report, prefix)}
${quotesSection(report, prefix)}
${provenanceSection(report, prefix)}
${stagesSection(report, prefix)}
<p class="muted">unspin ${h(report.generator.version)}, report schema v${report.schemaVersion}, ${h(report.createdAt)}</p>
</article>`;
}

/**
 * A whole page around `body`: UTF-8, phone-width viewport, no referrer, the given inline styles,
 * and the report's script last. A CSP given here goes into a meta element (for files opened from
 * disk); the server sends its own as a header.
 */
export function htmlDocument(parts: { title: string; body: string; styles: string[]; csp?: string }): string {
  const csp = parts.csp ? `<meta http-equiv="Content-Security-Policy" content="${h(parts.csp)}">\n` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
${csp}<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${h(parts.title)}</title>
${parts.styles.map((css) => `<style>${css}</style>`).join('\n')}
</head>
<body>
${parts.body}
<script>${REPORT_SCRIPT}</script>
</body>
</html>
`;
}

/** One self-contained HTML file. */
export function renderReportDocument(report: Report): string {
  return htmlDocument({
    title: `unspin: ${report.article.title ?? report.input.id}`,
    csp: reportCsp(),
    styles: [REPORT_CSS],
    body: `<main>\n<h1>unspin report</h1>\n${renderReportFragment(report)}\n</main>`,
  });
}
