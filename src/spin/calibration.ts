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
 * points on the tuning spinners, +1.2 and +2.4 on the held-out wordy and blunt. Refitted in the
 * eighth round with the forward rank (forward-rank.ts: would a spinner starting from the candidate
 * have reached the spun word?): on the tuning articles 6400-6519, +0.4 to +2.4 points against a
 * refit without it (docs/restoration-experiments.md). "wordy", "blunt", the GloVe-neighbour spinner and the seed page were never
 * used for fitting: the benchmark reports them as held out. No word appears here, only features.
 *
 * RestoreParams.calibration also takes boosted trees over the first 20 of these features (calibration-trees.ts,
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
  'forwardMissing', 'forwardRank',
] as const;

export const DEFAULT_CALIBRATION: readonly number[] = [
  -6.8, 0.234, 0.389, -0.324, 4.931, 0.159, 0.489, 0.171, -0.988, 0.978, 0.259, 0.053, -0.894, -0.011, 0.129, -0.051, 6.797, 1.018, 0.038, 0.421,
  -2.687, -0.348,
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
    // Would a spinner starting from the candidate have picked the spun words (forward-rank.ts)?
    f.forward === null ? 1 : 0, f.forward === null || f.forward === undefined ? 0 : Math.log2(1 + f.forward),
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

const FORWARD_MISSING = CALIBRATION_FEATURES.indexOf('forwardMissing');
const FORWARD_RANK = CALIBRATION_FEATURES.indexOf('forwardRank');

/**
 * What looking up `f.forward` adds to a logistic calibration's log-odds (0 while it is
 * undefined). Both weights are at most zero, so a logit without it is an upper bound: the
 * restorer looks the forward rank up only for candidates that could still win.
 */
export function forwardLogit(f: ArcFeatures, weights: readonly number[] = DEFAULT_CALIBRATION): number {
  if (f.forward === undefined) return 0;
  if (f.forward === null) return weights[FORWARD_MISSING] ?? 0;
  return (weights[FORWARD_RANK] ?? 0) * Math.log2(1 + f.forward);
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

export function logit(p: number): number {
  return Math.log(p / (1 - p));
}
