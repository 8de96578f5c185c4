/**
 * Evidence of spinning, per word, without restoring the text.
 *
 * Clean newswire full of figures, names and abbreviations reads oddly to a trigram LM too, so
 * a word is not judged by its own probability but against its best local alternative: the
 * reverse-thesaurus candidate (what a spinner may have replaced) that makes a ±2 word window
 * read most naturally. A spun word tends to have a common synonym that fits much better; an
 * original word seldom does. The per-word evidence is then summed into a few per-paragraph
 * rates (detect.ts weighs them).
 */
import type { Language } from '../language/index.js';
import { LmScorer } from './lattice.js';
import { isSpellingVariant } from './spelling.js';
import { splitSentences, type WordToken } from './tokens.js';
import { Topic } from './topic.js';

/** What the detector needs; without `neighbours` the topical features read as "no neighbours" (weaker, still valid). */
export type DetectLanguage = Pick<Language, 'lm' | 'reverseCandidates' | 'phraseStartsAt'> & Partial<Pick<Language, 'neighbours' | 'similarity' | 'topicVector' | 'topicFit'>>;

/** What the detector found at one word. */
export interface WordEvidence {
  /** Word positions in the sentence [start, end) of the best candidate's span. */
  start: number;
  end: number;
  /** UTF-16 offsets over the input text. */
  charStart: number;
  charEnd: number;
  /** log10 LM gain of the best candidate over the words as written, in a ±2 word window. */
  gain: number;
  /** log10 unigram frequency of the candidate minus that of the written words. */
  freqDiff: number;
  /** A bigram with a neighbour that the LM never saw becomes a seen one after the swap. */
  repairsUnseen: boolean;
  candidate: string;
  /** Resource weight (0-1) of the best candidate, and the largest weight among candidates that read better. */
  weight: number;
  maxWeightBetter: number;
  /** How well the written word collocates with its neighbours (trigram minus unigram log10, both sides). */
  spunFit: number;
  /** log10 unigram frequency of the written words. */
  spunFreq: number;
  capitalised: boolean;
  /** A bigram with a neighbour that the LM never saw. */
  unseen: boolean;
  /** Words in the candidate minus words written (a phrase's LM gain is biased by its length). */
  lengthDiff: number;
  /** SOURCE_BITS of the best candidate. */
  sources: number;
  /** Best gain among candidates with as many words as written (-4 when none). */
  gainSameLength: number;
  /** Neighbours of the written word found in the paragraph, and the most any single-word candidate has. */
  topicWord: number;
  topicBest: number;
  /** Most frequency gained by any candidate that reads about as well or better (-3 when none): a much commoner fitting synonym. */
  plausibleFreqGain: number;
  /** How many candidates the resources gave. */
  candidateCount: number;
  /** The written word is unknown to the LM (a lower-case dictionary word: archaic or rare synonyms are what spinners pick). */
  oov: boolean;
  /**
   * Mean vector cosine of the best single-word candidate with the paragraph's other content words,
   * minus the written word's (0 when either has no vector): a wrong-sense synonym ("train" for
   * "exercise") belongs to the paragraph's topic less than the word it replaced.
   */
  coherenceGain: number;
  /** Both bigrams around the written word (when it has neighbours on both sides) are unseen by the LM. */
  unseenBoth: boolean;
}

