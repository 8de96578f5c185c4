/**
 * The restoration lattice of one sentence: arcs over word positions, each either keeping the
 * spun words or putting a candidate original in their place, with a prior cost (log10 units,
 * relative to keeping). Decoding is a beam search with trigram LM states.
 */
import type { NgramLanguageModel } from '../language/index.js';

export type ArcSource = 'keep' | 'learned' | 'model';

export interface Arc {
  /** Word positions [start, end) within the sentence. */
  start: number;
  end: number;
  /** Output words, lower case. */
  out: string[];
  /** Prior cost in log10 units relative to keeping the spun words (may be negative for learned swaps). */
  cost: number;
  source: ArcSource;
  /** LM gain over keeping, in a small window, minus cost (filled during pruning). */
  gain: number;
}

/** log10 cost charged for a figure ("1930s", "12") the LM has no entry for: a typical word's. */
const NUMBER_LOGPROB = -3;
/** log10 cost of any other unknown word: flat, so replacing it buys no LM gain by itself. */
const UNKNOWN_LOGPROB = -5;

/** Word ids with figures and unknown words marked, so scoring treats them consistently. */
export class LmScorer {
  private readonly cache = new Map<string, number>();
  constructor(readonly lm: NgramLanguageModel) {}

  /** id >= 0, or -2 for a figure, -3 for an unknown word. */
  id(word: string): number {
    let id = this.cache.get(word);
    if (id === undefined) {
      id = this.lm.id(word);
      if (id < 0) id = /\d/.test(word) ? -2 : -3;
      if (this.cache.size > 200_000) this.cache.clear();
      this.cache.set(word, id);
    }
    return id;
  }

  /** Score ids after history (h1, h2); returns [score, h1', h2']. Negative history ids mean "none". */
  scoreIds(ids: readonly number[], h1: number, h2: number): [number, number, number] {
    let total = 0;
    for (const id of ids) {
      if (id < 0) {
        total += id === -2 ? NUMBER_LOGPROB : UNKNOWN_LOGPROB;
        h1 = -1;
        h2 = -1;
        continue;
      }
      total += this.lm.logProbIds(h2 >= 0 ? h1 : -1, h2, id);
      h1 = h2;
      h2 = id;
    }
    return [total, h1, h2];
  }

  endScore(h1: number, h2: number): number {
    return this.lm.logProbIds(h2 >= 0 ? h1 : -1, h2, this.lm.eosId);
  }
}

interface Hyp {
  score: number;
  h1: number;
  h2: number;
  prev: Hyp | null;
  arc: Arc | null;
}

/**
 * Best path through the arcs. `arcsAt[i]` holds the non-keep arcs starting at word i; keeping
 * word i is always possible. Returns the chosen non-keep arcs in order.
 */
export function decode(scorer: LmScorer, wordIds: readonly number[], arcsAt: readonly Arc[][], beam = 6): Arc[] {
  const n = wordIds.length;
  const hyps: Map<number, Hyp>[] = Array.from({ length: n + 1 }, () => new Map<number, Hyp>());
  hyps[0].set(0, { score: 0, h1: -1, h2: scorer.lm.bosId, prev: null, arc: null });
  const push = (pos: number, h: Hyp) => {
    // Hypotheses with the same two-word history are interchangeable from here on: keep the best.
    const key = (h.h1 + 3) * 4_194_304 + (h.h2 + 3);
    const old = hyps[pos].get(key);
    if (!old || old.score < h.score) hyps[pos].set(key, h);
  };
  const single = [0];
  for (let i = 0; i < n; i++) {
    let live = [...hyps[i].values()];
    if (live.length > beam) live = live.sort((a, b) => b.score - a.score).slice(0, beam);
    hyps[i].clear();
    for (const h of live) {
      single[0] = wordIds[i];
      const [s, h1, h2] = scorer.scoreIds(single, h.h1, h.h2);
      push(i + 1, { score: h.score + s, h1, h2, prev: h, arc: null });
      for (const arc of arcsAt[i]) {
        const ids = arc.out.map((w) => scorer.id(w));
        const [sa, a1, a2] = scorer.scoreIds(ids, h.h1, h.h2);
        push(arc.end, { score: h.score + sa - arc.cost, h1: a1, h2: a2, prev: h, arc });
      }
    }
  }
  let best: Hyp | null = null;
  let bestScore = -Infinity;
  for (const h of hyps[n].values()) {
    const s = h.score + scorer.endScore(h.h1, h.h2);
    if (s > bestScore) {
      bestScore = s;
      best = h;
    }
  }
  const chosen: Arc[] = [];
  for (let h = best; h; h = h.prev) if (h.arc) chosen.push(h.arc);
  return chosen.reverse();
}
