/**
 * The verdict line a person reads first. It is derived only from the sections the stages
 * produced (provenance first, because a found source is stronger evidence than a score), and
 * says plainly when a stage could not run.
 */
import type { Article, DiffSpan, ProvenanceMatch, Restoration, SpinDetection } from '../model.js';
import type { Provenance, StageName, StageOutcome, Summary } from './types.js';

/**
 * Spin score from which a page without a found source is called "likely machine-spun": the 95th
 * percentile of clean Reuters test articles' document scores (`npm run bench:detect` prints it and
 * how often each spinner's articles reach it), so about one clean news article in twenty is
 * called spun.
 */
export const LIKELY_SPUN_SCORE = 0.46;
/**
 * A paragraph's own score from which reports count it as spun-looking and the HTML report marks it
 * (no page verdict rests on it). Marks are seen one by one, so they must be rare on clean text: the
 * lowest cut at which at most 2% of clean Reuters paragraphs reach it while most spun ones still do
 * (articles 7000-7399, not test articles; a one-off script: clean 4.2% at 0.5, 1.6% at 0.7;
 * plain / loose spun 91 / 88% at 0.5, 86 / 81% at 0.7). `npm run bench:detect` prints the shares.
 */
export const SPUN_PARAGRAPH_SCORE = 0.7;

export interface SummaryInput {
  article: Article;
  spin: SpinDetection | null;
  restoration: Restoration | null;
  provenance: Provenance | null;
  stages: Record<StageName, StageOutcome>;
}

export interface DiffCounts {
  /** Substituted runs: each is one place where wording was swapped. */
  swaps: number;
  /** Inserted runs holding words: passages the page added. */
  added: number;
  /** Deleted runs holding words: passages of the source the page left out. */
  dropped: number;
}

const hasWords = (s: string): boolean => /[\p{L}\p{N}]/u.test(s);

export function countDiff(diff: DiffSpan[]): DiffCounts {
  const counts: DiffCounts = { swaps: 0, added: 0, dropped: 0 };
  for (const d of diff) {
    if (d.op === 'substituted') counts.swaps++;
    else if (d.op === 'inserted' && hasWords(d.text)) counts.added++;
    else if (d.op === 'deleted' && hasWords(d.sourceText)) counts.dropped++;
  }
  return counts;
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

export function hostOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return null;
  }
}

/** "a day earlier", "3 hours later": how the source's publication relates to the page's. */
export function relativePublication(page: string | null, source: string | null): string | null {
  if (!page || !source) return null;
  const a = Date.parse(page);
  const b = Date.parse(source);
  if (Number.isNaN(a) || Number.isNaN(b)) return null;
  const diffMs = a - b;
  const abs = Math.abs(diffMs);
  const hour = 3_600_000;
  const day = 24 * hour;
  if (abs < hour) return 'the same hour';
  const when = diffMs > 0 ? 'earlier' : 'later';
  if (abs < day) return `${plural(Math.round(abs / hour), 'hour', 'hours')} ${when}`;
  const days = Math.round(abs / day);
  return `${days === 1 ? 'a day' : `${days} days`} ${when}`;
}

function describeMatch(m: ProvenanceMatch, article: Article): string {
  const parts: string[] = [];
  const host = hostOf(m.url);
  if (host) parts.push(host);
  const rel = relativePublication(article.published, m.published);
  if (rel) parts.push(`published ${rel}`);
  else if (m.published) parts.push(`published ${m.published}`);
  const title = m.title ? `'${m.title}'` : `indexed article ${m.id}`;
  return parts.length > 0 ? `${title} (${parts.join(', ')})` : title;
}

function diffPhrase(c: DiffCounts): string {
  const bits = [plural(c.swaps, 'wording swap', 'wording swaps')];
  if (c.added > 0) bits.push(`${plural(c.added, 'passage', 'passages')} added`);
  if (c.dropped > 0) bits.push(`${plural(c.dropped, 'passage', 'passages')} left out`);
  return bits.join(', ');
}

function fromProvenance(m: ProvenanceMatch, article: Article): Summary | null {
  const what = describeMatch(m, article);
  const counts = countDiff(m.diff);
  if (m.direction.verdict === 'match-copies-query' && m.verdict !== 'unrelated' && m.verdict !== 'same-story') {
    return { kind: 'source-of', headline: `Copied by ${what}: ${diffPhrase(counts)}` };
  }
  switch (m.verdict) {
    case 'spun':
      return { kind: 'spun-copy', headline: `Spun copy of ${what}: ${diffPhrase(counts)}` };
    case 'verbatim':
      return { kind: 'verbatim-copy', headline: `Verbatim copy of ${what}` };
    case 'partial':
      return { kind: 'partial-copy', headline: `Partial copy of ${what}: ${diffPhrase(counts)}` };
    case 'same-story':
      return { kind: 'same-story', headline: `Same story as ${what}, in different words` };
    default:
      return null;
  }
}

export function summarise(input: SummaryInput): Summary {
  const best = input.provenance?.matches.find((m) => m.verdict !== 'unrelated');
  if (best) {
    const s = fromProvenance(best, input.article);
    if (s) return s;
  }
  // E.g. another language: the detector's score 0 is then no verdict.
  if (input.spin?.notAssessed) return { kind: 'unknown', headline: `Spinning not assessed: ${input.spin.notAssessed}` };
  const score = input.spin?.spinScore ?? input.restoration?.spinScore ?? null;
  if (score === null) {
    const reason = input.stages.spin.reason ?? input.stages.restoration.reason ?? 'no spin detector ran';
    return { kind: 'unknown', headline: `Spinning not assessed: ${reason}` };
  }
  const edits = input.restoration?.edits.length ?? null;
  const restored = edits === null ? '' : `: ${plural(edits, 'suspected swap', 'suspected swaps')} restored`;
  if (score >= LIKELY_SPUN_SCORE) {
    return { kind: 'likely-spun', headline: `Likely machine-spun (score ${score.toFixed(2)})${restored}` };
  }
  if (edits) {
    return { kind: 'not-spun', headline: `Probably not machine-spun (score ${score.toFixed(2)}), though ${plural(edits, 'wording looks', 'wordings look')} swapped` };
  }
  return { kind: 'not-spun', headline: `No sign of machine spinning (score ${score.toFixed(2)})` };
}
