/**
 * The public shapes of the language resources (see index.ts for `loadLanguage`).
 * Everything here is general English; nothing is tuned to any example text.
 */
import type { NgramLanguageModel } from './lm.js';
import type { PairCounts } from './collocations.js';

export type { PairCounts } from './collocations.js';

/** Where a reverse candidate came from. */
export type CandidateSource = 'moby' | 'wordnet' | 'neighbour' | 'closed-class' | 'inflection';

/**
 * A word or phrase that may have been replaced by the spun text.
 * `weight` is in (0, 1]: how strongly the resources tie it to the spun form (agreement between
 * sources, sense rank, similarity); it is NOT a frequency. Combine it with `lm` scores / `prior`.
 */
export interface ReverseCandidate {
  /** Lower-case; words separated by single spaces. */
  text: string;
  sources: CandidateSource[];
  weight: number;
}

export interface ReverseOptions {
  /** Most candidates to return, best first (default 50). */
  limit?: number;
  /** Leave out candidates whose words the LM does not know (default false). */
  requireInVocab?: boolean;
  /** Include distributional neighbours when the neighbour table was built (default true). */
  neighbours?: boolean;
  /** Include closed-class confusion sets (default true). */
  closedClass?: boolean;
  /**
   * Rank by resource weight plus this much of the candidate's log10 LM prior (default 0: weight
   * alone). A spinner swaps the words a writer uses, which are mostly common ones, so among the
   * hundreds of words a long thesaurus entry can stand for, the common ones come first.
   */
  priorWeight?: number;
}

/** Inflection tags kept when re-inflecting a candidate ("stories" -> story -> report -> "reports"). */
export type InflectionTag =
  | 'base'
  | 'plural' // noun plural (NNS)
  | 'past' // past tense or past participle (VBD/VBN: "-ed" forms cannot tell them apart)
  | '3sg' // verb third person singular present (VBZ)
  | 'ing' // gerund / present participle (VBG)
  | 'comparative' // JJR / RBR
  | 'superlative'; // JJS / RBS

export type WordClass = 'noun' | 'verb' | 'adj' | 'adv';

export interface Analysis {
  lemma: string;
  pos: WordClass;
  tag: InflectionTag;
  /** 'exception' when from WordNet's irregular-form lists, 'rule' when from suffix rules. */
  via: 'exception' | 'rule' | 'identity';
}

export interface Neighbour {
  text: string;
  /** Cosine similarity of the two words' vectors, in [-1, 1]. */
  similarity: number;
}

/** A hand-written set of closed-class words/phrases that a spinner swaps for one another. */
export interface ConfusionSet {
  name: string;
  members: string[];
  /** Directed swaps (original -> spun) that are not symmetric within the set. */
  directed?: boolean;
}

export interface LanguageInfo {
  cacheDir: string;
  /** What was built, from which package versions (the manifest). */
  sources: { name: string; version: string; license: string }[];
  parts: { lm: boolean; thesaurus: boolean; morphology: boolean; neighbours: boolean; collocations: boolean; vectors: boolean; terms: boolean };
  loadMs: number;
}

export interface Language {
  lm: NgramLanguageModel;
  /**
   * Words/phrases that the given spun word or phrase may have replaced, best first.
   * Inflected inputs are lemmatised, looked up and re-inflected to the same form.
   */
  reverseCandidates(wordOrPhrase: string, opts?: ReverseOptions): ReverseCandidate[];
  /** Longest key (in tokens) that `reverseCandidates` knows. */
  readonly maxPhraseLength: number;
  /**
   * Lengths n (longest first, each >= 1) such that tokens[i .. i+n) has reverse candidates.
   * Tokens are matched case-insensitively. Single tokens are included when they have candidates.
   */
  phraseStartsAt(tokens: readonly string[], i: number): number[];
  /** Possible analyses of a word form (may be several: "saw" -> see/past, saw/base). */
  lemmatise(word: string): Analysis[];
  /** Forms of `lemma` with the tag, most likely first; [] when none can be made. */
  inflect(lemma: string, pos: WordClass, tag: InflectionTag): string[];
  /** Distributional neighbours (top-k precomputed); [] when absent or not built. */
  neighbours(word: string, k?: number): Neighbour[];
  /**
   * How much two adjacent words form a fixed expression outside news text: counts of the pair in
   * WordNet's glosses and examples, and in multi-word dictionary entries (WordNet, Moby).
   * Zeros when the collocation table was not built.
   */
  collocation(a: string, b: string): PairCounts;
  /** Whether a lower-case phrase of several words is a multi-word entry of WordNet or Moby. */
  isDictionaryPhrase(phrase: string): boolean;
  /** Whether a lower-case phrase is a technical term (FOLDOC, V.E.R.A.; false when terms.txt was not built). */
  isTechnicalTerm(phrase: string): boolean;
  /** Words that, put at `at`, make the lower-case words a technical term ("neural *" -> "network", ...). */
  termCompletions(words: readonly string[], at: number): string[];
  /** Cosine of two words' distributional vectors; null when either has none (or vectors were not built). */
  similarity(a: string, b: string): number | null;
  /** Mean unit vector of the words that have vectors (null when none do): a text's topic. */
  topicVector(words: Iterable<string>): Float32Array | null;
  /** Mean cosine of the word with the words of a topicVector; null when the word has no vector. */
  topicFit(word: string, topic: Float32Array): number | null;
  /**
   * The k words nearest to the word by vector cosine, best first, among the `within` most
   * frequent words with vectors (all when omitted); [] when the word has no vector. A full scan
   * (milliseconds): for a phrase's few words, not for every token of a text.
   */
  nearestWords(word: string, k: number, within?: number): Neighbour[];
  /** Closed-class confusion sets (modals, prepositions, numbers, function phrases...). */
  readonly closedClassSets: readonly ConfusionSet[];
  /** Other members of every closed-class set containing the word or phrase. */
  closedClassAlternatives(wordOrPhrase: string): string[];
  /**
   * How common the word or phrase is: log10 unigram probability for a word, the LM score of the
   * phrase (no sentence markers) for several words. Use as a prior for "how likely an original".
   */
  prior(wordOrPhrase: string): number;
  info: LanguageInfo;
}
