/**
 * Candidate retrieval: the articles sharing the most rare anchor terms with a text, scored
 * like TF-IDF (sum of log inverse document frequencies of shared terms). Terms carried by
 * more than `maxDfFraction` of the index are skipped: they cost posting reads and separate
 * nothing. Works on any ArticleStore through `lookupTerms` alone.
 */
import { fingerprint } from './fingerprint.js';
import type { ArticleStore } from './store.js';

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
