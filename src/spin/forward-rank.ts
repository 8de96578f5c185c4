/**
 * The channel half of a noisy-channel reading of a swap: had a spinner started from the
 * candidate original, would it have reached the spun words? It picks from the original's own
 * synonym list, so the spun words' rank in that list (the reverse thesaurus read the other way
 * round) says how likely the pick was; absent from the list, the swap is unlikely from there.
 * Used by the restorer's calibration and by phrase restoration.
 */
import type { ReverseCandidate, ReverseOptions } from '../language/types.js';

export interface ForwardLanguage {
  reverseCandidates(wordOrPhrase: string, opts?: ReverseOptions): ReverseCandidate[];
}

/** How many of a word's own candidates the forward look-up reads. */
export const FORWARD_LIMIT = 100;
/** Replacements whose lists are kept per language (a text shares many; a full list read costs a thesaurus look-up). */
const MEMO_LIMIT = 5_000;

const memos = new WeakMap<ForwardLanguage, Map<string, Map<string, number>>>();

/** Rank (0 = first) of `spun` among the candidates of `replacement`, or null when not among its first FORWARD_LIMIT. */
export function forwardRank(language: ForwardLanguage, replacement: string, spun: string): number | null {
  let memo = memos.get(language);
  if (!memo) {
    memo = new Map();
    memos.set(language, memo);
  }
  let ranks = memo.get(replacement);
  if (!ranks) {
    ranks = new Map();
    let r = 0;
    for (const c of language.reverseCandidates(replacement, { limit: FORWARD_LIMIT })) ranks.set(c.text, r++);
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(replacement, ranks);
  }
  return ranks.get(spun) ?? null;
}
