/**
 * Restoring spun text and detecting spinning.
 *
 * Per sentence: candidate originals for each word or phrase (a learned spinner dictionary when
 * given, the reverse thesaurus, spelled-out figures). Each thesaurus candidate gets a calibrated
 * probability of being the original (calibration.ts: LM gain in a small window, frequency
 * shift, resource weight, the spun word's fit with its neighbours); learned swaps get their
 * learned odds. The document's spin evidence (expected swapped words per word) sets how sure a
 * change must be: very sure in a text that looks clean, much less in one that looks spun. The
 * arcs that pass are decoded per sentence as a lattice with a trigram-LM beam search, and each
 * chosen edit's confidence is its posterior share against the alternatives in its window.
 */
import type { Edit, Restoration, SpinDetection } from '../model.js';
import type { Language } from '../language/index.js';
import { candidateLogit, DEFAULT_CALIBRATION, isTrees, logit, ownGain, sigmoid, withDocSupport, type Calibration } from './calibration.js';
import { decode, LmScorer, type Arc, type ArcFeatures } from './lattice.js';
import { DEFAULT_PHRASE_PARAMS, restorePhraseAlone, type PhraseLanguage } from './phrase.js';
import { MAX_LEARNED_PHRASE, type SpinModel } from './model-file.js';
import { SpinnerOdds } from './spinner-odds.js';
import { splitSentences, type Sentence, type WordToken } from './tokens.js';
import { buildDetector, type SpinDetector } from './detect.js';
import { Topic } from './topic.js';
import { changesValue } from './not-a-spin.js';
import { isSpellingVariant } from './spelling.js';

/** What the restorer needs of the language resources; phrase.ts adds what restoring a phrase alone needs. */
export type SpinLanguage = Pick<Language, 'lm' | 'reverseCandidates' | 'phraseStartsAt' | 'maxPhraseLength' | 'topicVector' | 'topicFit'> & PhraseLanguage;

/**
 * Tunable settings. The calibration and the evidence thresholds were chosen on the "plain",
 * "varied", "loose" and "moby" simulated spinners (see bench/restore.ts --calibrate and
 * calibration.ts); "wordy", "blunt", a GloVe-neighbour spinner and the seed page are held out. The
 * learned-model costs were chosen on the same four (--learned-sweep).
 */
export interface RestoreParams {
  /** A thesaurus change needs at least this probability (calibration.ts) in a document with no sign of spinning. */
  thresholdClean: number;
  /** ... and this much in a document that is clearly spun. */
  thresholdSpun: number;
  /** Spin evidence (expected changed words per word) below which a document counts as clean... */
  evidenceClean: number;
  /** ... and above which it counts as clearly spun. */
  evidenceSpun: number;
  /** The same two levels when a learned model is loaded: learned swaps count as evidence on another scale (chosen in round 1). */
  evidenceCleanLearned: number;
  evidenceSpunLearned: number;
  /**
   * The spin detector's document score (detect.ts) below which it adds nothing to how spun the
   * document looks, and at which it alone makes the document count as clearly spun; no learned
   * model only. detectorSpun 0: not used.
   */
  detectorClean: number;
  detectorSpun: number;
  /** Occurrences of one word that count as spin evidence, at most (0: every occurrence). */
  evidenceTypeCap: number;
  /** Words of the document's evidence rate a paragraph's own evidence is pulled toward before it may lower the paragraph's adaptation (0: one adaptation per document). */
  paragraphPriorWords: number;
  /** Shift (natural-log odds) applied to candidate probabilities when they count as spin evidence. */
  evidenceShift: number;
  /** Words of typical clean-text evidence every document starts with (shrinks short texts' scores). */
  evidencePriorWords: number;
  /** Log10 units of path score per natural-log unit of candidate odds, in the lattice. */
  oddsScale: number;
  /** Extra probability a thesaurus change needs when a learned model exists (the model's swaps do most of the work). */
  unlearnedThreshold: number;
  /** Prior cost (log10) added to every learned swap (the learned odds already carry most of it). */
  learnedExtra: number;
  /** Further cost of a learned swap in a document with no sign of spinning (odds were learned on spun text). */
  learnedCleanExtra: number;
  /** Cost of a learned swap of a capitalised word (a name, most of the time). */
  learnedCapital: number;
  /** Whether a learned model's own counts (SpinnerOdds) may lift the trust in its swaps on a page. */
  spinnerOdds: boolean;
  /** Lighter spinning rates (shares of the learned one) the spinner odds also consider; a page read as lighter prices each learned swap by that rate. Empty: the learned rate only. */
  spinnerRates: number[];
  /** How much better (log10 likelihood) a lighter rate must explain a page than the learned one to be taken. */
  spinnerRateMargin: number;
  /** Prior cost (log10) of each change in restorePhrase, and how much resource weight lowers it. */
  phraseChangeCost: number;
  phraseWeightBonus: number;
  /** restorePhrase: share of the score from the phrase as a whole utterance, frequency taken back out, collocation bonus (phrase.ts). */
  phraseBoundaryShare: number;
  phraseFrequencyDiscount: number;
  phraseCollocationBonus: number;
  phraseLengthCost: number;
  phraseRankCost: number;
  /** Give candidates to lower-case words the LM does not know (rare dictionary words spinners pick). */
  rareWords: boolean;
  /** Measure how well one-word candidates fit the document's topic (the calibration's topicGain). */
  topicFit: boolean;
  /** The candidate calibration (calibration.ts): logistic weights in CALIBRATION_FEATURES order, or boosted trees over those features. */
  calibration: Calibration;
  /**
   * Prior (natural-log odds) that a multi-word phrase with a shorter known original is a spinner's
   * expansion ("in the course of" for "during"), applied in proportion to how spun the document
   * looks and only without a learned model (see collapsePrior).
   */
  collapseBonus: number;
  /** How much a document's support (docGain, docRepeat) may raise a candidate's log-odds, at most: candidates further below are dropped early. */
  docSupportMargin: number;
  /** Thesaurus candidates looked at per word/phrase. */
  candidatesPerKey: number;
  /** How much a candidate's LM prior counts beside the resources' weight when choosing those (thesaurus.ts priorWeight). */
  candidatePriorWeight: number;
  /** Arcs kept per start position after pruning. */
  arcsPerStart: number;
  beam: number;
}

