/**
 * Tracing a page to its source in the index: candidates by rare anchor terms, each verified by
 * a synonym-aware alignment, judged (verbatim / spun / partial / same-story / unrelated), ranked,
 * and given a direction of copying with evidence and the aligned diff.
 */
import { findCandidates } from '../index/candidates.js';
import type { ArticleStore, StoredArticle } from '../index/store.js';
import type { Article, DiffSpan, ProvenanceMatch, Verdict } from '../model.js';
import { alignTexts } from './align.js';
import { diffSpans } from './diff.js';
import { decideDirection } from './direction.js';
import { SynonymOracle, type Lexicon } from './equivalence.js';
import { measureCopy, type CopyEvidence } from './evidence.js';
import { alignedPairs, type SpinPair } from './pairs.js';
import { decideVerdict, isCopyVerdict } from './verdict.js';

export { isCopyVerdict } from './verdict.js';
export type { Lexicon } from './equivalence.js';
export type { SpinPair } from './pairs.js';

export interface TraceOptions {
  /** Most matches to return (default 5). */
  limit?: number;
  /** Candidates verified by alignment (default 8; twice as many for a short page). */
  candidates?: number;
  /** Keep 'unrelated' candidates too (default: only matches with a verdict worth showing). */
  includeUnrelated?: boolean;
  /** Language resources for synonyms and "which side reads as spun"; null works without. */
  lexicon?: Lexicon | null;
  /** Attach aligned {spun, orig} paragraph pairs to copy matches (for `unspin learn`). */
  pairs?: boolean;
}

/** The alignment's figures behind a verdict, for users and calibration. */
export interface MatchEvidence {
  queryCoverage: number;
  sourceCoverage: number;
  identity: number;
  copiedQueryTokens: number;
  reworded: number;
  factAgreement: number;
  numberAgreement: number;
  knownRewordings: number;
  sharedAnchors: number;
  queryAnchors: number;
  candidateScore: number;
  gapRate: number;
  longestRun: number;
  proseCoverage: number;
}

/** A ProvenanceMatch plus the figures and notes behind it (extra fields, all optional to read). */
export interface TraceMatch extends ProvenanceMatch {
  evidence: MatchEvidence;
  notes: string[];
  pairs?: SpinPair[];
}

export interface TraceResult {
  matches: TraceMatch[];
  indexSize: number;
  candidatesChecked: number;
  /** Anchor terms of the page rare enough to search by. */
  usableTerms: number;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

const VERDICT_RANK: Record<Verdict, number> = { verbatim: 4, spun: 4, partial: 3, 'same-story': 1, unrelated: 0 };

function summarise(e: CopyEvidence, candidateScore: number): MatchEvidence {
  return {
    queryCoverage: round(e.queryCoverage), sourceCoverage: round(e.sourceCoverage), identity: round(e.identity),
    copiedQueryTokens: e.copiedQueryTokens, reworded: e.reworded, factAgreement: round(e.factAgreement), numberAgreement: round(e.numberAgreement), knownRewordings: round(e.knownRewordings), sharedAnchors: e.sharedAnchors, queryAnchors: e.queryAnchors,
    candidateScore: round(candidateScore),
    gapRate: round(e.gapRate), longestRun: e.longestRun, proseCoverage: round(e.proseCoverage),
  };
}

function notesFor(verdict: Verdict, e: CopyEvidence, diff: DiffSpan[]): string[] {
  const notes: string[] = [];
  const subs = diff.filter((d) => d.op === 'substituted').length;
  if (isCopyVerdict(verdict) && subs > 0) {
    notes.push(`originalFromSource: each of the ${subs} substituted spans carries the source's exact wording (sourceText); use it to restore the original`);
  }
  if (verdict === 'partial') notes.push(`${Math.round(e.queryCoverage * 100)}% of the page and ${Math.round(e.sourceCoverage * 100)}% of the source are copied text`);
  const inserted = diff.filter((d) => d.op === 'inserted' && d.end - d.start > 0).length;
  const deleted = diff.filter((d) => d.op === 'deleted' && d.sourceEnd - d.sourceStart > 0).length;
  if (isCopyVerdict(verdict) && (inserted > 0 || deleted > 0)) notes.push(`${inserted} passages added by the page, ${deleted} passages of the source left out`);
  return notes;
}

function judge(article: Article, source: StoredArticle, candidateScore: number, oracle: SynonymOracle, opts: TraceOptions): TraceMatch {
  const al = alignTexts(article.text, source.text, oracle);
  const ev = measureCopy(al, article.text);
  const { verdict, score } = decideVerdict(ev, oracle.available);
  const copy = isCopyVerdict(verdict);
  const diff = copy ? diffSpans(al, article.text, source.text) : [];
  const direction = copy
    ? decideDirection(article, source, al, ev, oracle)
    : { verdict: 'unknown' as const, evidence: ['not a copy: direction does not apply'] };
  const match: TraceMatch = {
    id: source.id, url: source.url, title: source.title, published: source.published,
    score, verdict, direction, diff,
    evidence: summarise(ev, candidateScore),
    notes: notesFor(verdict, ev, diff),
  };
  if (opts.pairs && copy && verdict !== 'verbatim') {
    match.pairs = alignedPairs(al, ev, article.text, source.text, article.paragraphs, direction.verdict !== 'match-copies-query');
  }
  return match;
}

/** Pages shorter than this (a few paragraphs) have twice as many candidates verified. */
const SHORT_PAGE_CHARS = 1500;

/**
 * Among equally scored matches (the score saturates for whole copies), the text closer to the
 * page is the likelier source: Reuters-style re-sends of one story differ by a word or a line.
 */
function closeness(m: TraceMatch): number {
  return m.evidence.identity + m.evidence.sourceCoverage;
}

export async function traceDetailed(article: Article, store: ArticleStore, opts: TraceOptions = {}): Promise<TraceResult> {
  // A short page has few anchors, often common ones, so its source ranks lower among the
  // candidates; aligning a short page is cheap, so verify more of them.
  const base = opts.candidates ?? 8;
  const limit = article.text.length < SHORT_PAGE_CHARS ? base * 2 : base;
  const found = await findCandidates(store, article.text, { limit });
  const sources = await store.getByKeys(found.candidates.map((c) => c.key));
  const scoreOf = new Map(found.candidates.map((c) => [c.key, c.score]));
  const oracle = SynonymOracle.for(opts.lexicon ?? null);
  const judged = sources.map((s) => judge(article, s, scoreOf.get(s.key) ?? 0, oracle, opts));
  const kept = judged
    .filter((m) => opts.includeUnrelated || m.verdict !== 'unrelated')
    .sort((a, b) => VERDICT_RANK[b.verdict] - VERDICT_RANK[a.verdict] || b.score - a.score || closeness(b) - closeness(a) || b.evidence.candidateScore - a.evidence.candidateScore)
    .slice(0, opts.limit ?? 5);
  return { matches: kept, indexSize: found.totalArticles, candidatesChecked: sources.length, usableTerms: found.usableTerms };
}

/** The matches for `article`, best first (see module comment). */
export async function trace(article: Article, store: ArticleStore, opts: TraceOptions = {}): Promise<TraceMatch[]> {
  return (await traceDetailed(article, store, opts)).matches;
}
