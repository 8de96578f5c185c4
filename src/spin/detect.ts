/**
 * Spin detection without restoring the text.
 *
 * Two small models. The word model, 300 boosted trees of depth 5 (boosted-trees.ts), turns what
 * detect-features.ts found at each word (how much better a ±2 word window reads with the best
 * reverse-thesaurus candidate, how tightly the resources tie that candidate to the word, whether it
 * is the commoner word, unseen bigrams it repairs, how well the written word collocates) into a
 * probability that the word was swapped. The paragraph model turns per-word rates (mean swap
 * probability, share of likely swaps, unseen bigrams, LM fluency) into a probability that the
 * paragraph was spun. Comparing each word with its best local alternative, not with an absolute
 * threshold, is what keeps clean newswire (figures, names, abbreviations) from looking odd. The
 * document score applies the paragraph model to the whole text's sums; flags are the likely swapped
 * words.
 *
 * Both were fitted by bench/detect.ts (`--fit`, which writes detect-model.ts) on text spun by two
 * simulated spinners whose dictionaries share no ranking: "plain" (first-listed WordNet synonym)
 * and "loose" (any synonym of any sense, common words favoured), articles disjoint from the test
 * ones; "varied", "wordy", "blunt", "moby", a GloVe-neighbour spinner and a real spinner's
 * dictionary are held out. Trees replaced a logistic word model: word AUC 0.84 -> 0.92 on unseen
 * articles, paragraph AUC +1.0 to +2.8 points on every WordNet- or Moby-based spinner, held-out
 * ones included (GloVe +0.4). Lower-case dictionary words the LM does not know are checked too
 * (spinners reach for archaic synonyms). Paragraphs that are not English prose (english.ts: other
 * languages, tables) are left out of the score and never flagged.
 * No word appears here, only features.
 */
import type { ParagraphSpin, SpinDetection, SpinFlag } from '../model.js';
import { EvidenceExtractor, type DetectLanguage, type SegmentEvidence, type WordEvidence } from './detect-features.js';
import { treeLogit, type BoostedTrees } from './boosted-trees.js';
import { DEFAULT_DETECT_MODELS } from './detect-model.js';
import { looksEnglish } from './english.js';

export { DEFAULT_DETECT_MODELS };

export type { DetectLanguage } from './detect-features.js';

/**
 * Per checked word: what its best reverse-thesaurus candidate says (see detect-features.ts).
 * Which resource proposed the candidate is left out on purpose: fitted on WordNet-based spinners,
 * it learns to distrust candidates from other resources, which is how spinners with another
 * dictionary (word vectors, other thesauri) get past it.
 */
export const WORD_FEATURE_NAMES = ['gain', 'weight', 'maxWeightBetter', 'freqDiff', 'spunFit', 'spunFreq', 'repairs', 'gainTimesWeight', 'capitalised', 'unseen', 'gainUp',
  'lengthDiff', 'gainSameLength', 'topicWord', 'topicGain',
  'gainSquared', 'gainTimesFreq', 'fitSquared', 'weightTimesFreq', 'plausibleFreqGain', 'candidateCount', 'oov', 'unseenBoth', 'coherenceGain'] as const;

export function wordFeatureVector(w: WordEvidence): number[] {
  const gain = clip(w.gain, -4, 4);
  return [
    gain, w.weight, w.maxWeightBetter, clip(w.freqDiff, -3, 3), clip(w.spunFit, -5, 5), clip(w.spunFreq, -8, 0),
    w.repairsUnseen ? 1 : 0, gain * w.weight, w.capitalised ? 1 : 0, w.unseen ? 1 : 0, Math.max(0, gain),
    Math.abs(w.lengthDiff), clip(w.gainSameLength, -4, 4),
    Math.min(w.topicWord, 5), clip(w.topicBest - w.topicWord, -5, 5),
    // A few products and squares: the evidence is not additive (a big gain means more when the candidate is commoner).
    gain * Math.abs(gain) / 4, gain * clip(w.freqDiff, -3, 3) / 3, clip(w.spunFit, -5, 5) * Math.abs(clip(w.spunFit, -5, 5)) / 5, w.weight * clip(w.freqDiff, -3, 3),
    w.plausibleFreqGain, Math.log1p(w.candidateCount), w.oov ? 1 : 0, w.unseenBoth ? 1 : 0, clip(w.coherenceGain * 10, -3, 3),
  ];
}

