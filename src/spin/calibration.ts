/**
 * How likely a thesaurus candidate is to be the original wording, from what the restorer knows
 * about it: a logistic model over a few features (LM gain in context, frequency shift, the
 * resources' weight and sources, the spun word's fit with its neighbours, capitals, length).
 *
 * The weights are fitted (L2 logistic regression, bench/lib/logistic.ts) by
 * `npm run bench:restore -- --calibrate --thresholds --fit-on plain,varied --fit-articles 150`:
 * candidates from 150 Reuters articles (shuffled seed 7, articles 6000-6149, disjoint from the
 * learn set 0-999 and the test set 1000+) spun by the simulator's "plain" and "varied"
 * personalities, and the same articles clean. "wordy" and "blunt" were never used for fitting:
 * the benchmark reports them as held out. No word appears here, only features.
 */
import type { ArcFeatures } from './lattice.js';

/** Names of the features, in the order of `calibrationFeatures` and of the weight vectors. */
export const CALIBRATION_FEATURES = [
  'bias', 'lmGain', 'freqDiff', 'freqUp', 'weight', 'capitalised', 'lengthDiff', 'spunFreq', 'moby', 'wordnet',
  'closedClass', 'inflection', 'neighbour', 'lmTimesWeight', 'spunFit', 'rank',
] as const;

export const DEFAULT_CALIBRATION: readonly number[] = [
  -8.71, 0.252, 0.491, -0.211, 6.055, -0.357, -0.255, 0.07, -0.827, 1.383, 0.44, 0.011, -0.869, 1.036, 0.062, -0.19,
];

/** The feature vector of a thesaurus candidate (see CALIBRATION_FEATURES). */
export function calibrationFeatures(lmGain: number, f: ArcFeatures): number[] {
  const has = (s: string) => (f.sources.includes(s) ? 1 : 0);
  const clamped = Math.max(-5, Math.min(5, lmGain));
  return [
    1, lmGain, f.freqDiff, Math.max(0, f.freqDiff), f.weight, f.capitalised ? 1 : 0, Math.abs(f.lengthDiff), f.spunFreq,
    has('moby'), has('wordnet'), has('closed-class'), has('inflection'), has('neighbour'), clamped * f.weight, f.spunFit,
    Math.min(f.rank, 12),
  ];
}

/** Natural-log odds that a thesaurus candidate is the original, given its LM gain and features. */
export function candidateLogit(lmGain: number, f: ArcFeatures, weights: readonly number[] = DEFAULT_CALIBRATION): number {
  if (f.sources === 'number') return f.lengthDiff !== 0 ? 3 : 0.5;
  const x = calibrationFeatures(lmGain, f);
  let z = 0;
  for (let k = 0; k < x.length; k++) z += weights[k] * x[k];
  return z;
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

export function logit(p: number): number {
  return Math.log(p / (1 - p));
}