/** Sums over a stretch of text; rates are made by dividing by `words`. */
export interface EvidenceTotals {
  words: number;
  /** Words a candidate was looked up for (known, not a name, figure or quote). */
  checked: number;
  /** Σ clip(gain, 0, 4). */
  gain: number;
  /** Bigrams of known words within a sentence, and how many the LM never saw. */
  bigrams: number;
  unseenBigrams: number;
  /**
   * Lower-case alphabetic words (names and figures left out), how many the LM does not know, how
   * many are rare, and Σ of their -log10 unigram probability: spinners reach for rarer words.
   */
  lowerWords: number;
  lowerOov: number;
  lowerRare: number;
  rarity: number;
  /** Words with a word before them: Σ clip(log10 P(w | context) - log10 P(w), ±3), and how many are below 0. */
  pmiWords: number;
  pmi: number;
  repelled: number;
  /** Known lower-case words: Σ two-sided collocation fit (clipped ±4), and how many fit badly (< -0.5). */
  fitWords: number;
  fit: number;
  misfits: number;
  /** Lower-case content words with distributional neighbours, and how many have none in the paragraph. */
  topicWords: number;
  isolated: number;
  /** Σ log10 P(word | two before) over known words (absolute fluency; weak alone). */
  logProb: number;
  /** Lower-case words unknown to the LM that the thesaurus knows, with a synonym the LM knows ("agone" for "ago"). */
  oovSynonyms: number;
}

export function emptyTotals(): EvidenceTotals {
  return { words: 0, checked: 0, gain: 0, bigrams: 0, unseenBigrams: 0, lowerWords: 0, lowerOov: 0, lowerRare: 0, rarity: 0, pmiWords: 0, pmi: 0, repelled: 0, topicWords: 0, isolated: 0, fitWords: 0, fit: 0, misfits: 0, logProb: 0, oovSynonyms: 0 };
}

/** A stretch of text (a paragraph) with its totals and every checked word. */
export interface SegmentEvidence {
  start: number;
  end: number;
  totals: EvidenceTotals;
  words: WordEvidence[];
}

/**
 * Candidates looked at per written word or phrase. Generous on purpose: a spinner whose thesaurus
 * does not rank synonyms the way ours does picks words our ranking puts low, and the best-fitting
 * original must still be among those compared.
 */
const CANDIDATES_PER_KEY = 32;
/** Candidates whose topical fit is compared (the best-ranked: topical fit is costly and a tie-breaker). */
const TOPIC_CANDIDATES = 16;
const GAIN_CAP = 4;
const TOPIC_NEIGHBOURS = 20;
/** Content words of a paragraph that vector coherence is measured against (bounded cost on long paragraphs). */
const COHERENCE_WORDS = 40;
/** A lower-case word rarer than this (log10 unigram) counts as rare; unknown words count as RARE_CAP. */
const RARE_LOGPROB = -5;
const RARE_CAP = -7;
/** Very short words are mostly function words; their neighbours say nothing about the topic. */
const FUNCTIONISH = /^.{1,3}$/;

interface Candidate {
  text: string;
  ids: number[];
  /** log10 unigram frequency (sum over its words). */
  freq: number;
  weight: number;
  /** Bit set of CandidateSource values (SOURCE_BITS). */
  sources: number;
}

/** Which resources proposed a candidate, as bits (the word model weighs each resource's reliability). */
export const SOURCE_BITS = { moby: 1, wordnet: 2, neighbour: 4, 'closed-class': 8, inflection: 16 } as const;

export class EvidenceExtractor {
  private readonly scorer: LmScorer;
  private paragraphVocabulary = new Set<string>();
  /** The paragraph's topic (its first lower-case content words), for vector coherence. */
  private paragraphTopic: Topic | null = null;
  private readonly neighbourCache = new Map<string, string[]>();
  private readonly cache = new Map<string, Candidate[]>();

  constructor(private readonly language: DetectLanguage) {
    // A British spelling the LM lacks, or knows only as the rarer form, reads as its American twin,
    // not as a spinner's rare pick.
    this.scorer = new LmScorer(language.lm, { britishAsAmerican: true, preferAmerican: true });
  }

  private candidates(key: string): Candidate[] {
    let hit = this.cache.get(key);
    if (!hit) {
      hit = this.language.reverseCandidates(key, { limit: CANDIDATES_PER_KEY, requireInVocab: true })
        // A respelling is no evidence of spinning (spelling.ts).
        .filter((c) => c.text !== key && !isSpellingVariant(key, c.text))
        .map((c) => {
          const ids = c.text.split(' ').map((w) => this.scorer.id(w));
          let sources = 0;
          for (const src of c.sources) sources |= SOURCE_BITS[src];
          return { text: c.text, ids, freq: this.unigramSum(ids), weight: c.weight, sources };
        });
      // Bounded: a long-running server sees an open vocabulary.
      if (this.cache.size > 100_000) this.cache.clear();
      this.cache.set(key, hit);
    }
    return hit;
  }