/** Per paragraph: rates per word (see paragraphFeatures). */
export const FEATURE_NAMES = ['meanWordProb', 'over50', 'over80', 'gain', 'unseenBigrams', 'logProb', 'checked', 'lowerOov', 'lowerRare', 'rarity', 'pmi', 'repelled', 'isolated', 'fit', 'misfits', 'llr', 'oovSynonyms'] as const;

/** Words of typical clean text every stretch starts with, so a short paragraph's rates are not extreme. */
const PRIOR_WORDS = 12;
/** Assumed share of checked words a spinner swaps (deliberately lower than the simulator's rates). */
const SWAP_SHARE = 0.15;

export interface DetectModel {
  /** Per feature: centre and scale (standardisation), then weight. */
  mean: number[];
  scale: number[];
  weights: number[];
  bias: number;
}

export interface DetectorModels {
  /** Log-odds that a word was swapped, from its word features (boosted trees: the evidence is not additive). */
  word: BoostedTrees;
  /** Probability that a paragraph (or document) was spun, from its rates. */
  paragraph: DetectModel;
  /** Share of swapped words among the words the word model was fitted on (its prior). */
  wordBaseRate: number;
  /** Typical clean-text rates (the prior mixed into short texts), in FEATURE_NAMES order. */
  cleanRates: number[];
}

/** Sums over a stretch of text that the paragraph features are rates of. */
export interface StretchSums {
  words: number;
  checked: number;
  prob: number;
  over50: number;
  over80: number;
  gain: number;
  bigrams: number;
  unseenBigrams: number;
  logProb: number;
  lowerWords: number;
  lowerOov: number;
  lowerRare: number;
  rarity: number;
  pmiWords: number;
  pmi: number;
  repelled: number;
  topicWords: number;
  isolated: number;
  fitWords: number;
  fit: number;
  misfits: number;
  oovSynonyms: number;
  /** Σ over words of the log likelihood ratio "spun paragraph" vs "clean paragraph" (a mixture: a word of spun text was swapped with probability SWAP_SHARE). */
  llr: number;
}

const EMPTY_SUMS: StretchSums = { words: 0, checked: 0, prob: 0, over50: 0, over80: 0, gain: 0, bigrams: 0, unseenBigrams: 0, logProb: 0, lowerWords: 0, lowerOov: 0, lowerRare: 0, rarity: 0, pmiWords: 0, pmi: 0, repelled: 0, topicWords: 0, isolated: 0, fitWords: 0, fit: 0, misfits: 0, oovSynonyms: 0, llr: 0 };

export function wordProbability(w: WordEvidence, model: BoostedTrees): number {
  return sigmoid(treeLogit(model, wordFeatureVector(w)));
}

export function stretchSums(seg: SegmentEvidence, word: BoostedTrees, wordBaseRate: number): StretchSums {
  const t = seg.totals;
  const out: StretchSums = { ...EMPTY_SUMS, words: t.words, checked: t.checked, gain: t.gain, bigrams: t.bigrams, unseenBigrams: t.unseenBigrams, logProb: t.logProb, lowerWords: t.lowerWords, lowerOov: t.lowerOov, lowerRare: t.lowerRare, rarity: t.rarity, pmiWords: t.pmiWords, pmi: t.pmi, repelled: t.repelled, topicWords: t.topicWords, isolated: t.isolated, fitWords: t.fitWords, fit: t.fit, misfits: t.misfits, oovSynonyms: t.oovSynonyms };
  const priorOdds = wordBaseRate / (1 - wordBaseRate);
  for (const w of seg.words) {
    const p = wordProbability(w, word);
    out.prob += p;
    if (p > 0.5) out.over50++;
    if (p > 0.8) out.over80++;
    const ratio = p / (1 - p) / priorOdds;
    out.llr += Math.log(1 - SWAP_SHARE + SWAP_SHARE * Math.min(ratio, 1e6));
  }
  return out;
}

export function addSums(a: StretchSums, b: StretchSums): StretchSums {
  const out = { ...a };
  for (const k of Object.keys(out) as (keyof StretchSums)[]) out[k] += b[k];
  return out;
}

