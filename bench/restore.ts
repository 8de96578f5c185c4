/**
 * Restoration benchmark: `npm run bench:restore` (options: --articles N, --personality NAME, --quick,
 * --params '{"name": value}' to run the no-model restorer with other RestoreParams;
 * other modes: --calibrate, --learned-sweep, --self-learn, --confidence, --large, --tortured, --phrases,
 * --every-occurrence, --in-part).
 *
 * Dev data: Reuters-21578 articles spun by the simulator (bench/lib/spinner.ts): six simulated
 * personalities, and a real spinner's dictionary in two halves ("paper", "paper-held": the paper
 * mills' swaps read off the tortured-phrase list, bench/lib/spinner-paper.ts). The calibration was
 * fitted on plain, varied, loose and moby; "wordy", "blunt" and "paper-held" are held out
 * (TUNING_PERSONALITIES says which were tuned on). For each personality:
 *   - WER before -> after, without a model and with a model learned from 1,000 pairs of that
 *     spinner (learned on one set of articles, tested on others, different spinner seeds);
 *   - clean-token change rate: tokens the spinner did not touch that the restorer changed,
 *     and on never-spun articles, the share of tokens changed;
 *   - detection ROC AUC between spun and clean paragraphs.
 * Then each simulated personality set light (LIGHT_RATE); the same spinners swapping every
 * occurrence of a word they swap on a page; the same spinners over modern web articles (ScrapingHub
 * bodies, out of domain); tortured phrases (top-1, candidate coverage, and with a model learned
 * from the other half of the list); the seed page; and tokens/s on one core.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { applyEdits, buildRestorer, createRestorer, DEFAULT_PARAMS, learnFromSpun, learnModel, type Restorer, type SpinPair } from '../src/spin/index.js';
import type { Edit } from '../src/model.js';
import { loadLanguage } from '../src/language/index.js';
import { CALIBRATION_PERSONALITIES, createSpinner, LIGHT_RATE, PAPER_PERSONALITIES, PERSONALITIES, TUNING_PERSONALITIES, type SpinnerPersonality } from './lib/spinner.js';
import { werCounts, werTokens } from './lib/wer.js';
import { articlePlainText, extract } from '../src/extract/index.js';
import { repoRoot, sharedPath } from './lib/shared.js';
import { shuffled } from './lib/random.js';
import { phrasePairs, type PhrasePair } from './lib/phrase-set.js';
import { fitLogistic } from './lib/logistic.js';
import { calibrationFeatures, CALIBRATION_FEATURES, type Calibration } from '../src/spin/calibration.js';
import { fitBoostedTrees, type TreeFitOptions } from './lib/boosted-trees-fit.js';
import { calibrationTreesModule } from './lib/model-module.js';
import { mulberry32 } from './lib/random.js';
import { torturedBench } from './lib/tortured.js';
import { createNeighbourSpinner } from './lib/detect-spinner.js';
import { loadReuters, loadScrapingHubBodies, type ReutersArticle } from './lib/detect-data.js';

/** The calibration trees (--calibrate --trees): share of negative candidates kept, and the fit. */
const NEGATIVE_SHARE = 0.1;
const CALIBRATION_TREE_FIT: TreeFitOptions = { trees: 200, depth: 5, learningRate: 0.1, bins: 32, minLeaf: 50, l2: 1 };

const args = process.argv.slice(2);
const argValue = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const quick = args.includes('--quick');
const testCount = Number(argValue('--articles') ?? (quick ? 40 : 150));
const onlyPersonality = argValue('--personality') as SpinnerPersonality | undefined;
const LEARN_PAIRS = 1000;
const SELF_PAGES = quick ? 100 : 400;

function auc(pos: number[], neg: number[]): number {
  let wins = 0;
  for (const p of pos) for (const n of neg) wins += p > n ? 1 : p === n ? 0.5 : 0;
  return wins / (pos.length * neg.length);
}

/** A personality's label in the output: whether any setting was tuned on it, or it is held out. */
function tagOf(personality: SpinnerPersonality, label: string = personality, tunedOn: readonly SpinnerPersonality[] = TUNING_PERSONALITIES): string {
  return tunedOn.includes(personality) ? `${label} (tuning)` : `${label} (held out)`;
}

/** An error change as a signed percentage: "-49.0%" fewer errors, "+6.3%" more. */
function errorChange(before: number, after: number): string {
  const r = 100 * (1 - after / before);
  return r >= 0 ? `-${fmt(r, 1)}%` : `+${fmt(-r, 1)}%`;
}

function fmt(x: number, d = 3): string {
  return x.toFixed(d);
}

/** Restored words that lie outside every span the spinner changed, over all such words. */
function cleanChanged(spunText: string, changedSpans: [number, number][], edits: { start: number; end: number }[]): { changed: number; total: number } {
  const inChange = (s: number, e: number) => changedSpans.some(([a, b]) => s < b && e > a);
  let total = 0;
  for (const m of spunText.matchAll(/[\p{L}\p{N}]+/gu)) if (!inChange(m.index, m.index + m[0].length)) total++;
  let changed = 0;
  for (const ed of edits) {
    if (inChange(ed.start, ed.end)) continue;
    changed += werTokens(spunText.slice(ed.start, ed.end)).length;
  }
  return { changed, total };
}

