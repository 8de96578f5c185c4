/**
 * A spun phrase followed by its acronym in parentheses: the aside is evidence about the original's
 * initials, not part of the phrase restored. The phrases are written for this test (not taken
 * from any benchmark list).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitPhraseAside } from '../src/spin/phrase.js';
import { createRestorer } from '../src/spin/index.js';
import { languageOrExplain } from './language-helpers.js';

test('asides: an acronym is split off with the words after it; other asides are dropped', () => {
  assert.deepEqual(splitPhraseAside('Federal Agency of Examination (FBI)'), { main: 'Federal Agency of Examination', acronym: { letters: 'fbi', wordsAfter: 0 } });
  assert.deepEqual(splitPhraseAside('exactness-review (PR) bend'), { main: 'exactness-review bend', acronym: { letters: 'pr', wordsAfter: 1 } });
  assert.deepEqual(splitPhraseAside('convolutional nets (CNNs)').acronym, { letters: 'cnn', wordsAfter: 0 });
  assert.deepEqual(splitPhraseAside('FBI (Federal Agency of Examination)'), { main: 'FBI' });
  assert.deepEqual(splitPhraseAside('blood strain'), { main: 'blood strain' });
  // Nothing outside the parentheses: the phrase is kept whole.
  assert.deepEqual(splitPhraseAside('(FBI)'), { main: '(FBI)' });
});

test('the initials choose among readings, and may change three words', async () => {
  const lang = await languageOrExplain();
  const r = await createRestorer({ language: lang });
  assert.equal(r.restorePhrase('Federal Agency of Examination (FBI)').text, 'Federal Bureau of Investigation');
  assert.equal(r.restorePhrase('English Broadcasting Corporation (BBC)').text, 'British Broadcasting Corporation');
  assert.equal(r.restorePhrase('Planet Trade Organization (WTO)').text, 'World Trade Organization');
  // Without the acronym the same words are restored as a phrase, lower case kept.
  assert.ok(!r.restorePhrase('planet trade organization').text.includes('('));
});

test('maxChanges bounds the acronym readings too', async () => {
  const lang = await languageOrExplain();
  const r = await createRestorer({ language: lang });
  // All three words change; with at most two that reading cannot be proposed.
  const spun = 'Planet Commerce Body (WTO)';
  assert.equal(r.restorePhrase(spun).text, 'World Trade Organization');
  assert.ok(!r.restorePhrase(spun, { maxChanges: 2 }).candidates.includes('world trade organization'));
});
