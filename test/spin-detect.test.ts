/**
 * Paragraph-level spin detection (src/spin/detect.ts) with the real language resources
 * (.cache/language, built by `npm run build:language`). The clean paragraphs are written for
 * these tests in a wire-copy style; spun versions come from the benchmark's simulator.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadLanguage } from '../src/language/index.js';
import { buildDetector, DEFAULT_DETECT_MODELS, FEATURE_NAMES, WORD_FEATURE_NAMES, type SpinDetector } from '../src/spin/detect.js';
import { createSpinner, PERSONALITIES } from '../bench/lib/spinner.js';
import type { SpinDetection } from '../src/model.js';

const CLEAN_PARAGRAPHS = [
  'The company said it expects first quarter earnings to rise sharply after it sold its loss-making chemicals unit last month. '
  + 'It said sales in the quarter were about 120 mln dlrs, up from 98 mln dlrs a year earlier, and that it plans to buy back shares.',
  'Farmers in the region have planted less wheat this year because of a dry spring and low prices, the agriculture ministry said on Tuesday. '
  + 'Officials said the harvest could fall by as much as a fifth, forcing the country to import more grain.',
  'The central bank raised its discount rate by half a point to 7.5 pct on Monday, saying it wanted to slow the growth of credit. '
  + 'Analysts said the move had been widely expected and that further increases were likely if inflation kept rising.',
];

let detector: SpinDetector | null = null;
async function getDetector(): Promise<SpinDetector> {
  if (!detector) {
    try {
      detector = buildDetector(await loadLanguage());
    } catch (err) {
      throw new Error(`spin detection tests need the compiled language cache (npm run build:language): ${String(err)}`, { cause: err });
    }
  }
  return detector;
}

function assertValid(text: string, d: SpinDetection): void {
  assert.ok(d.spinScore >= 0 && d.spinScore <= 1, `spinScore ${d.spinScore} in [0, 1]`);
  let lastStart = -1;
  for (const f of d.flags) {
    assert.ok(Number.isInteger(f.start) && Number.isInteger(f.end), 'integer offsets');
    assert.ok(f.start >= 0 && f.start < f.end && f.end <= text.length, `span [${f.start}, ${f.end}) within ${text.length}`);
    assert.ok(f.start >= lastStart, 'flags in text order');
    lastStart = f.start;
    assert.ok(f.score >= 0 && f.score <= 1, 'flag score in [0, 1]');
    assert.match(f.reason, /\S/);
    // A span starts and ends on a word, never inside one.
    assert.match(text.slice(f.start, f.end), /^[\p{L}\p{N}].*[\p{L}\p{N}]$|^[\p{L}\p{N}]$/u);
  }
}

test('detect: a spun paragraph scores higher than its clean original, for every simulated spinner', async () => {
  const d = await getDetector();
  for (const personality of PERSONALITIES) {
    const spinner = createSpinner({ seed: 11, personality });
    for (const clean of CLEAN_PARAGRAPHS) {
      const spun = spinner.spin(clean).text;
      assert.notEqual(spun, clean, 'the simulator changed something');
      const a = d.detect(clean);
      const b = d.detect(spun);
      assertValid(clean, a);
      assertValid(spun, b);
      assert.ok(b.spinScore > a.spinScore, `${personality}: spun ${b.spinScore} > clean ${a.spinScore}\n${spun}`);
    }
  }
});

test('detect: clean prose mostly scores below one half; a heavily spun paragraph above', async () => {
  const d = await getDetector();
  const clean = CLEAN_PARAGRAPHS.map((p) => d.detect(p).spinScore);
  assert.ok(clean.filter((s) => s < 0.5).length >= 2, `clean scores ${clean.join(', ')}`);
  const spinner = createSpinner({ seed: 3, personality: 'plain', rate: 0.9, phraseRate: 0.9 });
  const spun = CLEAN_PARAGRAPHS.map((p) => d.detect(spinner.spin(p).text).spinScore);
  assert.ok(spun.filter((s) => s > 0.5).length >= 2, `spun scores ${spun.join(', ')}`);
});

test('detect: most flags of a spun paragraph point at words the spinner swapped', async () => {
  const d = await getDetector();
  const spinner = createSpinner({ seed: 5, personality: 'plain', rate: 0.9, phraseRate: 0.9 });
  const spun = spinner.spin(CLEAN_PARAGRAPHS.join('\n\n'));
  const r = d.detect(spun.text);
  assertValid(spun.text, r);
  assert.ok(r.flags.length > 0, 'some words flagged');
  const onSwaps = r.flags.filter((f) => spun.changes.some((c) => f.start < c.spunEnd && f.end > c.spunStart));
  assert.ok(onSwaps.length / r.flags.length >= 0.5, `${onSwaps.length} of ${r.flags.length} flags on swaps`);
});

test('detect: empty, one-word, non-English, all-capitals and figures-only inputs are handled', async () => {
  const d = await getDetector();
  const inputs = [
    '',
    '   \n\n  ',
    'Hello',
    'Der Vorstand hat am Dienstag beschlossen, die Dividende für das laufende Geschäftsjahr deutlich zu erhöhen.',
    '中国外交部发言人毛宁表示，亚洲是和平稳定的锚，而不是地缘政治竞争的角斗场。',
    'THE COMPANY SAID IT EXPECTS FIRST QUARTER EARNINGS TO RISE SHARPLY AFTER IT SOLD ITS CHEMICALS UNIT.',
    '1.5 2.75 3,400 12-1/2 99.75 pct 4,500,000 2026 1930s',
    'a'.repeat(5000),
    '\u0000\u0001 binary-ish \uFFFD text \uD800',
  ];
  for (const text of inputs) {
    const r = d.detect(text);
    assertValid(text, r);
  }
  assert.equal(d.detect('').spinScore, 0);
  assert.deepEqual(d.detect('').flags, []);
  // A lone word carries almost no evidence: the prior keeps it from looking spun.
  assert.ok(d.detect('Hello').spinScore < 0.5);
});

test('paragraphs: one score per blank-line paragraph, spans over the input', async () => {
  const d = await getDetector();
  const text = `${CLEAN_PARAGRAPHS[0]}\n\n${CLEAN_PARAGRAPHS[1]}\n\n\n${CLEAN_PARAGRAPHS[2]}`;
  const ps = d.paragraphs(text);
  assert.equal(ps.length, 3);
  ps.forEach((p, k) => {
    assert.equal(text.slice(p.start, p.end), CLEAN_PARAGRAPHS[k]);
    assert.ok(p.score >= 0 && p.score <= 1);
  });
});

test('models: the shipped weights have one entry per feature', () => {
  const { word, paragraph, cleanRates } = DEFAULT_DETECT_MODELS;
  assert.equal(word.features, WORD_FEATURE_NAMES.length);
  assert.ok(word.trees.length > 0, 'the word model has trees');
  for (const t of word.trees) {
    assert.equal(t.feature.length, t.value.length);
    for (const f of t.feature) assert.ok(f >= -1 && f < WORD_FEATURE_NAMES.length && Number.isInteger(f), `feature index ${f}`);
    for (const v of t.value) assert.ok(Number.isFinite(v));
  }
  for (const v of [paragraph.mean, paragraph.scale, paragraph.weights, cleanRates]) assert.equal(v.length, FEATURE_NAMES.length);
});

test('detect: a dictionary word the LM does not know, with a common synonym, is checked; an unknown non-word is not', async () => {
  const d = await getDetector();
  // "twelvemonth" (archaic for "year") is in the thesaurus but not in the LM's vocabulary.
  const plain = 'Sales rose by a fifth last year, the company said, and it expects another good year as exports grow.';
  const archaic = plain.replace('last year', 'last twelvemonth');
  const typo = plain.replace('last year', 'last yaerx');
  const flagged = (text: string, word: string) => d.detect(text).flags.some((f) => text.slice(f.start, f.end) === word);
  const evidenceFor = (text: string, word: string) => d.evidence(text)[0].words.some((w) => text.slice(w.charStart, w.charEnd) === word);
  assert.ok(evidenceFor(archaic, 'twelvemonth'), 'the archaic word is checked');
  assert.ok(flagged(archaic, 'twelvemonth'), 'and flagged');
  assert.ok(!evidenceFor(typo, 'yaerx'), 'a non-word has no candidates to compare');
  assert.ok(d.detect(archaic).spinScore > d.detect(plain).spinScore, 'the archaic synonym raises the score');
});