/** Fraction of tokens a restorer changes in never-spun articles (WER of its output against them). */
function cleanChangeRate(r: Pick<Restorer, 'restore'>, articles: ReutersArticle[]): number {
  let errors = 0;
  let tokens = 0;
  for (const a of articles) {
    const c = werCounts(a.body, r.restore(a.body).text);
    errors += c.errors;
    tokens += c.tokens;
  }
  return errors / tokens;
}

interface SpunArticle { a: ReutersArticle; s: { text: string; changes: { spunStart: number; spunEnd: number }[] } }

/** WER before and after restoring spun articles, untouched tokens changed, and CPU speed. */
function scoreSpun(r: Pick<Restorer, 'restore'>, spun: Iterable<SpunArticle>): { before: number; after: number; clean: number; tps: number } {
  let before = 0;
  let after = 0;
  let tokens = 0;
  let cleanCh = 0;
  let cleanTot = 0;
  let words = 0;
  const c0 = process.cpuUsage();
  for (const { a, s } of spun) {
    const res = r.restore(s.text);
    const b = werCounts(a.body, s.text);
    before += b.errors;
    tokens += b.tokens;
    after += werCounts(a.body, res.text).errors;
    const cc = cleanChanged(s.text, s.changes.map((c) => [c.spunStart, c.spunEnd]), res.edits);
    cleanCh += cc.changed;
    cleanTot += cc.total;
    words += werTokens(s.text).length;
  }
  const c = process.cpuUsage(c0);
  return { before: before / tokens, after: after / tokens, clean: cleanCh / cleanTot, tps: words / ((c.user + c.system) / 1e6) };
}

interface Row { name: string; value: string }
const rows: Row[] = [];
const say = (name: string, value: string) => {
  rows.push({ name, value });
  process.stdout.write(`${name.padEnd(58)} ${value}\n`);
};

