/**
 * The channel half of a noisy-channel reading of a swap: had a spinner started from the
 * candidate original, would it have reached the spun words? It picks from the original's own
 * synonym list, so the spun words' rank in that list (the reverse thesaurus read the other way
 * round) says how likely the pick was; absent from the list, the swap is unlikely from there.
 * Used by phrase restoration. As a feature of the restorer's calibration it gained 1-3 points on
 * the WordNet-based simulated spinners but cost a third of the restorer's speed, since a look-up is a full
 * thesaurus read (docs/restoration-experiments.md); a forward table built with the language
 * resources would make it cheap.
 */
import type { ReverseCandidate, ReverseOptions } from '../language/types.js';

export interface ForwardLanguage {
  reverseCandidates(wordOrPhrase: string, opts?: ReverseOptions): ReverseCandidate[];
}

/** How many of a word's own candidates the forward look-up reads. */
const FORWARD_LIMIT = 100;
/**
 * Replacements whose lists are kept per language. A text has thousands of distinct candidates
 * and a full list read costs a thesaurus look-up, so the lists are kept compact (one string
 * each, about 1 kB) and many of them: ~40 MB at most.
 */
const MEMO_LIMIT = 40_000;

const memos = new WeakMap<ForwardLanguage, Map<string, string>>();

/** Rank (0 = first) of `spun` among the candidates of `replacement`, or null when not among its first FORWARD_LIMIT. */
export function forwardRank(language: ForwardLanguage, replacement: string, spun: string): number | null {
  let memo = memos.get(language);
  if (!memo) {
    memo = new Map();
    memos.set(language, memo);
  }
  let list = memo.get(replacement);
  if (list === undefined) {
    // Newline-delimited: candidate texts are words and phrases without line breaks.
    list = `\n${language.reverseCandidates(replacement, { limit: FORWARD_LIMIT }).map((c) => c.text).join('\n')}\n`;
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(replacement, list);
  }
  const at = list.indexOf(`\n${spun}\n`);
  if (at < 0) return null;
  let rank = 0;
  for (let k = 1; k <= at; k++) if (list.charCodeAt(k) === 10) rank++;
  return rank;
}
