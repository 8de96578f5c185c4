/**
 * Synonym-aware token alignment of a queried text against an indexed source.
 *
 * Both texts are tokenised alike (src/index/tokens.ts). Words that occur exactly once in each
 * text and are not function words anchor the alignment (as in patience diff): in a copy they
 * pin the two texts together every few words, however much was reworded in between. The
 * stretches between anchors are aligned by dynamic programming where equal tokens cost
 * nothing, rewordings (inflections, written-out numbers, thesaurus synonyms) cost little, an
 * unrelated substitution costs 1 and an insertion or deletion 0.75. Stretches too large to
 * align cheaply are split again by their own unique tokens, or left unaligned (texts that
 * share nothing there).
 */
import { isFunctionWord, tokenize, type Token } from '../index/tokens.js';
import { stem, type SynonymOracle } from './equivalence.js';

export type OpKind = 'equal' | 'equiv' | 'sub' | 'ins' | 'del';

/** One alignment step: q is the index of the query token, s of the source token (-1: none). */
export interface Op {
  kind: OpKind;
  q: number;
  s: number;
}

export interface Alignment {
  query: Token[];
  source: Token[];
  ops: Op[];
}

const COST_EQUIV = 0.3;
const COST_SUB = 1;
const COST_GAP = 0.75;
/** Largest DP block (cells); bigger blocks are split by their own anchors first. */
const MAX_CELLS = 250_000;
/** Synonym lookups are spent only on blocks this small, where spinner swaps sit between anchors. */
const MAX_SYNONYM_CELLS = 4_000;
/** This many unrelated substitutions in a row are really a deletion next to an insertion. */
const MAX_SUB_RUN = 3;

interface Side {
  tokens: Token[];
  ids: Int32Array;
  stems: Int32Array;
}

function intern(tokens: Token[], table: Map<string, number>, stems: Map<string, number>): Side {
  const ids = new Int32Array(tokens.length);
  const st = new Int32Array(tokens.length);
  tokens.forEach((t, i) => {
    let id = table.get(t.norm);
    if (id === undefined) { id = table.size; table.set(t.norm, id); }
    ids[i] = id;
    const s = stem(t.norm);
    let sid = stems.get(s);
    if (sid === undefined) { sid = stems.size; stems.set(s, sid); }
    st[i] = sid;
  });
  return { tokens, ids, stems: st };
}

/** Longest increasing subsequence of pairs sorted by q, by s: the anchors that keep order. */
function longestIncreasing(pairs: [number, number][]): [number, number][] {
  const tails: number[] = [];
  const prev = new Int32Array(pairs.length).fill(-1);
  for (let i = 0; i < pairs.length; i++) {
    const s = pairs[i][1];
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pairs[tails[mid]][1] < s) lo = mid + 1; else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1];
    tails[lo] = i;
  }
  const out: [number, number][] = [];
  for (let i = tails.length > 0 ? tails[tails.length - 1] : -1; i >= 0; i = prev[i]) out.push(pairs[i]);
  return out.reverse();
}

function uniqueAnchors(q: Side, s: Side, q0: number, q1: number, s0: number, s1: number): [number, number][] {
  const countQ = new Map<number, number>();
  const countS = new Map<number, number>();
  const posS = new Map<number, number>();
  for (let i = q0; i < q1; i++) countQ.set(q.ids[i], (countQ.get(q.ids[i]) ?? 0) + 1);
  for (let j = s0; j < s1; j++) {
    countS.set(s.ids[j], (countS.get(s.ids[j]) ?? 0) + 1);
    posS.set(s.ids[j], j);
  }
  const pairs: [number, number][] = [];
  for (let i = q0; i < q1; i++) {
    const id = q.ids[i];
    if (countQ.get(id) !== 1 || countS.get(id) !== 1) continue;
    if (isFunctionWord(q.tokens[i].norm)) continue;
    pairs.push([i, posS.get(id)!]);
  }
  return longestIncreasing(pairs);
}

class Aligner {
  readonly ops: Op[] = [];
  constructor(private readonly q: Side, private readonly s: Side, private readonly oracle: SynonymOracle | null) {}

  private related(i: number, j: number, allowSynonyms: boolean): OpKind {
    if (this.q.ids[i] === this.s.ids[j]) return 'equal';
    if (this.q.stems[i] === this.s.stems[j]) return 'equiv';
    if (allowSynonyms && this.oracle?.available && this.oracle.synonyms(this.q.tokens[i].norm, this.s.tokens[j].norm)) return 'equiv';
    return 'sub';
  }