async function main(): Promise<void> {
  process.stdout.write(`command: npm run bench:restore${args.length ? ` -- ${args.join(' ')}` : ''}\n`);
  const reutersPath = sharedPath('data/reuters/train.jsonl');
  if (!reutersPath) return;
  const language = await loadLanguage();
  const articles = shuffled(loadReuters(reutersPath), 7);
  const learnSet = articles.slice(0, LEARN_PAIRS);
  const testSet = articles.slice(LEARN_PAIRS, LEARN_PAIRS + testCount);
  // Other settings for the no-model restorer, to compare with the defaults on the same rows.
  const params = JSON.parse(argValue('--params') ?? '{}') as Partial<typeof DEFAULT_PARAMS>;
  const plain = await createRestorer({ language, params });
  if (args.includes('--large')) {
    largeText(language, articles);
    return;
  }
  if (args.includes('--confidence')) {
    confidenceBench(language, testSet);
    return;
  }
  if (args.includes('--learned-sweep')) {
    learnedSweep(language, learnSet, testSet.slice(0, 60));
    return;
  }
  if (args.includes('--self-learn')) {
    await selfLearnSweep(language, learnSet, testSet.slice(0, 60));
    return;
  }
  if (args.includes('--calibrate')) {
    calibrateBench(language, articles.slice(6000, 6000 + Number(argValue('--fit-articles') ?? 200)), articles.slice(6400, 6460), testSet);
    return;
  }
  if (args.includes('--phrases')) {
    phraseBench(language, learnSet);
    if (args.includes('--tortured')) torturedBench(plain, language, { quick, say });
    return;
  }
  if (args.includes('--tortured')) {
    torturedBench(plain, language, { quick, say });
    return;
  }
  if (args.includes('--every-occurrence')) {
    everyOccurrenceRows(plain, testSet);
    return;
  }
  if (args.includes('--in-part')) {
    spunInPartRows(plain, testSet);
    return;
  }
  process.stdout.write(`articles: learn ${learnSet.length}, test ${testSet.length} (Reuters train, shuffled seed 7)\n`);

  // Warm-up on other articles (caches of LM ids and thesaurus lookups fill), so speed is steady-state.
  for (const a of learnSet.slice(0, 30)) plain.restore(a.body);
  // Clean articles: how much does the restorer change text that was never spun?
  {
    let errors = 0;
    let tokens = 0;
    let words = 0;
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    for (const a of testSet) {
      const r = plain.restore(a.body);
      const c = werCounts(a.body, r.text);
      errors += c.errors;
      tokens += c.tokens;
      words += werTokens(a.body).length;
    }
    const secs = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const cpuSecs = (cpu.user + cpu.system) / 1e6;
    say('clean articles: tokens changed (no model)', fmt(errors / tokens, 4));
    // The machine is shared, so wall time varies with others' load; CPU time is the one-core cost.
    say('speed: tokens per CPU-second, one core (after warm-up)', `${Math.round(words / cpuSecs)} (wall: ${Math.round(words / secs)}/s)`);
  }

  const personalities = onlyPersonality ? [onlyPersonality] : [...PERSONALITIES, ...PAPER_PERSONALITIES];
  for (const personality of personalities) {
    const tag = tagOf(personality);
    const testSpinner = createSpinner({ seed: 1001, personality });
    const learnSpinner = createSpinner({ seed: 2002, personality });
    const pairs: SpinPair[] = learnSet.map((a) => ({ spun: learnSpinner.spin(a.body).text, orig: a.body }));
    const t0 = performance.now();
    const model = learnModel(pairs);
    const learnSecs = (performance.now() - t0) / 1000;
    const withModel = await createRestorer({ language, model });
    const spun = testSet.map((a) => ({ a, s: testSpinner.spin(a.body) }));
    const evalWith = (r: Restorer) => scoreSpun(r, spun);
    const m0 = evalWith(plain);
    say(`${tag}: WER before -> after, no model`, `${fmt(m0.before)} -> ${fmt(m0.after)} (errors ${errorChange(m0.before, m0.after)})`);
    say(`${tag}: untouched tokens changed, no model`, fmt(m0.clean, 4));
    const m1 = evalWith(withModel);
    say(`${tag}: WER before -> after, learned model (${LEARN_PAIRS} pairs)`, `${fmt(m1.before)} -> ${fmt(m1.after)} (errors ${errorChange(m1.before, m1.after)})`);
    say(`${tag}: untouched tokens changed, learned model`, fmt(m1.clean, 4));
    // The same model on pages this spinner ran lightly (LIGHT_RATE), as a farm may: the model's
    // counts describe heavier spinning than these pages show.
    const lightSpinner = createSpinner({ seed: 1001, personality, ...LIGHT_RATE });
    const mLight = scoreSpun(withModel, testSet.map((a) => ({ a, s: lightSpinner.spin(a.body) })));
    say(`${tag}: WER before -> after, learned model, spun lightly`, `${fmt(mLight.before)} -> ${fmt(mLight.after)} (errors ${errorChange(mLight.before, mLight.after)}), untouched changed ${fmt(mLight.clean, 4)}`);
    // Self-learned from spun pages alone (the learn articles' spun versions, no originals).
    const tSelf = performance.now();
    const selfModel = learnFromSpun((m) => buildRestorer(language, m, DEFAULT_PARAMS), pairs.slice(0, SELF_PAGES).map((p) => p.spun));
    const selfSecs = (performance.now() - tSelf) / 1000;
    const selfRestorer = await createRestorer({ language, model: selfModel });
    const m2 = evalWith(selfRestorer);
    say(`${tag}: WER before -> after, self-learned from ${SELF_PAGES} spun pages`, `${fmt(m2.before)} -> ${fmt(m2.after)} (errors ${errorChange(m2.before, m2.after)}, ${fmt(selfSecs, 0)} s to learn)`);
    say(`${tag}: untouched tokens changed in spun / clean articles changed, self-learned`, `${fmt(m2.clean, 4)} / ${fmt(cleanChangeRate(selfRestorer, testSet), 4)}`);
    say(`${tag}: learning time (s) / model keys`, `${fmt(learnSecs, 1)} / ${Object.keys(model.substitutions).length}`);
    say(`${tag}: tokens per CPU-second, no model / learned model`, `${Math.round(m0.tps)} / ${Math.round(m1.tps)}`);
    say(`${tag}: clean articles: tokens changed, learned model`, fmt(cleanChangeRate(withModel, testSet), 4));
    // Detection: paragraphs of at least 40 words, spun vs the same paragraphs clean.
    const pos: number[] = [];
    const neg: number[] = [];
    for (const { a, s } of spun) {
      const cleanParas = a.body.split('\n\n');
      const spunParas = s.text.split('\n\n');
      if (cleanParas.length !== spunParas.length) continue;
      cleanParas.forEach((p, k) => {
        if (p.split(/\s+/).length < 40) return;
        neg.push(plain.detect(p).spinScore);
        pos.push(plain.detect(spunParas[k]).spinScore);
      });
    }
    say(`${tag}: detection ROC AUC (${pos.length} spun vs ${neg.length} clean paragraphs)`, fmt(auc(pos, neg)));
  }

  if (!onlyPersonality) {
    // The same spinners set light (LIGHT_RATE: 12% of the words they know): a lightly spun page
    // carries less evidence, and a restorer must not do harm there.
    for (const personality of PERSONALITIES) {
      const spinner = createSpinner({ seed: 1001, personality, ...LIGHT_RATE });
      const m = scoreSpun(plain, testSet.map((a) => ({ a, s: spinner.spin(a.body) })));
      const tag = tagOf(personality, `${personality} light`);
      say(`${tag}: WER before -> after, no model / untouched changed`, `${fmt(m.before)} -> ${fmt(m.after)} (errors ${errorChange(m.before, m.after)}) / ${fmt(m.clean, 4)}`);
    }
  }

  if (!onlyPersonality) {
    everyOccurrenceRows(plain, testSet);
    spunInPartRows(plain, testSet);
    outOfDomain(plain);
  }

  torturedBench(plain, language, { quick, say });

  const seed = seedWer(plain);
  if (seed) say('seed page (extract | restore): WER before -> after (no model, no special-casing)', seed);
}