/** Rates per word in FEATURE_NAMES order, with PRIOR_WORDS of typical clean text mixed in. */
export function paragraphFeatures(s: StretchSums, cleanRates: readonly number[]): number[] {
  const per = (x: number, n: number) => x / Math.max(1, n);
  // Rates per word, not per checked word: tried, the checked share varies too much outside newswire (ScrapingHub paragraph AUC fell ~0.06).
  const raw = [
    per(s.prob, s.words), per(s.over50, s.words), per(s.over80, s.words), per(s.gain, s.words),
    per(s.unseenBigrams, s.bigrams), per(s.logProb, s.words), per(s.checked, s.words),
    per(s.lowerOov, s.lowerWords), per(s.lowerRare, s.lowerWords), per(s.rarity, s.lowerWords),
    per(s.pmi, s.pmiWords), per(s.repelled, s.pmiWords), per(s.isolated, s.topicWords),
    per(s.fit, s.fitWords), per(s.misfits, s.fitWords), per(s.llr, s.words), per(s.oovSynonyms, s.lowerWords),
  ];
  const n = s.words + PRIOR_WORDS;
  return raw.map((r, k) => (r * s.words + cleanRates[k] * PRIOR_WORDS) / n);
}

export function logitOf(features: readonly number[], model: DetectModel): number {
  let z = model.bias;
  for (let k = 0; k < features.length; k++) z += model.weights[k] * (features[k] - model.mean[k]) / model.scale[k];
  return z;
}

function clip(x: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, x));
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** A paragraph's score (ParagraphSpin: probability-like, in [0, 1]) with its word count, for benchmarks. */
export interface ParagraphScore extends ParagraphSpin {
  words: number;
}

export interface DetectOptions {
  /** Least probability that a word was swapped for it to be flagged (default 0.5). */
  flagProb?: number;
}

export interface SpinDetector {
  detect(text: string): SpinDetection;
  /** One score per paragraph (blank-line separated), in order. */
  paragraphs(text: string): ParagraphScore[];
  /** Raw evidence per paragraph (for benchmarks and fitting). */
  evidence(text: string): SegmentEvidence[];
}

const NOT_ENGLISH = 'the text is not English prose (the language resources are English)';

export function buildDetector(language: DetectLanguage, models: DetectorModels = DEFAULT_DETECT_MODELS, opts: DetectOptions = {}): SpinDetector {
  const extractor = new EvidenceExtractor(language);
  const flagProb = opts.flagProb ?? 0.5;

  function scoreSums(s: StretchSums): number {
    return s.words === 0 ? 0 : sigmoid(logitOf(paragraphFeatures(s, models.cleanRates), models.paragraph));
  }

  const isKnown = (word: string): boolean => language.lm.id(word) >= 0;
  /**
   * Text that is not English prose (english.ts) says nothing about spinning: a document that is
   * not, and any paragraph long enough to judge that is not, scores 0 and gets no flags.
   */
  function englishSegments(text: string, wholeEnglish: boolean): { seg: SegmentEvidence; english: boolean }[] {
    return extractor.segments(text).map((seg) => ({ seg, english: wholeEnglish && looksEnglish(text.slice(seg.start, seg.end), isKnown) }));
  }

  function paragraphs(text: string): ParagraphScore[] {
    return englishSegments(text, looksEnglish(text, isKnown)).map(({ seg, english }) => ({
      start: seg.start, end: seg.end, words: seg.totals.words,
      score: english ? round3(scoreSums(stretchSums(seg, models.word, models.wordBaseRate))) : 0,
    }));
  }

  function detect(text: string): SpinDetection {
    if (!looksEnglish(text, isKnown)) return { spinScore: 0, flags: [], notAssessed: NOT_ENGLISH };
    const segments = englishSegments(text, true).filter((s) => s.english).map((s) => s.seg);
    const sums = segments.map((seg) => stretchSums(seg, models.word, models.wordBaseRate));
    const spinScore = round3(scoreSums(sums.reduce(addSums, EMPTY_SUMS)));
    const flags: SpinFlag[] = [];
    const paragraphScores: ParagraphSpin[] = [];
    segments.forEach((seg, k) => {
      const paragraphScore = scoreSums(sums[k]);
      paragraphScores.push({ start: seg.start, end: seg.end, score: round3(paragraphScore) });
      let lastEnd = -1;
      for (const w of seg.words) {
        const p = wordProbability(w, models.word);
        if (p < flagProb || w.charStart < lastEnd) continue;
        // A word's own evidence tempered by how spun its paragraph looks: one odd word in clean prose is weak.
        flags.push({
          start: w.charStart, end: w.charEnd,
          score: round3(Math.sqrt(p * paragraphScore)),
          reason: `reads like a swap for "${w.candidate}" (a ${w.gain.toFixed(1)} log10 better fit with its neighbours)`,
        });
        lastEnd = w.charEnd;
      }
    });
    return { spinScore, flags, paragraphs: paragraphScores };
  }

  return { detect, paragraphs, evidence: (text) => extractor.segments(text) };
}
