/**
 * Candidate retrieval: the articles sharing the most rare anchor terms with a text, scored
 * like TF-IDF (sum of log inverse document frequencies of shared terms). Terms carried by
 * more than `maxDfFraction` of the index are skipped: they cost posting reads and separate
 * nothing. Works on any ArticleStore through `lookupTerms` alone.
 */
import { fingerprint } from './fingerprint.js';
import type { ArticleStore } from './store.js';

/** Fewer usable terms than this and the rarest common ones are used too ... */
const MIN_USABLE_TERMS = 6;
/** ... up to this share of the index. */
const LOOSE_DF_FRACTION = 0.1;

export interface Candidate {
  key: number;
  score: number;
  /** How many of the query's usable terms the candidate shares. */
  shared: number;
}

export interface CandidateOptions {
  limit?: number;
  /** Skip terms in more than this fraction of articles (default 2%, at least 50 articles). */
  maxDfFraction?: number;
}

export interface CandidateResult {
  candidates: Candidate[];
  /** Query terms with postings read (rare enough to be useful). */
  usableTerms: number;
  totalArticles: number;
}

export async function findCandidates(store: ArticleStore, text: string, opts: CandidateOptions = {}): Promise<CandidateResult> {
  const totalArticles = await store.count();
  const { terms } = fingerprint(text);
  if (totalArticles === 0 || terms.length === 0) return { candidates: [], usableTerms: 0, totalArticles };
  const maxDf = Math.max(50, Math.floor(totalArticles * (opts.maxDfFraction ?? 0.02)));
  const lookups = await store.lookupTerms(terms, maxDf);
  // A short page may carry only common anchors; then its rarest few are read anyway, with a
  // looser cap, rather than finding nothing.
  const usable = lookups.filter((l) => l.keys).length;
  if (usable < MIN_USABLE_TERMS) {
    const looseDf = Math.max(maxDf, Math.floor(totalArticles * LOOSE_DF_FRACTION));
    const extra = lookups.filter((l) => !l.keys && l.df > 0 && l.df <= looseDf).sort((a, b) => a.df - b.df).slice(0, MIN_USABLE_TERMS - usable);
    const reread = await store.lookupTerms(extra.map((l) => l.term), looseDf);
    const byTerm = new Map(reread.map((l) => [l.term, l]));
    for (let i = 0; i < lookups.length; i++) lookups[i] = byTerm.get(lookups[i].term) ?? lookups[i];
  }
  const scores = new Map<number, Candidate>();
  let usableTerms = 0;
  for (const l of lookups) {
    if (!l.keys) continue;
    usableTerms++;
    const idf = Math.log(1 + totalArticles / l.df);
    for (const key of l.keys) {
      const c = scores.get(key);
      if (c) { c.score += idf; c.shared++; } else scores.set(key, { key, score: idf, shared: 1 });
    }
  }
  const candidates = [...scores.values()].sort((a, b) => b.score - a.score).slice(0, opts.limit ?? 10);
  return { candidates, usableTerms, totalArticles };
}