/**
 * The same spinners at their own rates, but deciding once per page and word, then swapping every
 * occurrence (SpinnerOptions.everyOccurrence), as the seed page's spinner did; the main rows
 * decide each occurrence alone. Nothing was chosen on them.
 */
function everyOccurrenceRows(r: Restorer, testSet: ReutersArticle[]): void {
  for (const personality of PERSONALITIES) {
    const spinner = createSpinner({ seed: 1001, personality, everyOccurrence: true });
    const m = scoreSpun(r, testSet.map((a) => ({ a, s: spinner.spin(a.body) })));
    const tag = tagOf(personality, `${personality} every occurrence`);
    say(`${tag}: WER before -> after, no model / untouched changed`, `${fmt(m.before)} -> ${fmt(m.after)} (errors ${errorChange(m.before, m.after)}) / ${fmt(m.clean, 4)}`);
  }
}

/**
 * Pages spun in part: every other paragraph through the spinner, the rest as written (a content
 * farm that spins the body under its own intro, a partial copy). WER over the page, and tokens
 * changed in the paragraphs the spinner never saw. Nothing was chosen on these test articles.
 */
function spunInPartRows(r: Restorer, testSet: ReutersArticle[]): void {
  for (const personality of PERSONALITIES) {
    const spinner = createSpinner({ seed: 1001, personality });
    let before = 0;
    let after = 0;
    let tokens = 0;
    let cleanErrors = 0;
    let cleanTokens = 0;
    for (const a of testSet) {
      const paragraphs = a.body.split('\n\n');
      const spun = paragraphs.map((p, k) => (k % 2 === 0 ? spinner.spin(p).text : p)).join('\n\n');
      const restored = r.restore(spun).text;
      const b = werCounts(a.body, spun);
      before += b.errors;
      tokens += b.tokens;
      after += werCounts(a.body, restored).errors;
      const out = restored.split('\n\n');
      if (out.length !== paragraphs.length) continue;
      paragraphs.forEach((p, k) => {
        if (k % 2 === 0) return;
        const c = werCounts(p, out[k]);
        cleanErrors += c.errors;
        cleanTokens += c.tokens;
      });
    }
    const tag = tagOf(personality, `${personality} in part`);
    say(`${tag}: WER before -> after, no model / unspun paragraphs changed`, `${fmt(before / tokens)} -> ${fmt(after / tokens)} (errors ${errorChange(before, after)}) / ${fmt(cleanErrors / Math.max(1, cleanTokens), 4)}`);
  }
}

/**
 * Out of domain: the ScrapingHub extraction benchmark's ground-truth bodies (modern web articles
 * of many kinds, not 1987 newswire), clean and spun by every personality. Nothing was chosen on
 * them; they stand in for the "other corpora" the held-out check uses.
 */
function outOfDomain(r: Restorer): void {
  const bodies = loadScrapingHubBodies()?.filter((a) => a.body.split(/\s+/).length >= 60);
  if (!bodies) return;
  say(`ScrapingHub bodies (out of domain, ${bodies.length}): clean tokens changed`, fmt(cleanChangeRate(r, bodies), 4));
  for (const personality of [...PERSONALITIES, ...PAPER_PERSONALITIES]) {
    const spinner = createSpinner({ seed: 1001, personality });
    const m = scoreSpun(r, bodies.map((a) => ({ a, s: spinner.spin(a.body) })));
    say(`ScrapingHub, ${tagOf(personality)}: WER, no model / untouched changed`, `${fmt(m.before)} -> ${fmt(m.after)} (errors ${errorChange(m.before, m.after)}) / ${fmt(m.clean, 4)}`);
  }
}

/**
 * The seed page through the real pipeline, as `unspin extract examples/page.html | unspin
 * restore -` runs it, against the reconstructed original: a real spinner's output, never used to
 * choose anything. Null when ../shared is absent.
 */
function seedWer(r: Restorer): string | null {
  const seedDir = sharedPath('examples/seed');
  if (!seedDir) return null;
  const html = readFileSync(path.join(repoRoot, 'examples', 'page.html'), 'utf8');
  const article = extract({ id: 'examples/page.html', html, fetchedAt: new Date().toISOString() });
  const original = readFileSync(path.join(seedDir, 'original.txt'), 'utf8');
  const wer = (text: string) => {
    const res = r.restore(text);
    const before = werCounts(original, text);
    const after = werCounts(original, res.text);
    return { line: `${fmt(before.errors / before.tokens)} -> ${fmt(after.errors / after.tokens)}`, res };
  };
  // What the pipe gives (headline + body), and the body alone (the headline missing counts as errors).
  const full = wer(articlePlainText(article));
  const body = wer(article.text);
  return `${full.line} (${full.res.edits.length} edits, spinScore ${full.res.spinScore}); body alone ${body.line}`;
}

