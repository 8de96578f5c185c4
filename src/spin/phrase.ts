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
 *   - technical terms (FOLDOC, V.E.R.A.): whether the whole output is one ("support vector
 *     machine"), and words that complete one with the words kept, proposed even when no thesaurus
 *     lists them, at a cost that grows with how many words would complete it ("* vector machine"
 *     has one completion, "* system" hundreds);
 *   - word vectors: how well the phrase's words belong together ("neural network" rather than
 *     "neural organization"; adjacent pairs, their weakest link, and the replacements against
 *     the words kept) and how close each replacement is to the word it replaces;
 *   - the resources' weight and rank for each replacement, and the spinner's side of the swap: is
 *     the spun word among the replacement's own candidates, and how high (a spinner picks from
 *     the original's list);
 *   - what a spinner does not do: swap a word for its own spelling variant or inflection, change
 *     the length, swap function words, repeat a word;
 *   - an acronym given in parentheses ("Federal Agency of Examination (FBI)"): the original's initials must spell
 *     it, which also licenses readings that change more than two words. The aside itself is
 *     evidence, not part of the phrase restored.
 * The weights are fitted on tortured phrases' even lines only (bench/lib/tortured.ts --fit).
 */
import type { Language } from '../language/index.js';
import type { LmScorer } from './lattice.js';
import { forwardRank } from './forward-rank.js';

export type PhraseLanguage = Pick<Language, 'lm' | 'reverseCandidates' | 'phraseStartsAt' | 'collocation' | 'isDictionaryPhrase' | 'similarity'> &
  Partial<Pick<Language, 'nearestWords' | 'lemmatise' | 'isTechnicalTerm' | 'termCompletions'>>;

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
  /** Cost per unit of log2(1 + rank) of the spun word in the replacement's own list (the spinner's view: did it offer that word?). */
  forwardRankCost: number;
  /** Cost per change whose spun word is not among the replacement's own first candidates at all. */
  forwardMissingCost: number;
  /** Cost per change found only among the spun word's nearest words by vector (no resource lists it). */
  vectorOnlyCost: number;
  /** Nearest words by vector added as candidates for each word (0: none). */
  vectorLimit: number;
  /** Bonus when the output's initials spell the acronym the phrase gives in parentheses ("(FBI)"). */
  acronymBonus: number;
  /** Cost per output word repeated next to itself where the phrase had no such repeat ("right right"). */
  repeatCost: number;
  /** Cost per change from or to a very common (function) word: spinners swap content words. */
  functionSwapCost: number;
  /** Bonus per unit of mean cosine between the replacements and the words kept. */
  topicBonus: number;
  /** Bonus per unit of the lowest cosine between adjacent output words. */
  weakestLinkBonus: number;
  /** Bonus when the whole output is a technical term (FOLDOC, V.E.R.A.: "denial of service"). */
  termBonus: number;
  /** Cost per change proposed only because it completes a technical term (no resource lists it), per unit of log2(1 + the completions there). */
  termOnlyCost: number;
  /** Candidates per word for one change, and per word when two change. */
  singleLimit: number;
  pairLimit: number;
  /**
   * A learned swap's resource weight (thesaurus candidates have 0..1), and how many times its
   * learned log10 odds lower its cost: a swap the spinner was seen to make is stronger evidence
   * than any thesaurus entry.
   */
  learnedWeight: number;
  learnedOddsScale: number;
}

