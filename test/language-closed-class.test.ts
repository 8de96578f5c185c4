/** Closed-class confusion sets and number spellings (pure data, no compiled cache needed). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CLOSED_CLASS_SETS, ClosedClassIndex, digitsFor, numberWords, ordinalWords, spelledNumberForms } from '../src/language/closed-class.js';

const index = new ClosedClassIndex(CLOSED_CLASS_SETS);

test('sets are well formed: lower case, single spaces, no duplicates inside a set', () => {
  assert.ok(CLOSED_CLASS_SETS.length > 20);
  for (const s of CLOSED_CLASS_SETS) {
    assert.ok(s.members.length >= 2, s.name);
    assert.equal(new Set(s.members).size, s.members.length, `duplicate in ${s.name}`);
    for (const m of s.members) assert.match(m, /^[a-z.'0-9]+( [a-z.'0-9]+)*$/, `${s.name}: "${m}"`);
  }
  assert.equal(new Set(CLOSED_CLASS_SETS.map((s) => s.name)).size, CLOSED_CLASS_SETS.length);
});

test('modals, prepositions, conjunctions and function phrases', () => {
  const alt = (w: string): string[] => index.alternatives(w);
  for (const m of ['will', 'can', 'might', 'may', 'would', 'could', 'should', 'must', 'shall']) {
    assert.ok(alt(m).length >= 5, m);
  }
  assert.ok(alt('might').includes('may'));
  assert.ok(alt('within').includes('in'));
  assert.ok(alt('throughout').includes('during'));
  assert.ok(alt('however').includes('but'));
  assert.ok(alt('earlier than').includes('before'));
  assert.ok(alt('have been').includes('were'));
  assert.ok(alt('as a result of').includes('because'));
  assert.ok(alt('In  The Direction Of').includes('towards'), 'case and spacing normalised');
  assert.ok(!alt('might').includes('might'));
  assert.deepEqual(alt('elephant'), []);
  assert.ok(index.maxPhraseLength >= 4);
});

test('numbers: words, ordinals, decades and years', () => {
  assert.equal(numberWords(9), 'nine');
  assert.equal(numberWords(25), 'twenty five');
  assert.equal(ordinalWords(21), 'twenty first');
  assert.deepEqual(spelledNumberForms('9'), ['nine']);
  assert.deepEqual(spelledNumberForms('25'), ['twenty five', 'twenty-five']);
  assert.deepEqual(spelledNumberForms('3rd'), ['third']);
  assert.deepEqual(spelledNumberForms('3th'), [], 'wrong suffix is not an ordinal');
  assert.ok(spelledNumberForms('1930s').includes('nineteen thirties'));
  assert.ok(spelledNumberForms("1960's").includes('nineteen sixties'));
  assert.deepEqual(spelledNumberForms('90s'), ['nineties']);
  assert.deepEqual(spelledNumberForms('1984'), ['nineteen eighty four']);
  assert.deepEqual(spelledNumberForms('2005'), ['twenty oh five']);
  assert.deepEqual(spelledNumberForms('1,000'), ['one thousand']);
  assert.deepEqual(spelledNumberForms('hello'), []);
  assert.deepEqual(spelledNumberForms(''), []);
  assert.deepEqual(digitsFor('nine'), ['9']);
  assert.deepEqual(digitsFor('twenty-five'), ['25']);
  assert.ok(digitsFor('Nineteen Thirties')?.includes('1930s'));
  assert.equal(digitsFor('banana'), null);
  assert.ok(index.alternatives('nine').includes('9'));
  assert.ok(index.alternatives('9').includes('nine'));
  assert.ok(index.has('nineteen thirties'));
});
