/**
 * The terminal report: verdict first, then the evidence (restored edits with confidence,
 * who said what, the source diff), then which stages did not run and why.
 * Colour only when the caller says so (a TTY without NO_COLOR; see `wantColour`).
 */
import pc from 'picocolors';
import type { DiffSpan, Edit, ProvenanceMatch, Quote } from '../model.js';
import type { Report } from './types.js';
import { DIRECTION_TEXT, percent, STAGE_LABEL, stagesNotRun } from './labels.js';
import { hostOf, relativePublication, SPUN_PARAGRAPH_SCORE } from './verdict.js';

type Colours = ReturnType<typeof pc.createColors>;

export interface TerminalOptions {
  colour?: boolean;
  /** Most edits / diff lines listed before "... and N more". */
  limit?: number;
}

/** Colour on a terminal unless NO_COLOR is set (https://no-color.org), or FORCE_COLOR asks. */
export function wantColour(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true;
}

/** Control characters from a page must not reach a terminal (they could move the cursor). */
function clean(s: string): string {
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  return s.replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g, '').replace(/\s+/g, ' ').trim();
}


function snippet(text: string, start: number, end: number, c: Colours, radius = 32): string {
  const from = Math.max(0, start - radius);
  const to = Math.min(text.length, end + radius);
  const before = clean(text.slice(from, start));
  const after = clean(text.slice(end, to));
  const word = clean(text.slice(start, end));
  // Without colour the brackets are what marks the word.
  const marked = c.isColorSupported ? c.underline(word) : `[${word}]`;
  return `${from > 0 ? '…' : ''}${before} ${marked} ${after}${to < text.length ? '…' : ''}`;
}

function editLine(e: Edit, text: string, c: Colours): string {
  const conf = e.confidence >= 0.8 ? c.green(percent(e.confidence)) : e.confidence >= 0.5 ? c.yellow(percent(e.confidence)) : c.red(percent(e.confidence));
  return `  ${c.red(clean(e.spun))} → ${c.green(clean(e.original))}  ${conf}\n    ${c.dim(snippet(text, e.start, e.end, c))}`;
}

function quoteLine(q: Quote, c: Colours): string {
  const who = q.speaker ? c.bold(clean(q.speaker)) : c.dim('(speaker unknown)');
  const via = q.reportedBy.length > 0 ? c.dim(` — reported by ${q.reportedBy.map(clean).join(' › ')}`) : '';
  const cue = q.cue ? c.dim(` (${clean(q.cue)})`) : '';
  const body = q.kind === 'reported' ? clean(q.text) : `“${clean(q.text)}”`;
  return `  ${who}${cue}: ${body}${via}`;
}

function diffLines(diff: DiffSpan[], c: Colours): string[] {
  const lines: string[] = [];
  for (const d of diff) {
    if (d.op === 'substituted') lines.push(`      ${c.red(clean(d.sourceText))} → ${c.yellow(clean(d.text))}`);
    else if (d.op === 'inserted' && clean(d.text)) lines.push(`      ${c.green('+ added:')} ${clean(d.text)}`);
    else if (d.op === 'deleted' && clean(d.sourceText)) lines.push(`      ${c.red('- left out:')} ${clean(d.sourceText)}`);
  }
  return lines;
}

function limited(lines: string[], limit: number, what: string): string[] {
  if (lines.length <= limit) return lines;
  const indent = /^ */.exec(lines[0])?.[0] ?? '  ';
  return [...lines.slice(0, limit), `${indent}… and ${lines.length - limit} more ${what} (see --json or --html)`];
}


function matchBlock(m: ProvenanceMatch, report: Report, c: Colours, limit: number): string[] {
  const where = [hostOf(m.url), m.published ? `published ${relativePublication(report.article.published, m.published) ?? m.published}` : null]
    .filter(Boolean).join(', ');
  const head = `  ${c.bold(clean(m.title ?? m.id))}${where ? ` (${clean(where)})` : ''}`;
  const lines = [head, `    ${m.verdict}, score ${m.score.toFixed(2)}, ${DIRECTION_TEXT[m.direction.verdict]}`];
  if (m.url) lines.push(`    ${c.dim(clean(m.url))}`);
  for (const ev of m.direction.evidence) lines.push(`    ${c.dim(`· ${clean(ev)}`)}`);
  const changes = diffLines(m.diff, c);
  if (changes.length > 0) lines.push(`    ${c.bold('Changes (source → this page)')}`, ...limited(changes, limit, 'changes'));
  return lines;
}


export function renderTerminal(report: Report, options: TerminalOptions = {}): string {
  const c = pc.createColors(options.colour ?? false);
  const limit = options.limit ?? 40;
  const a = report.article;
  const out: string[] = [c.bold(clean(report.summary.headline)), ''];

  const words = a.text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
  out.push(`${c.bold('Article')}  ${clean(a.title ?? '(untitled)')}`);
  const meta = [a.byline, a.published, a.url].filter((x): x is string => Boolean(x)).map(clean);
  if (meta.length > 0) out.push(`         ${c.dim(meta.join(' · '))}`);
  out.push(`         ${c.dim(`${words} words, ${a.paragraphs.length} paragraphs`)}`);

  if (report.spin?.notAssessed) {
    out.push('', `${c.bold('Spin score')} ${c.dim(`not assessed: ${clean(report.spin.notAssessed)}`)}`);
  } else if (report.spin) {
    const paragraphs = report.spin.paragraphs ?? [];
    const spunLooking = paragraphs.filter((p) => p.score >= SPUN_PARAGRAPH_SCORE).length;
    const paragraphNote = paragraphs.length > 0 ? `, ${spunLooking} of ${paragraphs.length} paragraphs scored ${SPUN_PARAGRAPH_SCORE} or more` : '';
    out.push('', `${c.bold('Spin score')} ${report.spin.spinScore.toFixed(2)} ${c.dim(`(${report.spin.flags.length} flagged spans${paragraphNote})`)}`);
  }
  if (report.restoration) {
    const edits = [...report.restoration.edits].sort((x, y) => x.start - y.start);
    out.push('', c.bold(`Restored wording (${edits.length} ${edits.length === 1 ? 'edit' : 'edits'}, confidence in %)`));
    if (edits.length === 0) out.push(c.dim('  nothing changed'));
    out.push(...limited(edits.map((e) => editLine(e, a.text, c)), limit, 'edits'));
  }
  if (report.quotes) {
    out.push('', c.bold(`Who said what (${report.quotes.length} ${report.quotes.length === 1 ? 'quote' : 'quotes'})`));
    if (report.quotes.length === 0) out.push(c.dim('  no quotes found'));
    out.push(...limited(report.quotes.map((q) => quoteLine(q, c)), limit, 'quotes'));
  }
  if (report.provenance) {
    const matches = report.provenance.matches.filter((m) => m.verdict !== 'unrelated');
    out.push('', c.bold(`Source (${matches.length} ${matches.length === 1 ? 'match' : 'matches'} in the index)`));
    if (matches.length === 0) out.push(c.dim('  no source found in the index'));
    for (const m of matches.slice(0, 3)) out.push(...matchBlock(m, report, c, limit));
  }
  const notRun = stagesNotRun(report);
  if (notRun.length > 0) {
    out.push('', c.bold('Not shown'));
    for (const s of notRun) out.push(`  ${STAGE_LABEL[s]}: ${report.stages[s].status}${report.stages[s].reason ? ` — ${clean(report.stages[s].reason ?? '')}` : ''}`);
  }
  return `${out.join('\n')}\n`;
}