export const DEFAULT_PHRASE_PARAMS: PhraseParams = {
  // Fitted as a conditional logit, then refined by coordinate search on top-1
  // (`npm run bench:restore -- --tortured --fit`), on the EVEN lines
  // of ../shared/data/tortured/dev.jsonl only; the odd lines are held out. The features are
  // general (LM, dictionaries, vectors): no word of that list is in any resource or rule.
  changeCost: 3.359,
  weightBonus: 1.221,
  boundaryShare: 0.543,
  frequencyDiscount: 0.026,
  collocationBonus: 0.106,
  lengthCost: 1.14,
  rankCost: 0,
  glossBonus: 0.216,
  lexiconBonus: 0,
  entryBonus: 1.917,
  coherenceBonus: -0.014,
  unknownPairBonus: -2.437,
  similarityBonus: 2.607,
  unknownSimilarityBonus: 1.33,
  wordCost: 4.017,
  variantCost: 3.436,
  commonerBonus: -0.09,
  neighbourOnlyCost: 0.379,
  forwardRankCost: 0.244,
  forwardMissingCost: 2.34,
  vectorOnlyCost: 2.156,
  acronymBonus: 7.633,
  repeatCost: 9.239,
  functionSwapCost: 2.497,
  topicBonus: 2.588,
  weakestLinkBonus: 2.085,
  termBonus: 5.982,
  termOnlyCost: 3.381,
  vectorLimit: 10,
  singleLimit: 100,
  pairLimit: 40,
  // Chosen on the EVEN lines restored with a model learned from the odd lines' pairs (one-off
  // runs: weight 0 / odds x1, as before, 0.158; 1 / x2 0.181; 2 / x2 0.199; 3 / x2 0.213;
  // 5 / x3 0.217; 8 / x2 0.209); `bench:restore -- --tortured` reports the odd lines restored
  // with a model learned from the even lines as held out.
  learnedWeight: 5,
  learnedOddsScale: 3,
};

/** Feature names in vector order; `phraseWeights` maps params onto them. */
export const PHRASE_FEATURES = [
  'lmInside', 'lmWhole', 'changes', 'weight', 'rank', 'lengthDiff', 'lmCollocation', 'rarity', 'gloss', 'lexicon', 'entry',
  'coherence', 'unknownPairs', 'similarity', 'unknownSimilarity', 'words', 'variants', 'commoner', 'neighbourOnly',
  'forwardRank', 'forwardMissing', 'vectorOnly', 'acronym', 'repeats', 'functionSwaps', 'topic', 'weakestLink', 'term', 'termOnly',
] as const;

