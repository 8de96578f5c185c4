/**
 * What an alignment says about copying, as numbers a verdict can be calibrated on.
 *
 * The aligned steps are cut into blocks wherever a long stretch has no matching token. A block
 * is copied text when most of its query words line up with the source (equal or reworded),
 * and the facts agree: where the block aligns a number or a name with the other side, it is
 * mostly the same number or name. That last test is what separates a spun copy (the spinner
 * leaves "5.93 mln" and "Comissaria Smith" alone) from a templated report of another company
 * or another week, which lines up word for word except for exactly those facts.
 */
import { isAnchor } from '../index/fingerprint.js';
import { isFunctionWord } from '../index/tokens.js';
import type { Token } from '../index/tokens.js';
import type { Alignment, Op } from './align.js';

export interface CopyEvidence {
  queryTokens: number;
  sourceTokens: number;
  /** Query tokens inside copied blocks. */
  copiedQueryTokens: number;
  copiedSourceTokens: number;
  /** copiedQueryTokens / queryTokens. */
  queryCoverage: number;
  /** copiedQueryTokens / query tokens in prose lines (see proseTokenCount); queryCoverage without the text. */
  proseCoverage: number;
  sourceCoverage: number;
  /** Within copied blocks: equal pairs / aligned pairs (1 = verbatim; insertions do not count). */
  identity: number;
  /** Within copied blocks: reworded pairs (inflection, synonym, other substitution). */
  reworded: number;
  /** Within copied blocks: share of names and figures (either side) aligned to the same one. */
  factAgreement: number;
  /** Within copied blocks: share of numbers (either side) aligned to the same number, and how many. */
  numberAgreement: number;
  numbers: number;
  /** Within copied blocks: share of reworded pairs that are known rewordings (inflection, synonym). */
  knownRewordings: number;
  /** Distinct anchor words (names, numbers) both texts contain, and the query's total. */
  sharedAnchors: number;
  queryAnchors: number;
  /**
   * Within copied blocks: insertions and deletions per aligned pair. A spinner substitutes word
   * for word (a phrase swap adds a word or two); an editor rewriting a press release moves
   * clauses and drops words, which leaves many small gaps inside otherwise matching text.
   */
  gapRate: number;
  /** Longest run of consecutive matched (equal or reworded-known) query words in copied text. */
  longestRun: number;
  /** Copied blocks, as [start, end) ranges over `ops`. */
  blocks: [number, number][];
}

/** A stretch of this many steps without a match ends a block. */
const BLOCK_BREAK = 8;
/** A block is copied when its query words match this well ... */
const MIN_BLOCK_MATCH_RATE = 0.5;
/** ... it has at least this much matched content (function words count 0.25) ... */
const MIN_BLOCK_MATCH_WEIGHT = 5;
/** ... and its facts (numbers, names) mostly agree; the verdict asks more of all blocks together. */
const MIN_BLOCK_FACT_AGREEMENT = 0.5;

const isMatch = (op: Op): boolean => op.kind === 'equal' || op.kind === 'equiv';

function rawBlocks(ops: Op[]): [number, number][] {
  const blocks: [number, number][] = [];
  let start = -1;
  let lastMatch = -1;
  for (let k = 0; k < ops.length; k++) {
    if (!isMatch(ops[k])) continue;
    if (start < 0) start = k;
    else if (k - lastMatch > BLOCK_BREAK) { blocks.push([start, lastMatch + 1]); start = k; }
    lastMatch = k;
  }
  if (start >= 0) blocks.push([start, lastMatch + 1]);
  return blocks;
}

/** A line this short without sentence punctuation is navigation or a label, not prose. */
const MIN_PROSE_LINE_TOKENS = 8;

/**
 * Query tokens in prose: not in lines of page chrome ("Home | Business", "Share this article",
 * a shouted "RELATED: ..." headline) that extraction left behind. A short copied paragraph
 * is most of a page's prose even when menus and links surround it.
 */