export const DEFAULT_PARAMS: RestoreParams = {
  thresholdClean: 0.9,
  // Chosen with the calibration on "plain", "varied", "loose" and "moby" (bench:restore --calibrate
  // --thresholds): the best mean error reduction with clean articles changed at most 0.2%.
  // Re-chosen (0.015 -> 0.01) when a repeated word began to count at most twice as evidence
  // (evidenceTypeCap), which lowered every page's evidence: +0.7 points on the tuning articles
  // 6400-6519 (one-off grid; docs/restoration-experiments.md).
  // With the tree calibration (CALIBRATION_TREES) use 0.025 / 0.06: its probabilities are
  // sharper, and that pair was its best on the same articles.
  thresholdSpun: 0.12,
  evidenceClean: 0.01,
  evidenceSpun: 0.03,
  evidenceCleanLearned: 0.03,
  evidenceSpunLearned: 0.06,
  detectorClean: 0,
  detectorSpun: 0,
  // Chosen on the tuning articles 6400-6519 (one-off script; docs/restoration-experiments.md):
  // clean fit articles changed 0.18% -> 0.06%, mean error reduction +0.2 points.
  evidenceTypeCap: 2,
  // Chosen on the tuning articles 6400-6519 among 30 / 60 / 120 (one-off script;
  // docs/restoration-experiments.md): pages spun in every other paragraph +3.7 points, the other
  // tuning conditions +0.4, clean text unchanged.
  paragraphPriorWords: 30,
  evidenceShift: 0,
  // A single sentence with one strong candidate must not read as a spun document.
  evidencePriorWords: 60,
  oddsScale: 0.5,
  // The learned-model costs: chosen on the four tuning spinners (bench:restore --learned-sweep):
  // mean error reduction 70.4% -> 73.2%, clean articles changed at most 0.40% -> 0.27%.
  unlearnedThreshold: 0.45,
  learnedExtra: 0,
  learnedCleanExtra: 2.5,
  learnedCapital: 0.6,
  spinnerOdds: true,
  // Chosen on the tuning articles 6400-6519 (one-off script; docs/restoration-experiments.md):
  // pages spun at 12% of the learned rate +2.8 points with a learned model, pages at the learned
  // rate -0.2, clean articles changed 0.091% -> 0.074%.
  spinnerRates: [0.5, 0.25, 0.12],
  spinnerRateMargin: 2,
  phraseChangeCost: DEFAULT_PHRASE_PARAMS.changeCost,
  phraseWeightBonus: DEFAULT_PHRASE_PARAMS.weightBonus,
  phraseBoundaryShare: DEFAULT_PHRASE_PARAMS.boundaryShare,
  phraseFrequencyDiscount: DEFAULT_PHRASE_PARAMS.frequencyDiscount,
  phraseCollocationBonus: DEFAULT_PHRASE_PARAMS.collocationBonus,
  phraseLengthCost: DEFAULT_PHRASE_PARAMS.lengthCost,
  phraseRankCost: DEFAULT_PHRASE_PARAMS.rankCost,
  rareWords: true,
  topicFit: true,
  // The logistic calibration. Boosted trees over the same features (CALIBRATION_TREES, with
  // evidence levels 0.025 / 0.06) gained 1.8-5.5 points on the tuning spinners but nothing on the
  // held-out ones over 150 articles (wordy +1.3, blunt -0.7, their light settings -0.6 / -3.5,
  // paper-held +2.3), lost 0.5-5 points with learned models and ~20% of the speed: not the default.
  calibration: DEFAULT_CALIBRATION,
  // Chosen on "plain" + "varied" (bench:restore --quick, tried 0, 1, 1.5, 2, 2.5; 1 and 1.5 tie there).
  collapseBonus: 1.5,
  docSupportMargin: 4,
  // 20 with the calibration refitted for it: +0.1 to +0.4 points of error reduction over 12 on the tuning personalities (bench:restore --calibrate).
  candidatesPerKey: 20,
  // 0.1: the original among the top 20 for 54% of a Moby-list spinner's one-word swaps (37% by
  // weight alone), 86% for "loose" (83%), 96-97% for "plain" and "blunt" (95-96%).
  candidatePriorWeight: 0.1,
  arcsPerStart: 4,
  beam: 6,
};

/** How spun a document must look before a respelling candidate may win (pricePlan). */
const RESPELL_MIN_ADAPT = 0.5;

const TENS_WORDS: Record<string, number> = {
  twenties: 2, thirties: 3, forties: 4, fifties: 5, sixties: 6, seventies: 7, eighties: 8, nineties: 9,
};
const CENTURY_WORDS: Record<string, string> = { eighteen: '18', nineteen: '19', twenty: '20' };
const NUMBER_VALUES: Record<string, number> = {
  ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};

interface SentencePlan {
  sentence: Sentence;
  ids: number[];
  /** Every arc that could win in some document, by start position (unpriced). */
  candidates: Arc[][];
  /** The arcs priced for this document, best first, by start position. */
  arcsAt: Arc[][];
}

