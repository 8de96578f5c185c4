/**
 * Whether a page was run through the spinner a learned model describes, from its words alone.
 * A spinner that swaps "market" for "charge" leaves its pages with more "charge" than writers
 * use and fewer "market"; a page full of "market" was not through it, however odd one "charge"
 * looks. Each phrase of the model is weighed as in naive Bayes: a spun phrase by how much more
 * often it occurs in spun text than in the originals, an original by how often the spinner let
 * it through. Counts come from the learning pairs, so a spinner that swaps rarely weighs little.
 */
import type { SpinModel } from './model-file.js';

/** What the learning pairs say of one phrase: as a spun phrase, and as an original. */
interface PhraseCounts {
  /** Occurrences the originals had (left unchanged) and occurrences swapped in. */
  natural: number;
  swappedIn: number;
  /** The share of its occurrences (add-one smoothed) the spinner swapped away, as an original. */
  awayShare: number;
}

export class SpinnerOdds {
  private constructor(
    private readonly counts: Map<string, PhraseCounts>,
    private readonly maxLen: number,
  ) {}

  /** Null for a model without original counts (written before they were kept). */
  static fromModel(model: SpinModel): SpinnerOdds | null {
    const originalSeen = model.originalSeen;
    if (!originalSeen) return null;
    const counts = new Map<string, PhraseCounts>();
    const countsOf = (phrase: string): PhraseCounts => {
      let c = counts.get(phrase);
      if (!c) counts.set(phrase, (c = { natural: 0, swappedIn: 0, awayShare: 0 }));
      return c;
    };
    const swappedAway = new Map<string, number>();
    for (const [spun, origs] of Object.entries(model.substitutions)) {
      let changed = 0;
      for (const [orig, c] of Object.entries(origs)) {
        if (orig === spun) continue;
        changed += c;
        swappedAway.set(orig, (swappedAway.get(orig) ?? 0) + c);
      }
      // Of its occurrences in spun text, those the originals had (left unchanged) and those swapped in.
      const seen = model.seen[spun] ?? 0;
      const c = countsOf(spun);
      c.natural += Math.max(seen - changed, 0);
      c.swappedIn += Math.min(changed, seen);
    }
    for (const [orig, away] of swappedAway) {
      // The share of its occurrences the spinner swapped away, add-one smoothed.
      const total = originalSeen[orig] ?? 0;
      countsOf(orig).awayShare = 1 - (Math.max(total - away, 0) + 1) / (total + 1);
    }
    let maxLen = 1;
    for (const k of counts.keys()) maxLen = Math.max(maxLen, k.split(' ').length);
    return new SpinnerOdds(counts, maxLen);
  }

  /** log10 odds that the sentences (lower-case words each) were spun by this spinner at its learned rate, from even odds. */
  logOdds(sentences: readonly (readonly string[])[]): number {
    return this.logOddsAt(this.phrasesOf(sentences), 1);
  }

  /**
   * The spinning rate, as a share of the learned one, that best explains the page, among `rates`,
   * and the log10 odds at it. A spinner run lighter than in the pairs swaps only some of the words
   * it knows: its spun phrases are rarer on the page and more of its originals survive. A rate
   * below the learned one is taken only if it explains the page better by `lighterMargin`.
   */
  bestRate(sentences: readonly (readonly string[])[], rates: readonly number[], lighterMargin = 0): { rate: number; logOdds: number } {
    const phrases = this.phrasesOf(sentences);
    const penalty = (rate: number) => (rate < 1 ? lighterMargin : 0);
    let best = { rate: 1, logOdds: -Infinity };
    for (const rate of rates) {
      const logOdds = this.logOddsAt(phrases, rate);
      if (logOdds - penalty(rate) > best.logOdds - penalty(best.rate)) best = { rate, logOdds };
    }
    return best;
  }

  /**
   * Naive Bayes at `rate`: a spun phrase by how much more often it occurs in this spinner's pages
   * than in the originals, an original by how often the spinner lets it through.
   */
  private logOddsAt(phrases: Map<string, number>, rate: number): number {
    let total = 0;
    for (const [key, n] of phrases) {
      const c = this.counts.get(key) as PhraseCounts;
      if (c.swappedIn > 0) total += n * Math.log10((c.natural + rate * c.swappedIn + 1) / (c.natural + 1));
      if (c.awayShare > 0) total += n * Math.log10(1 - rate * c.awayShare);
    }
    return total;
  }

  /** How often each phrase the model knows occurs in the sentences. */
  private phrasesOf(sentences: readonly (readonly string[])[]): Map<string, number> {
    const found = new Map<string, number>();
    for (const words of sentences) {
      for (let i = 0; i < words.length; i++) {
        let key = '';
        for (let len = 1; len <= this.maxLen && i + len <= words.length; len++) {
          key = len === 1 ? words[i] : `${key} ${words[i + len - 1]}`;
          if (this.counts.has(key)) found.set(key, (found.get(key) ?? 0) + 1);
        }
      }
    }
    return found;
  }
}
