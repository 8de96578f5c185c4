/**
 * The de-spinning engine: tokens and protection, pair alignment, learned models on disk, and
 * restoration/detection with the real language resources (.cache/language, built by
 * `npm run build:language`). Fixtures are sentences written for these tests.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  alignPair, createRestorer, learnModel, loadSpinModel, saveSpinModel, splitSentences, validateSpinModel,
  type Restorer, type SpinPair,
} from '../src/spin/index.js';
import { learnWords } from '../src/spin/learn.js';
import { isAbbreviationPair } from '../src/spin/restorer.js';
import { isUnspinError } from '../src/errors.js';
import { CALIBRATION_FEATURES, DEFAULT_CALIBRATION } from '../src/spin/calibration.js';
import { CALIBRATION_TREES } from '../src/spin/calibration-trees.js';

const CLEAN = [
  'The central bank raised interest rates by half a point on Tuesday, its third increase this year.',
  'Farmers in the region expect a smaller wheat harvest after a dry spring and a late frost.',
  'The company said it would cut 200 jobs and close two plants by the end of next year.',
  'Shares of the airline fell sharply after it warned that fuel costs would hurt profits.',
];

/** A made-up spinner for these tests: a handful of swaps, none taken from any real example. */
const TEST_SWAPS: [string, string][] = [['buy', 'procure'], ['big', 'sizeable'], ['quickly', 'in a speedy manner'], ['started', 'commenced']];

function testSpin(text: string): string {
  let out = text;
  for (const [from, to] of TEST_SWAPS) out = out.replace(new RegExp(`\\b${from}\\b`, 'g'), to);
  return out;
}

function makePairs(): SpinPair[] {
  const subjects = ['The firm', 'A rival', 'The group', 'Their partner', 'The bank', 'An investor'];
  const pairs: SpinPair[] = [];
  for (const s of subjects) {
    for (const tail of ['plans to buy a big stake in the venture', 'started talks quickly', 'wants to buy big assets quickly, sources said']) {
      const orig = `${s} ${tail}.`;
      pairs.push({ orig, spun: testSpin(orig) });
    }
  }
  return pairs;
}

let plain: Restorer | null = null;
async function restorer(): Promise<Restorer> {
  plain ??= await createRestorer();
  return plain;
}

test('sentences: word offsets point into the input; quoted speech and URLs are protected', () => {
  const text = 'He said: “The office will open soon.” See https://example.com/a-b now.\n\nNext paragraph here.';
  const sentences = splitSentences(text);
  const words = sentences.flatMap((s) => s.words);
  for (const w of words) assert.equal(text.slice(w.start, w.end), w.text);
  const byText = new Map(words.map((w) => [w.text, w]));
  assert.equal(byText.get('office')?.protected, true);
  assert.equal(byText.get('example')?.protected, true);
  assert.equal(byText.get('See')?.protected, false);
  assert.ok(sentences.length >= 3, 'the paragraph break ends a sentence');
});

test('sentences: table rows are protected, prose with figures is not', () => {
  const text = [
    'Net profit rose 5.6 pct to 1,234 mln dlrs from 1,100 mln dlrs a year earlier.',
    'Redeemed         206.4   1,357.3      46.1',
    'Reserve    nil       nil       n/a',
    'Wheat     Corn   Soybeans Total Loans      840.8   3,130.1',
  ].join('\n\n');
  const words = splitSentences(text).flatMap((s) => s.words);
  const byText = new Map(words.map((w) => [w.text, w]));
  assert.equal(byText.get('profit')?.protected, false);
  assert.equal(byText.get('earlier')?.protected, false);
  for (const label of ['Redeemed', 'Reserve', 'Corn', 'Loans']) assert.equal(byText.get(label)?.protected, true, label);
});

test('alignment: word swaps, word -> phrase swaps and insertions become substitutions', () => {
  const subs = alignPair(learnWords('they procure it in a speedy manner'), learnWords('they buy it quickly'));
  assert.deepEqual(subs, [['procure', 'buy'], ['in a speedy manner', 'quickly']]);
  const ins = alignPair(learnWords('she asked whether or not it works'), learnWords('she asked whether it works'));
  assert.ok(ins.some(([s, o]) => s === 'whether or not' && o === 'whether'), JSON.stringify(ins));
});