function newArc(start: number, end: number, out: string[], fixedCost: number, source: Arc['source'], features: ArcFeatures): Arc {
  return { start, end, out, cost: 0, source, lmGain: 0, fixedCost, logit: 0, gain: 0, features };
}

export interface RestoreOptions {
  /** The caller knows the text is spun (e.g. a flagged phrase): use the spun-document costs from the start. */
  assumeSpun?: boolean;
  /**
   * Keep only edits at least this confident (0..1; default 0: every edit the decoder chose).
   * Confidence tracks precision: on the simulator, 0.8 cuts changes to words the spinner never
   * touched from 2-3% to 0.3-0.6% and keeps most of the error reduction (bench:restore --confidence).
   */
  minConfidence?: number;
}

/** A candidate change with what the restorer knew about it (for explanation and calibration). */
export interface CandidateInfo extends ArcFeatures {
  start: number;
  end: number;
  spun: string;
  original: string;
  lmGain: number;
  source: Arc['source'];
}

export interface Restorer {
  restore(text: string, opts?: RestoreOptions): Restoration;
  /** Every candidate change the restorer considered, with its features (unpriced); `all` also those that could never win (for calibration). */
  candidates(text: string, opts?: { all?: boolean }): CandidateInfo[];
  /**
   * A short phrase known to be spun, without context (e.g. a "tortured phrase" flagged in a
   * paper): its most likely original and the candidates weighed, best first.
   */
  restorePhrase(phrase: string, opts?: { maxChanges?: number; limit?: number }): { text: string; candidates: string[] };
  detect(text: string): SpinDetection;
  readonly hasModel: boolean;
}

/** Learned odds for a spun key, precomputed once per model. */
interface LearnedEntry {
  /** [original, log10 odds against keeping]. */
  originals: [string, number][];
}

function compileModel(model: SpinModel): Map<string, LearnedEntry> {
  const out = new Map<string, LearnedEntry>();
  for (const [spun, origs] of Object.entries(model.substitutions)) {
    const seen = Math.max(model.seen[spun] ?? 0, 0);
    let changed = 0;
    for (const c of Object.values(origs)) changed += c;
    // Add-one smoothing on both sides: a swap seen once is a hint, not a rule.
    const denom = Math.max(seen, changed) + 1;
    const keep = Math.max(denom - changed, 0.5) / denom;
    const originals: [string, number][] = [];
    for (const [orig, c] of Object.entries(origs)) {
      if (orig === spun) continue;
      originals.push([orig, Math.log10(c / denom) - Math.log10(keep)]);
    }
    originals.sort((a, b) => b[1] - a[1]);
    if (originals.length > 0) out.set(spun, { originals: originals.slice(0, 6) });
  }
  return out;
}

function applyCase(spun: string, original: string): string {
  if (spun.length > 1 && spun === spun.toUpperCase() && /\p{Lu}/u.test(spun)) return original.toUpperCase();
  if (/^\p{Lu}/u.test(spun)) return original.charAt(0).toUpperCase() + original.slice(1);
  return original;
}