  align(q0: number, q1: number, s0: number, s1: number, depth = 0): void {
    const n = q1 - q0;
    const m = s1 - s0;
    if (n === 0 || m === 0) {
      for (let i = q0; i < q1; i++) this.ops.push({ kind: 'ins', q: i, s: -1 });
      for (let j = s0; j < s1; j++) this.ops.push({ kind: 'del', q: -1, s: j });
      return;
    }
    if (n * m <= MAX_CELLS) {
      this.dp(q0, q1, s0, s1);
      return;
    }
    const anchors = depth < 4 ? uniqueAnchors(this.q, this.s, q0, q1, s0, s1) : [];
    if (anchors.length === 0) {
      // Nothing distinctive in common: leave the two stretches unaligned.
      for (let i = q0; i < q1; i++) this.ops.push({ kind: 'ins', q: i, s: -1 });
      for (let j = s0; j < s1; j++) this.ops.push({ kind: 'del', q: -1, s: j });
      return;
    }
    let qi = q0;
    let sj = s0;
    for (const [a, b] of anchors) {
      this.align(qi, a, sj, b, depth + 1);
      this.ops.push({ kind: 'equal', q: a, s: b });
      qi = a + 1;
      sj = b + 1;
    }
    this.align(qi, q1, sj, s1, depth + 1);
  }

  /** Needleman-Wunsch over one block with a traceback matrix (0 diag, 1 up = insert, 2 left = delete). */
  private dp(q0: number, q1: number, s0: number, s1: number): void {
    const n = q1 - q0;
    const m = s1 - s0;
    const W = m + 1;
    const allowSynonyms = n * m <= MAX_SYNONYM_CELLS;
    const cost = new Float64Array((n + 1) * W);
    const back = new Uint8Array((n + 1) * W);
    const kinds = new Uint8Array((n + 1) * W);
    for (let j = 1; j <= m; j++) { cost[j] = j * COST_GAP; back[j] = 2; }
    for (let i = 1; i <= n; i++) {
      cost[i * W] = i * COST_GAP;
      back[i * W] = 1;
      const qi = q0 + i - 1;
      for (let j = 1; j <= m; j++) {
        const kind = this.related(qi, s0 + j - 1, allowSynonyms);
        const c = kind === 'equal' ? 0 : kind === 'equiv' ? COST_EQUIV : COST_SUB;
        let best = cost[(i - 1) * W + j - 1] + c;
        let dir = 0;
        const up = cost[(i - 1) * W + j] + COST_GAP;
        if (up < best) { best = up; dir = 1; }
        const left = cost[i * W + j - 1] + COST_GAP;
        if (left < best) { best = left; dir = 2; }
        cost[i * W + j] = best;
        back[i * W + j] = dir;
        kinds[i * W + j] = kind === 'equal' ? 0 : kind === 'equiv' ? 1 : 2;
      }
    }
    const path: Op[] = [];
    let i = n;
    let j = m;
    while (i > 0 || j > 0) {
      const dir = i === 0 ? 2 : j === 0 ? 1 : back[i * W + j];
      if (dir === 0) {
        const k = kinds[i * W + j];
        path.push({ kind: k === 0 ? 'equal' : k === 1 ? 'equiv' : 'sub', q: q0 + i - 1, s: s0 + j - 1 });
        i--; j--;
      } else if (dir === 1) {
        path.push({ kind: 'ins', q: q0 + i - 1, s: -1 });
        i--;
      } else {
        path.push({ kind: 'del', q: -1, s: s0 + j - 1 });
        j--;
      }
    }
    for (let k = path.length - 1; k >= 0; k--) this.ops.push(path[k]);
  }
}

/** Runs of unrelated substitutions longer than MAX_SUB_RUN become a deletion plus an insertion. */
function splitSubstitutionRuns(ops: Op[]): Op[] {
  const out: Op[] = [];
  let k = 0;
  while (k < ops.length) {
    if (ops[k].kind !== 'sub') { out.push(ops[k]); k++; continue; }
    let e = k;
    while (e < ops.length && ops[e].kind === 'sub') e++;
    if (e - k > MAX_SUB_RUN) {
      for (let x = k; x < e; x++) out.push({ kind: 'del', q: -1, s: ops[x].s });
      for (let x = k; x < e; x++) out.push({ kind: 'ins', q: ops[x].q, s: -1 });
    } else {
      for (let x = k; x < e; x++) out.push(ops[x]);
    }
    k = e;
  }
  return out;
}

export function alignTexts(queryText: string, sourceText: string, oracle: SynonymOracle | null = null): Alignment {
  const table = new Map<string, number>();
  const stems = new Map<string, number>();
  const q = intern(tokenize(queryText), table, stems);
  const s = intern(tokenize(sourceText), table, stems);
  const aligner = new Aligner(q, s, oracle);
  aligner.align(0, q.tokens.length, 0, s.tokens.length);
  return { query: q.tokens, source: s.tokens, ops: splitSubstitutionRuns(aligner.ops) };
}
