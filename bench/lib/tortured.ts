/**
 * The tortured-phrase part of `npm run bench:restore` (also alone: `-- --tortured`).
 *
 * Honest split: weights may be chosen on the EVEN lines (0-based) of dev.jsonl only; the odd
 * lines are held out. Figures are printed for even (tuned), odd (held out) and all.
 * `-- --tortured --fit` fits the phrase weights (a conditional logit over each phrase's
 * candidates) on the even lines and prints them with their even/odd/all figures; they become
 * DEFAULT_PHRASE_PARAMS by hand.
 */
import { readFileSync } from 'node:fs';
import { buildRestorer, DEFAULT_PARAMS, learnModel, type Restorer } from '../../src/spin/index.js';
import type { Language } from '../../src/language/index.js';
import { LmScorer } from '../../src/spin/lattice.js';
import {
  DEFAULT_PHRASE_PARAMS, PHRASE_FEATURES, phraseCandidates, phraseWeights, restorePhraseAlone, scorePhraseCandidate, splitPhraseAside, tokenisePhrase,
  type PhraseParams,
} from '../../src/spin/phrase.js';
import { sharedPath } from './shared.js';

interface Item {
  tortured: string;
  expected: string;
  line: number;
}

const fold = (s: string) => s.toLowerCase().replace(/[-\s]+/g, ' ').trim();
const fmt = (x: number) => x.toFixed(3);

/** Tortured phrases, each restored alone. */
export function torturedBench(plain: Restorer, language: Language, opts: { quick: boolean; say: (name: string, value: string) => void }): void {
  const { quick, say } = opts;
  const torturedPath = sharedPath('data/tortured/dev.jsonl');
  if (!torturedPath) return;
  const items: Item[] = readFileSync(torturedPath, 'utf8').split('\n').filter(Boolean)
    .map((l, line) => ({ ...(JSON.parse(l) as { tortured: string; expected: string }), line }));
  const sample = quick ? items.slice(0, 500) : items;
  if (process.argv.includes('--fit')) {
    const params = fitPhraseParams(language, sample.filter((it) => it.line % 2 === 0), say);
    const scorer = new LmScorer(language.lm);
    report(sample, (p) => restorePhraseAlone(language, scorer, () => [], p, {}, params), language, say, 'fitted weights');
    return;
  }
  report(sample, (p) => plain.restorePhrase(p), language, say, '');
  learnedHalves(sample, language, say);
}

/**
 * Learning the paper mills' spinner: each half of the list restored with a model learned from the
 * other half's pairs (tortured -> expected), as a research-integrity user would learn from the
 * tortured phrases already found. The learned swaps' weight and odds scale were chosen on the
 * even lines (model from the odd ones); the odd lines (model from the even ones) are held out.
 */
function learnedHalves(sample: Item[], language: Language, say: (name: string, value: string) => void): void {
  const top1 = [0, 0];
  const n = [0, 0];
  for (const half of [0, 1]) {
    const model = learnModel(sample.filter((it) => it.line % 2 !== half).map((it) => ({ spun: it.tortured, orig: it.expected })));
    const r = buildRestorer(language, model, DEFAULT_PARAMS);
    for (const it of sample.filter((x) => x.line % 2 === half)) {
      n[half]++;
      if (fold(r.restorePhrase(it.tortured).text) === fold(it.expected)) top1[half]++;
    }
  }
  say('tortured phrases, model learned from the other half: top-1', `even ${fmt(top1[0] / n[0])} (tuned) / odd ${fmt(top1[1] / n[1])} (held out)`);
}

function report(
  sample: Item[],
  restore: (phrase: string) => { text: string; candidates: string[] },
  language: Language,
  say: (name: string, value: string) => void,
  tag: string,
): void {
  const hits = { top1: [0, 0], covered: [0, 0], resource: [0, 0], n: [0, 0] };
  for (const it of sample) {
    const half = it.line % 2;
    const exp = fold(it.expected);
    const r = restore(it.tortured);
    hits.n[half]++;
    if (fold(r.text) === exp) hits.top1[half]++;
    if (r.candidates.some((c) => fold(c) === exp)) hits.covered[half]++;
    // Looser: could the resources produce it at all (whole phrase, or word by word)?
    const whole = language.reverseCandidates(fold(it.tortured), { limit: 50 }).map((c) => fold(c.text));
    let ok = whole.includes(exp);
    if (!ok) {
      const tw = fold(it.tortured).split(' ');
      const ew = exp.split(' ');
      if (tw.length === ew.length) {
        ok = tw.every((w, k) => w === ew[k] || language.reverseCandidates(w, { limit: 50 }).some((c) => fold(c.text) === ew[k]));
      }
    }
    if (ok) hits.resource[half]++;
  }
  const line = (x: number[]) =>
    `even ${fmt(x[0] / hits.n[0])} / odd ${fmt(x[1] / hits.n[1])} / all ${fmt((x[0] + x[1]) / (hits.n[0] + hits.n[1]))}`;
  const pre = `tortured phrases (${sample.length}; even tuned, odd held out)${tag ? `, ${tag}` : ''}`;
  say(`${pre}: top-1 exact`, line(hits.top1));
  say('tortured phrases: candidate coverage (restorer\'s top 50)', line(hits.covered));
  say('tortured phrases: coverage by the resources (top-50 per word)', line(hits.resource));
}

