/**
 * Restoring a spun phrase alone (phrase.ts): technical terms come back through the dictionary
 * collocations and word vectors, not only the news LM. The phrases are written for this test
 * (not taken from any benchmark list).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Language } from '../src/language/index.js';
import { LmScorer } from '../src/spin/lattice.js';
import { DEFAULT_PHRASE_PARAMS, PHRASE_FEATURES, phraseCandidates, phraseWeights, restorePhraseAlone, tokenisePhrase } from '../src/spin/phrase.js';
import { createRestorer } from '../src/spin/index.js';
import { languageOrExplain } from './language-helpers.js';

const SPUN: [string, string][] = [
  ['blood strain', 'blood pressure'],
  ['fluid crystal', 'liquid crystal'],
  ['spinal string', 'spinal cord'],
  ['ozone stratum', 'ozone layer'],
  ['hereditary code', 'genetic code'],
  ['nuclear vitality', 'nuclear energy'],
  ['kidney disappointment', 'kidney failure'],
  ['open transport', 'public transport'],
];

test('spun technical phrases: the original is among the first candidates, and mostly first', async () => {
  const lang = await languageOrExplain();
  const restorer = await createRestorer({ language: lang });
  let top1 = 0;
  for (const [spun, orig] of SPUN) {
    const r = restorer.restorePhrase(spun);
    assert.ok(r.candidates.slice(0, 5).includes(orig), `${spun}: ${r.candidates.slice(0, 5).join(', ')}`);
    if (r.text === orig) top1++;
  }
  assert.ok(top1 >= 6, `top-1 ${top1} of ${SPUN.length}`);
});

test('case of the spun phrase is kept; nothing to do gives the phrase back', async () => {
  const lang = await languageOrExplain();
  const restorer = await createRestorer({ language: lang });
  assert.equal(restorer.restorePhrase('Blood Strain').text, 'Blood pressure');
  assert.equal(restorer.restorePhrase('').text, '');
  assert.equal(restorer.restorePhrase('zzqx qqzx').text, 'zzqx qqzx');
});

test('features: a dictionary entry and coherent words are seen as such', async () => {
  const lang = await languageOrExplain();
  const scorer = new LmScorer(lang.lm);
  const cands = phraseCandidates(lang, scorer, () => [], tokenisePhrase('hereditary code'));
  const at = (name: (typeof PHRASE_FEATURES)[number]) => PHRASE_FEATURES.indexOf(name);
  const good = cands.find((c) => c.text === 'genetic code');
  assert.ok(good, 'genetic code is a candidate');
  assert.equal(good.features[at('entry')], 1);
  assert.equal(good.features[at('changes')], 1);
  const others = cands.filter((c) => c.features[at('entry')] === 0);
  assert.ok(others.length > 0);
  assert.equal(phraseWeights(DEFAULT_PHRASE_PARAMS).length, PHRASE_FEATURES.length);
});

test('without collocations and vectors (an old cache) phrases are still restored', async () => {
  const lang = await languageOrExplain();
  const bare: Language = { ...lang, collocation: () => ({ gloss: 0, lexicon: 0 }), isDictionaryPhrase: () => false, similarity: () => null };
  const r = restorePhraseAlone(bare, new LmScorer(lang.lm), () => [], 'blood strain');
  assert.ok(r.candidates.length > 0);
  assert.ok(r.candidates.includes('blood pressure'));
});