/**
 * Calibration: fits the candidate model (logistic, or boosted trees with --trees, written to
 * src/spin/calibration-trees.ts) on candidates from articles spun by the
 * personalities named in --fit-on (and the same articles clean), then reports no-model WER on
 * every personality with the fitted weights, marking which were held out.
 */
function calibrateBench(language: Awaited<ReturnType<typeof loadLanguage>>, fitSet: ReutersArticle[], tuneSet: ReutersArticle[], testSet: ReutersArticle[]): void {
  const base: typeof DEFAULT_PARAMS = { ...DEFAULT_PARAMS, ...(JSON.parse(argValue('--base') ?? '{}') as Partial<typeof DEFAULT_PARAMS>) };
  const fitOn = (argValue('--fit-on')?.split(',') ?? CALIBRATION_PERSONALITIES) as SpinnerPersonality[];
  const useTrees = args.includes('--trees');
  const probe = buildRestorer(language, null, base);
  // Features left out of the fit (weight 0), e.g. which resource proposed a candidate: the
  // simulator's own dictionary shows through them, a real spinner's does not.
  const dropped = (argValue('--drop-features')?.split(',') ?? []).map((name) => {
    const k = (CALIBRATION_FEATURES as readonly string[]).indexOf(name);
    if (k < 0) throw new Error(`--drop-features: no feature "${name}" (have ${CALIBRATION_FEATURES.join(', ')})`);
    return k;
  });
  const xs: number[][] = [];
  const ys: number[] = [];
  const collect = (text: string, originals: Map<string, string>) => {
    for (const c of probe.candidates(text, { all: true })) {
      if (c.sources === 'number') continue;
      const x = calibrationFeatures(c.lmGain, c);
      for (const k of dropped) x[k] = 0;
      xs.push(x);
      ys.push(originals.get(`${c.start}:${c.end}`) === c.original ? 1 : 0);
    }
  };
  fitOn.forEach((personality, k) => {
    const spinner = createSpinner({ seed: 4004 + k, personality });
    for (const a of fitSet) {
      const s = spinner.spin(a.body);
      collect(s.text, new Map(s.changes.map((c) => [`${c.spunStart}:${c.spunEnd}`, c.orig.toLowerCase()])));
      collect(a.body, new Map());
    }
  });
  let weights: Calibration;
  if (useTrees) {
    // Boosted trees: every positive, a seeded tenth of the negatives weighted tenfold (millions of
    // candidates, a few thousand positive; the trees' cost grows with the rows).
    const rnd = mulberry32(5);
    const rows: number[][] = [];
    const labels: number[] = [];
    const rowWeights: number[] = [];
    xs.forEach((x, i) => {
      if (ys[i] === 1 || rnd() < NEGATIVE_SHARE) {
        rows.push(x);
        labels.push(ys[i]);
        rowWeights.push(ys[i] === 1 ? 1 : 1 / NEGATIVE_SHARE);
      }
    });
    const trees = fitBoostedTrees(rows, labels, rowWeights, CALIBRATION_TREE_FIT);
    weights = trees;
    const out = path.join(repoRoot, 'src', 'spin', 'calibration-trees.ts');
    writeFileSync(out, calibrationTreesModule(trees, `npm run bench:restore -- ${args.join(' ')}: ${xs.length} candidates of Reuters articles 6000-${6000 + fitSet.length - 1} spun by ${fitOn.join(', ')} and clean`));
    say(`calibration trees fitted on ${fitOn.join('+')} (${fitSet.length} articles, ${xs.length} candidates, ${ys.filter(Boolean).length} positive, ${rows.length} rows kept)`, `wrote ${path.relative(repoRoot, out)}`);
  } else {
    const fit = fitLogistic(xs, ys, { l2: 1 });
    const linear = fit.weights.map((w) => Math.round(w * 1000) / 1000);
    weights = linear;
    say(`calibration fitted on ${fitOn.join('+')} (${fitSet.length} articles, ${xs.length} candidates, ${ys.filter(Boolean).length} positive)`, `log-loss ${fmt(fit.logLoss, 4)}`);
    process.stdout.write(`weights: ${JSON.stringify(Object.fromEntries(CALIBRATION_FEATURES.map((n, k) => [n, linear[k]])))}\n[${linear.join(', ')}]\n`);
  }
  // Then the document-level thresholds (how much evidence makes a document count as spun), on
  // other articles of the same personalities: best mean error reduction with clean text kept.
  const reduction = (params: typeof DEFAULT_PARAMS, personality: SpinnerPersonality, set: ReutersArticle[], light = false) => {
    const spinner = createSpinner({ seed: 6006, personality, ...(light ? LIGHT_RATE : {}) });
    const r = buildRestorer(language, null, params);
    let before = 0;
    let after = 0;
    for (const a of set) {
      const sp = spinner.spin(a.body);
      before += werCounts(a.body, sp.text).errors;
      after += werCounts(a.body, r.restore(sp.text).text).errors;
    }
    return 1 - after / before;
  };
  const cleanRate = (params: typeof DEFAULT_PARAMS, set: ReutersArticle[]) => cleanChangeRate(buildRestorer(language, null, params), set);
  let chosen = { ...base, calibration: weights };
  if (args.includes('--thresholds')) {
    // Spinners run at different rates: each calibration personality at its own rate and at a light
    // one (LIGHT_RATE), and a real spinner's dictionary at its own coverage ("paper", ~2% of
    // tokens), so the thresholds suit lightly spun documents too, not only heavily spun ones.
    const conditions: { personality: SpinnerPersonality; light: boolean }[] = [
      ...fitOn.map((personality) => ({ personality, light: false })),
      ...fitOn.map((personality) => ({ personality, light: true })),
      { personality: 'paper', light: false },
    ];
    // The spin detector's document score as a second witness (RestoreParams.detectorClean/Spun):
    // a heavily spun page whose swaps the restorer's own evidence sees only dimly still reads as spun to it.
    const detectorRamps: [number, number][] = useTrees ? [[0, 0]] : [[0, 0], [0.6, 0.98], [0.7, 0.98], [0.8, 0.95]];
    // The trees' probabilities are sharper than the logistic model's: a spun document's evidence
    // sum is larger and a clean one's candidates pass more often, so their grid sits higher.
    const spunThresholds = useTrees ? [0.12, 0.2, 0.3] : [0.12];
    const evidenceLevels = useTrees ? [[0.02, 0.06], [0.025, 0.05], [0.025, 0.06], [0.03, 0.06]] : [[0.01, 0.03], [0.01, 0.045], [0.015, 0.03], [0.015, 0.045], [0.02, 0.045]];
    let bestScore = -Infinity;
    for (const thresholdSpun of spunThresholds) {
      for (const [evidenceClean, evidenceSpun] of evidenceLevels) {
        for (const [detectorClean, detectorSpun] of detectorRamps) {
          const params = { ...base, calibration: weights, evidenceClean, evidenceSpun, thresholdSpun, detectorClean, detectorSpun };
          const clean = cleanRate(params, tuneSet);
          const parts = conditions.map((c) => reduction(params, c.personality, tuneSet, c.light));
          const red = parts.reduce((t, x) => t + x, 0) / parts.length;
          // Clean text changed beyond 0.2% of tokens is not worth any gain.
          const score = red - (clean > 0.002 ? 10 : 0);
          process.stdout.write(`  spun threshold ${thresholdSpun}, evidence ${evidenceClean}/${evidenceSpun}, detector ${detectorClean}/${detectorSpun}: reduction ${fmt(red)} clean ${fmt(clean, 4)} (${conditions.map((c, k) => `${c.personality}${c.light ? ' light' : ''} ${fmt(parts[k])}`).join(', ')})\n`);
          if (score > bestScore) {
            bestScore = score;
            chosen = params;
          }
        }
      }
    }
    say('document thresholds chosen (thresholdSpun, evidenceClean / evidenceSpun, detectorClean / detectorSpun)',
      `${chosen.thresholdSpun}, ${chosen.evidenceClean} / ${chosen.evidenceSpun}, ${chosen.detectorClean} / ${chosen.detectorSpun}`);
  }
  const restorer = buildRestorer(language, null, chosen);
  const baseline = buildRestorer(language, null, base);
  say('clean articles: tokens changed (fitted weights)', fmt(cleanChangeRate(restorer, testSet), 4));
  const lightSettings = PERSONALITIES.map((personality) => ({ personality, light: true }));
  for (const { personality, light } of [...[...PERSONALITIES, ...PAPER_PERSONALITIES].map((personality) => ({ personality, light: false })), ...lightSettings]) {
    const spinner = createSpinner({ seed: 1001, personality, ...(light ? LIGHT_RATE : {}) });
    const name = light ? `${personality} light` : personality;
    const tag = tagOf(personality, name, [...fitOn, ...TUNING_PERSONALITIES]);
    for (const [name, r] of [['fitted', restorer], ['base', baseline]] as const) {
      // The spinner is seeded once per personality and advances, so each restorer sees fresh spins, as before.
      const m = scoreSpun(r, testSet.map((a) => ({ a, s: spinner.spin(a.body) })));
      say(`${tag}: no model, ${name} weights`, `${fmt(m.before)} -> ${fmt(m.after)} (errors ${errorChange(m.before, m.after)}), untouched changed ${fmt(m.clean, 4)}`);
    }
  }
  // Two spinners none of whose output was fitted on: GloVe neighbours (another resource's idea of a
  // synonym) and the seed page (a real content farm's spinner).
  const glove = createNeighbourSpinner(language, { seed: 1001 });
  for (const [name, r] of [['fitted', restorer], ['base', baseline]] as const) {
    let before = 0;
    let after = 0;
    for (const a of testSet) {
      const spun = glove.spin(a.body).text;
      before += werCounts(a.body, spun).errors;
      after += werCounts(a.body, r.restore(spun).text).errors;
    }
    say(`glove (held out): no model, ${name} weights`, `errors ${errorChange(before, after)}`);
    const seed = seedWer(r);
    if (seed) say(`seed page (held out): ${name} weights`, seed);
  }
}

