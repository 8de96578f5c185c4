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
import { stem, type LookupBudget, type SynonymOracle } from './equivalence.js';

export type OpKind = 'equal' | 'equiv' | 'sub' | 'ins' | 'del';

/** One alignment step: q is the index of the query token, s of the source token (-1: none). */
export interface Op {
  kind: OpKind;
  q: number;
  s: number;
  /** An inserted or deleted word that belongs to a known phrase swap (explained, not new text). */
  phrase?: boolean;
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
/** Stretches this small are aligned directly; larger ones are pinned by unique shared words first. */
const SMALL_BLOCK_CELLS = 6_000;
/**
 * A thesaurus lookup costs ~1 ms (up to ~20) the first time a word is seen and nothing after
 * (the oracle memoises per process); this bounds the first-time lookups of one alignment.
 */
const MAX_COLD_LOOKUPS = 150;
/** This many unrelated substitutions in a row are really a deletion next to an insertion. */
const MAX_SUB_RUN = 3;

interface Side {
  tokens: Token[];
  ids: Int32Array;
  stems: Int32Array;
}

function intern(tokens: Token[], table: Map<string, number>, stems: Map<string, number>, stemOfId: number[]): Side {
  const ids = new Int32Array(tokens.length);
  const st = new Int32Array(tokens.length);
  tokens.forEach((t, i) => {
    let id = table.get(t.norm);
    if (id === undefined) {
      id = table.size;
      table.set(t.norm, id);
      const s = stem(t.norm);
      let sid = stems.get(s);
      if (sid === undefined) { sid = stems.size; stems.set(s, sid); }
      stemOfId[id] = sid;
    }
    ids[i] = id;
    st[i] = stemOfId[id];
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
  constructor(private readonly q: Side, private readonly s: Side) {}

  private related(i: number, j: number): OpKind {
    if (this.q.ids[i] === this.s.ids[j]) return 'equal';
    if (this.q.stems[i] === this.s.stems[j]) return 'equiv';
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
    // Small stretches go straight to the DP; larger ones are first pinned by their unique
    // shared words, which keeps DP blocks small (and the alignment linear-ish for copies).
    if (n * m <= SMALL_BLOCK_CELLS) {
      this.dp(q0, q1, s0, s1);
      return;
    }
    const anchors = depth < 6 ? uniqueAnchors(this.q, this.s, q0, q1, s0, s1) : [];
    if (anchors.length === 0 && n * m <= MAX_CELLS) {
      this.dp(q0, q1, s0, s1);
      return;
    }
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
    const cost = new Float64Array((n + 1) * W);
    const back = new Uint8Array((n + 1) * W);
    const kinds = new Uint8Array((n + 1) * W);
    for (let j = 1; j <= m; j++) { cost[j] = j * COST_GAP; back[j] = 2; }
    for (let i = 1; i <= n; i++) {
      cost[i * W] = i * COST_GAP;
      back[i * W] = 1;
      const qi = q0 + i - 1;
      for (let j = 1; j <= m; j++) {
        const kind = this.related(qi, s0 + j - 1);
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

/** A changed stretch this small (tokens per side) is re-aligned knowing synonyms and phrase swaps. */
const MAX_REALIGN_RUN = 6;
/** Longest phrase (tokens) tried against a single word. */
const MAX_PHRASE = 4;

interface Unit { cost: number; dq: number; ds: number; ops: Op[] }

/**
 * Re-aligns one changed stretch (no equal tokens inside) now that synonyms can be asked: the
 * DP placed words without knowing "process" and "march" are swaps, so it may have paired
 * "time" with "March" and left "process" as an insertion. Phrase swaps ("Gross National
 * Product" / "GNP") pair the phrase with the word; the phrase's other words are marked as
 * explained, not as insertions of new text.
 */
function realignRun(run: Op[], query: Token[], source: Token[], oracle: SynonymOracle, budget: LookupBudget): Op[] {
  const qs = run.filter((o) => o.q >= 0).map((o) => o.q);
  const ss = run.filter((o) => o.s >= 0).map((o) => o.s);
  const nq = qs.length;
  const ns = ss.length;
  const word = (t: Token): boolean => t.kind === 'word';
  const wordEquiv = (qi: number, sj: number): boolean => {
    const a = query[qi];
    const b = source[sj];
    if (stem(a.norm) === stem(b.norm)) return true;
    return word(a) && word(b) && oracle.synonymsWithin(a.norm, b.norm, budget);
  };
  const phrase = (toks: Token[], idx: number[], from: number, len: number): string | null => {
    const part = idx.slice(from, from + len).map((i) => toks[i]);
    return part.every(word) ? part.map((t) => t.norm).join(' ') : null;
  };
  const maxPhrase = Math.min(MAX_PHRASE, 1 + Math.abs(nq - ns));
  const W = ns + 1;
  const cost = new Float64Array((nq + 1) * W).fill(Infinity);
  const how = new Array<Unit | null>((nq + 1) * W).fill(null);
  cost[0] = 0;
  for (let i = 0; i <= nq; i++) {
    for (let j = 0; j <= ns; j++) {
      const here = cost[i * W + j];
      if (here === Infinity) continue;
      const relax = (u: Unit): void => {
        const at = (i + u.dq) * W + j + u.ds;
        if (here + u.cost < cost[at]) { cost[at] = here + u.cost; how[at] = u; }
      };
      if (i < nq) relax({ cost: COST_GAP, dq: 1, ds: 0, ops: [{ kind: 'ins', q: qs[i], s: -1 }] });
      if (j < ns) relax({ cost: COST_GAP, dq: 0, ds: 1, ops: [{ kind: 'del', q: -1, s: ss[j] }] });
      if (i < nq && j < ns) {
        const eq = wordEquiv(qs[i], ss[j]);
        relax({ cost: eq ? COST_EQUIV : COST_SUB, dq: 1, ds: 1, ops: [{ kind: eq ? 'equiv' : 'sub', q: qs[i], s: ss[j] }] });
        for (let len = 2; len <= maxPhrase; len++) {
          if (nq > ns && i + len <= nq) {
            const p = phrase(query, qs, i, len);
            if (p && word(source[ss[j]]) && oracle.synonymsWithin(p, source[ss[j]].norm, budget)) {
              relax({ cost: COST_EQUIV, dq: len, ds: 1, ops: [{ kind: 'equiv', q: qs[i], s: ss[j] }, ...qs.slice(i + 1, i + len).map((q): Op => ({ kind: 'ins', q, s: -1, phrase: true }))] });
            }
          }
          if (ns > nq && j + len <= ns) {
            const p = phrase(source, ss, j, len);
            if (p && word(query[qs[i]]) && oracle.synonymsWithin(query[qs[i]].norm, p, budget)) {
              relax({ cost: COST_EQUIV, dq: 1, ds: len, ops: [{ kind: 'equiv', q: qs[i], s: ss[j] }, ...ss.slice(j + 1, j + len).map((s): Op => ({ kind: 'del', q: -1, s, phrase: true }))] });
            }
          }
        }
      }
    }
  }
  const units: Unit[] = [];
  for (let i = nq, j = ns; i > 0 || j > 0;) {
    const u = how[i * W + j]!;
    units.push(u);
    i -= u.dq;
    j -= u.ds;
  }
  return units.reverse().flatMap((u) => u.ops);
}

/**
 * Changed stretches between matches are where spinner swaps are: each small one is re-aligned
 * with synonyms and phrase swaps known (realignRun); a larger one gets word-for-word checks of
 * the pairs the DP made, and a whole-stretch phrase check. Done after the DP, on the few changed
 * stretches, rather than in every DP cell: a thesaurus lookup is far dearer than a cell.
 */
function markSynonyms(ops: Op[], query: Token[], source: Token[], oracle: SynonymOracle): Op[] {
  const budget: LookupBudget = { cold: MAX_COLD_LOOKUPS };
  const out: Op[] = [];
  let k = 0;
  while (k < ops.length) {
    if (ops[k].kind === 'equal' || ops[k].kind === 'equiv') { out.push(ops[k]); k++; continue; }
    let e = k;
    while (e < ops.length && ops[e].kind !== 'equal' && ops[e].kind !== 'equiv') e++;
    const run = ops.slice(k, e);
    k = e;
    const qs = run.filter((o) => o.q >= 0).map((o) => query[o.q]);
    const ss = run.filter((o) => o.s >= 0).map((o) => source[o.s]);
    if (qs.length === 0 || ss.length === 0) { out.push(...run); continue; }
    if (qs.length <= MAX_REALIGN_RUN && ss.length <= MAX_REALIGN_RUN) {
      const re = realignRun(run, query, source, oracle, budget);
      if (re.some((o) => o.kind === 'equiv') || qs.length > 4 || ss.length > 4 || (qs.length === 1 && ss.length === 1)) { out.push(...re); continue; }
    } else {
      for (const op of run) {
        if (op.kind !== 'sub' || query[op.q].kind !== 'word' || source[op.s].kind !== 'word') continue;
        if (oracle.synonymsWithin(query[op.q].norm, source[op.s].norm, budget)) op.kind = 'equiv';
      }
      if (run.some((o) => o.kind === 'equiv')) { out.push(...run); continue; }
    }
    // The whole changed stretch as one phrase swap ("makes an attempt" / "attempts").
    if (qs.length <= 4 && ss.length <= 4 && (qs.length > 1 || ss.length > 1)
      && oracle.synonymsWithin(qs.map((t) => t.norm).join(' '), ss.map((t) => t.norm).join(' '), budget)) {
      const qi = run.find((o) => o.q >= 0)!.q;
      const si = run.find((o) => o.s >= 0)!.s;
      out.push(...orderOps([
        { kind: 'equiv', q: qi, s: si },
        ...run.filter((o) => o.q >= 0 && o.q !== qi).map((o): Op => ({ kind: 'ins', q: o.q, s: -1, phrase: true })),
        ...run.filter((o) => o.s >= 0 && o.s !== si).map((o): Op => ({ kind: 'del', q: -1, s: o.s, phrase: true })),
      ]));
      continue;
    }
    out.push(...run);
  }
  return out;
}

/** At least this many equal content words before thesaurus lookups are worth their cost. */
const MIN_SHARED_CONTENT_WORDS = 8;

/** Texts sharing few content words are not copies; sparing them the lookups keeps a trace fast. */
function sharesContent(ops: Op[], query: Token[]): boolean {
  let n = 0;
  for (const op of ops) {
    if (op.kind === 'equal' && !isFunctionWord(query[op.q].norm) && ++n >= MIN_SHARED_CONTENT_WORDS) return true;
  }
  return false;
}

/** Keeps ops in text order on both sides after a merge (query index first, then source). */
function orderOps(ops: Op[]): Op[] {
  return ops.slice().sort((a, b) => (a.q >= 0 && b.q >= 0 ? a.q - b.q : a.s >= 0 && b.s >= 0 ? a.s - b.s : 0));
}

export function alignTexts(queryText: string, sourceText: string, oracle: SynonymOracle | null = null): Alignment {
  const table = new Map<string, number>();
  const stems = new Map<string, number>();
  const stemOfId: number[] = [];
  const q = intern(tokenize(queryText), table, stems, stemOfId);
  const s = intern(tokenize(sourceText), table, stems, stemOfId);
  const aligner = new Aligner(q, s);
  aligner.align(0, q.tokens.length, 0, s.tokens.length);
  const ops = oracle?.available && sharesContent(aligner.ops, q.tokens) ? markSynonyms(aligner.ops, q.tokens, s.tokens, oracle) : aligner.ops;
  return { query: q.tokens, source: s.tokens, ops: splitSubstitutionRuns(ops) };
}
