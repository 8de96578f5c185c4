/**
 * Restoring a short phrase known to be spun, with no context but its own words (a "tortured
 * phrase" flagged in a paper, a highlighted span). The original is usually a fixed expression of
 * English, often a technical term, so each way of changing one or two of its words (or word runs)
 * is scored as a whole by a weighted sum of features:
 *   - the news LM: the phrase on its own and as a complete utterance, whether a change makes a
 *     bigram the LM saw, how common the words are;
 *   - the dictionaries as a second, definitional corpus: how often adjacent words stand together
 *     in WordNet's glosses and in multi-word entries, whether the whole phrase is an entry
 *     ("decision tree", "fuzzy logic": terms a news LM barely knows);
 *   - word vectors: how well the phrase's words belong together ("neural network" rather than
 *     "neural organization") and how close each replacement is to the word it replaces;
 *   - the resources' weight and rank for each replacement, and what a spinner does not do (swap a
 *     word for its own spelling variant or inflection, change the length).
 * The weights are fitted on tortured phrases' even lines only (bench/lib/tortured.ts --fit).
 */
import type { Language } from '../language/index.js';
import type { LmScorer } from './lattice.js';

export type PhraseLanguage = Pick<Language, 'lm' | 'reverseCandidates' | 'phraseStartsAt' | 'collocation' | 'isDictionaryPhrase' | 'similarity'>;

/** Weights of the phrase score (log10 units of the LM; the others relative to it). */
export interface PhraseParams {
  /** Prior cost of each change. */
  changeCost: number;
  /** How much resource weight (0..1) lowers a change's cost. */
  weightBonus: number;
  /** Share of the LM score from the phrase as a complete utterance (<s> phrase </s>) rather than inside a sentence. */
  boundaryShare: number;
  /** Weight of the output words' rarity (minus their log10 unigram probabilities, summed). */
  frequencyDiscount: number;
  /** Bonus per changed word that forms a bigram the LM saw with a neighbour in the phrase. */
  collocationBonus: number;
  /** Cost per word a change adds or removes (spinners swap word for word far more often than not). */
  lengthCost: number;
  /** Cost per unit of log2(1 + rank) of the candidate in the resources' list (the weights are compressed near 1). */
  rankCost: number;
  /** Bonus per unit of ln(1 + count) of each adjacent pair in WordNet's glosses and examples. */
  glossBonus: number;
  /** Bonus per unit of ln(1 + count) of each adjacent pair inside multi-word dictionary entries. */
  lexiconBonus: number;
  /** Bonus when the whole output is a multi-word dictionary entry. */
  entryBonus: number;
  /** Bonus per unit of mean vector cosine between adjacent output words. */
  coherenceBonus: number;
  /** Bonus (negative: cost) per adjacent output pair without vectors to judge it. */
  unknownPairBonus: number;
  /** Bonus per unit of vector cosine between a replaced word and its replacement. */
  similarityBonus: number;
  /** Bonus (negative: cost) per change whose cosine is unknown (phrases, rare words). */
  unknownSimilarityBonus: number;
  /** Cost per output word (short originals against long spun phrases). */
  wordCost: number;
  /** Cost per change to the spun word's own spelling variant or inflection ("acknowledgment" -> "acknowledgement"). */
  variantCost: number;
  /** Bonus per unit of log10 frequency a change gains (spinners swap the usual word for a rarer one). */
  commonerBonus: number;
  /** Cost per change known only as a distributional neighbour (related, not a synonym: "lung" for "liver"). */
  neighbourOnlyCost: number;
  /** Candidates per word for one change, and per word when two change. */
  singleLimit: number;
  pairLimit: number;
}

export const DEFAULT_PHRASE_PARAMS: PhraseParams = {
  // Fitted as a conditional logit, then refined by coordinate search on top-1
  // (`npm run bench:restore -- --tortured --fit`), on the EVEN lines
  // of ../shared/data/tortured/dev.jsonl only; the odd lines are held out. The features are
  // general (LM, dictionaries, vectors): no word of that list is in any resource or rule.
  changeCost: 3.115,
  weightBonus: 1.582,
  boundaryShare: 0.371,
  frequencyDiscount: 0.073,
  collocationBonus: 0.068,
  lengthCost: 0.326,
  rankCost: 0.319,
  glossBonus: 0.363,
  lexiconBonus: -0.23,
  entryBonus: 2.112,
  coherenceBonus: 4.021,
  unknownPairBonus: 0.29,
  similarityBonus: 1.392,
  unknownSimilarityBonus: 0.716,
  wordCost: 3.082,
  variantCost: 0.877,
  commonerBonus: -0.329,
  neighbourOnlyCost: 0.567,
  singleLimit: 100,
  pairLimit: 40,
};

/** Feature names in vector order; `phraseWeights` maps params onto them. */
export const PHRASE_FEATURES = [
  'lmInside', 'lmWhole', 'changes', 'weight', 'rank', 'lengthDiff', 'lmCollocation', 'rarity', 'gloss', 'lexicon', 'entry',
  'coherence', 'unknownPairs', 'similarity', 'unknownSimilarity', 'words', 'variants', 'commoner', 'neighbourOnly',
] as const;