/** Features whose weight the fit keeps at zero or above. */
const NON_NEGATIVE: readonly (typeof PHRASE_FEATURES)[number][] = ['gloss', 'lexicon', 'entry', 'acronym', 'term'];

/** Candidates kept per phrase for fitting (the best by the current weights). */
const FIT_KEEP = 400;

/**
 * Conditional logit: maximise the probability of the expected phrase among each phrase's
 * candidates (softmax over the weighted features), with a small L2 penalty, by Adam on
 * standardised features, then refined by coordinate search on top-1. Phrases whose expected original is not among the kept candidates
 * cannot inform the weights and are left out.
 */
function fitPhraseParams(language: Language, train: Item[], say: (name: string, value: string) => void): PhraseParams {
  const scorer = new LmScorer(language.lm);
  const base = phraseWeights(DEFAULT_PHRASE_PARAMS);
  const F = PHRASE_FEATURES.length;
  const groups: { x: Float32Array; cost: Float32Array; label: number }[] = [];
  for (const it of train) {
    const { main, acronym } = splitPhraseAside(it.tortured);
    const words = tokenisePhrase(main);
    if (words.length === 0 || words.length > 8) continue;
    const exp = fold(it.expected);
    const cands = phraseCandidates(language, scorer, () => [], words, { acronym }, DEFAULT_PHRASE_PARAMS)
      .map((c) => ({ c, s: scorePhraseCandidate(c, base) }))
      .sort((a, b) => b.s - a.s)
      .slice(0, FIT_KEEP)
      .map((x) => x.c);
    const label = cands.findIndex((c) => fold(c.text) === exp);
    if (label < 0) continue;
    const x = new Float32Array(cands.length * F);
    const cost = new Float32Array(cands.length);
    cands.forEach((c, r) => {
      x.set(c.features, r * F);
      cost[r] = c.cost;
    });
    groups.push({ x, cost, label });
  }
  // Standardise so one step size suits every feature.
  const mean = new Float64Array(F);
  const sd = new Float64Array(F);
  let rows = 0;
  for (const g of groups) for (let r = 0; r < g.cost.length; r++, rows++) for (let k = 0; k < F; k++) mean[k] += g.x[r * F + k];
  for (let k = 0; k < F; k++) mean[k] /= rows;
  for (const g of groups) for (let r = 0; r < g.cost.length; r++) for (let k = 0; k < F; k++) sd[k] += (g.x[r * F + k] - mean[k]) ** 2;
  for (let k = 0; k < F; k++) sd[k] = Math.sqrt(sd[k] / rows) || 1;
  const w = new Float64Array(F);
  for (let k = 0; k < F; k++) w[k] = base[k] * sd[k];
  const m = new Float64Array(F);
  const v = new Float64Array(F);
  // Dictionary evidence can only speak for a reading: a negative weight there is the fit trading
  // one collinear count against another ("blood pressure" sits inside many entries), not a finding.
  const nonNegative = new Set(NON_NEGATIVE.map((name) => PHRASE_FEATURES.indexOf(name)));
  const lambda = 0.01;
  const lr = 0.05;
  let nll = 0;
  for (let step = 1; step <= 400; step++) {
    const grad = new Float64Array(F);
    nll = 0;
    for (const g of groups) {
      const n = g.cost.length;
      const s = new Float64Array(n);
      let max = -Infinity;
      for (let r = 0; r < n; r++) {
        let t = 0;
        for (let k = 0; k < F; k++) t += w[k] * ((g.x[r * F + k] - mean[k]) / sd[k]);
        s[r] = t;
        if (t > max) max = t;
      }
      let z = 0;
      for (let r = 0; r < n; r++) z += Math.exp(s[r] - max);
      nll += Math.log(z) + max - s[g.label];
      for (let r = 0; r < n; r++) {
        const p = Math.exp(s[r] - max) / z - (r === g.label ? 1 : 0);
        if (Math.abs(p) < 1e-9) continue;
        for (let k = 0; k < F; k++) grad[k] += p * ((g.x[r * F + k] - mean[k]) / sd[k]);
      }
    }
    for (let k = 0; k < F; k++) {
      const gk = grad[k] / groups.length + lambda * w[k];
      m[k] = 0.9 * m[k] + 0.1 * gk;
      v[k] = 0.999 * v[k] + 0.001 * gk * gk;
      w[k] -= (lr * (m[k] / (1 - 0.9 ** step))) / (Math.sqrt(v[k] / (1 - 0.999 ** step)) + 1e-8);
      if (nonNegative.has(k) && w[k] < 0) w[k] = 0;
    }
  }
  // The logit fits probabilities; top-1 is what counts. A few passes of coordinate search on
  // the even phrases' top-1 (each weight scaled or nudged, kept only if top-1 rises).
  const top1 = (wt: Float64Array): number => {
    let hits = 0;
    for (const g of groups) {
      const n = g.cost.length;
      let best = -Infinity;
      let labelScore = 0;
      for (let r = 0; r < n; r++) {
        let t = 0;
        for (let k = 0; k < F; k++) t += wt[k] * ((g.x[r * F + k] - mean[k]) / sd[k]);
        if (r === g.label) labelScore = t;
        else if (t > best) best = t;
      }
      if (labelScore > best) hits++;
    }
    return hits;
  };
  let bestHits = top1(w);
  const startHits = bestHits;
  for (let pass = 0; pass < 2; pass++) {
    for (let k = 0; k < F; k++) {
      for (const step of [0.5, 0.8, 1.25, 2, 0]) {
        const t = Float64Array.from(w);
        t[k] = step === 0 ? 0 : w[k] * step;
        const h = top1(t);
        if (h > bestHits) { bestHits = h; w.set(t); }
      }
      for (const d of [0.3, -0.3]) {
        const t = Float64Array.from(w);
        t[k] += d;
        if (nonNegative.has(k) && t[k] < 0) continue;
        const h = top1(t);
        if (h > bestHits) { bestHits = h; w.set(t); }
      }
    }
  }
  say('fit: even top-1 among usable phrases, logit -> after coordinate search', `${startHits} -> ${bestHits} of ${groups.length}`);
  const raw = [...w].map((x, k) => x / sd[k]);
  // Back to the params' form: the two LM weights sum to 1 (the scale of a ranking is free).
  const scale = raw[0] + raw[1];
  if (!(scale > 0)) throw new Error(`fit: LM weights sum to ${scale}; cannot express as PhraseParams`);
  const r3 = (x: number) => Math.round((x / scale) * 1000) / 1000;
  const fitted: PhraseParams = {
    ...DEFAULT_PHRASE_PARAMS,
    boundaryShare: r3(raw[1]), changeCost: r3(-raw[2]), weightBonus: r3(raw[3]), rankCost: r3(-raw[4]), lengthCost: r3(-raw[5]),
    collocationBonus: r3(raw[6]), frequencyDiscount: r3(raw[7]), glossBonus: r3(raw[8]), lexiconBonus: r3(raw[9]), entryBonus: r3(raw[10]),
    coherenceBonus: r3(raw[11]), unknownPairBonus: r3(raw[12]), similarityBonus: r3(raw[13]), unknownSimilarityBonus: r3(raw[14]),
    wordCost: r3(-raw[15]), variantCost: r3(-raw[16]), commonerBonus: r3(raw[17]), neighbourOnlyCost: r3(-raw[18]),
    forwardRankCost: r3(-raw[19]), forwardMissingCost: r3(-raw[20]), vectorOnlyCost: r3(-raw[21]), acronymBonus: r3(raw[22]),
    repeatCost: r3(-raw[23]), functionSwapCost: r3(-raw[24]), topicBonus: r3(raw[25]), weakestLinkBonus: r3(raw[26]),
    termBonus: r3(raw[27]), termOnlyCost: r3(-raw[28]),
  };
  say(`fit: ${groups.length} of ${train.length} even phrases usable, mean NLL`, (nll / groups.length).toFixed(3));
  say('fit: params', JSON.stringify(fitted));
  return fitted;
}
