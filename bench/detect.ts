/**
 * Spin detection benchmark: `npm run bench:detect` (options: --articles N, --fit [--fit-on a,b], --quick, --no-scraping).
 *
 * Paragraphs (at least 25 words) of Reuters-21578 train articles, spun by the simulator
 * (bench/lib/spinner.ts: every personality) and by a held-out GloVe-neighbour spinner
 * (bench/lib/detect-spinner.ts), against the same number of clean paragraphs from OTHER
 * articles. Reports paragraph ROC AUC per spinner (tuned vs held out), document AUC, tokens per
 * CPU-second on one core, and the seed page. The same spinners are also measured out of domain, on
 * the ScrapingHub extraction benchmark's ground-truth article bodies (modern web news).
 *
 * --fit refits both models on FIT_SPINNERS (plain + loose unless --fit-on names others; articles 6000-6899 of the seed-7
 * shuffle, disjoint from the test articles 1000+ and 3000+) and writes them to
 * src/spin/detect-model.ts; the shipped models were made with `--fit`. Every other spinner is held out.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadLanguage } from '../src/language/index.js';
import { buildDetector, DEFAULT_DETECT_MODELS, FEATURE_NAMES, logitOf, paragraphFeatures, stretchSums, WORD_FEATURE_NAMES, wordFeatureVector, type DetectorModels } from '../src/spin/detect.js';
import type { SegmentEvidence } from '../src/spin/detect-features.js';
import { extract } from '../src/extract/index.js';
import { LIKELY_SPUN_SCORE, SPUN_PARAGRAPH_SCORE } from '../src/report/verdict.js';
import { createSpinner, PAPER_PERSONALITIES, PERSONALITIES, type SpinnerPersonality } from './lib/spinner.js';
import { createNeighbourSpinner } from './lib/detect-spinner.js';
import { auc, fitLogistic } from './lib/detect-fit.js';
import { DEFAULT_TREE_FIT, fitBoostedTrees } from './lib/boosted-trees-fit.js';
import { detectModelModule } from './lib/model-module.js';
import { treeLogit } from '../src/spin/boosted-trees.js';
import { loadReuters, loadScrapingHubBodies, paragraphsOf, shuffled, wordCount } from './lib/detect-data.js';
import { repoRoot, sharedPath } from './lib/shared.js';

const args = process.argv.slice(2);
const argValue = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const quick = args.includes('--quick');
const testCount = Number(argValue('--articles') ?? (quick ? 60 : 200));
const MIN_WORDS = 25;
/**
 * The spinners both models are fitted on: two dictionaries that share no ranking (plain: first-listed
 * WordNet synonym; loose: any synonym of any sense, common words favoured). Every other spinner is held out.
 */
const FIT_SPINNERS: SpinnerPersonality[] = fitSpinners(argValue('--fit-on') ?? 'plain,loose');

function fitSpinners(list: string): SpinnerPersonality[] {
  const known: string[] = [...PERSONALITIES, ...PAPER_PERSONALITIES];
  const names = list.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((n) => !known.includes(n));
  if (unknown.length > 0 || names.length === 0) {
    process.stderr.write(`bench:detect: --fit-on takes personalities from ${known.join(', ')}; got ${list}\n`);
    process.exit(2);
  }
  return names as SpinnerPersonality[];
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);
const say = (name: string, value: string) => process.stdout.write(`${name.padEnd(60)} ${value}\n`);