/**
 * One huge input: Reuters bodies joined into 2 MB, then 5 MB of text (clean, so this is the
 * cost of reading it all), restored in one call; wall time and the process's peak RSS so far.
 */
function largeText(language: Awaited<ReturnType<typeof loadLanguage>>, articles: ReutersArticle[]): void {
  const r = buildRestorer(language, null, DEFAULT_PARAMS);
  for (const mb of [2, 5]) {
    let text = '';
    for (let k = 0; text.length < mb * 1e6; k++) text += `${articles[k % articles.length].body}\n\n`;
    text = text.slice(0, mb * 1e6);
    const t0 = performance.now();
    const res = r.restore(text);
    const secs = (performance.now() - t0) / 1000;
    say(`${mb} MB of clean text in one call: seconds, edits, peak RSS`, `${fmt(secs, 1)} s, ${res.edits.length} edits, ${fmt(process.resourceUsage().maxRSS / 1024, 0)} MB`);
  }
}

/**
 * What `--min-confidence` buys (RestoreOptions.minConfidence), no model, every personality: error
 * reduction and untouched words changed when only edits at least that confident are kept, and
 * clean articles changed. Edits are filtered after decoding, so one restore serves every cut.
 */
function confidenceBench(language: Awaited<ReturnType<typeof loadLanguage>>, testSet: ReutersArticle[]): void {
  const r = buildRestorer(language, null, DEFAULT_PARAMS);
  const cuts = [0, 0.5, 0.7, 0.8, 0.9];
  const sure = (edits: Edit[], cut: number) => edits.filter((e) => e.confidence >= cut);
  const clean = cuts.map(() => ({ errors: 0, tokens: 0 }));
  for (const a of testSet) {
    const res = r.restore(a.body);
    cuts.forEach((cut, k) => {
      const c = werCounts(a.body, applyEdits(a.body, sure(res.edits, cut)));
      clean[k].errors += c.errors;
      clean[k].tokens += c.tokens;
    });
  }
  say('clean articles changed, by min confidence', cuts.map((cut, k) => `${cut}: ${fmt(clean[k].errors / clean[k].tokens, 4)}`).join(', '));
  for (const personality of [...PERSONALITIES, ...PAPER_PERSONALITIES]) {
    const spinner = createSpinner({ seed: 1001, personality });
    const before = { errors: 0 };
    const after = cuts.map(() => 0);
    const untouched = cuts.map(() => ({ changed: 0, total: 0 }));
    for (const a of testSet) {
      const s = spinner.spin(a.body);
      before.errors += werCounts(a.body, s.text).errors;
      const res = r.restore(s.text);
      cuts.forEach((cut, k) => {
        after[k] += werCounts(a.body, applyEdits(s.text, sure(res.edits, cut))).errors;
        const u = cleanChanged(s.text, s.changes.map((c) => [c.spunStart, c.spunEnd]), sure(res.edits, cut));
        untouched[k].changed += u.changed;
        untouched[k].total += u.total;
      });
    }
    const tag = tagOf(personality);
    say(`${tag}: by min confidence, error reduction / untouched changed`,
      cuts.map((cut, k) => `${cut}: ${errorChange(before.errors, after[k])} / ${fmt(untouched[k].changed / untouched[k].total, 4)}`).join(', '));
  }
}

