/**
 * When two different words count as "the same word, reworded": an inflection (same crude
 * stem), a number written out ("five" / "5"), or a synonym the language resources know in the
 * direction a spinner uses (the reverse thesaurus maps a spun word to the words it may have
 * replaced). The alignment charges little for these, so a spun sentence still lines up with
 * its source word for word.
 */

/** The part of the language helper's `Language` that tracing uses. */
export interface Lexicon {
  reverseCandidates(wordOrPhrase: string, opts?: { limit?: number; neighbours?: boolean }): { text: string }[];
  /** log10 probability of the word; lower is rarer. */
  prior(wordOrPhrase: string): number;
}

export { stem } from '../index/tokens.js';

const shared = new WeakMap<Lexicon, SynonymOracle>();

/** How many first-time (uncached) thesaurus lookups a caller may still make. */
export interface LookupBudget {
  cold: number;
}

/** Memoised synonym test backed by the reverse thesaurus; false when no lexicon is loaded. */
export class SynonymOracle {
  /** One oracle (and one memo) per lexicon, shared by every trace in the process. */
  static for(lexicon: Lexicon | null): SynonymOracle {
    if (!lexicon) return new SynonymOracle(null);
    let o = shared.get(lexicon);
    if (!o) { o = new SynonymOracle(lexicon); shared.set(lexicon, o); }
    return o;
  }

  private readonly lexicon: Lexicon | null;
  private readonly candidates = new Map<string, Set<string>>();

  constructor(lexicon: Lexicon | null) {
    this.lexicon = lexicon;
  }

  get available(): boolean {
    return this.lexicon !== null;
  }

  /** Words the spun form may have replaced (lower-case). */
  originalsOf(spun: string): Set<string> {
    let set = this.candidates.get(spun);
    if (!set) {
      set = new Set<string>();
      if (this.lexicon) {
        try {
          for (const c of this.lexicon.reverseCandidates(spun, { limit: 40, neighbours: false })) set.add(c.text);
        } catch {
          // A lexicon failure on one odd token must not stop tracing; it just knows nothing.
        }
      }
      this.candidates.set(spun, set);
    }
    return set;
  }

  /** Is `spun` (query side) a known spinner replacement of `original` (source side)? */
  replaces(spun: string, original: string): boolean {
    return this.originalsOf(spun).has(original);
  }

  /** Either direction: used by the alignment, which must not presume who copied whom. */
  synonyms(a: string, b: string): boolean {
    return this.replaces(a, b) || this.replaces(b, a);
  }

  /** As `synonyms`, but answers false rather than look up a word for the first time past the budget. */
  synonymsWithin(a: string, b: string, budget: LookupBudget): boolean {
    if (!this.lexicon) return false;
    const cold = (this.candidates.has(a) ? 0 : 1) + (this.candidates.has(b) ? 0 : 1);
    if (cold > budget.cold) return false;
    budget.cold -= cold;
    return this.synonyms(a, b);
  }

  prior(word: string): number | null {
    if (!this.lexicon) return null;
    try {
      return this.lexicon.prior(word);
    } catch {
      return null;
    }
  }
}
