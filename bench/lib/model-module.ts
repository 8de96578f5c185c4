/**
 * Renders fitted models as generated TypeScript modules (src/spin/detect-model.ts,
 * src/spin/calibration-trees.ts): fitted numbers belong with the code that reads them (built
 * with it, typed, no file to find at run time).
 */
import type { BoostedTrees } from '../../src/spin/boosted-trees.js';
import type { DetectorModels } from '../../src/spin/detect.js';

/** A BoostedTrees object literal, one tree per line, indented by `indent` spaces. */
export function treesLiteral(trees: BoostedTrees, indent: number): string {
  const pad = ' '.repeat(indent);
  const lines = trees.trees.map((t) => `${pad}    { feature: ${JSON.stringify(t.feature)}, value: ${JSON.stringify(t.value)} },`).join('\n');
  return `{\n${pad}  base: ${trees.base},\n${pad}  features: ${trees.features},\n${pad}  trees: [\n${lines}\n${pad}  ],\n${pad}}`;
}

function header(what: string, madeBy: string): string {
  return `/**\n * ${what} Generated, do not edit: made by\n * ${madeBy}.\n */\n`;
}

export function detectModelModule(models: DetectorModels, madeBy: string): string {
  const { word, paragraph, wordBaseRate, cleanRates } = models;
  return `${header("The spin detector's fitted models (detect.ts).", madeBy)}import type { DetectorModels } from './detect.js';

export const DEFAULT_DETECT_MODELS: DetectorModels = {
  word: ${treesLiteral(word, 2)},
  paragraph: ${JSON.stringify(paragraph)},
  wordBaseRate: ${wordBaseRate},
  cleanRates: ${JSON.stringify(cleanRates)},
};
`;
}

export function calibrationTreesModule(trees: BoostedTrees, madeBy: string): string {
  return `${header("The restorer's candidate calibration as boosted trees over CALIBRATION_FEATURES (calibration.ts).", madeBy)}import type { BoostedTrees } from './boosted-trees.js';

export const CALIBRATION_TREES: BoostedTrees = ${treesLiteral(trees, 0)};
`;
}
