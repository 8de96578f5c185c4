/**
 * Restoring spun text and detecting spinning.
 *
 * Per sentence: candidate originals for each word or phrase (a learned spinner dictionary when
 * given, the reverse thesaurus, spelled-out figures), each pruned by how much better it fits
 * its context than the spun wording does (a trigram LM over a small window, minus a prior cost),
 * then decoded as a lattice with a beam search. Clean text must come out untouched, so the
 * prior cost of an unlearned change is high and is lowered only in documents that show strong
 * evidence of spinning across many words (the document's own spin score).
 */
import type { Edit, Restoration, SpinDetection, SpinFlag } from '../model.js';
import type { Language } from '../language/index.js';
import { decode, LmScorer, type Arc } from './lattice.js';
import { MAX_LEARNED_PHRASE, type SpinModel } from './model-file.js';
import { splitSentences, type Sentence, type WordToken } from './tokens.js';

export type SpinLanguage = Pick<Language, 'lm' | 'reverseCandidates' | 'phraseStartsAt' | 'maxPhraseLength'>;

/** Tunable costs, log10 units. Chosen on the "plain" simulated spinner only (see bench/restore.ts). */
export interface RestoreParams {
  /** Cost of a thesaurus change in a document with no sign of spinning. */
  baseClean: number;
  /** Cost of a thesaurus change in a document that is clearly spun. */
  baseSpun: number;
  /** Extra cost of a thesaurus change when a learned model exists but does not know the word. */
  unlearnedExtra: number;
  /** Extra cost for changing a capitalised word (a name, most of the time). */
  capitalPenalty: number;
  /** How much the resources' confidence in a candidate (weight in (0,1]) lowers its cost. */
  weightBonus: number;
  /** Cost added per word of length difference (phrase <-> word changes). */
  lengthCost: number;
  /** Prior cost added to every learned swap (the learned odds already carry most of it). */
  learnedExtra: number;
  /** Spin evidence per word at which the document counts as half-way spun. */
  evidenceHalf: number;
  /** Thesaurus candidates looked at per word/phrase. */
  candidatesPerKey: number;
  /** Arcs kept per start position after pruning. */
  arcsPerStart: number;
  beam: number;
}

export const DEFAULT_PARAMS: RestoreParams = {
  baseClean: 3.2,
  baseSpun: 1.4,
  unlearnedExtra: 0.8,
  capitalPenalty: 2.0,
  weightBonus: 0.8,
  lengthCost: 0.3,
  learnedExtra: 0.2,
  evidenceHalf: 0.12,
  candidatesPerKey: 12,
  arcsPerStart: 4,
  beam: 6,
};

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
  arcsAt: Arc[][];
}

export interface RestoreOptions {
  /** The caller knows the text is spun (e.g. a flagged phrase): use the spun-document costs from the start. */
  assumeSpun?: boolean;
}

export interface Restorer {
  restore(text: string, opts?: RestoreOptions): Restoration;
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
  const scorer = new LmScorer(language.lm);
  const learned = model ? compileModel(model) : null;
  let learnedMaxLen = 1;
  if (learned) for (const k of learned.keys()) learnedMaxLen = Math.max(learnedMaxLen, k.split(' ').length);
  learnedMaxLen = Math.min(learnedMaxLen, MAX_LEARNED_PHRASE);
  const thesaurusCache = new Map<string, { text: string; weight: number }[]>();