  private unigramSum(ids: readonly number[]): number {
    let total = 0;
    for (const id of ids) total += id >= 0 ? this.language.lm.unigramLogProbId(id) : -5;
    return total;
  }

  /** LM history after the (up to) two words before `start`: shared by every candidate for the span. */
  private leftState(ids: readonly number[], start: number): [number, number] {
    const s = this.scorer;
    const [, h1, h2] = s.scoreIds(ids.slice(Math.max(0, start - 2), start), -1, start - 2 < 0 ? s.lm.bosId : -1);
    return [h1, h2];
  }

  /** LM score of `outIds` in place of words [start, end) after the left history, with two words of context on the right. */
  private windowScore(ids: readonly number[], left: readonly [number, number], end: number, outIds: readonly number[]): number {
    const s = this.scorer;
    const [a, a1, a2] = s.scoreIds(outIds, left[0], left[1]);
    const [b, b1, b2] = s.scoreIds(ids.slice(end, end + 2), a1, a2);
    const tail = end + 2 >= ids.length ? s.endScore(b1, b2) : 0;
    return a + b + tail;
  }

  private seen(a: number, b: number): boolean {
    return a >= 0 && b >= 0 && this.language.lm.matchedOrderIds(-1, a, b) >= 2;
  }

  /** Evidence for every paragraph (blank-line separated) of the text. */
  segments(text: string): SegmentEvidence[] {
    const out: SegmentEvidence[] = [];
    const re = /\n[ \t]*\n/g;
    let at = 0;
    const push = (end: number) => {
      // Paragraph spans hold no surrounding whitespace.
      let a = at;
      let b = end;
      while (a < b && /\s/.test(text[a])) a++;
      while (b > a && /\s/.test(text[b - 1])) b--;
      if (/[\p{L}\p{N}]/u.test(text.slice(a, b))) out.push(this.segment(text, a, b));
    };
    for (const m of text.matchAll(re)) {
      push(m.index);
      at = m.index + m[0].length;
    }
    push(text.length);
    return out;
  }

