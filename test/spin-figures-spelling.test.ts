/**
 * Candidates a spinner's swap does not explain: changed figures (never restored from the
 * thesaurus) and respellings (only where the document looks spun). Sentences are written for
 * this test.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { changesValue } from '../src/spin/not-a-spin.js';
import { americanEndingSpellings, americanSpellings, isSpellingVariant } from '../src/spin/spelling.js';
import { createRestorer } from '../src/spin/index.js';

test('British and American spellings are variants, synonyms are not', () => {
  for (const [a, b] of [['criticised', 'criticized'], ['liberalisation', 'liberalization'], ['defence', 'defense'],
    ['labour', 'labor'], ['centre', 'center'], ['travelled', 'traveled'], ['catalogue', 'catalog'], ['licences', 'licenses'], ['programme', 'program']]) {
    assert.ok(isSpellingVariant(a, b), `${a} / ${b}`);
  }
  for (const [a, b] of [['stated', 'said'], ['workplace', 'office'], ['four', 'for'], ['later', 'soon'], ['tour', 'trip']]) {
    assert.ok(!isSpellingVariant(a, b), `${a} / ${b}`);
  }
});

test('a British spelling the language model lacks has American twins to score it by', () => {
  assert.ok(americanSpellings('organisation').includes('organization'));
  assert.ok(americanSpellings('centred').includes('centered'));
  assert.ok(americanSpellings('travelled').includes('traveled'));
  assert.ok(americanSpellings('favourite').includes('favorite'));
  assert.deepEqual(americanSpellings('four'), []);
  assert.deepEqual(americanSpellings('said'), []);
});

test('a candidate may not drop or alter a figure, an amount or a date', () => {
  assert.ok(changesValue('billion', 'million'));
  assert.ok(changesValue('december 31', "new year's eve"));
  assert.ok(changesValue('3 million', 'three million'));
  assert.ok(!changesValue('cinque', 'five'), 'a number word may come in where the spun text has none');
  assert.ok(!changesValue('twelve months', 'twelve months'));
  assert.ok(!changesValue('might', 'may'), '"may" is a modal first');
});

test('the restorer never changes a figure, even in text it is told is spun', async () => {
  const r = await createRestorer();
  const text = 'Officials stated the plan to spend 3 billion dlrs would commence within the subsequent twelvemonth, ' +
    'and the new office would open on December 31.';
  const res = r.restore(text, { assumeSpun: true });
  for (const word of ['3 billion', 'December 31']) assert.ok(res.text.includes(word), `"${word}" kept in: ${res.text}`);
  assert.ok(res.edits.length > 0, `a spun text still gets edits: ${res.text}`);
});

test('British spellings stay in text that does not look spun, and are candidates where it does', async () => {
  const r = await createRestorer();
  const british = 'The government criticised the organisation for its defence spending, and the labour minister ' +
    'said the programme would be reorganised by the centre next year.';
  assert.equal(r.restore(british).text, british);
  const spun = r.restore(british, { assumeSpun: true });
  assert.ok(spun.edits.some((e) => isSpellingVariant(e.spun, e.original)), `a respelling where the text is spun: ${spun.text}`);
});

test('the detector does not take British spelling for spinning', async () => {
  const r = await createRestorer();
  const british = 'The organisation said its programme to modernise the centre would be finalised by the autumn, and that ' +
    'the labour costs of the defence contract had been analysed by a favourite adviser. Critics criticised the colour ' +
    'of the new theatre, which travellers have recognised as a symbol of the neighbourhood.';
  const american = british.replace('organisation', 'organization').replace('programme', 'program').replace('modernise', 'modernize')
    .replace('centre', 'center').replace('finalised', 'finalized').replace('labour', 'labor').replace('defence', 'defense')
    .replace('analysed', 'analyzed').replace('favourite', 'favorite').replace('criticised', 'criticized').replace('colour', 'color')
    .replace('theatre', 'theater').replace('travellers', 'travelers').replace('recognised', 'recognized').replace('neighbourhood', 'neighborhood');
  const b = r.detect(british).spinScore;
  const a = r.detect(american).spinScore;
  assert.ok(b < 0.3, `British spelling scored ${b}`);
  assert.ok(Math.abs(b - a) < 0.2, `British ${b} vs American ${a}`);
});

test('the detector reads a British spelling the LM knows as the rarer form like its American twin', async () => {
  const r = await createRestorer();
  // "licence" is in the LM, but far rarer than "license": read as written, any synonym fits better.
  const text = 'Ministers have defended the plan in the face of criticism from the opposition, saying the city needs ' +
    'investment. The licence fee will rise next year, and the new buses were chosen after a public vote.';
  const flagged = r.detect(text).flags.map((f) => text.slice(f.start, f.end).toLowerCase());
  assert.ok(!flagged.includes('licence'), `flagged: ${flagged.join(', ')}`);
  // Only endings: a doubled l is as often another word ("filled" is not "filed").
  assert.ok(americanEndingSpellings('licence').includes('license'));
  assert.deepEqual(americanEndingSpellings('filled'), []);
});
