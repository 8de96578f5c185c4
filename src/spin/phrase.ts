/**
 * Restoring a short phrase known to be spun, with no context but its own words (a "tortured
 * phrase" flagged in a paper, a highlighted span). The original is usually a fixed expression of
 * English, so each way of changing one or two of its words (or word runs) is scored as a whole:
 * the LM probability of the phrase on its own and as a complete utterance, how much more the
 * words collocate than their frequencies alone predict, whether each change produces a bigram
 * the LM actually saw, and the resources' weight for each replacement.
 */
import type { Language } from '../language/index.js';
import type { LmScorer } from './lattice.js';

export type PhraseLanguage = Pick<Language, 'lm' | 'reverseCandidates' | 'phraseStartsAt'>;

/** Weights of the phrase score (log10 units). Chosen on spun Reuters word pairs (bench/restore.ts --phrases), not on tortured phrases. */
export interface PhraseParams {
  /** Prior cost of each change. */
  changeCost: number;
  /** How much resource weight (0..1) lowers a change's cost. */
  weightBonus: number;
  /** Share of the score from the phrase as a complete utterance (<s> phrase </s>) rather than inside a sentence. */
  boundaryShare: number;
  /** How much of the candidates' own unigram frequency is taken back out (0: raw LM, 1: pure association). */
  frequencyDiscount: number;
  /** Bonus per changed word that forms a bigram the LM saw with a neighbour in the phrase. */
  collocationBonus: number;
  /** Cost per word a change adds or removes (spinners swap word for word far more often than not). */
  lengthCost: number;
  /** Cost per unit of log2(1 + rank) of the candidate in the resources' list (the weights are compressed near 1). */
  rankCost: number;
  /** Candidates per word for one change, and per word when two change. */
  singleLimit: number;
  pairLimit: number;
}

export const DEFAULT_PHRASE_PARAMS: PhraseParams = {
  // Fitted by coordinate ascent (`npm run bench:restore -- --phrases --fit`) on 800 term-like
  // phrases cut from Reuters articles spun at a high rate by the "plain" and "varied" personalities.
  changeCost: 1.5,
  weightBonus: 2,
  boundaryShare: 0.25,
  frequencyDiscount: 0,
  collocationBonus: 0,
  lengthCost: 0.5,
  rankCost: 0.5,
  singleLimit: 50,
  pairLimit: 15,
};

interface Option {
  len: number;
  out: string[];
  weight: number;
  /** Extra prior cost (learned swaps carry their own odds). */
  cost: number;
  rank: number;
}

export interface PhraseResult {
  text: string;
  candidates: string[];
}

