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
import type { Alignment, Op } from './align.js';

export interface CopyEvidence {
  queryTokens: number;
  sourceTokens: number;
  /** Query tokens inside copied blocks. */
  copiedQueryTokens: number;
  copiedSourceTokens: number;
  /** copiedQueryTokens / queryTokens. */
  queryCoverage: number;
  sourceCoverage: number;
  /** Within copied blocks: equal query tokens / query tokens (1 = verbatim). */
  identity: number;
  /** Within copied blocks: reworded pairs (inflection, synonym, other substitution). */
  reworded: number;
  /** Distinct anchor words (names, numbers) both texts contain, and the query's total. */
  sharedAnchors: number;
  queryAnchors: number;
  /** Copied blocks, as [start, end) ranges over `ops`. */
  blocks: [number, number][];
}

/** A stretch of this many steps without a match ends a block. */
const BLOCK_BREAK = 8;
/** A block is copied when its query words match this well ... */
const MIN_BLOCK_MATCH_RATE = 0.5;
/** ... it has at least this much matched content (function words count 0.25) ... */
const MIN_BLOCK_MATCH_WEIGHT = 5;
/** ... and aligned facts (numbers, names) agree at least this often. */
const MIN_FACT_AGREEMENT = 0.7;

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

export function measureCopy(al: Alignment): CopyEvidence {
  const { ops, query, source } = al;
  const blocks: [number, number][] = [];
  let copiedQ = 0;
  let copiedS = 0;
  let equal = 0;
  let reworded = 0;
  for (const [b0, b1] of rawBlocks(ops)) {
    let qTokens = 0;
    let sTokens = 0;
    let matched = 0;
    let weight = 0;
    let facts = 0;
    let factsAgree = 0;
    let eq = 0;
    let rw = 0;
    for (let k = b0; k < b1; k++) {
      const op = ops[k];
      if (op.q >= 0) qTokens++;
      if (op.s >= 0) sTokens++;
      if (op.q >= 0 && op.s >= 0) {
        const qt = query[op.q];
        const st = source[op.s];
        if (isAnchor(qt) || isAnchor(st)) {
          facts++;
          if (op.kind === 'equal' || (op.kind === 'equiv' && qt.kind === st.kind)) factsAgree++;
        }
      }
      if (isMatch(op)) {
        matched++;
        weight += isFunctionWord(query[op.q].norm) ? 0.25 : 1;
      }
      if (op.kind === 'equal') eq++;
      else if (op.kind === 'equiv' || op.kind === 'sub') rw++;
    }
    const factAgreement = facts === 0 ? 1 : factsAgree / facts;
    if (qTokens > 0 && matched / qTokens >= MIN_BLOCK_MATCH_RATE && weight >= MIN_BLOCK_MATCH_WEIGHT && factAgreement >= MIN_FACT_AGREEMENT) {
      blocks.push([b0, b1]);
      copiedQ += qTokens;
      copiedS += sTokens;
      equal += eq;
      reworded += rw;
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
    sourceCoverage: source.length ? copiedS / source.length : 0,
    identity: copiedQ ? equal / copiedQ : 0,
    reworded,
    sharedAnchors: shared,
    queryAnchors: qa.size,
    blocks,
  };
}