export function buildRestorer(language: SpinLanguage, model: SpinModel | null, params: RestoreParams = DEFAULT_PARAMS): Restorer {
  const scorer = new LmScorer(language.lm, { britishAsAmerican: true });
  const learned = model ? compileModel(model) : null;
  const spinnerOdds = model && params.spinnerOdds ? SpinnerOdds.fromModel(model) : null;
  let learnedMaxLen = 1;
  if (learned) for (const k of learned.keys()) learnedMaxLen = Math.max(learnedMaxLen, k.split(' ').length);
  learnedMaxLen = Math.min(learnedMaxLen, MAX_LEARNED_PHRASE);
  const thesaurusCache = new Map<string, { text: string; weight: number; sources: string; respelling: boolean }[]>();

  function thesaurus(key: string): { text: string; weight: number; sources: string; respelling: boolean }[] {
    let hit = thesaurusCache.get(key);
    if (!hit) {
      hit = language.reverseCandidates(key, { limit: params.candidatesPerKey, requireInVocab: true, priorWeight: params.candidatePriorWeight })
        .filter((c) => c.text !== key && !changesValue(key, c.text))
        .map((c) => ({ text: c.text, weight: c.weight, sources: c.sources.join('+'), respelling: isSpellingVariant(key, c.text) }));
      if (thesaurusCache.size > 100_000) thesaurusCache.clear();
      thesaurusCache.set(key, hit);
    }
    return hit;
  }

  function unigramSum(words: readonly string[]): number {
    let total = 0;
    for (const w of words) {
      const id = scorer.id(w);
      total += id >= 0 ? language.lm.unigramLogProbId(id) : -5;
    }
    return total;
  }

  /**
   * Extra log-odds for a thesaurus arc that collapses a multi-word span into fewer words. The
   * calibration was fitted on mostly one-word swaps: its length and frequency-rise terms count
   * against such arcs, and a fluent phrase ("as a result of") earns little LM gain over its
   * one-word original, so before this prior phrase expansions were almost never undone. In text
   * that looks spun, a phrase with a shorter known equivalent is more often a spinner's expansion
   * than a writer's choice; in clean-looking text the prior fades out (priceArc).
   */
  function collapsePrior(spanLen: number, outLen: number): number {
    return spanLen >= 2 && outLen < spanLen ? params.collapseBonus : 0;
  }

  /** PMI-like fit of the spun word at i with its neighbours (both sides), log10. */
  function spunFit(ids: readonly number[], i: number): number {
    const uni = (id: number) => (id >= 0 ? language.lm.unigramLogProbId(id) : -5);
    if (ids[i] < 0) return 0;
    const h1 = i >= 2 ? ids[i - 2] : -1;
    const h2 = i >= 1 ? ids[i - 1] : scorer.lm.bosId;
    let fit = (h2 >= 0 ? language.lm.logProbIds(h2 >= 0 ? h1 : -1, h2, ids[i]) : uni(ids[i])) - uni(ids[i]);
    if (i + 1 < ids.length && ids[i + 1] >= 0) {
      const p1 = i >= 1 ? ids[i - 1] : scorer.lm.bosId;
      fit += language.lm.logProbIds(p1, ids[i], ids[i + 1]) - uni(ids[i + 1]);
    }
    return fit;
  }

  /** Window LM score of `out` in place of words [start, end), with two spun words either side. */
  function windowScore(ids: readonly number[], start: number, end: number, outIds: readonly number[]): number {
    const left = ids.slice(Math.max(0, start - 2), start);
    const right = ids.slice(end, end + 2);
    // Near the sentence start, the start marker is context too.
    const [, h1, h2] = scorer.scoreIds(left, -1, start - 2 < 0 ? scorer.lm.bosId : -1);
    const [a, a1, a2] = scorer.scoreIds(outIds, h1, h2);
    const [b, b1, b2] = scorer.scoreIds(right, a1, a2);
    const tail = end + 2 >= ids.length && right.length === ids.length - end ? scorer.endScore(b1, b2) : 0;
    return a + b + tail;
  }

  function numberCandidates(words: WordToken[], i: number): { len: number; text: string }[] {
    const out: { len: number; text: string }[] = [];
    const w = words[i].norm;
    const next = words[i + 1]?.norm;
    if (CENTURY_WORDS[w] && next && TENS_WORDS[next] && !words[i + 1].breakBefore) {
      out.push({ len: 2, text: `${CENTURY_WORDS[w]}${TENS_WORDS[next]}0s` });
    }
    if (NUMBER_VALUES[w] !== undefined) out.push({ len: 1, text: String(NUMBER_VALUES[w]) });
    return out;
  }

  /** Least probability a thesaurus change needs in a document spun to degree `adapt` in [0, 1]. */
  function threshold(adapt: number): number {
    const t = params.thresholdClean + (params.thresholdSpun - params.thresholdClean) * adapt;
    return Math.min(0.99, t + (learned ? params.unlearnedThreshold : 0));
  }

  /**
   * Cost of an arc for the lattice. A thesaurus arc is priced so that, alone, it wins exactly when
   * its calibrated probability beats the threshold; neighbouring changes still interact through the LM.
   */
  function priceArc(arc: Arc, adapt: number, minLogit: number, learnedAdapt = adapt, learnedShift = 0): number {
    if (arc.source === 'learned') return arc.fixedCost + learnedShift + params.learnedCleanExtra * (1 - learnedAdapt);
    // The collapse prior counts only as far as the document looks spun: clean text keeps its rare phrases.
    return arc.lmGain - params.oddsScale * (arc.logit + (arc.spunPrior ?? 0) * adapt - minLogit);
  }

  /** Probability-like strength of an arc as evidence of spinning. */
  function arcEvidence(arc: Arc): number {
    if (arc.source === 'learned') return sigmoid(Math.LN10 * (arc.lmGain - arc.fixedCost));
    return sigmoid(arc.logit + params.evidenceShift);
  }

  /**
   * The same written words and the same candidate original, wherever they occur: a number for a
   * one-word swap between words the LM knows (most of them; a long text has millions of
   * candidates, and string keys for each cost hundreds of megabytes), text otherwise.
   */
  const idSpan = language.lm.vocabSize + 1;
  function swapKey(words: readonly WordToken[], ids: readonly number[], a: Arc): number | string {
    if (a.end - a.start === 1 && a.out.length === 1 && ids[a.start] >= 0) {
      const out = scorer.id(a.out[0]);
      if (out >= 0) return ids[a.start] * idSpan + out;
    }
    return `${words.slice(a.start, a.end).map((w) => w.norm).join(' ')}\t${a.out.join(' ')}`;
  }

  const treeCalibration = isTrees(params.calibration);
  /**
   * Trees cost a few microseconds per candidate, and a text has tens of candidates per word; the
   * logistic calibration, a hundred times cheaper, screens them first. On the calibration's fit
   * data, a screen SCREEN_MARGIN below the trees' own bar skips 73% of candidates and loses 0.3%
   * of those the trees would keep.
   */
  const screen: readonly number[] = isTrees(params.calibration) ? DEFAULT_CALIBRATION : params.calibration;
  const screenMargin = treeCalibration ? SCREEN_MARGIN : 0;
  /** Below this calibrated log-odds a candidate could not win even in a clearly spun document. */
  const lenientLogit = logit(Math.min(params.thresholdSpun, 0.5) * 0.8);
  /** Below this from its own context alone, no document support could lift a candidate above lenientLogit. */
  const hopelessLogit = lenientLogit - params.docSupportMargin;

  /**
   * Candidate arcs of one sentence with their LM gains, adding each thesaurus candidate's gain to
   * the document's tally for its swap (not yet priced: see planDocument).
   */
  function planSentence(sentence: Sentence, pooled: Map<number | string, { sum: number; count: number }>, keepAll: boolean, topic: Topic | null): SentencePlan {
    const words = sentence.words;
    const ids = words.map((w) => scorer.id(w.norm));
    const norms = words.map((w) => w.norm);
    const candidates: Arc[][] = words.map(() => []);
    // In an all-capitals sentence (a headline, a wire slug) capitals say nothing about names.
    const allCaps = words.every((w) => w.text === w.text.toUpperCase());
    for (let i = 0; i < words.length; i++) {
      if (words[i].protected) continue;
      const raw: Arc[] = [];
      const spanOk = (len: number) => {
        for (let k = i; k < i + len; k++) {
          if (k >= words.length || words[k].protected || (k > i && words[k].breakBefore)) return false;
        }
        return true;
      };
      const capital = words[i].capitalised;
      let learnedHere = false;
      if (learned) {
        let key = '';
        for (let len = 1; len <= learnedMaxLen && spanOk(len); len++) {
          key = len === 1 ? norms[i] : `${key} ${norms[i + len - 1]}`;
          const entry = learned.get(key);
          if (!entry) continue;
          learnedHere = true;
          const spunFreq = unigramSum(norms.slice(i, i + len));
          for (const [orig, odds] of entry.originals) {
            const out = orig.split(' ');
            raw.push(newArc(i, i + len, out, params.learnedExtra + (capital ? params.learnedCapital : 0) - odds, 'learned', {
              weight: odds, sources: 'learned', capitalised: capital, spunFreq, freqDiff: unigramSum(out) - spunFreq, lengthDiff: out.length - len,
              spunFit: 0, rank: entry.originals.findIndex((o) => o[0] === orig),
            }));
          }
        }
      }
      // Figures are not synonyms, and acronyms ("US", "NATO") are names: never "correct" them from
      // the thesaurus. A word the LM does not know is a name or a specialist term when capitalised
      // mid-sentence; in lower case (or at a sentence start), and known to the thesaurus, it is
      // often a rare dictionary word a spinner picked ("lucre"), so it gets candidates too.
      const acronym = words[i].text.length >= 2 && words[i].text === words[i].text.toUpperCase() && !allCaps;
      // Abbreviations ("pct", "mln") and single letters are not such words: they lack vowels or length.
      // A possessive the LM lacks ("outlet's") is a gap in its vocabulary when the word itself is
      // known, not a rare pick: judged as unknown, any candidate would read better than it.
      const possessiveOfKnown = /^[a-z-]+'s$/.test(norms[i]) && scorer.id(norms[i].slice(0, -2)) >= 0;
      const rare = params.rareWords && !capital && !allCaps && !possessiveOfKnown && /^[a-z][a-z'-]{3,}$/.test(norms[i]) && /[aeiouy]/.test(norms[i]);
      const knownOrRare = ids[i] >= 0 || rare;
      // The spun word's own fit with the topic, once per word rather than once per candidate.
      let ownTopicFit: number | null | undefined;
      const spunTopicFit = () => (ownTopicFit === undefined ? (ownTopicFit = topic?.fit(norms[i], [norms[i]]) ?? null) : ownTopicFit);
      // Single letters ("k", "m", "l") are initials, units or list marks, not a spinner's synonyms.
      if (knownOrRare && !/\d/.test(norms[i]) && !acronym && norms[i].length > 1) {
        for (const len of language.phraseStartsAt(norms, i)) {
          if (!spanOk(len)) continue;
          // A run of capitalised words is a name ("North Atlantic Treaty Organization"): leave it whole.
          if (len > 1 && words.slice(i, i + len).filter((w) => /^\p{Lu}/u.test(w.text)).length >= 2) continue;
          const key = norms.slice(i, i + len).join(' ');
          const spunFreq = unigramSum(norms.slice(i, i + len));
          for (const [rank, c] of thesaurus(key).entries()) {
            if (isAbbreviationPair(key, c.text, c.sources)) continue;
            const out = c.text.split(' ');
            if (learnedHere && raw.some((a) => a.end === i + len && a.out.join(' ') === c.text)) continue;
            raw.push(newArc(i, i + len, out, 0, 'model', {
              weight: c.weight, sources: c.sources, capitalised: capital, spunFreq, freqDiff: unigramSum(out) - spunFreq, lengthDiff: out.length - len,
              spunFit: 0, rank, spunUnknown: ids.slice(i, i + len).some((id) => id < 0),
              topicGain: len === 1 && out.length === 1 && topic ? topicGain(topic, spunTopicFit(), out[0]) : 0,
              respelling: c.respelling,
            }));
          }
        }
      }
      for (const nc of numberCandidates(words, i)) {
        if (!spanOk(nc.len)) continue;
        // Spelled-out decades are all but unknown in news copy; spelled-out numbers above ten are rare.
        raw.push(newArc(i, i + nc.len, [nc.text], 0, 'model', {
          weight: 1, sources: 'number', capitalised: capital, spunFreq: 0, freqDiff: 0, lengthDiff: 1 - nc.len, spunFit: 0, rank: 0,
        }));
      }
      if (raw.length === 0) continue;
      const fit = spunFit(ids, i);
      for (const arc of raw) arc.features.spunFit = fit;
      const keepScores = new Map<number, number>();
      for (const arc of raw) {
        let keep = keepScores.get(arc.end);
        if (keep === undefined) {
          keep = windowScore(ids, i, arc.end, ids.slice(i, arc.end));
          keepScores.set(arc.end, keep);
        }
        arc.lmGain = windowScore(ids, i, arc.end, arc.out.map((w) => scorer.id(w))) - keep;
      }
      const bestGain = new Map<number, number>();
      for (const arc of raw) bestGain.set(arc.end, Math.max(bestGain.get(arc.end) ?? -Infinity, arc.lmGain));
      const kept: Arc[] = [];
      for (const arc of raw) {
        if (arc.features.spunUnknown) arc.features.relativeGain = arc.lmGain - (bestGain.get(arc.end) ?? 0);
        if (arc.source === 'model') {
          const k = swapKey(words, ids, arc);
          const e = pooled.get(k);
          const gain = ownGain(arc.lmGain, arc.features);
          if (e) {
            e.sum += gain;
            e.count++;
          } else pooled.set(k, { sum: gain, count: 1 });
          // The log-odds from this context alone (the screen's, with trees); planWindow adds the document's support.
          arc.logit = candidateLogit(arc.lmGain, arc.features, screen);
          // Hopeless even with the document's support: dropped now so that huge texts stay small in memory.
          if (!keepAll && arc.logit < hopelessLogit - screenMargin) continue;
          arc.poolKey = k;
        }
        kept.push(arc);
      }
      candidates[i] = kept;
    }
    return { sentence, ids, candidates, arcsAt: candidates.map(() => []) };
  }

  /**
   * Plans every sentence, then scores each candidate with what the document says about it: a
   * spinner is a dictionary applied mechanically, so where the same written word recurs, the
   * same original fitting better each time is stronger evidence than any single context (the
   * calibration's docGain and docRepeat features). Arcs that could not win even in a spun
   * document are then dropped, unless `keepAll`.
   */
  function planDocument(sentences: Sentence[], keepAll = false): SentencePlan[] {
    const plans: SentencePlan[] = [];
    // Pooled over windows of a few thousand words: articles fit in one, and a huge text keeps
    // only one window's unpruned candidates in memory at a time.
    let start = 0;
    while (start < sentences.length) {
      let end = start;
      let words = 0;
      while (end < sentences.length && (end === start || words + sentences[end].words.length <= POOL_WINDOW_WORDS)) {
        words += sentences[end].words.length;
        end++;
      }
      plans.push(...planWindow(sentences.slice(start, end), keepAll));
      start = end;
    }
    return plans;
  }

  /** The window's topic: its distinct lower-case content words. */
  function topicOf(sentences: Sentence[]): Topic | null {
    const content = new Set<string>();
    for (const s of sentences) for (const w of s.words) if (w.text === w.norm && /^\p{Ll}{4,}$/u.test(w.norm)) content.add(w.norm);
    return Topic.of(language, content);
  }

  /** How much better the candidate fits the topic than the spun word did (`mine`; each word's own share left out). */
  function topicGain(topic: Topic, mine: number | null, candidate: string): number {
    if (mine === null) return 0;
    const theirs = topic.fit(candidate, [candidate]);
    return theirs === null ? 0 : theirs - mine;
  }

  /** planDocument for one window of sentences: their swaps' evidence is pooled together. */
  function planWindow(sentences: Sentence[], keepAll: boolean): SentencePlan[] {
    const pooled = new Map<number | string, { sum: number; count: number }>();
    const topic = params.topicFit ? topicOf(sentences) : null;
    const plans = sentences.map((s) => planSentence(s, pooled, keepAll, topic));
    for (const plan of plans) {
      plan.candidates = plan.candidates.map((arcs) => arcs.filter((arc) => {
        // Only arcs that could win somewhere survive: the beam then stays small and decoding fast.
        if (arc.source === 'learned') return arc.lmGain - priceArc(arc, 1, 0) > -0.5;
        const e = arc.poolKey === undefined ? undefined : pooled.get(arc.poolKey);
        if (e && e.count > 1) {
          arc.features.docGain = e.sum / e.count;
          arc.features.docCount = e.count;
          arc.logit = withDocSupport(arc.logit, arc.lmGain, arc.features, arc.features.docGain, e.count, screen);
        }
        if (treeCalibration) {
          if (!keepAll && arc.logit < lenientLogit - screenMargin) return false;
          arc.logit = candidateLogit(arc.lmGain, arc.features, params.calibration);
        }
        // With a learned model, phrase swaps it has seen are learned arcs already.
        if (!learned && arc.features.sources !== 'number') arc.spunPrior = collapsePrior(arc.end - arc.start, arc.out.length);
        return arc.logit + (arc.spunPrior ?? 0) > lenientLogit || keepAll;
      }));
    }
    return plans;
  }

  /** Prices a plan's arcs for a document spun to degree `adapt`, keeping the best few per start. */
  function pricePlan(plan: SentencePlan, adapt: number, learnedAdapt: number, learnedShift = 0): void {
    const minLogit = logit(threshold(adapt));
    plan.arcsAt = plan.candidates.map((arcs) => {
      if (arcs.length === 0) return arcs;
      // WordNet lists British spellings as synonyms, so a WordNet spinner respells; but in a page
      // that does not look spun, a British spelling is the writer's.
      const priced = arcs.filter((a) => !a.features.respelling || adapt >= RESPELL_MIN_ADAPT).map((a) => {
        const cost = priceArc(a, adapt, minLogit, learnedAdapt, learnedShift);
        return { ...a, cost, gain: a.lmGain - cost };
      });
      return priced.filter((a) => a.gain > -0.5).sort((x, y) => y.gain - x.gain).slice(0, params.arcsPerStart);
    });
  }

  /**
   * Spin evidence of a document: per word, the strongest candidate change's probability; summed.
   * Respellings count for nothing: a British spelling in American-leaning resources is no sign of spinning.
   * With evidenceTypeCap, a word repeated on the page counts at most that many times: a spinner
   * leaves its mark across the vocabulary, while one odd word repeated ("marks" for a currency,
   * a company called "Anchor") is the page's topic.
   */
  function evidence(plans: SentencePlan[]): number {
    const cap = params.evidenceTypeCap > 0 ? params.evidenceTypeCap : Infinity;
    const byType = new Map<string, { sum: number; n: number }>();
    for (const plan of plans) {
      plan.candidates.forEach((arcs, i) => {
        let best = 0;
        for (const a of arcs) if (!a.features.respelling) best = Math.max(best, arcEvidence(a));
        if (best <= 0) return;
        const key = plan.sentence.words[i].norm;
        const t = byType.get(key) ?? { sum: 0, n: 0 };
        t.sum += best;
        t.n++;
        byType.set(key, t);
      });
    }
    let total = 0;
    for (const t of byType.values()) total += (t.sum / t.n) * Math.min(t.n, cap);
    return total;
  }

  const evidenceClean = learned ? params.evidenceCleanLearned : params.evidenceClean;
  const evidenceSpun = learned ? params.evidenceSpunLearned : params.evidenceSpun;

  /** Where the evidence per word sits between a typical clean and a typical spun document, in [0, 1]. */
  function adaptation(perWord: number): number {
    return Math.min(1, Math.max(0, (perWord - evidenceClean) / (evidenceSpun - evidenceClean)));
  }

  /** Where the spin detector's document score puts the text between clean and clearly spun, in [0, 1]. */
  function detectorAdaptation(text: string): number {
    if (learned || params.detectorSpun <= params.detectorClean) return 0;
    const score = detect(text).spinScore;
    return Math.min(1, Math.max(0, (score - params.detectorClean) / (params.detectorSpun - params.detectorClean)));
  }

  function spinScoreOf(perWord: number): number {
    const mid = (evidenceClean + evidenceSpun) / 2;
    const width = (evidenceSpun - evidenceClean) / 4;
    return sigmoid((perWord - mid) / width);
  }

  /**
   * Each sentence's adaptation: the document's, lowered where its paragraph's own evidence
   * (pulled toward the document's by paragraphPriorWords words) reads as cleaner, so a page spun
   * in part keeps its clean paragraphs' high bar. Never raised: a paragraph is too short for its
   * evidence alone to make it count as spun (that changed clean text four times as often).
   */
  function paragraphAdaptation(text: string, plans: SentencePlan[], docPerWord: number, detectorAdapt: number): number[] {
    const docAdapt = Math.max(adaptation(docPerWord), detectorAdapt);
    const k = params.paragraphPriorWords;
    if (k <= 0) return plans.map(() => docAdapt);
    const breaks: number[] = [];
    for (const m of text.matchAll(/\n\s*\n/g)) breaks.push(m.index);
    // Plans are in text order: a paragraph's id is the number of blank lines before it.
    const ids: number[] = [];
    const groups = new Map<number, SentencePlan[]>();
    let b = 0;
    for (const p of plans) {
      while (b < breaks.length && breaks[b] < p.sentence.start) b++;
      ids.push(b);
      const group = groups.get(b);
      if (group) group.push(p);
      else groups.set(b, [p]);
    }
    const paraAdapt = new Map<number, number>();
    for (const [id, group] of groups) {
      let words = 0;
      for (const p of group) words += p.sentence.words.length;
      paraAdapt.set(id, adaptation((evidence(group) + k * docPerWord) / (words + k)));
    }
    // The spin detector, when used as a witness, speaks for the whole page: its floor stays.
    return ids.map((id) => Math.max(detectorAdapt, Math.min(docAdapt, paraAdapt.get(id) ?? docAdapt)));
  }

  function analyse(text: string, detectOnly: boolean, assumeSpun = false) {
    const sentences = splitSentences(text).flatMap((s) => chunk(s, 200));
    const plans = planDocument(sentences);
    let words = 0;
    for (const plan of plans) words += plan.sentence.words.length;
    const ev = evidence(plans);
    // Short texts say little: their evidence is pulled toward that of a typical clean text.
    const perWord = (ev + params.evidencePriorWords * evidenceClean * 0.7) / (words + params.evidencePriorWords);
    const spinScore = words === 0 ? 0 : spinScoreOf(perWord);
    if (detectOnly) return { spinScore, plans, chosen: null };
    const adaptOf = assumeSpun ? plans.map(() => 1) : paragraphAdaptation(text, plans, perWord, detectorAdaptation(text));
    // The learned spinner's own signs (spinner-odds.ts) say how far its swaps may be trusted here.
    // With no lighter rates this is the learned rate's odds, and no shift.
    const reading = assumeSpun || !spinnerOdds ? null
      : spinnerOdds.bestRate(plans.map((p) => p.sentence.words.map((w) => w.norm)), [1, ...params.spinnerRates], params.spinnerRateMargin);
    const posterior = reading ? sigmoid(Math.LN10 * reading.logOdds) : 0;
    const learnedShift = reading ? -Math.log10(reading.rate) : 0;
    const chosen = plans.map((p, i) => {
      const a = adaptOf[i];
      pricePlan(p, a, Math.max(a, posterior), learnedShift);
      return decode(scorer, p.ids, p.arcsAt, params.beam);
    });
    return { spinScore, plans, chosen };
  }

  function confidenceOf(plan: SentencePlan, path: Arc[], arc: Arc): { confidence: number; alternatives: { text: string; confidence: number }[] } {
    // Output word ids of the best path, around the arc.
    const outIds: number[] = [];
    let pos = 0;
    let arcOutStart = 0;
    for (const a of path) {
      while (pos < a.start) outIds.push(plan.ids[pos++]);
      if (a === arc) arcOutStart = outIds.length;
      for (const w of a.out) outIds.push(scorer.id(w));
      pos = a.end;
    }
    while (pos < plan.ids.length) outIds.push(plan.ids[pos++]);
    const arcOutEnd = arcOutStart + arc.out.length;
    const left = outIds.slice(Math.max(0, arcOutStart - 2), arcOutStart);
    const right = outIds.slice(arcOutEnd, arcOutEnd + 2);
    const score = (ids: number[], cost: number) => {
      const [, h1, h2] = scorer.scoreIds(left, -1, arcOutStart - 2 < 0 ? scorer.lm.bosId : -1);
      const [a, a1, a2] = scorer.scoreIds(ids, h1, h2);
      const [b] = scorer.scoreIds(right, a1, a2);
      return a + b - cost;
    };
    const options: { text: string; s: number }[] = [];
    const spunIds = plan.ids.slice(arc.start, arc.end);
    const spunText = plan.sentence.words.slice(arc.start, arc.end).map((w) => w.norm).join(' ');
    options.push({ text: spunText, s: score(spunIds, 0) });
    for (const a of plan.arcsAt[arc.start]) {
      if (a.end !== arc.end) continue;
      const text = a.out.join(' ');
      if (options.some((o) => o.text === text)) continue;
      options.push({ text, s: score(a.out.map((w) => scorer.id(w)), a.cost) });
    }
    const max = Math.max(...options.map((o) => o.s));
    let z = 0;
    for (const o of options) z += Math.pow(10, o.s - max);
    const chosenText = arc.out.join(' ');
    const probs = options.map((o) => ({ text: o.text, confidence: Math.pow(10, o.s - max) / z }));
    const mine = probs.find((p) => p.text === chosenText)?.confidence ?? 0;
    const alternatives = probs.filter((p) => p.text !== chosenText).sort((a, b) => b.confidence - a.confidence).slice(0, 3)
      .map((p) => ({ text: p.text, confidence: round3(p.confidence) }));
    return { confidence: round3(mine), alternatives };
  }

  function restore(text: string, opts: RestoreOptions = {}): Restoration {
    const { spinScore, plans, chosen } = analyse(text, false, opts.assumeSpun ?? false);
    const minConfidence = opts.minConfidence ?? 0;
    const edits: Edit[] = [];
    plans.forEach((plan, k) => {
      const path = chosen?.[k] ?? [];
      for (const arc of path) {
        const words = plan.sentence.words;
        const start = words[arc.start].start;
        const end = words[arc.end - 1].end;
        const spun = text.slice(start, end);
        const { confidence, alternatives } = confidenceOf(plan, path, arc);
        if (confidence < minConfidence) continue;
        edits.push({
          start, end, spun,
          original: applyCase(spun, arc.out.join(' ')),
          confidence, alternatives,
          source: arc.source === 'learned' ? 'learned' : 'model',
        });
      }
    });
    return { text: applyEdits(text, edits), spinScore: round3(spinScore), edits };
  }

  // Detection has its own model (detect.ts: paragraph features, no lattice); built on first use.
  let detector: SpinDetector | null = null;
  function detect(text: string): SpinDetection {
    detector ??= buildDetector(language);
    return detector.detect(text);
  }

  function candidates(text: string, opts: { all?: boolean } = {}): CandidateInfo[] {
    const out: CandidateInfo[] = [];
    for (const plan of planDocument(splitSentences(text).flatMap((x) => chunk(x, 200)), opts.all ?? false)) {
      const s = plan.sentence;
      for (const arcs of plan.candidates) {
        for (const a of arcs) {
          const start = s.words[a.start].start;
          const end = s.words[a.end - 1].end;
          out.push({ ...a.features, start, end, spun: text.slice(start, end), original: a.out.join(' '), lmGain: a.lmGain, source: a.source });
        }
      }
    }
    return out;
  }

  function restorePhrase(phrase: string, opts: { maxChanges?: number; limit?: number } = {}): { text: string; candidates: string[] } {
    return restorePhraseAlone(language, scorer, (w) => learned?.get(w)?.originals ?? [], phrase, opts, {
      ...DEFAULT_PHRASE_PARAMS,
      changeCost: params.phraseChangeCost,
      weightBonus: params.phraseWeightBonus,
      boundaryShare: params.phraseBoundaryShare,
      frequencyDiscount: params.phraseFrequencyDiscount,
      collocationBonus: params.phraseCollocationBonus,
      lengthCost: params.phraseLengthCost,
      rankCost: params.phraseRankCost,
    });
  }

  return { restore, detect, candidates, restorePhrase, hasModel: learned !== null };
}

/** The text with each edit's span replaced by its original (edits in order, not overlapping). */
export function applyEdits(text: string, edits: readonly Pick<Edit, 'start' | 'end' | 'original'>[]): string {
  let out = '';
  let at = 0;
  for (const e of edits) {
    out += text.slice(at, e.start) + e.original;
    at = e.end;
  }
  return out + text.slice(at);
}

/**
 * "corp" for "corporation", "feb" for "february", "lb" for "pound": a spinner swaps words for
 * synonyms; it does not write abbreviations for it to spell out again, while newswire uses both
 * forms freely. So a written short form is never restored to its spelled-out word, and
 * vowelless short forms ("lb", "tv") are never candidates either way. Closed-class confusions
 * ("to" / "towards", "in" / "inside") are real swaps and stay.
 */
export function isAbbreviationPair(spun: string, candidate: string, sources: string): boolean {
  if (spun.includes(' ') || candidate.includes(' ') || sources.includes('closed-class')) return false;
  if (spun.length <= 4 && candidate.length >= spun.length + 3 && candidate.startsWith(spun)) return true;
  const short = spun.length <= candidate.length ? spun : candidate;
  return short.length <= 3 && !/[aeiouy]/.test(short);
}

/** How far (natural-log odds) below a bar the logistic screen may put a candidate that the trees still score. */
const SCREEN_MARGIN = 5;

/** Words over which a swap's document support is pooled (planDocument). */
const POOL_WINDOW_WORDS = 5000;

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Very long "sentences" (no punctuation) are decoded in pieces so time stays linear and memory small. */
function chunk(s: Sentence, size: number): Sentence[] {
  if (s.words.length <= size) return [s];
  const out: Sentence[] = [];
  for (let i = 0; i < s.words.length; i += size) {
    const words = s.words.slice(i, i + size);
    out.push({ start: words[0].start, end: words[words.length - 1].end, words });
  }
  return out;
}
