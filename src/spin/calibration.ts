/**
 * How likely a thesaurus candidate is to be the original wording, from what the restorer knows
 * about it: a logistic model over a few features (LM gain in context, frequency shift, the
 * resources' weight and sources, the spun word's fit with its neighbours, capitals, length).
 *
 * The weights were fitted once (plain logistic regression) on candidates from 200 Reuters
 * articles spun by the simulator's "plain" personality, and their clean versions
 * (bench/restore.ts shuffles with seed 7; fitted on articles 6000-6199, disjoint from its learn
 * set 0-999 and test set 1000+). The "wordy" and "blunt" personalities were never used for
 * fitting: the benchmark reports them as held out. No word appears here, only features.
 */
import type { ArcFeatures } from './lattice.js';

const W = {
  bias: -6.93,
  lmGain: 0.091,
  freqDiff: 0.029,
  freqUp: 0.299,
  weight: 5.23,
  capitalised: -0.365,
  lengthDiff: -0.171,
  spunFreq: 0.134,
  moby: -0.614,
  wordnet: 0.524,
  closedClass: 0.086,
  inflection: 0.12,
  neighbour: -0.523,
  lmTimesWeight: 1.076,
  spunFit: 0.127,
  rank: -0.188,
} as const;

/** Natural-log odds that a thesaurus candidate is the original, given its LM gain and features. */
export function candidateLogit(lmGain: number, f: ArcFeatures): number {
  if (f.sources === 'number') return f.lengthDiff !== 0 ? 3 : 0.5;
  const has = (s: string) => (f.sources.includes(s) ? 1 : 0);
  const clamped = Math.max(-5, Math.min(5, lmGain));
  return W.bias
    + W.lmGain * lmGain
    + W.freqDiff * f.freqDiff
    + W.freqUp * Math.max(0, f.freqDiff)
    + W.weight * f.weight
    + W.capitalised * (f.capitalised ? 1 : 0)
    + W.lengthDiff * Math.abs(f.lengthDiff)
    + W.spunFreq * f.spunFreq
    + W.moby * has('moby')
    + W.wordnet * has('wordnet')
    + W.closedClass * has('closed-class')
    + W.inflection * has('inflection')
    + W.neighbour * has('neighbour')
    + W.lmTimesWeight * clamped * f.weight
    + W.spunFit * f.spunFit
    + W.rank * Math.min(f.rank, 12);
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

export function logit(p: number): number {
  return Math.log(p / (1 - p));
}
