/**
 * Technical terms ("neural network", "denial of service"): multi-word names from dictionaries of
 * computing and science (terms.txt, built from FOLDOC and V.E.R.A.). A tortured phrase is often
 * one of them with a word swapped, so the lexicon both confirms a reading and proposes the word
 * that completes a term.
 */

export class TermLexicon {
  private readonly terms: Set<string>;
  /** "neural *" -> words that complete it, built on first use (most processes never ask). */
  private patterns: Map<string, string[]> | null = null;

  constructor(text: string | null) {
    this.terms = new Set((text ?? '').split('\n').filter(Boolean));
  }

  get size(): number {
    return this.terms.size;
  }

  /** Whether the lower-case phrase (words separated by single spaces) is a known term. */
  has(phrase: string): boolean {
    return this.terms.has(phrase);
  }

  /** Words w such that `words` with words[at] replaced by w is a known term (w != words[at]). */
  completions(words: readonly string[], at: number): string[] {
    if (this.terms.size === 0 || at < 0 || at >= words.length) return [];
    const patterns = this.patterns ?? this.buildPatterns();
    return (patterns.get(patternKey(words, at)) ?? []).filter((w) => w !== words[at]);
  }

  private buildPatterns(): Map<string, string[]> {
    const patterns = new Map<string, string[]>();
    for (const term of this.terms) {
      const words = term.split(' ');
      for (let k = 0; k < words.length; k++) {
        const key = patternKey(words, k);
        const list = patterns.get(key);
        if (list) list.push(words[k]);
        else patterns.set(key, [words[k]]);
      }
    }
    this.patterns = patterns;
    return patterns;
  }
}

function patternKey(words: readonly string[], at: number): string {
  return words.map((w, k) => (k === at ? '*' : w)).join(' ');
}
