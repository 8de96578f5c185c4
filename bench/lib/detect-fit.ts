/**
 * Small helpers for the detection benchmark: ROC AUC and a plain L2-regularised logistic
 * regression on standardised features (batch gradient descent; a few hundred rows, eight features).
 */
import type { DetectModel } from '../../src/spin/detect.js';

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

export function fitLogistic(rows: readonly number[][], labels: readonly number[], opts: { l2?: number; iterations?: number; use?: boolean[] } = {}): DetectModel {
  const l2 = opts.l2 ?? 0.01;
  const iters = opts.iterations ?? 3000;
  const d = rows[0].length;
  const use = opts.use ?? Array<boolean>(d).fill(true);
  const mean = Array<number>(d).fill(0);
  const scale = Array<number>(d).fill(0);
  for (const r of rows) for (let k = 0; k < d; k++) mean[k] += r[k] / rows.length;
  for (const r of rows) for (let k = 0; k < d; k++) scale[k] += (r[k] - mean[k]) ** 2 / rows.length;
  for (let k = 0; k < d; k++) scale[k] = Math.sqrt(scale[k]) || 1;
  const x = rows.map((r) => r.map((v, k) => (use[k] ? (v - mean[k]) / scale[k] : 0)));
  const w = Array<number>(d).fill(0);
  let b = 0;
  const lr = 0.5;
  for (let it = 0; it < iters; it++) {
    const gw = Array<number>(d).fill(0);
    let gb = 0;
    for (let i = 0; i < x.length; i++) {
      let z = b;
      for (let k = 0; k < d; k++) z += w[k] * x[i][k];
      const err = 1 / (1 + Math.exp(-z)) - labels[i];
      for (let k = 0; k < d; k++) gw[k] += err * x[i][k];
      gb += err;
    }
    for (let k = 0; k < d; k++) w[k] -= lr * (gw[k] / x.length + l2 * w[k]);
    b -= lr * gb / x.length;
  }
  const r4 = (v: number) => Math.round(v * 10000) / 10000;
  return { mean: mean.map(r4), scale: scale.map(r4), weights: w.map(r4), bias: r4(b) };
}
