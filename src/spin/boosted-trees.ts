/**
 * Gradient-boosted regression trees, evaluation only (bench/lib/boosted-trees-fit.ts fits them).
 *
 * Why trees and not another linear model: the evidence that a word was swapped is not additive.
 * A large LM gain means much when the candidate is also the commoner word and the written word
 * collocates badly, and little for a capitalised word or an unknown one; a logistic model over
 * the same features reached a word AUC of 0.86, depth-5 trees 0.92 (bench:detect --fit).
 *
 * Each tree is stored in heap order (node k has children 2k+1 and 2k+2), complete to its depth:
 * `feature[k]` is the feature tested at node k (-1 at a leaf) and `value[k]` the threshold (go
 * left when x <= threshold) or, at a leaf, what the tree adds to the log-odds.
 */
export interface BoostedTrees {
  /** Log-odds before any tree (the training data's base rate). */
  base: number;
  /** How many features a row must have. */
  features: number;
  trees: { feature: number[]; value: number[] }[];
}

/** Log-odds of the positive class for one row of features. */
export function treeLogit(model: BoostedTrees, x: readonly number[]): number {
  let z = model.base;
  for (const t of model.trees) {
    let k = 0;
    while (t.feature[k] >= 0) k = x[t.feature[k]] <= t.value[k] ? 2 * k + 1 : 2 * k + 2;
    z += t.value[k];
  }
  return z;
}
