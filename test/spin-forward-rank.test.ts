/**
 * The forward look-up (src/spin/forward-rank.ts) and its place in the calibration: a candidate
 * original whose own synonym list does not reach the spun word is less likely, and the restorer
 * looks the rank up only where it could still matter, which is sound only while the calibration's
 * forward weights cannot raise a candidate's odds.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { forwardRank } from '../src/spin/forward-rank.js';
import { CALIBRATION_FEATURES, DEFAULT_CALIBRATION, candidateLogit, forwardLogit } from '../src/spin/calibration.js';
import type { ArcFeatures } from '../src/spin/lattice.js';
import type { ReverseCandidate } from '../src/language/types.js';

function fakeLanguage(lists: Record<string, string[]>) {
  let lookups = 0;
  return {
    get lookups() { return lookups; },
    reverseCandidates(word: string): ReverseCandidate[] {
      lookups++;
      return (lists[word] ?? []).map((text) => ({ text, sources: ['moby'], weight: 0.4 }));
    },
  };
}

test('forwardRank: the spun word\'s place in the candidate\'s own list, null when absent; one look-up per candidate', () => {
  const language = fakeLanguage({ office: ['bureau', 'workplace', 'post'], work: ['labour', 'job'] });
  assert.equal(forwardRank(language, 'office', 'workplace'), 1);
  assert.equal(forwardRank(language, 'office', 'bureau'), 0);
  assert.equal(forwardRank(language, 'work', 'workplace'), null);
  assert.equal(forwardRank(language, 'office', 'post'), 2);
  assert.equal(language.lookups, 2);
  // Another resource folder has its own lists.
  const other = fakeLanguage({ office: ['workplace'] });
  assert.equal(forwardRank(other, 'office', 'workplace'), 0);
});

test('forward weights: never raise the odds, so a logit without the look-up bounds it from above', () => {
  const base: ArcFeatures = { weight: 0.4, sources: 'moby', capitalised: false, spunFreq: -4, freqDiff: 0.5, lengthDiff: 0, spunFit: 0, rank: 3 };
  for (const name of ['forwardMissing', 'forwardRank'] as const) {
    assert.ok((DEFAULT_CALIBRATION[CALIBRATION_FEATURES.indexOf(name)] ?? 0) <= 0, `${name} weight must be <= 0`);
  }
  const without = candidateLogit(1, base);
  for (const forward of [null, 0, 5, 99]) {
    const f = { ...base, forward };
    assert.ok(candidateLogit(1, f) <= without + 1e-12);
    // The lazy look-up adds exactly what the full feature vector would.
    assert.ok(Math.abs(candidateLogit(1, f) - (without + forwardLogit(f))) < 1e-9);
  }
  assert.equal(forwardLogit(base), 0);
  // And the shipped calibration uses it: a candidate that could not have led to the spun word is less likely.
  assert.ok(candidateLogit(1, { ...base, forward: null }) < candidateLogit(1, { ...base, forward: 0 }));
});