  /** Evidence for text[start, end). Offsets in the result are over the whole text. */
  segment(text: string, start: number, end: number): SegmentEvidence {
    const totals = emptyTotals();
    const found: WordEvidence[] = [];
    const lm = this.language.lm;
    const sentences = splitSentences(text.slice(start, end));
    // The paragraph's vocabulary: a word that belongs to the topic has distributional neighbours in it.
    const vocabulary = new Set<string>();
    for (const s of sentences) for (const w of s.words) vocabulary.add(w.norm);
    this.paragraphVocabulary = vocabulary;
    const sim = this.language.similarity;
    const content = [...vocabulary].filter((x) => /^\p{Ll}{4,}$/u.test(x)).slice(0, COHERENCE_WORDS);
    this.paragraphTopic = sim && this.language.topicVector && this.language.topicFit
      ? Topic.of({ similarity: sim, topicVector: this.language.topicVector, topicFit: this.language.topicFit }, content)
      : null;
    for (const sentence of sentences) {
      const words = sentence.words;
      const ids = words.map((w) => this.scorer.id(w.norm));
      const norms = words.map((w) => w.norm);
      const allCaps = words.every((w) => w.text === w.text.toUpperCase());
      totals.words += words.length;
      let h1 = -1;
      let h2 = lm.bosId;
      for (let i = 0; i < words.length; i++) {
        const id = ids[i];
        const w = words[i];
        if (w.text === w.norm && !w.protected && /^\p{Ll}+$/u.test(w.norm)) {
          totals.lowerWords++;
          const ns = this.neighboursOf(w.norm);
          if (id >= 0) {
            const fit = this.spunFit(ids, i);
            totals.fitWords++;
            totals.fit += Math.max(-4, Math.min(4, fit));
            if (fit < -0.5) totals.misfits++;
          }
          if (ns.length > 0 && !FUNCTIONISH.test(w.norm)) {
            totals.topicWords++;
            if (this.topicFit(w.norm) === 0) totals.isolated++;
          }
          const uni = id >= 0 ? lm.unigramLogProbId(id) : RARE_CAP;
          if (id < 0) totals.lowerOov++;
          if (uni < RARE_LOGPROB) totals.lowerRare++;
          totals.rarity += -Math.max(RARE_CAP, uni);
        }
        if (id >= 0) {
          const lp = lm.logProbIds(h2 >= 0 ? h1 : -1, h2, id);
          totals.logProb += lp;
          if (i > 0 && ids[i - 1] >= 0) {
            // Pointwise association with the words before it: context, not rarity, is what a swap disturbs.
            const pmi = lp - lm.unigramLogProbId(id);
            totals.pmiWords++;
            totals.pmi += Math.max(-3, Math.min(3, pmi));
            if (pmi < 0) totals.repelled++;
          }
          if (i > 0 && ids[i - 1] >= 0 && !words[i].breakBefore) {
            totals.bigrams++;
            if (!this.seen(ids[i - 1], id)) totals.unseenBigrams++;
          }
        }
        h1 = h2;
        h2 = id >= 0 ? id : -1;
        const ev = this.wordEvidence(words, ids, norms, i, allCaps);
        if (!ev) continue;
        totals.checked++;
        if (ev.oov) totals.oovSynonyms++;
        const g = Math.max(0, Math.min(GAIN_CAP, ev.gain));
        totals.gain += g;
        ev.charStart = start + words[ev.start].start;
        ev.charEnd = start + words[ev.end - 1].end;
        found.push(ev);
      }
    }
    return { start, end, totals, words: found };
  }

  /** How many of the word's distributional neighbours occur in the paragraph (topical fit, beyond the trigram window). */
  private neighboursOf(word: string): string[] {
    let ns = this.neighbourCache.get(word);
    if (!ns) {
      ns = this.language.neighbours?.(word, TOPIC_NEIGHBOURS).map((n) => n.text) ?? [];
      if (this.neighbourCache.size > 100_000) this.neighbourCache.clear();
      this.neighbourCache.set(word, ns);
    }
    return ns;
  }

  private topicFit(word: string): number {
    const ns = this.neighboursOf(word);
    let n = 0;
    for (const x of ns) if (x !== word && this.paragraphVocabulary.has(x)) n++;
    return n;
  }

  /** PMI-like fit of the word at i with its neighbours (both sides), log10. */
  private spunFit(ids: readonly number[], i: number): number {
    const lm = this.language.lm;
    const uni = (id: number) => (id >= 0 ? lm.unigramLogProbId(id) : -5);
    const prev = i >= 1 ? ids[i - 1] : lm.bosId;
    let fit = prev >= 0 ? lm.logProbIds(-1, prev, ids[i]) - uni(ids[i]) : 0;
    if (i + 1 < ids.length && ids[i + 1] >= 0) fit += lm.logProbIds(-1, ids[i], ids[i + 1]) - uni(ids[i + 1]);
    return fit;
  }

