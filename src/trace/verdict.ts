/**
 * From copy evidence to a verdict and a score. The thresholds are deliberately plain and few,
 * and were set on Reuters spun copies against held-out Reuters hard negatives (templated
 * market reports, follow-ups of the same story); see bench/trace.ts.
 */
import type { Verdict } from '../model.js';
import type { CopyEvidence } from './evidence.js';

/** Copying needs at least this many query tokens in copied blocks ... */
export const MIN_COPIED_TOKENS = 25;
/** ... covering this share of the query, unless the copied text is long on its own. */
export const MIN_COPIED_SHARE = 0.4;
export const LONG_COPY_TOKENS = 80;
/** A short copy (a paragraph or two) counts when it is most of the page's prose ... */
const SHORT_COPY_TOKENS = 10;
const SHORT_COPY_SHARE = 0.6;
/** ... and runs on unbroken for this many words somewhere (one copied sentence at least). */
const SHORT_COPY_RUN = 8;
/** Whole-text copies: both sides mostly covered. */
const WHOLE_COVERAGE = 0.6;
const VERBATIM_COVERAGE = 0.8;
const VERBATIM_IDENTITY = 0.97;
/**
 * Copied text either reads the same (near-verbatim reuse) or is reworded the way spinners
 * reword: most changed words are known rewordings (synonyms, inflections) and the facts stay.
 * A templated report of another company or another day fails both: its changed words are
 * facts (figures, names), not synonyms.
 */
const REUSE_IDENTITY = 0.95;
/**
 * Near-verbatim reuse is word for word: an editor rewriting the same press release keeps most
 * words but moves clauses and drops words, which shows as gaps inside the matching text.
 */
const MAX_REUSE_GAP_RATE = 0.2;
/**
 * A light edit: nearly all words kept, a few changed that the thesaurus does not know (a
 * capitalised word swapped, an odd synonym), facts and word order intact, most of the page.
 */
const LIGHT_EDIT_IDENTITY = 0.9;
/**
 * Any copy: spinners substitute words and phrases (the alignment pairs known phrase swaps), so
 * copied text has few unexplained gaps; a rewrite of the same story has many.
 */
const MAX_GAP_RATE = 0.25;
const LIGHT_EDIT_FACT_AGREEMENT = 0.9;
const LIGHT_EDIT_GAP_RATE = 0.15;
const LIGHT_EDIT_COVERAGE = 0.6;
/** Copies keep their figures: aligned numbers that differ mean another report, not a copy. */
const MIN_NUMBER_AGREEMENT = 0.8;
const MIN_NUMBERS_TO_JUDGE = 3;
const MIN_KNOWN_REWORDINGS = 0.35;
const MIN_FACT_AGREEMENT = 0.85;
/** Spinners also swap capitalised words; when most rewordings are known ones, allow more of that. */
const MOSTLY_KNOWN_REWORDINGS = 0.6;
const MIN_FACT_AGREEMENT_WHEN_KNOWN = 0.8;
/**
 * Without language resources no rewording is "known"; then only the facts can tell a reworded
 * copy from a template, so they must agree almost everywhere.
 */
const MIN_FACT_AGREEMENT_NO_LEXICON = 0.9;
const MIN_IDENTITY_NO_LEXICON = 0.6;
/** Same story: shares this many names/figures, and this share of the query's. */
const SAME_STORY_ANCHORS = 4;
const SAME_STORY_SHARE = 0.25;

export function isCopyVerdict(v: Verdict): boolean {
  return v === 'verbatim' || v === 'spun' || v === 'partial';
}

export function decideVerdict(e: CopyEvidence, lexiconAvailable = true): { verdict: Verdict; score: number } {
  const enough = (e.copiedQueryTokens >= MIN_COPIED_TOKENS
    && (e.queryCoverage >= MIN_COPIED_SHARE || e.copiedQueryTokens >= LONG_COPY_TOKENS))
    || (e.copiedQueryTokens >= SHORT_COPY_TOKENS && e.proseCoverage >= SHORT_COPY_SHARE && e.longestRun >= SHORT_COPY_RUN);
  const copyLike = (e.identity >= REUSE_IDENTITY && e.gapRate <= MAX_REUSE_GAP_RATE)
    || (e.identity >= LIGHT_EDIT_IDENTITY && e.factAgreement >= LIGHT_EDIT_FACT_AGREEMENT && e.gapRate <= LIGHT_EDIT_GAP_RATE && e.queryCoverage >= LIGHT_EDIT_COVERAGE)
    || (e.knownRewordings >= MIN_KNOWN_REWORDINGS && e.factAgreement >= MIN_FACT_AGREEMENT)
    || (e.knownRewordings >= MOSTLY_KNOWN_REWORDINGS && e.factAgreement >= MIN_FACT_AGREEMENT_WHEN_KNOWN)
    || (!lexiconAvailable && e.identity >= MIN_IDENTITY_NO_LEXICON && e.factAgreement >= MIN_FACT_AGREEMENT_NO_LEXICON);
  // One or two numbers ("1930s" written "Nineteen Thirties") prove nothing either way.
  const figuresKept = e.numbers < MIN_NUMBERS_TO_JUDGE || e.numberAgreement >= MIN_NUMBER_AGREEMENT;
  const copied = enough && copyLike && figuresKept && e.gapRate <= MAX_GAP_RATE;
  const anchorShare = e.queryAnchors ? e.sharedAnchors / e.queryAnchors : 0;
  if (copied) {
    const score = round(0.5 + 0.5 * Math.min(1, (e.queryCoverage + e.sourceCoverage) / 2 + 0.5 * e.queryCoverage));
    if (e.identity >= VERBATIM_IDENTITY && e.queryCoverage >= VERBATIM_COVERAGE && e.sourceCoverage >= VERBATIM_COVERAGE) return { verdict: 'verbatim', score };
    if (e.identity < VERBATIM_IDENTITY && e.queryCoverage >= WHOLE_COVERAGE && e.sourceCoverage >= WHOLE_COVERAGE) return { verdict: 'spun', score };
    return { verdict: 'partial', score };
  }
  if (e.sharedAnchors >= SAME_STORY_ANCHORS && anchorShare >= SAME_STORY_SHARE) {
    return { verdict: 'same-story', score: round(0.2 + 0.25 * anchorShare + 0.05 * Math.min(1, e.queryCoverage / MIN_COPIED_SHARE)) };
  }
  return { verdict: 'unrelated', score: round(0.2 * anchorShare) };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