test('learned model: counts, seen counts, JSON and gzip round trips', () => {
  const model = learnModel(makePairs());
  assert.equal(model.pairs, 18);
  assert.ok(model.substitutions.procure.buy >= 6);
  assert.ok(model.seen.procure >= model.substitutions.procure.buy);
  const dir = mkdtempSync(path.join(tmpdir(), 'unspin-spin-'));
  try {
    for (const name of ['m.json', 'm.json.gz']) {
      const file = path.join(dir, name);
      saveSpinModel(model, file);
      // Loaded records have no prototype (see the next test), so compare their JSON.
      assert.equal(JSON.stringify(loadSpinModel(file)), JSON.stringify(model));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('learned model: a word that names an object property is a word like any other', async () => {
  // A file that leaves "constructor" out of `seen`: its count must read as none, not as a function.
  const model = validateSpinModel({
    format: 'unspin-spin-model', version: 1, createdAt: 'x', pairs: 1, substitutions: { constructor: { builder: 3 } }, seen: {}, originalSeen: {},
  });
  assert.equal(model.seen.constructor, undefined);
  const r = await createRestorer({ model });
  assert.equal(r.restore('The constructor will build it.').text, 'The builder will build it.');
});

test('learned model: damaged or foreign files are refused with a clear input error', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'unspin-spin-'));
  try {
    const cases: [string, string | Buffer, RegExp][] = [
      ['not-json.json', '{oops', /JSON does not parse/],
      ['foreign.json', JSON.stringify({ format: 'something-else' }), /format is "something-else"/],
      ['future.json', JSON.stringify({ format: 'unspin-spin-model', version: 99 }), /version 99 is not supported/],
      ['bad-counts.json', JSON.stringify({ format: 'unspin-spin-model', version: 1, createdAt: 'x', pairs: 1, substitutions: { a: { b: 'many' } }, seen: {} }), /must map strings to counts/],
      ['bad-gzip.json.gz', Buffer.from([0x1f, 0x8b, 1, 2, 3]), /gzip data is damaged/],
    ];
    for (const [name, body, why] of cases) {
      const file = path.join(dir, name);
      writeFileSync(file, body);
      assert.throws(() => loadSpinModel(file), (e: unknown) => isUnspinError(e) && e.kind === 'input' && why.test(e.message), name);
    }
    assert.throws(() => loadSpinModel(path.join(dir, 'missing.json')), (e: unknown) => isUnspinError(e) && /cannot read model/.test(e.message));
    assert.throws(() => validateSpinModel([]), /not a JSON object/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('restore: clean sentences come out unchanged', async () => {
  const r = await restorer();
  for (const s of CLEAN) {
    const out = r.restore(s);
    assert.equal(out.text, s, JSON.stringify(out.edits));
    assert.equal(out.edits.length, 0);
  }
});

test('restore: one word repeated through a clean page is its topic, not a spinner\'s mark', async () => {
  // "marks" (the currency) fits worse than "points" at every occurrence; counted once per
  // occurrence, that alone made the page look spun and every "marks" was changed.
  const text = 'The dollar closed at 1.82 marks in Frankfurt on Friday, up from 1.80 marks on Thursday. ' +
    'Dealers said the dollar could test 1.85 marks next week. Siemens shares gained four marks to 512 marks. ' +
    'Daimler rose six marks, while Deutsche Bank slipped two marks to 640 marks. ' +
    'Bayer added three marks and BASF eased one mark to 270 marks. The index ended 12 points higher.';
  const out = (await restorer()).restore(text);
  assert.equal(out.text, text, JSON.stringify(out.edits));
  const everyOccurrence = await createRestorer({ params: { evidenceTypeCap: 0 } });
  assert.ok(everyOccurrence.restore(text).spinScore > 0.5, 'with every occurrence counted, the page reads as spun');
});

test('restore: a clean paragraph on a page spun elsewhere keeps the clean bar', async () => {
  const spun = 'The firm commenced talks to procure a sizeable stake in the venture. A rival group commenced efforts to procure ' +
    'sizeable assets in a speedy manner, sources stated. Their partner desires to procure a sizeable share and commenced bidding within the nation.';
  const clean = 'Farmers in the region expect a smaller wheat harvest after a dry spring and a late frost. ' +
    'The ministry said prices would rise in the autumn and that stocks were adequate for now.';
  const text = `${spun}\n\n${clean}`;
  const inClean = (edits: { start: number }[]) => edits.filter((e) => e.start > spun.length);
  const inSpun = (edits: { start: number }[]) => edits.filter((e) => e.start < spun.length);
  const byParagraph = (await restorer()).restore(text).edits;
  assert.deepEqual(inClean(byParagraph), [], JSON.stringify(inClean(byParagraph)));
  // One adaptation for the whole page lowers the clean paragraph's bar too.
  const byPage = (await createRestorer({ params: { paragraphPriorWords: 0 } })).restore(text).edits;
  assert.ok(inClean(byPage).length > 0, 'the page-wide bar changes words in the clean paragraph');
  assert.deepEqual(inSpun(byParagraph), inSpun(byPage), 'the spun paragraph is restored as before');
});

test('restore with a learned model: the spinner is undone, spans are over the input', async () => {
  const model = learnModel(makePairs());
  const r = await createRestorer({ model });
  const orig = 'A new buyer started to buy big blocks of shares quickly last week.';
  const spun = testSpin(orig);
  const out = r.restore(spun);
  assert.equal(out.text, orig);
  assert.ok(out.edits.length >= 3);
  for (const e of out.edits) {
    assert.equal(spun.slice(e.start, e.end), e.spun);
    assert.ok(e.confidence > 0 && e.confidence <= 1);
    assert.equal(e.source, 'learned');
    for (const a of e.alternatives) assert.ok(a.confidence >= 0 && a.confidence <= 1);
  }
  assert.ok(out.spinScore > r.restore(orig).spinScore);
});

test('restore: quoted speech is left alone even when the model knows the words', async () => {
  const r = await createRestorer({ model: learnModel(makePairs()) });
  const spun = 'The chairman said: “We will procure sizeable assets.” The firm plans to procure sizeable assets.';
  const out = r.restore(spun);
  assert.ok(out.text.includes('“We will procure sizeable assets.”'), out.text);
  assert.ok(out.text.endsWith('The firm plans to buy big assets.'), out.text);
});

test('restore: capitalisation of the spun word carries over to the original', async () => {
  const r = await createRestorer({ model: learnModel(makePairs()) });
  const out = r.restore('Commenced in 1990, the fund wants to procure sizeable assets and commenced talks.').text;
  assert.ok(out.startsWith('Started in 1990'), out);
});

test('detect: a score in [0, 1] and flags as spans; spun text scores above its clean original', async () => {
  const r = await createRestorer({ model: learnModel(makePairs()) });
  const orig = 'The group started talks to buy a big stake quickly, and the bank started to buy big assets.';
  const spun = testSpin(orig);
  const d = r.detect(spun);
  assert.ok(d.spinScore >= 0 && d.spinScore <= 1);
  assert.ok(d.spinScore > r.detect(orig).spinScore);
  assert.ok(d.flags.length > 0);
  for (const f of d.flags) assert.ok(f.start >= 0 && f.end <= spun.length && f.start < f.end);
});

test('restorePhrase with a learned model: the swap the spinner was seen to make beats the thesaurus readings', async () => {
  const r = await createRestorer({ model: learnModel(makePairs()) });
  for (const [spun, orig] of [['procure assets', 'buy assets'], ['commenced operations', 'started operations'], ['sizeable loss', 'big loss']]) {
    assert.equal(r.restorePhrase(spun).text, orig);
  }
});

test('restorePhrase: a phrase alone gets a changed reading, candidates ranked, case kept; junk is returned as is', async () => {
  const r = await restorer();
  // "commenced" is a spun form of "started" (TEST_SWAPS): alone with its noun, some original must be proposed.
  const res = r.restorePhrase('Commenced work', { limit: 20 });
  assert.notEqual(res.text.toLowerCase(), 'commenced work');
  assert.match(res.text, /^\p{Lu}/u);
  assert.ok(res.candidates.length > 1 && res.candidates.length <= 20);
  assert.equal(new Set(res.candidates).size, res.candidates.length);
  assert.ok(!res.candidates.includes('commenced work'));
  assert.ok(res.candidates.some((c) => /^(started|began|begun) work$/.test(c)), res.candidates.join(', '));
  // At most one change when asked: every candidate keeps one of the two words.
  for (const c of r.restorePhrase('commenced work', { maxChanges: 1 }).candidates) {
    assert.ok(c.startsWith('commenced ') || c.endsWith(' work'), c);
  }
  assert.deepEqual(r.restorePhrase('!!! ???'), { text: '!!! ???', candidates: [] });
  assert.equal(r.restorePhrase('a b c d e f g h i j').text, 'a b c d e f g h i j');
});

test('candidates: a lower-case word the LM does not know gets candidates; names and abbreviations do not', async () => {
  const r = await restorer();
  const spun = r.candidates('The firm reported higher lucre in the quarter.', { all: true }).filter((c) => c.spun === 'lucre');
  assert.ok(spun.some((c) => c.original === 'profit'), spun.map((c) => c.original).join(', '));
  assert.ok(spun.every((c) => c.spunUnknown === true));
  const name = r.candidates('Analysts at Lucre Partners expect higher sales.', { all: true });
  assert.equal(name.filter((c) => c.spun === 'Lucre').length, 0);
  const abbreviation = r.candidates('Sales rose 12 pct in the quarter.', { all: true });
  assert.equal(abbreviation.filter((c) => c.spun === 'pct').length, 0);
});

test('candidates: written abbreviations are not spelled out, vowelless short forms never proposed; closed-class and compound pairs stay', () => {
  assert.equal(isAbbreviationPair('corp', 'corporation', 'moby+wordnet'), true);
  assert.equal(isAbbreviationPair('feb', 'february', 'wordnet'), true);
  assert.equal(isAbbreviationPair('lb', 'pound', 'wordnet'), true);
  assert.equal(isAbbreviationPair('television', 'tv', 'wordnet'), true);
  assert.equal(isAbbreviationPair('to', 'towards', 'closed-class'), false);
  assert.equal(isAbbreviationPair('workplace', 'work', 'wordnet'), false);
  assert.equal(isAbbreviationPair('late', 'lately', 'moby'), false);
  assert.equal(isAbbreviationPair('in the', 'inside the', 'moby'), false);
});

test('restore: the spin detector as a second witness makes a document that reads as spun count as spun', async () => {
  // detectorSpun just above detectorClean: any detector score above it counts as clearly spun, so
  // restoring must equal restoring with assumeSpun; with the witness off (default) it need not.
  const text = 'The firm wants to procure a sizeable stake, and the bank commenced talks to procure sizeable assets.';
  const plain = await createRestorer();
  const witnessed = await createRestorer({ params: { detectorClean: 0, detectorSpun: 1e-9 } });
  assert.ok(plain.detect(text).spinScore > 1e-9);
  const assumed = plain.restore(text, { assumeSpun: true });
  assert.deepEqual(witnessed.restore(text).edits, assumed.edits);
  // A learned model keeps its own evidence scale: the witness does not apply there.
  const learned = await createRestorer({ model: learnModel(makePairs()), params: { detectorClean: 0, detectorSpun: 1e-9 } });
  const learnedPlain = await createRestorer({ model: learnModel(makePairs()) });
  assert.deepEqual(learned.restore(text).edits, learnedPlain.restore(text).edits);
});

test('calibration: the shipped trees read every calibration feature; the logistic alternative still restores', async () => {
  assert.equal(CALIBRATION_TREES.features, CALIBRATION_FEATURES.length);
  for (const t of CALIBRATION_TREES.trees) for (const f of t.feature) assert.ok(f >= -1 && f < CALIBRATION_FEATURES.length);
  // Spun by the made-up test spinner, several times so the document's own evidence counts.
  const spun = Array.from({ length: 6 }, (_, k) => testSpin(`The group ${k + 2} started talks and plans to buy a big stake quickly.`)).join(' ');
  for (const calibration of [CALIBRATION_TREES, DEFAULT_CALIBRATION]) {
    const r = await createRestorer({ params: { calibration } });
    const out = r.restore(spun, { assumeSpun: true });
    assert.ok(out.edits.length > 0, 'some swaps undone');
    for (const e of out.edits) {
      assert.equal(spun.slice(e.start, e.end), e.spun);
      assert.ok(e.confidence >= 0 && e.confidence <= 1);
    }
    // Never-spun sentences stay as they are under either calibration.
    for (const s of CLEAN) assert.equal(r.restore(s).text, s);
  }
});
