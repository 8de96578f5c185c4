/**
 * The ScrapingHub shingle metric used by bench/extract.ts, checked on hand-computed cases.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scoreCorpus, scorePage, shingles, tokenize } from '../bench/lib/shingle-metric.js';

test('tokens are Unicode \\w runs (letters, digits, marks, underscore)', () => {
  assert.deepEqual(tokenize('Café-au-lait, 3.5% snake_case naïve — 東京'), ['Café', 'au', 'lait', '3', '5', 'snake_case', 'naïve', '東京']);
});

test('4-token shingles with counts; short texts give one short shingle', () => {
  const s = shingles('a b c d a b c d');
  // Windows: abcd, bcda, cdab, dabc, abcd: four distinct, abcd twice.
  assert.equal(s.size, 4);
  assert.equal(s.get(["a", "b", "c", "d"].join("\u0001")), 2);
  assert.equal([...s.values()].reduce((x, y) => x + y, 0), 5);
  assert.equal(shingles('one two').size, 1);
  assert.equal(shingles('').size, 0);
});

test('page precision and recall', () => {
  const truth = 'w1 w2 w3 w4 w5 w6'; // 3 shingles
  const perfect = scorePage(truth, truth);
  assert.deepEqual([perfect.precision, perfect.recall], [1, 1]);
  const extra = scorePage(truth, 'w1 w2 w3 w4 w5 w6 x1 x2 x3'); // 6 shingles, 3 right
  assert.deepEqual([extra.tp, extra.fp, extra.fn], [3, 3, 0]);
  assert.equal(extra.precision, 0.5);
  assert.equal(extra.recall, 1);
  const empty = scorePage(truth, '');
  assert.deepEqual([empty.precision, empty.recall], [0, 0]);
});

test('corpus: means over pages, empty predictions left out of precision; F1 of the means', () => {
  const pages = [scorePage('a b c d e', 'a b c d e'), scorePage('a b c d e', '')];
  const c = scoreCorpus(pages);
  assert.equal(c.precision, 1); // the empty prediction has tp+fp = 0
  assert.equal(c.recall, 0.5);
  assert.ok(Math.abs(c.f1 - 2 / 3) < 1e-12);
});
