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
 * right when x > threshold, left otherwise) or, at a leaf, what the tree adds to the log-odds.
 */
export interface BoostedTrees {
  /** Log-odds before any tree (the training data's base rate). */
  base: number;
  /** How many features a row must have. */
  features: number;
  trees: { feature: number[]; value: number[] }[];
}

/** The trees packed into flat typed arrays (one block of nodes per tree): the restorer scores every candidate with them. */
interface PackedTrees {
  base: number;
  /** Node block of tree t starts at starts[t]. */
  starts: Int32Array;
  feature: Int16Array;
  value: Float64Array;
}

const packed = new WeakMap<BoostedTrees, PackedTrees>();

function pack(model: BoostedTrees): PackedTrees {
  const starts = new Int32Array(model.trees.length);
  let total = 0;
  model.trees.forEach((t, i) => {
    starts[i] = total;
    total += t.feature.length;
  });
  const feature = new Int16Array(total);
  const value = new Float64Array(total);
  model.trees.forEach((t, i) => {
    feature.set(t.feature, starts[i]);
    value.set(t.value, starts[i]);
  });
  return { base: model.base, starts, feature, value };
}

/** Log-odds of the positive class for one row of features. */
export function treeLogit(model: BoostedTrees, x: readonly number[]): number {
  let p = packed.get(model);
  if (!p) {
    p = pack(model);
    packed.set(model, p);
  }
  const { starts, feature, value } = p;
  let z = p.base;
  for (let t = 0; t < starts.length; t++) {
    const at = starts[t];
    let k = 0;
    let f = feature[at];
    while (f >= 0) {
      // Branch-free step: which side a row goes is unpredictable, and mispredicted branches were most of the cost.
      k = 2 * k + 1 + +(x[f] > value[at + k]);
      f = feature[at + k];
    }
    z += value[at + k];
  }
  return z;
}
