/**
 * Spin detection without restoring the text.
 *
 * Two small logistic models. The word model turns what detect-features.ts found at each word
 * (how much better a ±2 word window reads with the best reverse-thesaurus candidate, how tightly
 * the resources tie that candidate to the word, whether it is the commoner word, unseen bigrams
 * it repairs, how well the written word collocates) into a probability that the word was
 * swapped. The paragraph model turns per-word rates (mean swap probability, share of likely
 * swaps, unseen bigrams, LM fluency) into a probability that the paragraph was spun. Comparing
 * each word with its best local alternative, not with an absolute threshold, is what keeps clean
 * newswire (figures, names, abbreviations) from looking odd. The document score applies the
 * paragraph model to the whole text's sums; flags are the likely swapped words.
 *
 * The weights were fitted by bench/detect.ts (`--fit`) on text spun by two simulated spinners
 * whose dictionaries share no ranking: "plain" (first-listed WordNet synonym) and "loose" (any
 * synonym of any sense, common words favoured), articles disjoint from the test ones; "varied",
 * "wordy", "blunt", "moby" and a GloVe-neighbour spinner are held out. Lower-case dictionary words
 * the LM does not know are checked too (spinners reach for archaic synonyms).
 * No word appears here, only features.
 */
import type { SpinDetection, SpinFlag } from '../model.js';
import { EvidenceExtractor, type DetectLanguage, type SegmentEvidence, type WordEvidence } from './detect-features.js';

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
  /** Probability that a word was swapped, from its word features. */
  word: DetectModel;
  /** Probability that a paragraph (or document) was spun, from its rates. */
  paragraph: DetectModel;
  /** Share of swapped words among the words the word model was fitted on (its prior). */
  wordBaseRate: number;
  /** Typical clean-text rates (the prior mixed into short texts), in FEATURE_NAMES order. */
  cleanRates: number[];
}

/** Fitted by `npm run bench:detect -- --fit`: both models on the plain and loose simulated spinners (every other spinner held out). */
export const DEFAULT_DETECT_MODELS: DetectorModels = {
  word: {
    mean: [0.3611, 0.6261, 0.4435, 0.393, 0.7152, -3.6869, 0.1459, 0.2309, 0.0976, 0.3859, 0.8631, 0.089, 0.2224, 1.0463, 1.3644, 0.227, 0.3715, 0.2941, 0.2172, -0.2022, 3.3715, 0.0156, 0.0883, 0.1904],
    scale: [1.711, 0.1856, 0.3914, 1.0493, 1.2983, 1.5349, 0.353, 1.1334, 0.2968, 0.4868, 1.1127, 0.3273, 1.6536, 1.3113, 1.2035, 1.2923, 0.8186, 0.8141, 0.6416, 1.9346, 0.3833, 0.1238, 0.2837, 0.8184],
    weights: [-0.6178, 0.3945, 0.3726, 0.2072, -0.3443, -0.4602, -0.1042, 0.6016, -0.2235, 0.1365, 0.3638, 0.0893, -0.3791, -0.1678, 0.0246, 0.419, 0.1017, 0.1362, -0.2348, -0.1592, 0.2036, 0.4749, 0.0053, 0.3397],
    bias: -2.3822,
  },
  paragraph: {
    mean: [0.1062, 0.0511, 0.0177, 0.6044, 0.2313, -2.7276, 0.7952, 0.0514, 0.1233, 3.4408, 0.5512, 0.3418, 0.5264, 0.8545, 0.1001, 0.0364, 0.0136],
    scale: [0.0418, 0.0424, 0.0231, 0.2154, 0.0884, 0.2501, 0.1661, 0.0568, 0.0724, 0.3272, 0.1721, 0.0886, 0.1509, 0.2965, 0.0748, 0.0794, 0.0354],
    weights: [0.4893, 0.9743, 0.8966, 0.5065, -0.0337, 0.2886, -0.8907, 0.0119, -0.0432, -0.091, -0.1934, 0.2521, 0.123, -0.0856, 0.0618, 1.1902, 0.2965],
    bias: 1.298,
  },
  wordBaseRate: 0.1411,
  cleanRates: [0.0772, 0.0172, 0.0017, 0.4723, 0.1933, -2.6508, 0.8016, 0.0372, 0.0992, 3.348, 0.6442, 0.2982, 0.4864, 1.0089, 0.0685, -0.0316, 0.0012],
};

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

export function wordProbability(w: WordEvidence, model: DetectModel): number {
  return sigmoid(logitOf(wordFeatureVector(w), model));
}

export function stretchSums(seg: SegmentEvidence, word: DetectModel, wordBaseRate: number): StretchSums {
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

export interface ParagraphScore {
  start: number;
  end: number;
  words: number;
  /** Probability-like score that the paragraph was spun, in [0, 1]. */
  score: number;
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

export function buildDetector(language: DetectLanguage, models: DetectorModels = DEFAULT_DETECT_MODELS, opts: DetectOptions = {}): SpinDetector {
  const extractor = new EvidenceExtractor(language);
  const flagProb = opts.flagProb ?? 0.5;

  function scoreSums(s: StretchSums): number {
    return s.words === 0 ? 0 : sigmoid(logitOf(paragraphFeatures(s, models.cleanRates), models.paragraph));
  }

  function paragraphs(text: string): ParagraphScore[] {
    return extractor.segments(text).map((seg) => ({
      start: seg.start, end: seg.end, words: seg.totals.words, score: round3(scoreSums(stretchSums(seg, models.word, models.wordBaseRate))),
    }));
  }

  function detect(text: string): SpinDetection {
    const segments = extractor.segments(text);
    const sums = segments.map((seg) => stretchSums(seg, models.word, models.wordBaseRate));
    const spinScore = round3(scoreSums(sums.reduce(addSums, EMPTY_SUMS)));
    const flags: SpinFlag[] = [];
    segments.forEach((seg, k) => {
      const paragraphScore = scoreSums(sums[k]);
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
    return { spinScore, flags };
  }

  return { detect, paragraphs, evidence: (text) => extractor.segments(text) };
}