  function thesaurus(key: string): { text: string; weight: number }[] {
    let hit = thesaurusCache.get(key);
    if (!hit) {
      hit = language.reverseCandidates(key, { limit: params.candidatesPerKey, requireInVocab: true })
        .filter((c) => c.text !== key)
        .map((c) => ({ text: c.text, weight: c.weight }));
      if (thesaurusCache.size > 100_000) thesaurusCache.clear();
      thesaurusCache.set(key, hit);
    }
    return hit;
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

  /** Candidate arcs of one sentence, pruned; `base` is the thesaurus change cost for this document. */
  function planSentence(sentence: Sentence, base: number): SentencePlan {
    const words = sentence.words;
    const ids = words.map((w) => scorer.id(w.norm));
    const norms = words.map((w) => w.norm);
    const arcsAt: Arc[][] = words.map(() => []);
    for (let i = 0; i < words.length; i++) {
      if (words[i].protected) continue;
      const raw: Arc[] = [];
      const spanOk = (len: number) => {
        for (let k = i; k < i + len; k++) {
          if (k >= words.length || words[k].protected || (k > i && words[k].breakBefore)) return false;
        }
        return true;
      };
      const capital = words[i].capitalised ? params.capitalPenalty : 0;
      let learnedHere = false;
      if (learned) {
        let key = '';
        for (let len = 1; len <= learnedMaxLen && spanOk(len); len++) {
          key = len === 1 ? norms[i] : `${key} ${norms[i + len - 1]}`;
          const entry = learned.get(key);
          if (!entry) continue;
          learnedHere = true;
          for (const [orig, odds] of entry.originals) {
            raw.push({ start: i, end: i + len, out: orig.split(' '), cost: params.learnedExtra + capital * 0.5 - odds, source: 'learned', gain: 0 });
          }
        }
      }
      // Words the LM does not know are names or specialist terms: never "correct" them from the thesaurus.
      if (ids[i] >= 0) {
        const thesBase = base + (learned ? params.unlearnedExtra : 0) + capital;
        for (const len of language.phraseStartsAt(norms, i)) {
          if (!spanOk(len)) continue;
          const key = norms.slice(i, i + len).join(' ');
          for (const c of thesaurus(key)) {
            const out = c.text.split(' ');
            if (learnedHere && raw.some((a) => a.end === i + len && a.out.join(' ') === c.text)) continue;
            const cost = thesBase - params.weightBonus * c.weight + params.lengthCost * Math.abs(out.length - len);
            raw.push({ start: i, end: i + len, out, cost, source: 'model', gain: 0 });
          }
        }
      }
      for (const nc of numberCandidates(words, i)) {
        if (!spanOk(nc.len)) continue;
        raw.push({ start: i, end: i + nc.len, out: [nc.text], cost: nc.len === 2 ? 0.3 : 1.5, source: 'model', gain: 0 });
      }
      if (raw.length === 0) continue;
      const keepScores = new Map<number, number>();
      for (const arc of raw) {
        let keep = keepScores.get(arc.end);
        if (keep === undefined) {
          keep = windowScore(ids, i, arc.end, ids.slice(i, arc.end));
          keepScores.set(arc.end, keep);
        }
        arc.gain = windowScore(ids, i, arc.end, arc.out.map((w) => scorer.id(w))) - keep - arc.cost;
      }
      // Only arcs that could win survive: the beam then stays small and decoding fast.
      arcsAt[i] = raw.filter((a) => a.gain > -0.5).sort((a, b) => b.gain - a.gain).slice(0, params.arcsPerStart);
    }
    return { sentence, ids, arcsAt };
  }

  /** Spin evidence of a plan: per word, the best net gain any change offers (0 when none). */
  function evidence(plan: SentencePlan): number {
    let total = 0;
    for (const arcs of plan.arcsAt) {
      if (arcs.length > 0) total += Math.max(0, Math.min(arcs[0].gain, 4));
    }
    return total;
  }

  function documentScore(totalEvidence: number, words: number): number {
    if (words === 0) return 0;
    const perWord = totalEvidence / words;
    return 1 - Math.pow(0.5, perWord / params.evidenceHalf);
  }

  function analyse(text: string, detectOnly: boolean, assumeSpun = false) {
    const sentences = splitSentences(text).flatMap((s) => chunk(s, 200));
    let words = 0;
    let ev = 0;
    const probePlans: SentencePlan[] = [];
    // The spin score comes first, from the costs of a clean document: how much would change even there.
    for (const s of sentences) {
      const plan = planSentence(s, params.baseClean);
      probePlans.push(plan);
      ev += evidence(plan);
      words += s.words.length;
    }
    const spinScore = documentScore(ev, words);
    const adapt = assumeSpun ? 1 : spinScore;
    if (detectOnly) return { spinScore, plans: probePlans, chosen: null };
    const base = params.baseClean - (params.baseClean - params.baseSpun) * adapt;
    const plans = base === params.baseClean ? probePlans : sentences.map((s) => planSentence(s, base));
    const chosen = plans.map((p) => decode(scorer, p.ids, p.arcsAt, params.beam));
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
    const edits: Edit[] = [];
    plans.forEach((plan, k) => {
      const path = chosen?.[k] ?? [];
      for (const arc of path) {
        const words = plan.sentence.words;
        const start = words[arc.start].start;
        const end = words[arc.end - 1].end;
        const spun = text.slice(start, end);
        const { confidence, alternatives } = confidenceOf(plan, path, arc);
        edits.push({
          start, end, spun,
          original: applyCase(spun, arc.out.join(' ')),
          confidence, alternatives,
          source: arc.source === 'learned' ? 'learned' : 'model',
        });
      }
    });
    let out = '';
    let at = 0;
    for (const e of edits) {
      out += text.slice(at, e.start) + e.original;
      at = e.end;
    }
    out += text.slice(at);
    return { text: out, spinScore: round3(spinScore), edits };
  }

  function detect(text: string): SpinDetection {
    const { spinScore, plans } = analyse(text, true);
    const flags: SpinFlag[] = [];
    for (const plan of plans) {
      plan.arcsAt.forEach((arcs, i) => {
        const best = arcs[0];
        if (!best || best.gain <= 0.5) return;
        const words = plan.sentence.words;
        flags.push({
          start: words[i].start, end: words[best.end - 1].end,
          score: round3(1 - Math.pow(10, -best.gain)),
          reason: `reads better as "${best.out.join(' ')}" (${best.source === 'learned' ? 'learned swap' : 'thesaurus'}, +${best.gain.toFixed(1)} log10)`,
        });
      });
    }
    return { spinScore: round3(spinScore), flags };
  }

  return { restore, detect, hasModel: learned !== null };
}

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
