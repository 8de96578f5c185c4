/**
 * De-spinning: restore the original wording of spun text, score how spun a text is, and learn a
 * spinner's dictionary from spun/original pairs.
 *
 *   const r = await createRestorer({ model: loadSpinModel('spinner.json.gz') });
 *   r.restore(text)  // {text, spinScore, edits: [{start, end, spun, original, confidence, alternatives}]}
 *   r.detect(text)   // {spinScore, flags}
 */
import { loadLanguage } from '../language/index.js';
import type { SpinModel } from './model-file.js';
import { buildRestorer, DEFAULT_PARAMS, type Restorer, type RestoreParams, type SpinLanguage } from './restorer.js';

export interface RestorerOptions {
  /** A learned substitution model (see learnModel / loadSpinModel). */
  model?: SpinModel | null;
  /** Language resources; loaded from the compiled cache when omitted. */
  language?: SpinLanguage;
  params?: Partial<RestoreParams>;
}

export async function createRestorer(opts: RestorerOptions = {}): Promise<Restorer> {
  const language = opts.language ?? (await loadLanguage());
  return buildRestorer(language, opts.model ?? null, { ...DEFAULT_PARAMS, ...opts.params });
}

export type { Restorer, RestoreParams, SpinLanguage } from './restorer.js';
export { DEFAULT_PARAMS, applyEdits, buildRestorer } from './restorer.js';
export { learnModel, alignPair, type SpinPair } from './learn.js';
export { loadSpinModel, saveSpinModel, parseSpinModel, validateSpinModel, SPIN_MODEL_FORMAT, SPIN_MODEL_VERSION, type SpinModel } from './model-file.js';
export { splitSentences } from './tokens.js';
export { learnFromSpun, type SelfLearnOptions } from './self-learn.js';