export function phraseWeights(p: PhraseParams): number[] {
  return [
    1 - p.boundaryShare, p.boundaryShare, -p.changeCost, p.weightBonus, -p.rankCost, -p.lengthCost, p.collocationBonus, p.frequencyDiscount,
    p.glossBonus, p.lexiconBonus, p.entryBonus, p.coherenceBonus, p.unknownPairBonus, p.similarityBonus, p.unknownSimilarityBonus,
    -p.wordCost, -p.variantCost, p.commonerBonus, -p.neighbourOnlyCost,
  ];
}

interface Option {
  len: number;
  out: string[];
  weight: number;
  /** Extra prior cost (learned swaps carry their own odds). */
  cost: number;
  rank: number;
  neighbourOnly: boolean;
  /** Filled once per option (below), not per candidate phrase. */
  ids?: number[];
  similarity?: number | null;
  variant?: boolean;
  commoner?: number;
}

export interface PhraseResult {
  text: string;
  candidates: string[];
}

/** One way of restoring the phrase, with its features (PHRASE_FEATURES order) and fixed extra cost. */
export interface PhraseCandidate {
  text: string;
  features: number[];
  cost: number;
}

export function tokenisePhrase(phrase: string): string[] {
  return phrase.toLowerCase().replace(/’/g, "'").match(/[\p{L}\p{N}]+(?:'[\p{L}]+)*/gu) ?? [];
}

/** Same word in another spelling or inflection: a spinner's synonym is never that. */
function isVariant(a: string, b: string): boolean {
  let k = 0;
  while (k < a.length && k < b.length && a[k] === b[k]) k++;
  return k >= 5 || (k >= 3 && k >= Math.min(a.length, b.length) - 1);
}

/**
 * Every candidate restoration of the phrase with its features (the spun phrase itself excluded).
 * Only `singleLimit` and `pairLimit` of the params matter here.
 */
export function phraseCandidates(
  language: PhraseLanguage,
  scorer: LmScorer,
  learnedOriginals: (word: string) => [string, number][],
  words: string[],
  opts: { maxChanges?: number } = {},
  params: Pick<PhraseParams, 'singleLimit' | 'pairLimit'> = DEFAULT_PHRASE_PARAMS,
): PhraseCandidate[] {
  const maxChanges = Math.min(opts.maxChanges ?? 2, 2);
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
        const neighbourOnly = c.sources.length > 0 && c.sources.every((x) => x === 'neighbour');
        options[i].push({ len, out: c.text.split(' '), weight: c.weight, cost: 0, rank: rank++, neighbourOnly });
      }
    }
    for (const [orig, odds] of learnedOriginals(words[i])) {
      options[i].push({ len: 1, out: orig.split(' '), weight: 0, cost: -odds, rank: 0, neighbourOnly: false });
    }
  }

  const spunIds = words.map((w) => scorer.id(w));
  for (let i = 0; i < words.length; i++) {
    for (const o of options[i]) {
      const single = o.out.length === 1 && o.len === 1;
      o.ids = o.out.map((w) => scorer.id(w));
      o.similarity = single ? language.similarity(words[i], o.out[0]) : null;
      o.variant = single && isVariant(words[i], o.out[0]);
      let f = 0;
      for (const id of o.ids) f += uni(id);
      for (let k = i; k < i + o.len; k++) f -= uni(spunIds[k]);
      o.commoner = f;
    }
  }

  // Pair lookups repeat across candidates: memoise them for this phrase.
  const pairMemo = new Map<string, [number, number, number | null]>();
  const pairInfo = (a: string, b: string): [number, number, number | null] => {
    const key = `${a} ${b}`;
    let v = pairMemo.get(key);
    if (!v) {
      const c = language.collocation(a, b);
      v = [Math.log1p(c.gloss), Math.log1p(c.lexicon), language.similarity(a, b)];
      pairMemo.set(key, v);
    }
    return v;
  };

  const featuresOf = (pieces: { words: string[]; ids: number[]; changed: boolean }[], changes: Option[]): number[] => {
    const ids: number[] = [];
    const out: string[] = [];
    const changedAt: boolean[] = [];
    for (const p of pieces) {
      for (let k = 0; k < p.ids.length; k++) {
        ids.push(p.ids[k]);
        out.push(p.words[k]);
        changedAt.push(p.changed);
      }
    }
    const [inside] = scorer.scoreIds(ids, -1, -1);
    const [body, h1, h2] = scorer.scoreIds(ids, -1, lm.bosId);
    const whole = body + scorer.endScore(h1, h2);
    let colloc = 0;
    let rarity = 0;
    for (let k = 0; k < ids.length; k++) {
      rarity -= uni(ids[k]);
      if (!changedAt[k]) continue;
      const left = k > 0 && ids[k - 1] >= 0 && ids[k] >= 0 && lm.matchedOrderIds(-1, ids[k - 1], ids[k]) >= 2;
      const right = k + 1 < ids.length && ids[k + 1] >= 0 && ids[k] >= 0 && lm.matchedOrderIds(-1, ids[k], ids[k + 1]) >= 2;
      if (left || right) colloc++;
    }
    let gloss = 0;
    let lexicon = 0;
    let cosSum = 0;
    let cosN = 0;
    for (let k = 1; k < out.length; k++) {
      const [g, l, c] = pairInfo(out[k - 1], out[k]);
      gloss += g;
      lexicon += l;
      if (c !== null) {
        cosSum += c;
        cosN++;
      }
    }
    const entry = out.length > 1 && language.isDictionaryPhrase(out.join(' ')) ? 1 : 0;
    let weight = 0;
    let rank = 0;
    let lengthDiff = 0;
    let similarity = 0;
    let unknownSimilarity = 0;
    let variants = 0;
    let commoner = 0;
    let neighbourOnly = 0;
    for (const o of changes) {
      if (o.neighbourOnly) neighbourOnly++;
      weight += o.weight;
      rank += Math.log2(1 + o.rank);
      lengthDiff += Math.abs(o.out.length - o.len);
      if (o.similarity === null || o.similarity === undefined) unknownSimilarity++;
      else similarity += o.similarity;
      if (o.variant) variants++;
      commoner += o.commoner ?? 0;
    }
    return [inside, whole, changes.length, weight, rank, lengthDiff, colloc, rarity, gloss, lexicon, entry,
      cosN > 0 ? cosSum / cosN : 0, out.length - 1 - cosN, similarity, unknownSimilarity, out.length, variants, commoner, neighbourOnly];
  };

  const results = new Map<string, PhraseCandidate>();
  const keptText = words.join(' ');
  const add = (parts: string[][], features: number[], cost: number) => {
    const text = parts.flat().join(' ');
    if (text === keptText) return;
    const prev = results.get(text);
    // The same text reached two ways: keep the cheaper way (fewer changes, better evidence).
    if (prev === undefined || prev.features[2] > features[2] || (prev.features[2] === features[2] && prev.features[3] < features[3])) {
      results.set(text, { text, features, cost });
    }
  };
  const kept = (from: number, to: number) => ({ words: words.slice(from, to), ids: spunIds.slice(from, to), changed: false });
  const asPiece = (o: Option) => ({ words: o.out, ids: o.ids ?? [], changed: true });

  for (let i = 0; i < words.length; i++) {
    for (const o of options[i]) {
      const end = i + o.len;
      const f = featuresOf([kept(0, i), asPiece(o), kept(end, words.length)], [o]);
      add([words.slice(0, i), o.out, words.slice(end)], f, o.cost);
    }
  }
  if (maxChanges >= 2) {
    for (let i = 0; i < words.length; i++) {
      for (const a of options[i].slice(0, params.pairLimit)) {
        const aEnd = i + a.len;
        for (let j = aEnd; j < words.length; j++) {
          for (const b of options[j].slice(0, params.pairLimit)) {
            const bEnd = j + b.len;
            const f = featuresOf([kept(0, i), asPiece(a), kept(aEnd, j), asPiece(b), kept(bEnd, words.length)], [a, b]);
            add([words.slice(0, i), a.out, words.slice(aEnd, j), b.out, words.slice(bEnd)], f, a.cost + b.cost);
          }
        }
      }
    }
  }
  return [...results.values()];
}

