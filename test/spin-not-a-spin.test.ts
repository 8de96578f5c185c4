/**
 * Candidates a spinner could not have produced the text from: respellings and changed figures.
 * The restorer drops them before pricing; sentences are written for this test.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { changesValue, isNeverASwap, isSpellingVariant } from '../src/spin/not-a-spin.js';
import { createRestorer } from '../src/spin/index.js';

test('British and American spellings are variants, synonyms are not', () => {
  for (const [a, b] of [['criticised', 'criticized'], ['liberalisation', 'liberalization'], ['defence', 'defense'],
    ['labour', 'labor'], ['centre', 'center'], ['travelled', 'traveled'], ['catalogue', 'catalog'], ['licences', 'licenses']]) {
    assert.ok(isSpellingVariant(a, b), `${a} / ${b}`);
  }
  for (const [a, b] of [['stated', 'said'], ['workplace', 'office'], ['four', 'for'], ['later', 'soon'], ['tour', 'trip']]) {
    assert.ok(!isSpellingVariant(a, b), `${a} / ${b}`);
  }
});

test('a candidate may not drop or alter a figure, an amount or a date', () => {
  assert.ok(changesValue('billion', 'million'));
  assert.ok(changesValue('december 31', "new year's eve"));
  assert.ok(changesValue('3 million', 'three million'));
  assert.ok(!changesValue('cinque', 'five'), 'a number word may come in where the spun text has none');
  assert.ok(!changesValue('twelve months', 'twelve months'));
  assert.ok(!changesValue('might', 'may'), '"may" is a modal first');
  assert.ok(isNeverASwap('Criticised', 'criticized'));
  assert.ok(!isNeverASwap('stated', 'said'));
});

test('the restorer leaves a spun text\'s spellings and amounts alone', async () => {
  const r = await createRestorer({ params: { detectorClean: 0, detectorSpun: 1e-9 } });
  const text = 'The government criticised the plan to spend 3 billion dlrs on defence, and officials stated the ' +
    'liberalisation of trade would commence within the subsequent twelvemonth.';
  const res = r.restore(text, { assumeSpun: true });
  for (const word of ['criticised', 'billion', 'defence', 'liberalisation']) {
    assert.ok(res.text.includes(word), `"${word}" kept in: ${res.text}`);
  }
  assert.ok(res.edits.length > 0, `a spun text still gets edits: ${res.text}`);
});