export function phraseWeights(p: PhraseParams): number[] {
  return [
    1 - p.boundaryShare, p.boundaryShare, -p.changeCost, p.weightBonus, -p.rankCost, -p.lengthCost, p.collocationBonus, p.frequencyDiscount,
    p.glossBonus, p.lexiconBonus, p.entryBonus, p.coherenceBonus, p.unknownPairBonus, p.similarityBonus, p.unknownSimilarityBonus,
    -p.wordCost, -p.variantCost, p.commonerBonus, -p.neighbourOnlyCost, -p.forwardRankCost, -p.forwardMissingCost, -p.vectorOnlyCost, p.acronymBonus, -p.repeatCost, -p.functionSwapCost, p.topicBonus, p.weakestLinkBonus, p.termBonus, -p.termOnlyCost,
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
  /** Found only among the spun word's nearest words by vector. */
  vectorOnly?: boolean;
  /** Proposed only because it completes a technical term with the other words. */
  termOnly?: boolean;
  /** How many words complete a term at this position (a unique completion is telling, one of hundreds is not). */
  completions?: number;
  /** Filled once per option (below), not per candidate phrase. */
  ids?: number[];
  similarity?: number | null;
  variant?: boolean;
  commoner?: number;
  /** Whether the spun words or the replacement include a very common (function) word. */
  functionWord?: boolean;
  /** Rank of the spun word or phrase among the replacement's own candidates; null when absent. */
  forward?: number | null;
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

/** Nearest-word search among this many of the most frequent words with vectors. */
const VECTOR_WITHIN = 60_000;
/** How many nearest words are read to find `vectorLimit` that pair with a neighbour. */
const VECTOR_SEARCH = 300;
/** Term completions read per word (a common pattern, "* system", has hundreds). */
const TERM_COMPLETIONS = 40;
/** Vector-only candidates per word when two words change. */
const VECTOR_PAIR_LIMIT = 8;
/**
 * Bounded memo per language (a process may load more than one resource folder): each word's
 * nearest words by vector (a full scan each). Phrases share many words.
 */
const nearestMemos = new WeakMap<PhraseLanguage, Map<string, string[]>>();

function nearestMemoOf(language: PhraseLanguage): Map<string, string[]> {
  let m = nearestMemos.get(language);
  if (!m) {
    m = new Map();
    nearestMemos.set(language, m);
  }
  return m;
}

/** An acronym given in parentheses inside or after the phrase, and how many words follow it. */
export interface PhraseAcronym {
  letters: string;
  wordsAfter: number;
}

/** Candidates per word with the acronym's initial, and readings per phrase, for acronym-led readings. */
const ACRONYM_PER_WORD = 6;
const ACRONYM_READINGS = 400;
/** How far down a word's resource list an acronym's initial is looked for (and among its VECTOR_SEARCH nearest words). */
const ACRONYM_SEARCH = 400;
/** Words an acronym usually skips ("Bank of England" is BoE, but "Department of Energy" DOE). */
const ACRONYM_SKIPPABLE = new Set(['of', 'and', 'the', 'for', 'in', 'on', 'to', 'a', 'an', 'with', 'by']);

/**
 * Whether the words just before the acronym spell it with their initials (every word, or every
 * word but the small ones acronyms often skip).
 */
function spellsAcronym(out: readonly string[], a: PhraseAcronym): boolean {
  const before = out.slice(0, Math.max(0, out.length - a.wordsAfter));
  const all = before.map((w) => w[0]).join('');
  if (all.endsWith(a.letters)) return true;
  const content = before.filter((w) => !ACRONYM_SKIPPABLE.has(w)).map((w) => w[0]).join('');
  return content.endsWith(a.letters);
}

/**
 * Splits off parenthesised asides: "Federal Agency of Examination (FBI)" is restored as "Federal Agency of Examination", the
 * acronym "it" being evidence about the original's initials; an aside that is not an acronym
 * ("FBI (Federal Agency of Examination)") is dropped as well, since its words are not the phrase.
 */
export function splitPhraseAside(phrase: string): { main: string; acronym?: PhraseAcronym } {
  const m = /^(.*?)\s*\(([^()]*)\)\s*(.*)$/su.exec(phrase);
  if (!m) return { main: phrase };
  const main = `${m[1]} ${m[3]}`.trim();
  if (tokenisePhrase(main).length === 0) return { main: phrase };
  const inner = m[2].trim();
  const ac = /^(\p{L}{2,7}?)s?$/u.exec(inner);
  if (!ac || !/^\p{Lu}/u.test(inner) || (inner.match(/\p{Lu}/gu) ?? []).length < 2) return { main };
  return { main, acronym: { letters: ac[1].toLowerCase(), wordsAfter: tokenisePhrase(m[3]).length } };
}

/** Unigram log10 probability above which a word counts as a function word ("the", "of", "or": about the 100 commonest). */
const FUNCTION_WORD_LOGPROB = -2.85;

function repeatsIn(out: readonly string[]): number {
  let n = 0;
  for (let k = 1; k < out.length; k++) if (out[k] === out[k - 1]) n++;
  return n;
}

function nearestMemo(language: PhraseLanguage, word: string): string[] {
  const nearestCache = nearestMemoOf(language);
  let hit = nearestCache.get(word);
  if (!hit) {
    hit = (language.nearestWords?.(word, VECTOR_SEARCH, VECTOR_WITHIN) ?? []).map((n) => n.text);
    // A few KB a word (the strings are the vector table's own).
    if (nearestCache.size > 5_000) nearestCache.clear();
    nearestCache.set(word, hit);
  }
  return hit;
}

/** Same word in another spelling or inflection: a spinner's synonym is never that. */
function isVariant(a: string, b: string): boolean {
  let k = 0;
  while (k < a.length && k < b.length && a[k] === b[k]) k++;
  return k >= 5 || (k >= 3 && k >= Math.min(a.length, b.length) - 1);
}

/**
 * Every candidate restoration of the phrase with its features (the spun phrase itself excluded).
 * Only the candidate limits and the learned swaps' weight and odds scale of the params matter here.
 */
export function phraseCandidates(
  language: PhraseLanguage,
  scorer: LmScorer,
  learnedOriginals: (word: string) => [string, number][],
  words: string[],
  opts: { maxChanges?: number; acronym?: PhraseAcronym } = {},
  params: Pick<PhraseParams, 'singleLimit' | 'pairLimit' | 'vectorLimit' | 'learnedWeight' | 'learnedOddsScale'> = DEFAULT_PHRASE_PARAMS,
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
      options[i].push({ len: 1, out: orig.split(' '), weight: params.learnedWeight, cost: -odds * params.learnedOddsScale, rank: 0, neighbourOnly: false });
    }
  }

  // Nearest words by vector that no resource lists ("network" for "organization" is a related
  // word far down its list), kept only when the news LM has seen one of them beside the
  // neighbouring word or one of its candidates (so they make a known pairing). Same inflection.
  if (params.vectorLimit > 0 && language.nearestWords) {
    const firstOptions = options.map((os) => os.filter((o) => o.len === 1 && o.out.length === 1).slice(0, params.pairLimit).map((o) => lm.id(o.out[0])));
    const pairs = (a: number, b: number) => a >= 0 && b >= 0 && lm.matchedOrderIds(-1, a, b) >= 2;
    for (let i = 0; i < words.length; i++) {
      if (!lm.has(words[i])) continue;
      const left = i > 0 ? [lm.id(words[i - 1]), ...firstOptions[i - 1]] : [];
      const right = i + 1 < words.length ? [lm.id(words[i + 1]), ...firstOptions[i + 1]] : [];
      const have = new Set(options[i].filter((o) => o.len === 1).map((o) => o.out.join(' ')));
      const tags = new Set((language.lemmatise?.(words[i]) ?? []).map((a) => a.tag));
      let rank = 0;
      let added = 0;
      for (const text of nearestMemo(language, words[i])) {
        if (added >= params.vectorLimit) break;
        rank++;
        if (have.has(text) || isVariant(words[i], text)) continue;
        const id = lm.id(text);
        if (id < 0 || !(left.some((l) => pairs(l, id)) || right.some((r) => pairs(id, r)))) continue;
        const ntags = (language.lemmatise?.(text) ?? []).map((a) => a.tag);
        if (tags.size > 0 && ntags.length > 0 && !ntags.some((t) => tags.has(t))) continue;
        options[i].push({ len: 1, out: [text], weight: 0, cost: 0, rank: rank - 1, neighbourOnly: false, vectorOnly: true });
        added++;
      }
    }
  }

  // Words that complete a technical term with the others ("neural organization": "neural *" ->
  // "network"), when no resource proposed them: a term of computing or science is what a tortured
  // phrase most often was, and the news LM and the thesauri barely know such terms.
  if (language.termCompletions && words.length > 1) {
    for (let i = 0; i < words.length; i++) {
      const have = new Set(options[i].filter((o) => o.len === 1).map((o) => o.out.join(' ')));
      let rank = options[i].length;
      const completions = language.termCompletions(words, i);
      for (const text of completions.slice(0, TERM_COMPLETIONS)) {
        if (have.has(text) || isVariant(words[i], text)) continue;
        have.add(text);
        options[i].push({ len: 1, out: [text], weight: 0, cost: 0, rank: rank++, neighbourOnly: false, termOnly: true, completions: completions.length });
      }
    }
  }

  const spunIds = words.map((w) => scorer.id(w));
  const spunRepeats = repeatsIn(words);
  const fill = (o: Option, i: number): Option => {
    const single = o.out.length === 1 && o.len === 1;
    o.ids = o.out.map((w) => scorer.id(w));
    o.similarity = single ? language.similarity(words[i], o.out[0]) : null;
    o.variant = single && isVariant(words[i], o.out[0]);
    let f = 0;
    for (const id of o.ids) f += uni(id);
    for (let k = i; k < i + o.len; k++) f -= uni(spunIds[k]);
    o.commoner = f;
    o.forward = forwardRank(language, o.out.join(' '), words.slice(i, i + o.len).join(' '));
    o.functionWord = o.ids.some((id) => uni(id) > FUNCTION_WORD_LOGPROB) || spunIds.slice(i, i + o.len).some((id) => uni(id) > FUNCTION_WORD_LOGPROB);
    return o;
  };
  for (let i = 0; i < words.length; i++) for (const o of options[i]) fill(o, i);

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
    // How well the replacements belong with the words kept (the phrase's own topic), and the
    // weakest adjacent link.
    let topicSum = 0;
    let topicN = 0;
    let weakest = 1;
    for (let k = 1; k < out.length; k++) {
      const c = pairInfo(out[k - 1], out[k])[2];
      if (c !== null && c < weakest) weakest = c;
    }
    for (let k = 0; k < out.length; k++) {
      if (!changedAt[k]) continue;
      for (let m = 0; m < out.length; m++) {
        if (changedAt[m]) continue;
        const c = language.similarity(out[k], out[m]);
        if (c !== null) {
          topicSum += c;
          topicN++;
        }
      }
    }
    const acronym = opts.acronym && spellsAcronym(out, opts.acronym) ? 1 : 0;
    const entry = out.length > 1 && language.isDictionaryPhrase(out.join(' ')) ? 1 : 0;
    const term = out.length > 1 && language.isTechnicalTerm?.(out.join(' ')) ? 1 : 0;
    let weight = 0;
    let rank = 0;
    let lengthDiff = 0;
    let similarity = 0;
    let unknownSimilarity = 0;
    let variants = 0;
    let commoner = 0;
    let neighbourOnly = 0;
    let fwdRank = 0;
    let fwdMissing = 0;
    let vectorOnly = 0;
    let functionSwaps = 0;
    let termOnly = 0;
    for (const o of changes) {
      if (o.termOnly) termOnly += Math.log2(1 + (o.completions ?? 1));
      if (o.functionWord) functionSwaps++;
      if (o.vectorOnly) vectorOnly++;
      if (o.forward === null || o.forward === undefined) fwdMissing++;
      else fwdRank += Math.log2(1 + o.forward);
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
      cosN > 0 ? cosSum / cosN : 0, out.length - 1 - cosN, similarity, unknownSimilarity, out.length, variants, commoner, neighbourOnly, fwdRank, fwdMissing, vectorOnly, acronym, repeatsIn(out) - spunRepeats, functionSwaps,
      topicN > 0 ? topicSum / topicN : 0, out.length > 1 ? weakest : 0, term, termOnly];
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
  // For two changes: the resources' first candidates and the first few vector-only ones.
  const pairOptions = (i: number): Option[] => [
    ...options[i].filter((o) => !o.vectorOnly && !o.termOnly).slice(0, params.pairLimit),
    ...options[i].filter((o) => o.vectorOnly).slice(0, VECTOR_PAIR_LIMIT),
  ];
  if (maxChanges >= 2) {
    for (let i = 0; i < words.length; i++) {
      for (const a of pairOptions(i)) {
        const aEnd = i + a.len;
        for (let j = aEnd; j < words.length; j++) {
          for (const b of pairOptions(j)) {
            const bEnd = j + b.len;
            const f = featuresOf([kept(0, i), asPiece(a), kept(aEnd, j), asPiece(b), kept(bEnd, words.length)], [a, b]);
            add([words.slice(0, i), a.out, words.slice(aEnd, j), b.out, words.slice(bEnd)], f, a.cost + b.cost);
          }
        }
      }
    }
  }
  // An acronym spells the original's initials: every word whose initial does not fit must have
  // changed, to a candidate with the right initial ("Federal Agency of Examination (FBI)"). Such
  // readings may change more than two words (unless maxChanges says no); the letters keep their number small.
  // The word's one-word candidates with the initial, reading further down the resources' list
  // and the nearest words by vector than the other readings do.
  const acronymOptions = (k: number, letter: string): Option[] => {
    const out = options[k].filter((o) => o.len === 1 && o.out.length === 1 && o.out[0].startsWith(letter));
    const have = new Set(out.map((o) => o.out[0]));
    let rank = options[k].length;
    for (const c of language.reverseCandidates(words[k], { limit: ACRONYM_SEARCH, requireInVocab: true })) {
      if (out.length >= ACRONYM_PER_WORD) break;
      if (c.text.includes(' ') || !c.text.startsWith(letter) || have.has(c.text)) continue;
      have.add(c.text);
      const neighbourOnly = c.sources.length > 0 && c.sources.every((x) => x === 'neighbour');
      out.push(fill({ len: 1, out: [c.text], weight: c.weight, cost: 0, rank: rank++, neighbourOnly }, k));
    }
    if (out.length < ACRONYM_PER_WORD) {
      for (const text of nearestMemo(language, words[k])) {
        if (out.length >= ACRONYM_PER_WORD) break;
        if (!text.startsWith(letter) || have.has(text) || !language.lm.has(text) || isVariant(words[k], text)) continue;
        have.add(text);
        out.push(fill({ len: 1, out: [text], weight: 0, cost: 0, rank: rank++, neighbourOnly: false, vectorOnly: true }, k));
      }
    }
    return out.slice(0, ACRONYM_PER_WORD);
  };
  if (opts.acronym && (opts.maxChanges ?? Infinity) > 2) {
    const slots = acronymSlots(words, opts.acronym);
    if (slots) {
      const choices: (Option | null)[][] = words.map(() => [null]);
      let ok = true;
      for (const [k, letter] of slots) {
        const fits = acronymOptions(k, letter);
        choices[k] = words[k].startsWith(letter) ? [null, ...fits] : fits;
        if (choices[k].length === 0) ok = false;
      }
      if (ok) {
        let combos: (Option | null)[][] = [[]];
        for (const c of choices) {
          const next: (Option | null)[][] = [];
          for (const prefix of combos) for (const o of c) if (next.length < ACRONYM_READINGS) next.push([...prefix, o]);
          combos = next;
        }
        for (const combo of combos) {
          const changes = combo.filter((o): o is Option => o !== null);
          if (changes.length <= 2) continue; // already among the one- and two-change readings
          const pieces = combo.map((o, k) => (o ? asPiece(o) : kept(k, k + 1)));
          const f = featuresOf(pieces, changes);
          add(pieces.map((p) => p.words), f, changes.reduce((t, o) => t + o.cost, 0));
        }
      }
    }
  }
  return [...results.values()];
}

