/**
 * Boosted trees (src/spin/boosted-trees.ts, fitted by bench/lib/boosted-trees-fit.ts) on small
 * synthetic problems made here: one a linear model cannot learn, determinism, and the stored
 * split points keeping every training row on the side it was fitted on.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { treeLogit } from '../src/spin/boosted-trees.js';
import { fitBoostedTrees } from '../bench/lib/boosted-trees-fit.js';
import { auc, fitLogistic } from '../bench/lib/detect-fit.js';
import { logitOf } from '../src/spin/detect.js';
import { mulberry32 } from '../bench/lib/random.js';

/** Label 1 when exactly one of two features is above 0.5 (XOR): no linear boundary separates it. */
function xorData(n: number, seed: number): { rows: number[][]; labels: number[] } {
  const rnd = mulberry32(seed);
  const rows: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = [rnd(), rnd(), rnd()];
    rows.push(r);
    labels.push((r[0] > 0.5) !== (r[1] > 0.5) ? 1 : 0);
  }
  return { rows, labels };
}

const OPTS = { trees: 40, depth: 3, learningRate: 0.3, bins: 16, minLeaf: 10, l2: 1 };

test('boosted trees learn an interaction a logistic model cannot', () => {
  const train = xorData(2000, 1);
  const check = xorData(1000, 2);
  const ones = train.labels.map(() => 1);
  const trees = fitBoostedTrees(train.rows, train.labels, ones, OPTS);
  const linear = fitLogistic(train.rows, train.labels, { weights: ones });
  const aucOf = (score: (r: number[]) => number) => {
    const s = check.rows.map(score);
    return auc(s.filter((_, i) => check.labels[i] === 1), s.filter((_, i) => check.labels[i] === 0));
  };
  const treeAuc = aucOf((r) => treeLogit(trees, r));
  const linearAuc = aucOf((r) => logitOf(r, linear));
  assert.ok(treeAuc > 0.97, `trees AUC ${treeAuc}`);
  assert.ok(linearAuc < 0.6, `logistic AUC ${linearAuc}`);
  assert.equal(trees.features, 3);
  assert.equal(trees.trees.length, OPTS.trees);
  for (const t of trees.trees) assert.equal(t.feature.length, 2 ** (OPTS.depth + 1) - 1);
});

test('boosted trees: same data, same model; doubling every weight leaves the base rate alone', () => {
  const { rows, labels } = xorData(600, 3);
  const ones = labels.map(() => 1);
  assert.deepEqual(fitBoostedTrees(rows, labels, ones, OPTS), fitBoostedTrees(rows, labels, ones, OPTS));
  // Doubling every weight leaves the base rate alone.
  assert.equal(fitBoostedTrees(rows, labels, ones.map(() => 2), OPTS).base, fitBoostedTrees(rows, labels, ones, OPTS).base);
});

test('boosted trees: a feature with few distinct values splits between them, so rounding cannot move a row', () => {
  // One informative binary feature and one constant: the split point must lie strictly between 0 and 1.
  const rows = Array.from({ length: 400 }, (_, i) => [i % 2, 7]);
  const labels = rows.map((r) => r[0]);
  const m = fitBoostedTrees(rows, labels, labels.map(() => 1), { ...OPTS, trees: 5 });
  const root = m.trees[0];
  assert.equal(root.feature[0], 0, 'splits on the informative feature');
  assert.ok(root.value[0] > 0 && root.value[0] < 1, `split point ${root.value[0]}`);
  assert.ok(treeLogit(m, [1, 7]) > 0 && treeLogit(m, [0, 7]) < 0);
  assert.throws(() => fitBoostedTrees([], [], []), /no rows/);
});
