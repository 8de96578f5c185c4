/**
 * Fits gradient-boosted trees (src/spin/boosted-trees.ts) for logistic loss: each round, one
 * regression tree on the loss's gradient and curvature (Newton leaf values, L2-shrunk), splits
 * chosen on a histogram of each feature's quantiles. Small on purpose: a few dozen features, up
 * to a few hundred thousand weighted rows, a few hundred shallow trees; deterministic.
 */
import type { BoostedTrees } from '../../src/spin/boosted-trees.js';

export interface TreeFitOptions {
  trees: number;
  depth: number;
  /** Shrinkage applied to every leaf value. */
  learningRate: number;
  /** Candidate split points per feature (quantiles of the training rows). */
  bins: number;
  /** Least rows on each side of a split. */
  minLeaf: number;
  /** L2 penalty on leaf values (in units of summed curvature). */
  l2: number;
}

export const DEFAULT_TREE_FIT: TreeFitOptions = { trees: 300, depth: 5, learningRate: 0.1, bins: 32, minLeaf: 50, l2: 1 };

/** Split points for one feature: midway between neighbouring distinct values at its quantiles (so rounding them cannot move a training value across). */
function splitPoints(values: number[], bins: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out = new Set<number>();
  for (let b = 1; b < bins; b++) {
    const i = Math.floor((b * sorted.length) / bins);
    const lo = sorted[i];
    let j = i;
    while (j < sorted.length && sorted[j] === lo) j++;
    if (j < sorted.length) out.add(roundSignificant((lo + sorted[j]) / 2));
  }
  return [...out].sort((a, b) => a - b);
}

function roundSignificant(x: number, digits = 6): number {
  return x === 0 ? 0 : Number(x.toPrecision(digits));
}

export function fitBoostedTrees(rows: readonly number[][], labels: readonly number[], weights: readonly number[], opts: TreeFitOptions = DEFAULT_TREE_FIT): BoostedTrees {
  const n = rows.length;
  if (n === 0) throw new Error('fitBoostedTrees: no rows');
  const d = rows[0].length;
  const points = Array.from({ length: d }, (_, k) => splitPoints(rows.map((r) => r[k]), opts.bins));
  // Each row's bin per feature: the index of the first split point at or above its value.
  const binOf = rows.map((r) => r.map((v, k) => {
    const p = points[k];
    let lo = 0;
    let hi = p.length;
    while (lo < hi) {
      const m = (lo + hi) >> 1;
      if (v <= p[m]) hi = m;
      else lo = m + 1;
    }
    return lo;
  }));
  const total = weights.reduce((a, b) => a + b, 0);
  const rate = Math.min(1 - 1e-6, Math.max(1e-6, labels.reduce((a, l, i) => a + l * weights[i], 0) / total));
  const base = Math.log(rate / (1 - rate));
  const score = new Float64Array(n).fill(base);
  const grad = new Float64Array(n);
  const hess = new Float64Array(n);
  const nodes = 2 ** (opts.depth + 1) - 1;
  const trees: BoostedTrees['trees'] = [];
  for (let round = 0; round < opts.trees; round++) {
    for (let i = 0; i < n; i++) {
      const p = 1 / (1 + Math.exp(-score[i]));
      grad[i] = (p - labels[i]) * weights[i];
      hess[i] = Math.max(1e-9, p * (1 - p)) * weights[i];
    }
    const feature = Array<number>(nodes).fill(-1);
    const value = Array<number>(nodes).fill(0);
    const grow = (k: number, idx: Int32Array, depth: number): void => {
      let G = 0;
      let H = 0;
      for (const i of idx) {
        G += grad[i];
        H += hess[i];
      }
      value[k] = (-G / (H + opts.l2)) * opts.learningRate;
      if (depth >= opts.depth || idx.length < 2 * opts.minLeaf) return;
      const parent = (G * G) / (H + opts.l2);
      let best = 1e-9;
      let bestFeature = -1;
      let bestBin = -1;
      for (let f = 0; f < d; f++) {
        const nb = points[f].length + 1;
        const gs = new Float64Array(nb);
        const hs = new Float64Array(nb);
        const cs = new Int32Array(nb);
        for (const i of idx) {
          const b = binOf[i][f];
          gs[b] += grad[i];
          hs[b] += hess[i];
          cs[b]++;
        }
        let gl = 0;
        let hl = 0;
        let cl = 0;
        for (let b = 0; b < nb - 1; b++) {
          gl += gs[b];
          hl += hs[b];
          cl += cs[b];
          if (cl < opts.minLeaf || idx.length - cl < opts.minLeaf) continue;
          const gain = (gl * gl) / (hl + opts.l2) + ((G - gl) ** 2) / (H - hl + opts.l2) - parent;
          if (gain > best) {
            best = gain;
            bestFeature = f;
            bestBin = b;
          }
        }
      }
      if (bestFeature < 0) return;
      feature[k] = bestFeature;
      value[k] = points[bestFeature][bestBin];
      grow(2 * k + 1, idx.filter((i) => binOf[i][bestFeature] <= bestBin), depth + 1);
      grow(2 * k + 2, idx.filter((i) => binOf[i][bestFeature] > bestBin), depth + 1);
    };
    grow(0, Int32Array.from({ length: n }, (_, i) => i), 0);
    const tree = { feature, value: value.map((v, k) => (feature[k] >= 0 ? v : roundSignificant(v, 4))) };
    trees.push(tree);
    for (let i = 0; i < n; i++) {
      let k = 0;
      while (feature[k] >= 0) k = rows[i][feature[k]] > tree.value[k] ? 2 * k + 2 : 2 * k + 1;
      score[i] += tree.value[k];
    }
  }
  return { base: roundSignificant(base), features: d, trees };
}
