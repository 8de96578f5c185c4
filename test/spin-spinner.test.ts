/**
 * The spinner simulator (bench/lib/spinner.ts) other benchmarks rely on: seeded and
 * deterministic, change records that map both texts, quoted speech untouched, personalities
 * that differ. Needs the WordNet database files (fetched once into .cache/bench/ when absent).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSpinner, PERSONALITIES } from '../bench/lib/spinner.js';
import { werCounts } from '../bench/lib/wer.js';

const TEXT = [
  'The company reported a sharp increase in quarterly profits and said it expected further growth next year.',
  'Officials said the agreement would allow the government to buy more wheat from farmers in the region.',
  '“We will not change our plans,” the minister told reporters after the meeting in the capital.',
  'In the 1980s the bank lent money to 12 countries, and it plans to open three new offices.',
].join('\n\n');

test('spinner: same seed, same output; change records map original and spun text', () => {
  const a = createSpinner({ seed: 42 }).spin(TEXT);
  const b = createSpinner({ seed: 42 }).spin(TEXT);
  assert.deepEqual(a, b);
  assert.ok(a.changes.length >= 5, `only ${a.changes.length} changes`);
  let last = -1;
  for (const c of a.changes) {
    assert.equal(TEXT.slice(c.origStart, c.origEnd), c.orig);
    assert.equal(a.text.slice(c.spunStart, c.spunEnd), c.spun);
    assert.notEqual(c.orig.toLowerCase(), c.spun.toLowerCase());
    assert.ok(c.origStart > last);
    last = c.origStart;
  }
});

test('spinner: quoted speech is left alone by default, and spun when asked', () => {
  const quote = '“We will not change our plans,”';
  assert.ok(createSpinner({ seed: 1 }).spin(TEXT).text.includes(quote));
  const everywhere = createSpinner({ seed: 1, keepQuotes: false, rate: 1 }).spin(TEXT);
  assert.ok(!everywhere.text.includes(quote));
});

test('spinner: rate 0 changes nothing; a higher rate changes more', () => {
  const none = createSpinner({ seed: 3, rate: 0, phraseRate: 0 }).spin(TEXT);
  assert.equal(none.text, TEXT);
  assert.equal(none.changes.length, 0);
  const low = createSpinner({ seed: 3, rate: 0.2 }).spin(TEXT);
  const high = createSpinner({ seed: 3, rate: 1 }).spin(TEXT);
  assert.ok(high.changes.length > low.changes.length);
});

test('spinner: personalities make different texts; WER is computed on tokens', () => {
  const texts = PERSONALITIES.map((personality) => createSpinner({ seed: 5, personality }).spin(TEXT).text);
  assert.equal(new Set(texts).size, PERSONALITIES.length);
  for (const t of texts) {
    const { errors, tokens } = werCounts(TEXT, t);
    assert.ok(errors > 0 && errors < tokens);
  }
  assert.deepEqual(werCounts('A b, c.', 'a B , c .'), { errors: 0, tokens: 5 });
  assert.deepEqual(werCounts('the office said', 'the workplace stated'), { errors: 2, tokens: 3 });
});

test('spinner: everyOccurrence swaps a word everywhere on the page or nowhere', () => {
  const text = 'The office said the plan was big. The office said the cost was big. The office said no more.';
  let mixedPerOccurrence = false;
  for (let seed = 1; seed <= 20; seed++) {
    for (const [everyOccurrence, label] of [[true, 'every occurrence'], [false, 'per occurrence']] as const) {
      const s = createSpinner({ seed, rate: 0.5, everyOccurrence }).spin(text);
      const byWord = new Map<string, Set<boolean>>();
      for (const m of text.matchAll(/[A-Za-z]+/g)) {
        const swapped = s.changes.some((c) => c.origStart <= m.index && c.origEnd >= m.index + m[0].length);
        const set = byWord.get(m[0].toLowerCase()) ?? new Set<boolean>();
        set.add(swapped);
        byWord.set(m[0].toLowerCase(), set);
      }
      const mixed = [...byWord.values()].some((v) => v.size > 1);
      if (everyOccurrence) assert.ok(!mixed, `${label}, seed ${seed}: ${s.text}`);
      else mixedPerOccurrence ||= mixed;
    }
  }
  assert.ok(mixedPerOccurrence, 'deciding per occurrence does mix swapped and kept occurrences');
});