export function scorePhraseCandidate(c: PhraseCandidate, weights: readonly number[]): number {
  let s = -c.cost;
  for (let k = 0; k < weights.length; k++) s += weights[k] * c.features[k];
  return s;
}

export function restorePhraseAlone(
  language: PhraseLanguage,
  scorer: LmScorer,
  learnedOriginals: (word: string) => [string, number][],
  phrase: string,
  opts: { maxChanges?: number; limit?: number } = {},
  params: PhraseParams = DEFAULT_PHRASE_PARAMS,
): PhraseResult {
  const words = tokenisePhrase(phrase);
  if (words.length === 0 || words.length > 8) return { text: phrase, candidates: [] };
  const weights = phraseWeights(params);
  const ranked = phraseCandidates(language, scorer, learnedOriginals, words, opts, params)
    .map((c) => ({ text: c.text, score: scorePhraseCandidate(c, weights) }))
    .sort((x, y) => y.score - x.score)
    .map((c) => c.text);
  return { text: ranked.length > 0 ? applyPhraseCase(phrase, ranked[0]) : phrase, candidates: ranked.slice(0, opts.limit ?? 50) };
}

function applyPhraseCase(spun: string, original: string): string {
  if (spun.length > 1 && spun === spun.toUpperCase() && /\p{Lu}/u.test(spun)) return original.toUpperCase();
  if (/^\p{Lu}/u.test(spun)) return original.charAt(0).toUpperCase() + original.slice(1);
  return original;
}