async function main(): Promise<void> {
  process.stdout.write(`command: npm run bench:detect${args.length ? ` -- ${args.join(' ')}` : ''}\n`);
  const reutersPath = sharedPath('data/reuters/train.jsonl');
  if (!reutersPath) return;
  const language = await loadLanguage();
  const articles = shuffled(loadReuters(reutersPath), 7);
  // Out of domain (modern web pages), read once: paragraph AUC and clean pages called spun.
  const scrapingHub = args.includes('--no-scraping') ? null : loadScrapingHubBodies();
  const raw = buildDetector(language);
  const evidenceOf = (paras: string[]): SegmentEvidence[] => paras.map((p) => raw.evidence(p)[0]).filter((e): e is SegmentEvidence => e !== undefined);

  type SpinFn = (text: string) => string;
  const spinners: { name: string; spin: SpinFn }[] = [...PERSONALITIES, ...PAPER_PERSONALITIES].map((p: SpinnerPersonality) => {
    const s = createSpinner({ seed: 1001, personality: p });
    return { name: p, spin: (t: string) => s.spin(t).text };
  });
  const glove = createNeighbourSpinner(language, { seed: 1001 });
  spinners.push({ name: 'glove', spin: (t) => glove.spin(t).text });

  let models: DetectorModels = DEFAULT_DETECT_MODELS;
  if (args.includes('--fit')) {
    // Word model: words of text spun by each fitting spinner (label: the spinner changed it) and
    // of the same articles left clean (label 0, weighted so clean text counts as much as all spun text).
    const fitters = FIT_SPINNERS.map((p) => createSpinner({ seed: 3003, personality: p }));
    const labelledWords = (from: number, to: number) => {
      const rows: number[][] = [];
      const labels: number[] = [];
      const weights: number[] = [];
      for (const a of articles.slice(from, to)) {
        for (const fitter of fitters) {
          const s = fitter.spin(a.body);
          for (const seg of raw.evidence(s.text)) {
            for (const w of seg.words) {
              rows.push(wordFeatureVector(w));
              labels.push(s.changes.some((c) => w.charStart < c.spunEnd && w.charEnd > c.spunStart) ? 1 : 0);
              weights.push(1);
            }
          }
        }
        for (const seg of raw.evidence(a.body)) for (const w of seg.words) { rows.push(wordFeatureVector(w)); labels.push(0); weights.push(fitters.length); }
      }
      return { rows, labels, weights };
    };
    const wordFit = labelledWords(6000, 6200);
    const word = fitBoostedTrees(wordFit.rows, wordFit.labels, wordFit.weights, DEFAULT_TREE_FIT);
    const totalWeight = wordFit.weights.reduce((a, b) => a + b, 0);
    const baseRate = wordFit.labels.reduce((acc, l, i) => acc + l * wordFit.weights[i], 0) / totalWeight;
    const swapped = wordFit.labels.filter((l) => l === 1).length;
    process.stdout.write(`word model fitted on ${FIT_SPINNERS.join(' + ')} (${wordFit.rows.length} words, ${swapped} swapped): ${word.trees.length} trees of depth ${DEFAULT_TREE_FIT.depth}\n`);
    // Word AUC on articles the trees never saw (the fit data's own AUC flatters trees).
    const wordCheck = labelledWords(6900, 6950);
    const wordAuc = (score: (r: number[]) => number) => {
      const s = wordCheck.rows.map(score);
      return auc(s.filter((_, i) => wordCheck.labels[i] === 1), s.filter((_, i) => wordCheck.labels[i] === 0)).toFixed(3);
    };
    const logistic = fitLogistic(wordFit.rows, wordFit.labels, { l2: 0.001, weights: wordFit.weights });
    process.stdout.write(`    word AUC on articles 6900-6949: trees ${wordAuc((r) => treeLogit(word, r))}, a logistic model on the same features ${wordAuc((r) => logitOf(r, logistic))}; single: ${WORD_FEATURE_NAMES.map((f, k) => `${f} ${wordAuc((r) => r[k])}`).join(', ')}\n`);
    // Paragraph model: other articles, spun by each fitting spinner, vs clean paragraphs of yet other articles.
    const spunParas = fitters.flatMap((fitter) => articles.slice(6200, 6500).flatMap((a) => paragraphsOf(fitter.spin(a.body).text, MIN_WORDS)));
    const cleanFit = articles.slice(6500, 6900).flatMap((a) => paragraphsOf(a.body, MIN_WORDS));
    const zeroPrior = Array<number>(FEATURE_NAMES.length).fill(0);
    const sumsClean = evidenceOf(cleanFit).map((e) => stretchSums(e, word, baseRate));
    // Clean rates (the prior for short texts): mean over clean paragraphs, without any prior.
    const cleanRates = zeroPrior.map((_, k) => sumsClean.reduce((acc, s) => acc + paragraphFeatures({ ...s }, zeroPrior)[k] * (s.words + 12) / Math.max(1, s.words), 0) / sumsClean.length);
    const spunVecs = evidenceOf(spunParas).map((e) => paragraphFeatures(stretchSums(e, word, baseRate), cleanRates));
    const rows = [...spunVecs, ...sumsClean.map((s) => paragraphFeatures(s, cleanRates))];
    const labels = [...spunVecs.map(() => 1), ...sumsClean.map(() => 0)];
    // Classes weighted equally.
    const weights = [...spunVecs.map(() => sumsClean.length / spunVecs.length), ...sumsClean.map(() => 1)];
    const paragraph = fitLogistic(rows, labels, { l2: 0.01, weights });
    models = { word, paragraph, wordBaseRate: Math.round(baseRate * 10000) / 10000, cleanRates: cleanRates.map((x) => Math.round(x * 10000) / 10000) };
    const out = path.join(repoRoot, 'src', 'spin', 'detect-model.ts');
    writeFileSync(out, detectModelModule(models, `npm run bench:detect -- --fit: word trees on articles 6000-6199, paragraph model on 6200-6899, spinners ${FIT_SPINNERS.join(' + ')}`));
    process.stdout.write(`paragraph model fitted on ${FIT_SPINNERS.join(' + ')} (${spunVecs.length} spun, ${sumsClean.length} clean paragraphs): ${JSON.stringify(paragraph)}\nwrote ${path.relative(repoRoot, out)}\n`);
  }
  const vectorsOf = (paras: string[]) => evidenceOf(paras).map((e) => paragraphFeatures(stretchSums(e, models.word, models.wordBaseRate), models.cleanRates));
  const score = (v: number[]) => logitOf(v, models.paragraph);

  const testArticles = articles.slice(1000, 1000 + testCount);
  const cleanArticles = articles.slice(3000, 3000 + testCount);
  const cleanParas = cleanArticles.flatMap((a) => paragraphsOf(a.body, MIN_WORDS));
  const cleanVecs = vectorsOf(cleanParas);
  process.stdout.write(`articles: spun from 1000-${1000 + testCount - 1}, clean from 3000-${3000 + testCount - 1} (Reuters train, shuffled seed 7); paragraphs >= ${MIN_WORDS} words\n`);

  // The HTML report marks a paragraph scored SPUN_PARAGRAPH_SCORE or more as "Looks spun": how often it would.
  const markLogit = Math.log(SPUN_PARAGRAPH_SCORE / (1 - SPUN_PARAGRAPH_SCORE));
  const markedShare = (vecs: number[][]) => (vecs.filter((v) => score(v) >= markLogit).length / Math.max(1, vecs.length)).toFixed(3);
  const marked: string[] = [`clean ${markedShare(cleanVecs)}`];
  for (const { name, spin } of spinners) {
    const tag = (FIT_SPINNERS as string[]).includes(name) ? `${name} (fitted on)` : `${name} (held out)`;
    const spunArticles = testArticles.map((a) => ({ orig: a.body.split('\n\n'), spun: spin(a.body).split('\n\n') }));
    const spunParas = spunArticles.flatMap((a) => a.spun.filter((p) => wordCount(p) >= MIN_WORDS));
    const n = Math.min(spunParas.length, cleanParas.length);
    const spunVecs = vectorsOf(spunParas.slice(0, n));
    const cv = cleanVecs.slice(0, n);
    const main = auc(spunVecs.map(score), cv.map(score));
    const perFeature = FEATURE_NAMES.map((f, k) => `${f} ${auc(spunVecs.map((v) => v[k]), cv.map((v) => v[k])).toFixed(2)}`).join(', ');
    say(`${tag}: paragraph AUC (${n} spun vs ${n} clean)`, main.toFixed(3));
    process.stdout.write(`    single features: ${perFeature}\n`);
    marked.push(`${name} ${markedShare(spunVecs)}`);
    // A spinner that knows few words leaves many paragraphs as they were; those are clean text,
    // and no detector can tell them apart. The same AUC over the paragraphs it did change:
    const changed = spunArticles.flatMap((a) => (a.spun.length === a.orig.length
      ? a.spun.filter((p, i) => p !== a.orig[i] && wordCount(p) >= MIN_WORDS) : []));
    const m = Math.min(changed.length, cleanParas.length);
    say(`${tag}: paragraph AUC, changed paragraphs only (${changed.length} of ${spunParas.length} spun paragraphs changed; ${m} vs ${m} clean)`, auc(vectorsOf(changed.slice(0, m)).map(score), cleanVecs.slice(0, m).map(score)).toFixed(3));
  }

  {
    // Out of domain: the ScrapingHub extraction benchmark's ground-truth bodies (modern web articles,
    // not Reuters): the first half spun, paragraphs of the second half clean. Nothing was fitted on them.
    if (scrapingHub) {
      const bodies = scrapingHub.map((a) => a.body);
      const half = Math.floor(bodies.length / 2);
      const shClean = vectorsOf(bodies.slice(half).flatMap((b) => paragraphsOf(b, MIN_WORDS)));
      marked.push(`ScrapingHub clean ${markedShare(shClean)}`);
      const results: string[] = [];
      for (const { name, spin } of spinners) {
        const spunVecs = vectorsOf(bodies.slice(0, half).flatMap((b) => paragraphsOf(spin(b), MIN_WORDS)));
        const n = Math.min(spunVecs.length, shClean.length);
        results.push(`${name}${(FIT_SPINNERS as string[]).includes(name) ? ' (fitted on)' : ''} ${auc(spunVecs.slice(0, n).map(score), shClean.slice(0, n).map(score)).toFixed(3)}`);
      }
      say(`ScrapingHub bodies (out of domain): paragraph AUC, ${shClean.length} clean paragraphs`, results.join(', '));
    }
    say(`paragraphs scored ${SPUN_PARAGRAPH_SCORE} or more (marked "Looks spun" in the HTML report)`, marked.join(', '));
  }

  const detector = buildDetector(language, models);
  {
    // Documents: whole spun articles vs whole other clean articles.
    const neg = cleanArticles.map((a) => detector.detect(a.body).spinScore);
    const means: string[] = [`clean ${mean(neg).toFixed(3)}`];
    // The report's verdict ("likely machine-spun") is a cut on this score: how often it fires.
    const called = (xs: number[]) => (xs.filter((x) => x >= LIKELY_SPUN_SCORE).length / xs.length).toFixed(3);
    const calls: string[] = [`clean ${called(neg)}`];
    for (const { name, spin } of spinners) {
      const pos = testArticles.map((a) => detector.detect(spin(a.body)).spinScore);
      say(`document AUC, ${name} (${pos.length} spun vs ${neg.length} clean articles)`, auc(pos, neg).toFixed(3));
      means.push(`${name} ${mean(pos).toFixed(3)}`);
      calls.push(`${name} ${called(pos)}`);
    }
    say('document spinScore mean', means.join(', '));
    const sorted = [...neg].sort((a, b) => a - b);
    say('clean articles: spinScore at the 50th / 90th / 95th / 99th percentile', [0.5, 0.9, 0.95, 0.99].map((q) => sorted[Math.floor(q * (sorted.length - 1))].toFixed(3)).join(' / '));
    say(`share called "likely machine-spun" (spinScore >= ${LIKELY_SPUN_SCORE})`, calls.join(', '));
    // Out of domain, clean: every ScrapingHub body of 60+ words, whole (modern web pages, some not
    // in English): how often the report would call a page that was never spun "likely machine-spun".
    if (scrapingHub) {
      const scores = scrapingHub.map((a) => a.body).filter((b) => b.split(/\s+/).length >= 60).map((b) => detector.detect(b).spinScore);
      say(`ScrapingHub bodies, clean (${scores.length}): share called "likely machine-spun"`, called(scores));
    }
  }
  {
    // Speed: full detect() (flags included) on clean articles, after a warm-up on others.
    for (const a of articles.slice(5000, 5030)) detector.detect(a.body);
    let words = 0;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (const a of cleanArticles) {
      detector.detect(a.body);
      words += wordCount(a.body);
    }
    const c = process.cpuUsage(c0);
    const secs = (performance.now() - t0) / 1000;
    say('speed: tokens per CPU-second, one core (after warm-up)', `${Math.round(words / ((c.user + c.system) / 1e6))} (wall: ${Math.round(words / secs)}/s)`);
  }
  {
    const pagePath = path.join(repoRoot, 'examples', 'page.html');
    const article = extract({ url: 'https://example.invalid/page', html: readFileSync(pagePath, 'utf8') } as Parameters<typeof extract>[0]);
    const spunScores = detector.paragraphs(article.text).filter((p) => p.words >= MIN_WORDS).map((p) => p.score);
    const seedDir = sharedPath('examples/seed');
    const origScores = seedDir ? detector.paragraphs(readFileSync(path.join(seedDir, 'original.txt'), 'utf8')).filter((p) => p.words >= MIN_WORDS).map((p) => p.score) : [];
    const share = (xs: number[]) => `${xs.filter((x) => x > 0.5).length}/${xs.length}`;
    say('seed: page.html paragraphs scored > 0.5 (spun)', `${share(spunScores)} [${spunScores.join(' ')}]`);
    say('seed: original.txt paragraphs scored > 0.5 (clean)', `${share(origScores)} [${origScores.join(' ')}]`);
    say('seed: document spinScore page.html / original.txt', `${detector.detect(article.text).spinScore} / ${seedDir ? detector.detect(readFileSync(path.join(seedDir, 'original.txt'), 'utf8')).spinScore : 'n/a'}`);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:detect failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exitCode = 1;
});