function proseTokenCount(tokens: Token[], text: string): number {
  let prose = 0;
  let i = 0;
  while (i < tokens.length) {
    const lineStart = text.lastIndexOf('\n', tokens[i].start) + 1;
    let lineEnd = text.indexOf('\n', tokens[i].start);
    if (lineEnd < 0) lineEnd = text.length;
    let j = i;
    while (j < tokens.length && tokens[j].start < lineEnd) j++;
    const line = text.slice(lineStart, lineEnd);
    const shouted = tokens[i].shouted;
    if (!shouted && (j - i >= MIN_PROSE_LINE_TOKENS || /[.!?]["'”’)]*\s*$/.test(line))) prose += j - i;
    i = Math.max(j, i + 1);
  }
  return prose;
}

export function measureCopy(al: Alignment, queryText?: string): CopyEvidence {
  const { ops, query, source } = al;
  const blocks: [number, number][] = [];
  let copiedQ = 0;
  let copiedS = 0;
  let equal = 0;
  let reworded = 0;
  let allFacts = 0;
  let allFactsAgree = 0;
  let allNums = 0;
  let allNumsAgree = 0;
  let allEquiv = 0;
  let allSub = 0;
  let allGaps = 0;
  let allPairs = 0;
  let longestRun = 0;
  for (const [b0, b1] of rawBlocks(ops)) {
    let qTokens = 0;
    let sTokens = 0;
    let matched = 0;
    let weight = 0;
    let facts = 0;
    let factsAgree = 0;
    let nums = 0;
    let numsAgree = 0;
    let eqv = 0;
    let sub = 0;
    let eq = 0;
    let rw = 0;
    let gaps = 0;
    let run = 0;
    let maxRun = 0;
    for (let k = b0; k < b1; k++) {
      const op = ops[k];
      if ((op.kind === 'ins' || op.kind === 'del') && !op.phrase) gaps++;
      if (isMatch(op) || op.phrase) { run++; if (run > maxRun) maxRun = run; } else if (op.q >= 0) run = 0;
      if (op.q >= 0) qTokens++;
      if (op.s >= 0) sTokens++;
      // Facts on either side: an anchor agrees when aligned to the same word (or its spelled-out
      // number); an anchor replaced by something else, or present on one side only, disagrees.
      const agrees = op.kind === 'equal' || op.kind === 'equiv' || op.phrase === true;
      if (op.q >= 0 && isAnchor(query[op.q])) { facts++; if (agrees) factsAgree++; }
      if (op.s >= 0 && isAnchor(source[op.s])) { facts++; if (agrees) factsAgree++; }
      if (op.q >= 0 && query[op.q].kind === 'number') { nums++; if (agrees) numsAgree++; }
      if (op.s >= 0 && source[op.s].kind === 'number') { nums++; if (agrees) numsAgree++; }
      if (op.kind === 'equiv') eqv++;
      if (op.kind === 'sub') sub++;
      if (isMatch(op)) {
        matched++;
        weight += isFunctionWord(query[op.q].norm) ? 0.25 : 1;
      } else if (op.phrase && op.q >= 0) {
        matched++;
      }
      if (op.kind === 'equal') eq++;
      else if (op.kind === 'equiv' || op.kind === 'sub') rw++;
    }
    const factAgreement = facts === 0 ? 1 : factsAgree / facts;
    if (qTokens > 0 && matched / qTokens >= MIN_BLOCK_MATCH_RATE && weight >= MIN_BLOCK_MATCH_WEIGHT && factAgreement >= MIN_BLOCK_FACT_AGREEMENT) {
      blocks.push([b0, b1]);
      copiedQ += qTokens;
      copiedS += sTokens;
      equal += eq;
      reworded += rw;
      allFacts += facts;
      allFactsAgree += factsAgree;
      allNums += nums;
      allNumsAgree += numsAgree;
      allEquiv += eqv;
      allSub += sub;
      allGaps += gaps;
      allPairs += eq + rw;
      longestRun = Math.max(longestRun, maxRun);
    }
  }
  const anchorsOf = (tokens: typeof query): Set<string> => new Set(tokens.filter(isAnchor).map((t) => t.norm));
  const qa = anchorsOf(query);
  const sa = anchorsOf(source);
  let shared = 0;
  for (const a of qa) if (sa.has(a)) shared++;
  return {
    queryTokens: query.length,
    sourceTokens: source.length,
    copiedQueryTokens: copiedQ,
    copiedSourceTokens: copiedS,
    queryCoverage: query.length ? copiedQ / query.length : 0,
    proseCoverage: Math.min(1, copiedQ / Math.max(1, queryText === undefined ? query.length : proseTokenCount(query, queryText))),
    sourceCoverage: source.length ? copiedS / source.length : 0,
    identity: equal + reworded ? equal / (equal + reworded) : 0,
    reworded,
    factAgreement: allFacts ? allFactsAgree / allFacts : 1,
    numberAgreement: allNums ? allNumsAgree / allNums : 1,
    numbers: allNums,
    knownRewordings: allEquiv + allSub ? allEquiv / (allEquiv + allSub) : 0,
    sharedAnchors: shared,
    queryAnchors: qa.size,
    gapRate: allPairs ? allGaps / allPairs : 0,
    longestRun,
    blocks,
  };
}