export function tokenisePhrase(phrase: string): string[] {
  return phrase.toLowerCase().replace(/’/g, "'").match(/[\p{L}\p{N}]+(?:'[\p{L}]+)*/gu) ?? [];
}

export function restorePhraseAlone(
  language: PhraseLanguage,
  scorer: LmScorer,
  learnedOriginals: (word: string) => [string, number][],
  phrase: string,
  opts: { maxChanges?: number; limit?: number } = {},
  params: PhraseParams = DEFAULT_PHRASE_PARAMS,
): PhraseResult {
  const maxChanges = Math.min(opts.maxChanges ?? 2, 2);
  const words = tokenisePhrase(phrase);
  if (words.length === 0 || words.length > 8) return { text: phrase, candidates: [] };
  const lm = language.lm;
  const uni = (id: number) => (id >= 0 ? lm.unigramLogProbId(id) : -7);

  // Replacement options per start position (never "keep": that is the implicit default).
  const options: Option[][] = words.map(() => []);
  for (let i = 0; i < words.length; i++) {
    const seen = new Set<string>();
    for (const len of language.phraseStartsAt(words, i)) {
      if (i + len > words.length) continue;
      const key = words.slice(i, i + len).join(' ');
      let rank = 0;
      for (const c of language.reverseCandidates(key, { limit: params.singleLimit, requireInVocab: true })) {
        if (c.text === key || seen.has(`${len}|${c.text}`)) continue;
        seen.add(`${len}|${c.text}`);
        options[i].push({ len, out: c.text.split(' '), weight: c.weight, cost: 0, rank: rank++ });
      }
    }
    for (const [orig, odds] of learnedOriginals(words[i])) {
      options[i].push({ len: 1, out: orig.split(' '), weight: 0, cost: -odds, rank: 0 });
    }
  }

  const spunIds = words.map((w) => scorer.id(w));
  const scoreOf = (pieces: { ids: number[]; changed: boolean }[], changes: Option[]): number => {
    const ids: number[] = [];
    const changedAt: boolean[] = [];
    for (const p of pieces) {
      for (const id of p.ids) {
        ids.push(id);
        changedAt.push(p.changed);
      }
    }
    const [inside] = scorer.scoreIds(ids, -1, -1);
    const [body, h1, h2] = scorer.scoreIds(ids, -1, lm.bosId);
    const whole = body + scorer.endScore(h1, h2);
    let score = (1 - params.boundaryShare) * inside + params.boundaryShare * whole;
    let colloc = 0;
    for (let k = 0; k < ids.length; k++) {
      if (!changedAt[k]) continue;
      score += params.frequencyDiscount * -uni(ids[k]);
      const left = k > 0 && ids[k - 1] >= 0 && ids[k] >= 0 && lm.matchedOrderIds(-1, ids[k - 1], ids[k]) >= 2;
      const right = k + 1 < ids.length && ids[k + 1] >= 0 && ids[k] >= 0 && lm.matchedOrderIds(-1, ids[k], ids[k + 1]) >= 2;
      if (left || right) colloc++;
    }
    score += params.collocationBonus * colloc;
    for (const c of changes) score -= params.changeCost - params.weightBonus * c.weight + c.cost + params.lengthCost * Math.abs(c.out.length - c.len)
      + params.rankCost * Math.log2(1 + c.rank);
    return score;
  };
  // The kept words' frequency is discounted too, so a change is not judged on the words it keeps.
  const keptDiscount = (from: number, to: number) => {
    let s = 0;
    for (let k = from; k < to; k++) s += params.frequencyDiscount * -uni(spunIds[k]);
    return s;
  };

  const results = new Map<string, number>();
  const add = (text: string, score: number) => {
    const prev = results.get(text);
    if (prev === undefined || score > prev) results.set(text, score);
  };
  const kept = (from: number, to: number) => ({ ids: spunIds.slice(from, to), changed: false });
  const asPiece = (o: Option) => ({ ids: o.out.map((w) => scorer.id(w)), changed: true });
  const textOf = (parts: string[][]) => parts.flat().join(' ');

  for (let i = 0; i < words.length; i++) {
    for (const o of options[i]) {
      const end = i + o.len;
      const s = scoreOf([kept(0, i), asPiece(o), kept(end, words.length)], [o])
        + keptDiscount(0, i) + keptDiscount(end, words.length);
      add(textOf([words.slice(0, i), o.out, words.slice(end)]), s);
    }
  }
  if (maxChanges >= 2) {
    for (let i = 0; i < words.length; i++) {
      for (const a of options[i].slice(0, params.pairLimit)) {
        const aEnd = i + a.len;
        for (let j = aEnd; j < words.length; j++) {
          for (const b of options[j].slice(0, params.pairLimit)) {
            const bEnd = j + b.len;
            const s = scoreOf([kept(0, i), asPiece(a), kept(aEnd, j), asPiece(b), kept(bEnd, words.length)], [a, b])
              + keptDiscount(0, i) + keptDiscount(aEnd, j) + keptDiscount(bEnd, words.length);
            add(textOf([words.slice(0, i), a.out, words.slice(aEnd, j), b.out, words.slice(bEnd)]), s);
          }
        }
      }
    }
  }
  const keptText = words.join(' ');
  results.delete(keptText);
  const ranked = [...results.entries()].sort((x, y) => y[1] - x[1]).map(([t]) => t);
  return { text: ranked.length > 0 ? applyPhraseCase(phrase, ranked[0]) : phrase, candidates: ranked.slice(0, opts.limit ?? 50) };
}

function applyPhraseCase(spun: string, original: string): string {
  if (spun.length > 1 && spun === spun.toUpperCase() && /\p{Lu}/u.test(spun)) return original.toUpperCase();
  if (/^\p{Lu}/u.test(spun)) return original.charAt(0).toUpperCase() + original.slice(1);
  return original;
}
