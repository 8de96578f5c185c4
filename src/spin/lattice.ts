/**
 * The restoration lattice of one sentence: arcs over word positions, each either keeping the
 * spun words or putting a candidate original in their place, with a prior cost (log10 units,
 * relative to keeping). Decoding is a beam search with trigram LM states.
 */
import type { NgramLanguageModel } from '../language/index.js';
import { americanEndingSpellings, americanSpellings } from './spelling.js';

export type ArcSource = 'keep' | 'learned' | 'model';

export interface Arc {
  /** Word positions [start, end) within the sentence. */
  start: number;
  end: number;
  /** Output words, lower case. */
  out: string[];
  /** Prior cost in log10 units relative to keeping the spun words (may be negative for learned swaps); set by pricing. */
  cost: number;
  source: ArcSource;
  /** LM gain over keeping the spun words, in a small window around the arc. */
  lmGain: number;
  /** The part of the cost that does not depend on how spun the document looks. */
  fixedCost: number;
  /** Calibrated natural-log odds that a thesaurus arc is the original (calibration.ts). */
  logit: number;
  /** Extra log-odds that apply only as far as the document looks spun (restorer.ts collapsePrior); 0 for most arcs. */
  spunPrior?: number;
  /** lmGain - cost: what the change buys locally (set by pricing). */
  gain: number;
  /** Identifies the swap (written words -> candidate) across the document, for pooling its evidence. */
  poolKey?: number | string;
  /** Features kept for explanation and calibration. */
  features: ArcFeatures;
}

export interface ArcFeatures {
  /** Resource weight of the candidate (thesaurus), or learned log-odds. */
  weight: number;
  /** Candidate sources, e.g. "moby+wordnet", "learned", "number". */
  sources: string;
  capitalised: boolean;
  /** log10 unigram probability of the spun words (sum). */
  spunFreq: number;
  /** Signed log10 unigram difference, output minus spun. */
  freqDiff: number;
  lengthDiff: number;
  /** How well the spun word collocates with its neighbours: trigram minus unigram log10 probability, both sides. */
  spunFit: number;
  /** Position of the candidate in its resource's list (0 = first). */
  rank: number;
  /** Some spun word is unknown to the LM (a rare dictionary word, see restorer.ts). */
  spunUnknown?: boolean;
  /** For an unknown spun word: LM gain against the best candidate for the same span (<= 0), since against the unknown word every candidate gains a lot. */
  relativeGain?: number;
  /** Mean (clipped) LM gain of the same swap over all its occurrences in the document. */
  docGain?: number;
  /** How many times the same written words get this candidate in the document. */
  docCount?: number;
  /**
   * Mean vector cosine of the candidate with the document's content words, minus the spun word's
   * (one-word swaps; 0 without vectors): a wrong-sense synonym fits the topic worse than the word it replaced.
   */
  topicGain?: number;
  /** The candidate is the spun word respelt ("criticised" -> "criticized"): restored only where the document looks spun. */
  respelling?: boolean;
}

const SMALL_NUMBERS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven',
  'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

/**
 * The LM has no entries for figures, so a figure is scored as the word a reader would say
 * ("3" as "three", "1930s" as "thirties", other amounts as "fifty"): digits and words then
 * compete on the prior alone, not on an artefact of the vocabulary.
 */
function figureProxy(word: string): string | null {
  if (/^\d+$/.test(word)) {
    const n = Number(word);
    if (n <= 20) return SMALL_NUMBERS[n];
    if (n < 100 && n % 10 === 0) return TENS[n / 10];
    return 'fifty';
  }
  const decade = /^\d\d(\d)0s$/.exec(word);
  if (decade && Number(decade[1]) >= 2) return `${TENS[Number(decade[1])]}`.replace(/y$/, 'ies');
  if (/^\d[\d.,]*$/.test(word)) return 'fifty';
  return null;
}
/** log10 cost of any other unknown word: flat, so replacing it buys no LM gain by itself. */
const UNKNOWN_LOGPROB = -5;

/** Word ids with figures and unknown words marked, so scoring treats them consistently. */
export class LmScorer {
  private readonly cache = new Map<string, number>();
  /**
   * `britishAsAmerican`: a British spelling the LM lacks is scored as its American twin (spelling.ts);
   * with `preferAmerican`, also one it knows but as the rarer form ("licence", "colour").
   */
  constructor(readonly lm: NgramLanguageModel, private readonly opts: { britishAsAmerican?: boolean; preferAmerican?: boolean } = {}) {}

  /** id >= 0, or -3 for an unknown word. */
  id(word: string): number {
    let id = this.cache.get(word);
    if (id === undefined) {
      id = this.lm.id(word);
      const proxy = id < 0 ? figureProxy(word) : null;
      if (proxy !== null) id = this.lm.id(proxy);
      if (id < 0 && this.opts.britishAsAmerican) {
        for (const twin of americanSpellings(word)) {
          id = this.lm.id(twin);
          if (id >= 0) break;
        }
      } else if (id >= 0 && this.opts.preferAmerican) {
        for (const twin of americanEndingSpellings(word)) {
          const twinId = this.lm.id(twin);
          if (twinId >= 0 && this.lm.unigramLogProbId(twinId) > this.lm.unigramLogProbId(id)) {
            id = twinId;
            break;
          }
        }
      }
      if (id < 0) id = -3;
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
        total += UNKNOWN_LOGPROB;
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
