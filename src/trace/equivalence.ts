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

const NUMBER_WORDS: Record<string, string> = {
  zero: '0', one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9', ten: '10',
  eleven: '11', twelve: '12', thirteen: '13', fourteen: '14', fifteen: '15', sixteen: '16', seventeen: '17', eighteen: '18',
  nineteen: '19', twenty: '20', thirty: '30', forty: '40', fifty: '50', sixty: '60', seventy: '70', eighty: '80', ninety: '90',
  hundred: '100', thousand: '1000', first: '1st', second: '2nd', third: '3rd',
};

/** A crude English stem: enough to pair inflections ("reports"/"reported"/"reporting"). */
export function stem(norm: string): string {
  const n = NUMBER_WORDS[norm];
  if (n !== undefined) return n;
  let w = norm.replace(/'s$/, '');
  if (w.length <= 3) return w;
  if (w.endsWith('ies') && w.length > 4) return `${w.slice(0, -3)}y`;
  if (w.endsWith('ied') && w.length > 4) return `${w.slice(0, -3)}y`;
  for (const suffix of ['ing', 'ed', 'es', 'ly', 's']) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 3) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  // "stopped" -> "stopp" -> "stop"
  if (w.length > 3 && w[w.length - 1] === w[w.length - 2] && !/[aeiouls]/.test(w[w.length - 1])) w = w.slice(0, -1);
  return w.replace(/e$/, '');
}

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