  private wordEvidence(words: WordToken[], ids: number[], norms: string[], i: number, allCaps: boolean): WordEvidence | null {
    const w = words[i];
    if (w.protected || /\d/.test(w.norm)) return null;
    // Unknown words are checked only when lower-case dictionary words: names and typos have no synonyms to restore.
    const oov = ids[i] < 0;
    if (oov && !(w.text === w.norm && /^\p{Ll}{4,}$/u.test(w.norm))) return null;
    // Acronyms are names; in an all-capitals line capitals say nothing.
    if (!allCaps && w.text.length >= 2 && w.text === w.text.toUpperCase()) return null;
    let best: WordEvidence | null = null;
    let maxWeightBetter = 0;
    let gainSameLength = -4;
    let plausibleFreqGain = -3;
    let candidateCount = 0;
    for (const len of this.language.phraseStartsAt(norms, i)) {
      if (i + len > words.length) continue;
      let ok = true;
      for (let k = i + 1; k < i + len; k++) if (words[k].breakBefore || words[k].protected || ids[k] < 0) ok = false;
      if (!ok) continue;
      // A run of capitalised words is a name: leave it whole.
      if (len > 1 && words.slice(i, i + len).filter((x) => /^\p{Lu}/u.test(x.text)).length >= 2) continue;
      const key = len === 1 ? norms[i] : norms.slice(i, i + len).join(' ');
      const cands = this.candidates(key);
      if (cands.length === 0) continue;
      const spunIds = ids.slice(i, i + len);
      const left = this.leftState(ids, i);
      const keep = this.windowScore(ids, left, i + len, spunIds);
      const spunFreq = this.unigramSum(spunIds);
      const before = i > 0 && !words[i].breakBefore ? ids[i - 1] : -1;
      const after = i + len < words.length && !words[i + len].breakBefore ? ids[i + len] : -1;
      const unseenLeft = before >= 0 && !this.seen(before, spunIds[0]);
      const unseenRight = after >= 0 && !this.seen(spunIds[len - 1], after);
      const unseen = unseenLeft || unseenRight;
      const unseenBoth = unseenLeft && unseenRight;
      for (const c of cands) {
        const gain = this.windowScore(ids, left, i + len, c.ids) - keep;
        if (gain > 0) maxWeightBetter = Math.max(maxWeightBetter, c.weight);
        if (c.ids.length === len) gainSameLength = Math.max(gainSameLength, gain);
        candidateCount++;
        if (gain > -0.5) plausibleFreqGain = Math.max(plausibleFreqGain, c.freq - spunFreq);
        if (best && gain <= best.gain) continue;
        const seenAfter = (before < 0 || this.seen(before, c.ids[0])) && (after < 0 || this.seen(c.ids[c.ids.length - 1], after));
        best = {
          start: i, end: i + len, charStart: 0, charEnd: 0, gain, freqDiff: c.freq - spunFreq,
          repairsUnseen: unseen && seenAfter, candidate: c.text, weight: c.weight, maxWeightBetter: 0,
          spunFit: 0, spunFreq, capitalised: w.capitalised, unseen, lengthDiff: c.ids.length - len, sources: c.sources, gainSameLength: 0, topicWord: 0, topicBest: 0, plausibleFreqGain: 0, candidateCount: 0, oov, unseenBoth, coherenceGain: 0,
        };
      }
    }
    if (best) {
      best.maxWeightBetter = maxWeightBetter;
      best.gainSameLength = gainSameLength;
      best.plausibleFreqGain = Math.min(3, plausibleFreqGain);
      best.candidateCount = candidateCount;
      best.topicWord = this.topicFit(norms[i]);
      let topicBest = 0;
      for (const len of this.language.phraseStartsAt(norms, i)) {
        if (len !== 1) continue;
        for (const c of this.candidates(norms[i]).slice(0, TOPIC_CANDIDATES)) if (c.ids.length === 1) topicBest = Math.max(topicBest, this.topicFit(c.text));
      }
      best.topicBest = topicBest;
      if (best.end - best.start === 1 && !best.candidate.includes(' ')) {
        const topic = this.paragraphTopic;
        const mine = topic?.fit(norms[i], [norms[i]]) ?? null;
        const theirs = mine === null ? null : topic?.fit(best.candidate, [norms[i], best.candidate]) ?? null;
        best.coherenceGain = mine !== null && theirs !== null ? theirs - mine : 0;
      }
      // An unknown word has no collocations: as badly fitting as the clip allows.
      best.spunFit = oov ? -4 : this.spunFit(ids, i);
    }
    return best;
  }
}
