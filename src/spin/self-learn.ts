/**
 * Learning a spinner from its spun pages alone (no originals): a hard-EM loop against the LM.
 * Restore every page with the current restorer, keep only confident edits in pages that look
 * spun, and count them as if they were aligned pairs. A spinner's dictionary is mechanical, so
 * the same swap recurs across pages: counted over many pages, swaps the LM was only moderately
 * sure of in each page become a strong learned prior, and the next round restores with it.
 */
import type { SpinModel } from './model-file.js';
import { learnModel, type SpinPair } from './learn.js';
import { applyEdits, type Restorer } from './restorer.js';

export interface SelfLearnOptions {
  /**
   * Edits below this confidence are not counted (default 0.8). Chosen by `npm run bench:restore --
   * --self-learn` on the tuning spinners: at 0.6 the model learned enough wrong swaps to change up
   * to 1.3% of clean articles' words; at 0.8, at most 0.33%, with as much error reduction as 0.75
   * (0.9: up to 1.7 points less).
   */
  minConfidence?: number;
  /** Pages scoring below this are taken as clean and skipped (default 0.5). */
  minSpinScore?: number;
  /** Rounds of restore-then-count (default 2). */
  rounds?: number;
  onProgress?: (round: number, page: number) => void;
}

export function learnFromSpun(
  makeRestorer: (model: SpinModel | null) => Restorer,
  pages: readonly string[],
  opts: SelfLearnOptions = {},
): SpinModel {
  const minConfidence = opts.minConfidence ?? 0.8;
  const minSpinScore = opts.minSpinScore ?? 0.5;
  const rounds = Math.max(1, opts.rounds ?? 2);
  let model: SpinModel | null = null;
  for (let round = 1; round <= rounds; round++) {
    const restorer = makeRestorer(model);
    const pairs: SpinPair[] = [];
    pages.forEach((page, k) => {
      const r = restorer.restore(page);
      if (r.spinScore < minSpinScore) return;
      pairs.push({ spun: page, orig: applyEdits(page, r.edits.filter((e) => e.confidence >= minConfidence)) });
      opts.onProgress?.(round, k + 1);
    });
    model = learnModel(pairs);
  }
  return model ?? learnModel([]);
}