/** Acronym letters matched to the phrase's words (all of them, or all but the small ones): [word index, letter][]. */
function acronymSlots(words: readonly string[], a: PhraseAcronym): [number, string][] | null {
  const end = words.length - a.wordsAfter;
  // One letter per word (or per word but the small ones) when the counts agree; else the last words.
  for (const skip of [false, true]) {
    const idx: number[] = [];
    for (let k = 0; k < end; k++) if (!skip || !ACRONYM_SKIPPABLE.has(words[k])) idx.push(k);
    if (idx.length === a.letters.length) return idx.map((k, n) => [k, a.letters[n]]);
  }
  if (end < a.letters.length) return null;
  return a.letters.split('').map((l, n) => [end - a.letters.length + n, l]);
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
  const { main, acronym } = splitPhraseAside(phrase);
  phrase = main;
  const words = tokenisePhrase(phrase);
  if (words.length === 0 || words.length > 8) return { text: phrase, candidates: [] };
  const weights = phraseWeights(params);
  const ranked = phraseCandidates(language, scorer, learnedOriginals, words, { ...opts, acronym }, params)
    .map((c) => ({ text: c.text, score: scorePhraseCandidate(c, weights) }))
    .sort((x, y) => y.score - x.score)
    .map((c) => c.text);
  return { text: ranked.length > 0 ? applyPhraseCase(phrase, ranked[0]) : phrase, candidates: ranked.slice(0, opts.limit ?? 50) };
}

function applyPhraseCase(spun: string, original: string): string {
  if (spun.length > 1 && spun === spun.toUpperCase() && /\p{Lu}/u.test(spun)) return original.toUpperCase();
  // Title Case names ("Federal Agency of Examination", three words or more): every word but the
  // small ones capitalised. Two capitalised words may be a sentence start and a name.
  const spunWords = spun.split(/\s+/).filter((w) => /^\p{L}/u.test(w) && !ACRONYM_SKIPPABLE.has(w));
  if (spunWords.length > 2 && spunWords.every((w) => /^\p{Lu}/u.test(w))) {
    return original.split(' ').map((w, k) => (k > 0 && ACRONYM_SKIPPABLE.has(w) ? w : w.charAt(0).toUpperCase() + w.slice(1))).join(' ');
  }
  if (/^\p{Lu}/u.test(spun)) return original.charAt(0).toUpperCase() + original.slice(1);
  return original;
}
