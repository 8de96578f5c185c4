/**
 * How well a word fits a text's topic: its mean vector cosine with the text's content words,
 * some of them left out (the word itself, the word it may have replaced). Spinners' wrong-sense
 * synonyms ("train" for "exercise") belong to the topic less than the words they replaced; the
 * restorer (topicGain) and the detector (coherenceGain) both ask.
 */
import type { Language } from '../language/index.js';

export type TopicLanguage = Pick<Language, 'similarity' | 'topicVector' | 'topicFit'>;

export class Topic {
  private constructor(
    private readonly language: TopicLanguage,
    private readonly vector: Float32Array,
    private readonly words: ReadonlySet<string>,
  ) {}

  /** The topic of these content words (those with vectors); null when fewer than two have one. */
  static of(language: TopicLanguage, words: Iterable<string>): Topic | null {
    const withVectors = new Set<string>();
    for (const w of words) if (language.similarity(w, w) !== null) withVectors.add(w);
    if (withVectors.size < 2) return null;
    const vector = language.topicVector(withVectors);
    return vector ? new Topic(language, vector, withVectors) : null;
  }

  /** Mean cosine of `word` with the topic's words other than those in `leaveOut`; null without a vector or words left. */
  fit(word: string, leaveOut: readonly string[]): number | null {
    const mean = this.language.topicFit(word, this.vector);
    if (mean === null) return null;
    let sum = mean * this.words.size;
    let n = this.words.size;
    const seen = new Set<string>();
    for (const e of leaveOut) {
      if (seen.has(e) || !this.words.has(e)) continue;
      seen.add(e);
      sum -= this.language.similarity(word, e) ?? 0;
      n--;
    }
    return n > 0 ? sum / n : null;
  }
}