/**
 * The costs of restoring with a learned model (RestoreParams: unlearnedThreshold, learnedExtra,
 * learnedCleanExtra), on the tuning personalities: mean error reduction and the worst clean rate.
 */
function learnedSweep(language: Awaited<ReturnType<typeof loadLanguage>>, learnSet: ReutersArticle[], testSet: ReutersArticle[]): void {
  const sets = TUNING_PERSONALITIES.map((personality) => {
    const learnSpinner = createSpinner({ seed: 2002, personality });
    const model = learnModel(learnSet.map((a) => ({ spun: learnSpinner.spin(a.body).text, orig: a.body })));
    const testSpinner = createSpinner({ seed: 1001, personality });
    return { personality, model, spun: testSet.map((a) => ({ a, s: testSpinner.spin(a.body) })) };
  });
  for (const unlearnedThreshold of [0.3, 0.45, 0.6]) {
    for (const learnedExtra of [0, 0.1, 0.3]) {
      for (const learnedCleanExtra of [1.5, 2.5]) {
        const params = { ...DEFAULT_PARAMS, unlearnedThreshold, learnedExtra, learnedCleanExtra };
        const parts = sets.map(({ personality, model, spun }) => {
          const r = buildRestorer(language, model, params);
          const m = scoreSpun(r, spun);
          return { personality, red: 1 - m.after / m.before, clean: cleanChangeRate(r, testSet) };
        });
        const mean = parts.reduce((t, p) => t + p.red, 0) / parts.length;
        const worstClean = Math.max(...parts.map((p) => p.clean));
        say(`learned model: unlearned ${unlearnedThreshold}, extra ${learnedExtra}, clean extra ${learnedCleanExtra}`,
          `mean -${fmt(100 * mean, 1)}% (${parts.map((p) => `${p.personality} ${errorChange(1, 1 - p.red)}`).join(', ')}), worst clean ${fmt(worstClean, 4)}`);
      }
    }
  }
}

