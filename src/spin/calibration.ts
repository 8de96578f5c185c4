/**
 * How likely a thesaurus candidate is to be the original wording, from what the restorer knows
 * about it: a logistic model over a few features (LM gain in context, frequency shift, the
 * resources' weight and sources, the spun word's fit with its neighbours, capitals, length, and
 * whether the spun word is unknown to the LM: then its LM gain is taken against the best
 * candidate, since against an unknown word every candidate gains a lot), and the same swap's
 * mean LM gain over all its occurrences in the document (a spinner applies its dictionary
 * mechanically; once fitted, this replaced the single-context gain almost entirely), and how
 * much better a one-word candidate fits the document's topic (word vectors) than the spun word.
 *
 * The weights are fitted (L2 logistic regression, bench/lib/logistic.ts) by
 * `npm run bench:restore -- --calibrate --thresholds --fit-on plain,varied,loose,moby --fit-articles 150`:
 * candidates from 150 Reuters articles (shuffled seed 7, articles 6000-6149, disjoint from the
 * learn set 0-999 and the test set 1000+) spun by the simulator's "plain", "varied", "loose" and
 * "moby" personalities, and the same articles clean. Fitting on WordNet-based spinners alone
 * taught the model to trust WordNet's candidates (a real spinner's thesaurus is not WordNet);
 * with Moby's spinner in the mix that trust halved, held-out spinners gained 1 point and the seed
 * page 1 point of WER. Refitted after candidates were ranked with their LM prior
 * (RestoreParams.candidatePriorWeight), and again with topicGain (how much better a one-word
 * candidate's vector fits the document's content words than the spun word's): +0.5 to +1.6
 * points on the tuning spinners, +1.2 and +2.4 on the held-out wordy and blunt. "wordy", "blunt", the GloVe-neighbour spinner and the seed page were never
 * used for fitting: the benchmark reports them as held out. No word appears here, only features.
 *
 * RestoreParams.calibration also takes boosted trees over the same features (calibration-trees.ts,
 * `npm run bench:restore -- --calibrate --trees --fit-articles 150`, same candidates; every
 * positive and a seeded tenth of the negatives, weighted back). On candidates of articles the
 * fit did not see they are better (AUC 0.976 -> 0.986, log-loss -8%), and they restore more of
 * the tuning spinners' swaps, but not of the held-out ones: the logistic model stays the default
 * (see DEFAULT_PARAMS).
 */
import type { ArcFeatures } from './lattice.js';
import { treeLogit, type BoostedTrees } from './boosted-trees.js';

/** A calibration: weights of a logistic model over CALIBRATION_FEATURES, or boosted trees over the same features. */
export type Calibration = readonly number[] | BoostedTrees;

export function isTrees(c: Calibration): c is BoostedTrees {
  return !Array.isArray(c);
}

/** Names of the features, in the order of `calibrationFeatures` and of the weight vectors. */
export const CALIBRATION_FEATURES = [
  'bias', 'lmGain', 'freqDiff', 'freqUp', 'weight', 'capitalised', 'lengthDiff', 'spunFreq', 'moby', 'wordnet',
  'closedClass', 'inflection', 'neighbour', 'lmTimesWeight', 'spunFit', 'rank', 'spunUnknown', 'docGain', 'docRepeat', 'topicGain',
] as const;

export const DEFAULT_CALIBRATION: readonly number[] = [
  -9.463, 0.147, 0.223, -0.319, 6.276, 0.188, 0.401, 0.029, -0.843, 1.129, 0.672, -0.057, -0.71, 0.143, 0.132, -0.095, 5.104, 0.971, 0.042, 0.31,
];

/** The feature vector of a thesaurus candidate (see CALIBRATION_FEATURES). */
export function calibrationFeatures(rawGain: number, f: ArcFeatures): number[] {
  const lmGain = f.spunUnknown ? (f.relativeGain ?? 0) : rawGain;
  const has = (s: string) => (f.sources.includes(s) ? 1 : 0);
  const clamped = Math.max(-5, Math.min(5, lmGain));
  const count = f.docCount ?? 1;
  const docGain = f.docGain ?? clamped;
  return [
    1, lmGain, f.freqDiff, Math.max(0, f.freqDiff), f.weight, f.capitalised ? 1 : 0, Math.abs(f.lengthDiff), f.spunFreq,
    has('moby'), has('wordnet'), has('closed-class'), has('inflection'), has('neighbour'), clamped * f.weight, f.spunFit,
    Math.min(f.rank, 12), f.spunUnknown ? 1 : 0,
    // The same swap fitting better at every occurrence: its mean gain, weighted by how often it recurs.
    docGain, docGain * Math.log2(count),
    Math.max(-3, Math.min(3, (f.topicGain ?? 0) * 10)),
  ];
}

/** Natural-log odds that a thesaurus candidate is the original, given its LM gain and features. */
export function candidateLogit(lmGain: number, f: ArcFeatures, calibration: Calibration = DEFAULT_CALIBRATION): number {
  if (f.sources === 'number') return f.lengthDiff !== 0 ? 3 : 0.5;
  const x = calibrationFeatures(lmGain, f);
  if (isTrees(calibration)) return treeLogit(calibration, x);
  const weights = calibration;
  let z = 0;
  for (let k = 0; k < x.length; k++) z += (weights[k] ?? 0) * x[k];
  return z;
}

const DOC_GAIN = CALIBRATION_FEATURES.indexOf('docGain');
const DOC_REPEAT = CALIBRATION_FEATURES.indexOf('docRepeat');

/** The (clipped) LM gain a candidate's docGain defaults to when it occurs once. */
export function ownGain(lmGain: number, f: ArcFeatures): number {
  return Math.max(-5, Math.min(5, f.spunUnknown ? (f.relativeGain ?? 0) : lmGain));
}

/**
 * The log-odds of candidateLogit once the document's support is known, from the log-odds
 * computed without it (same result, without recomputing every feature for every candidate).
 * Logistic weights only: trees are not additive, candidateLogit scores them with the support in.
 */
export function withDocSupport(ownLogit: number, lmGain: number, f: ArcFeatures, docGain: number, docCount: number, weights: readonly number[] = DEFAULT_CALIBRATION): number {
  if (f.sources === 'number') return ownLogit;
  return ownLogit + (weights[DOC_GAIN] ?? 0) * (docGain - ownGain(lmGain, f)) + (weights[DOC_REPEAT] ?? 0) * docGain * Math.log2(docCount);
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

export function logit(p: number): number {
  return Math.log(p / (1 - p));
}
