/**
 * Small helpers for the detection benchmark: ROC AUC and an L2-regularised logistic regression
 * on standardised features, fitted by Newton's method (a few dozen features, up to a few hundred
 * thousand rows: a dozen passes over the data instead of thousands of gradient steps).
 */
import type { DetectModel } from '../../src/spin/detect.js';
import { solve } from './logistic.js';

export function auc(pos: readonly number[], neg: readonly number[]): number {
  // Rank-based (Mann-Whitney), O(n log n); ties count half.
  const all = [...pos.map((v) => ({ v, p: 1 })), ...neg.map((v) => ({ v, p: 0 }))].sort((a, b) => a.v - b.v);
  let rankSum = 0;
  for (let i = 0; i < all.length;) {
    let j = i;
    while (j < all.length && all[j].v === all[i].v) j++;
    const avg = (i + j + 1) / 2;
    for (let k = i; k < j; k++) if (all[k].p === 1) rankSum += avg;
    i = j;
  }
  return (rankSum - (pos.length * (pos.length + 1)) / 2) / (pos.length * neg.length);
}

export interface FitOptions {
  /** L2 penalty on the (standardised) weights, per unit of total sample weight. */
  l2?: number;
  iterations?: number;
  /** Per-row weights (e.g. to balance classes or spinners); default 1. */
  weights?: readonly number[];
}

/** Minimises Σ wᵢ·logloss + (l2·Σwᵢ / 2)·|w|² (bias not penalised). */
export function fitLogistic(rows: readonly number[][], labels: readonly number[], opts: FitOptions = {}): DetectModel {
  const n = rows.length;
  const d = rows[0].length;
  const sw = opts.weights ?? Array<number>(n).fill(1);
  const total = sw.reduce((a, b) => a + b, 0);
  const l2 = (opts.l2 ?? 0.01) * total;
  const mean = Array<number>(d).fill(0);
  const scale = Array<number>(d).fill(0);
  for (const r of rows) for (let k = 0; k < d; k++) mean[k] += r[k] / n;
  for (const r of rows) for (let k = 0; k < d; k++) scale[k] += (r[k] - mean[k]) ** 2 / n;
  for (let k = 0; k < d; k++) scale[k] = Math.sqrt(scale[k]) || 1;
  const D = d + 1;
  const x = rows.map((r) => [...r.map((v, k) => (v - mean[k]) / scale[k]), 1]);
  let w = Array<number>(D).fill(0);
  for (let it = 0; it < (opts.iterations ?? 12); it++) {
    const g = Array<number>(D).fill(0);
    const h = Array.from({ length: D }, () => Array<number>(D).fill(0));
    for (let i = 0; i < n; i++) {
      const xi = x[i];
      let z = 0;
      for (let k = 0; k < D; k++) z += w[k] * xi[k];
      const p = 1 / (1 + Math.exp(-z));
      const e = (p - labels[i]) * sw[i];
      const c = p * (1 - p) * sw[i];
      for (let a = 0; a < D; a++) {
        g[a] += e * xi[a];
        const ca = c * xi[a];
        const ha = h[a];
        for (let b = 0; b <= a; b++) ha[b] += ca * xi[b];
      }
    }
    for (let a = 0; a < D; a++) for (let b = 0; b < a; b++) h[b][a] = h[a][b];
    for (let a = 0; a < d; a++) {
      g[a] += l2 * w[a];
      h[a][a] += l2;
    }
    for (let a = 0; a < D; a++) h[a][a] += 1e-9;
    const step = solve(h, g);
    w = w.map((v, k) => v - step[k]);
  }
  const r4 = (v: number) => Math.round(v * 10000) / 10000;
  return { mean: mean.map(r4), scale: scale.map(r4), weights: w.slice(0, d).map(r4), bias: r4(w[d]) };
}