/**
 * How confident an edit must be for self-learning to count it (SelfLearnOptions.minConfidence),
 * on the tuning personalities: error reduction against clean articles changed by the model.
 */
async function selfLearnSweep(language: Awaited<ReturnType<typeof loadLanguage>>, learnSet: ReutersArticle[], testSet: ReutersArticle[]): Promise<void> {
  for (const personality of TUNING_PERSONALITIES) {
    const learnSpinner = createSpinner({ seed: 2002, personality });
    const pages = learnSet.slice(0, SELF_PAGES).map((a) => learnSpinner.spin(a.body).text);
    const testSpinner = createSpinner({ seed: 1001, personality });
    const spun = testSet.map((a) => ({ a, s: testSpinner.spin(a.body) }));
    for (const minConfidence of [0.75, 0.8, 0.9]) {
      const model = learnFromSpun((m) => buildRestorer(language, m, DEFAULT_PARAMS), pages, { minConfidence });
      const r = await createRestorer({ language, model });
      const m = scoreSpun(r, spun);
      say(`${personality} (tuning): self-learned, min confidence ${minConfidence}`,
        `errors ${errorChange(m.before, m.after)}, untouched ${fmt(m.clean, 4)}, clean articles ${fmt(cleanChangeRate(r, testSet), 4)}`);
    }
  }
}

/**
 * restorePhrase weights: chosen on phrases cut from Reuters articles spun by the tuning
 * personalities (never the tortured-phrase list); the tortured phrases are measured after.
 */
function phraseBench(language: Awaited<ReturnType<typeof loadLanguage>>, learnSet: ReutersArticle[]): void {
  const pairs: PhrasePair[] = [];
  for (const personality of ['plain', 'varied'] as const) {
    // A phrase flagged as spun comes from heavily spun text: most of its words were swapped.
    const spinner = createSpinner({ seed: 3003, personality, rate: 0.9 });
    // Term-like phrases only (the task's phrases are names of things): the last word can be a noun, the others nouns or adjectives.
    const isTerm = (phrase: string) => {
      const ws = phrase.split(' ');
      const can = (w: string, pos: string[]) => language.lemmatise(w).some((a) => pos.includes(a.pos));
      return can(ws[ws.length - 1], ['noun']) && ws.slice(0, -1).every((w) => can(w, ['noun', 'adj']));
    };
    for (const a of learnSet.slice(0, 300)) pairs.push(...phrasePairs(spinner.spin(a.body), isTerm));
  }
  const sample = shuffled(pairs, 11).slice(0, Number(argValue('--pairs') ?? 1500));
  const top1Of = (setting: Partial<typeof DEFAULT_PARAMS>) => {
    const r = buildRestorer(language, null, { ...DEFAULT_PARAMS, ...setting });
    let top1 = 0;
    for (const p of sample) if (r.restorePhrase(p.spun).text === p.original) top1++;
    return top1 / sample.length;
  };
  if (!args.includes('--fit')) {
    say(`spun Reuters phrases (${sample.length}, plain+varied): top-1`, fmt(top1Of({})));
    return;
  }
  // Coordinate ascent over the phrase weights, two passes.
  const space: Record<string, number[]> = {
    phraseChangeCost: [0.5, 1, 1.5, 2.5],
    phraseWeightBonus: [0.5, 1, 2, 3],
    phraseBoundaryShare: [0, 0.25, 0.5, 1],
    phraseFrequencyDiscount: [0, 0.25, 0.5, 0.75],
    phraseCollocationBonus: [0, 0.5, 1, 2],
    phraseLengthCost: [0.5, 1, 2, 3],
    phraseRankCost: [0, 0.25, 0.5, 1],
  };
  const best: Record<string, number> = JSON.parse(argValue('--from') ?? '{}') as Record<string, number>;
  let bestScore = top1Of(best);
  for (let pass = 0; pass < 2; pass++) {
    for (const [name, values] of Object.entries(space)) {
      for (const v of values) {
        const trial = { ...best, [name]: v };
        const t = top1Of(trial);
        if (t > bestScore) {
          bestScore = t;
          Object.assign(best, trial);
        }
      }
    }
  }
  say(`fitted on ${sample.length} spun Reuters phrases: top-1`, `${fmt(bestScore)} ${JSON.stringify(best)}`);
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:restore failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exitCode = 1;
});
