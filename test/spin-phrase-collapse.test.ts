/**
 * Multi-word spins ("in the course of" for "during"): in text that looks spun, a phrase with a
 * shorter known equivalent is undone by the collapse prior (restorer.ts collapsePrior); in
 * clean-looking text it stays. Sentences written for this test.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadLanguage } from '../src/language/index.js';
import { buildRestorer, DEFAULT_PARAMS, learnModel } from '../src/spin/index.js';

const SPUN = 'Prices went up sharply subsequent to the talks, and the bank makes an attempt to sell the unit in the course of the week.';

// A stricter bar than the default, so that the prior's effect shows on these few phrases (at the
// default bar most of them collapse on their LM evidence alone).
const STRICT = { ...DEFAULT_PARAMS, thresholdSpun: 0.85 };

function multiWordEdits(text: string, collapseBonus: number, assumeSpun: boolean, language: Awaited<ReturnType<typeof loadLanguage>>) {
  const r = buildRestorer(language, null, { ...STRICT, collapseBonus });
  return r.restore(text, { assumeSpun }).edits.filter((e) => e.spun.includes(' ') && !e.original.includes(' '));
}

test('in spun text, multi-word phrases collapse to one word only with the collapse prior', async () => {
  const language = await loadLanguage();
  const without = multiWordEdits(SPUN, 0, true, language);
  const withPrior = multiWordEdits(SPUN, DEFAULT_PARAMS.collapseBonus, true, language);
  assert.ok(DEFAULT_PARAMS.collapseBonus > 0);
  assert.ok(withPrior.length > without.length, `with ${JSON.stringify(withPrior)} vs without ${JSON.stringify(without)}`);
  for (const e of withPrior) assert.equal(SPUN.slice(e.start, e.end), e.spun);
});

test('in clean-looking text the collapse prior changes nothing', async () => {
  const language = await loadLanguage();
  const text = 'The bank said it would sell the unit in the course of the next year, subsequent to approval by regulators.';
  assert.deepEqual(multiWordEdits(text, DEFAULT_PARAMS.collapseBonus, false, language), multiWordEdits(text, 0, false, language));
});

test('with a learned model the collapse prior is off (learned phrase swaps decide)', async () => {
  const language = await loadLanguage();
  const model = learnModel([{ spun: 'Shares rose swiftly on Monday.', orig: 'Shares rose quickly on Monday.' }]);
  const a = buildRestorer(language, model, DEFAULT_PARAMS).restore(SPUN, { assumeSpun: true }).text;
  const b = buildRestorer(language, model, { ...DEFAULT_PARAMS, collapseBonus: 0 }).restore(SPUN, { assumeSpun: true }).text;
  assert.equal(a, b);
});
