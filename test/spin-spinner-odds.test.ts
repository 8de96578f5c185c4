/**
 * A learned model's own counts say whether a page went through its spinner: the page's spun
 * words speak for it, the originals the spinner would have swapped but that stand unchanged speak
 * against it, and a lightly spun page's learned swaps are trusted accordingly.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { buildRestorer, DEFAULT_PARAMS, learnModel, type SpinPair } from '../src/spin/index.js';
import { SpinnerOdds } from '../src/spin/spinner-odds.js';
import { loadLanguage } from '../src/language/index.js';

/** A made-up spinner that always writes "verdant" for "green" and "timber" for "wood". */
function spin(text: string): string {
  return text.replace(/\bgreen\b/g, 'verdant').replace(/\bwood\b/g, 'timber');
}

function pairs(): SpinPair[] {
  const out: SpinPair[] = [];
  for (const who of ['The farmer', 'Her neighbour', 'A builder', 'The council', 'Our guide']) {
    for (const tail of ['painted the green door', 'bought wood for the shed', 'kept the green field and the wood store']) {
      const orig = `${who} ${tail}.`;
      out.push({ orig, spun: spin(orig) });
    }
  }
  return out;
}

const words = (s: string) => s.toLowerCase().match(/[a-z]+/g) ?? [];

test('spinner odds: spun words count for the spinner, originals it left alone count against it', () => {
  const model = learnModel(pairs());
  assert.equal(model.originalSeen?.green, 10);
  const odds = SpinnerOdds.fromModel(model);
  assert.ok(odds);
  assert.ok(odds.logOdds([words('The verdant door was shut.')]) > 1);
  assert.ok(odds.logOdds([words('The green door was shut.')]) < -1);
  assert.ok(odds.logOdds([words('The verdant door was shut.'), words('The green field was dry and the green gate too.')]) < 0);
  assert.equal(odds.logOdds([words('Nothing here is either.')]), 0);
  // Models written before the counts were kept go without.
  const { originalSeen: _dropped, ...older } = model;
  assert.equal(SpinnerOdds.fromModel(older), null);
});

test('restore with a learned model: a lone spun word in a long page is restored when nothing speaks against the spinner', async () => {
  const language = await loadLanguage();
  const model = learnModel(pairs());
  const filler = 'The meeting ran late into the evening and most of the members stayed until the end. ' +
    'They talked about the budget, the new roads, the school and the plans for the summer fair. ' +
    'Several speakers asked for more time, and the chair agreed to hold a second meeting next month. ';
  const page = `${filler}${filler}The builders used timber from the old barn.`;
  const withOdds = buildRestorer(language, model, DEFAULT_PARAMS);
  const without = buildRestorer(language, model, { ...DEFAULT_PARAMS, spinnerOdds: false });
  assert.match(withOdds.restore(page).text, /used wood from the old barn/);
  // Without the spinner's odds a page this long and this clean-looking keeps the word.
  assert.match(without.restore(page).text, /used timber from the old barn/);
  // The same page with the originals standing unswapped elsewhere does not look spun by it.
  const mixed = `${page} The green lawn and the green benches were new, and so was the wood fence by the wood shed.`;
  assert.match(withOdds.restore(mixed).text, /used timber from the old barn/);
});

test('spinner odds: the rate that best explains a page, the learned one unless a lighter one explains it better by the margin', () => {
  const odds = SpinnerOdds.fromModel(learnModel(pairs()));
  assert.ok(odds);
  const rates = [1, 0.5, 0.25, 0.12];
  const page = (spun: number, left: number) => [
    ...Array.from({ length: spun }, () => words('The verdant door was shut.')),
    ...Array.from({ length: left }, () => words('The green gate was open.')),
  ];
  // At the learned rate the odds are the naive-Bayes odds logOdds() gives.
  const heavy = odds.bestRate(page(5, 0), rates);
  assert.equal(heavy.rate, 1);
  assert.ok(Math.abs(heavy.logOdds - odds.logOdds(page(5, 0))) < 1e-9);
  // This spinner swapped every "green" it met: one swapped and one left reads as half its rate...
  assert.equal(odds.bestRate(page(1, 1), rates).rate, 0.5);
  assert.ok(Math.abs(odds.logOdds(page(1, 1))) < 1e-9, 'at the learned rate that page is even odds');
  // ...but one of each is too little to leave the learned rate when a margin is asked; five of each is not.
  assert.equal(odds.bestRate(page(1, 1), rates, 2).rate, 1);
  const light = odds.bestRate(page(5, 5), rates, 2);
  assert.equal(light.rate, 0.5);
  assert.ok(light.logOdds > 2);
  // A page with nothing of the spinner's stays at the learned rate, at even odds.
  assert.deepEqual(odds.bestRate([words('Nothing here is either.')], rates, 2), { rate: 1, logOdds: 0 });
});
