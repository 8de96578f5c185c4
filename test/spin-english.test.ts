/**
 * Text that is not English prose says nothing about spinning (src/spin/english.ts). Sentences
 * written for this test.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { judgeEnglish, looksEnglish } from '../src/spin/english.js';
import { loadLanguage } from '../src/language/index.js';
import { createRestorer } from '../src/spin/index.js';

const ITALIAN = 'Il nuovo museo della città aprirà le sue porte la prossima primavera, dopo cinque anni di lavori. ' +
  'Secondo il sindaco, la collezione comprende dipinti, sculture e fotografie donate da famiglie locali.';
const INDONESIAN = 'Pemerintah kota berencana membangun taman baru di dekat sungai tahun depan. ' +
  'Warga berharap taman itu akan menjadi tempat bermain yang aman bagi anak-anak dan keluarga.';
const RUSSIAN = 'Новый музей откроется весной после пяти лет ремонта. По словам мэра, коллекция включает картины и скульптуры.';
const ENGLISH = 'The city said its new museum would open next spring after five years of work, and that the collection ' +
  'includes paintings, sculptures and photographs given by local families.';

test('function words and known words tell English prose from other languages and from tables', async () => {
  const { lm } = await loadLanguage();
  const known = (w: string) => lm.id(w) >= 0;
  assert.ok(judgeEnglish(ENGLISH, known).functionShare > 0.25);
  for (const t of [ITALIAN, INDONESIAN, RUSSIAN]) assert.ok(!looksEnglish(t, known), t.slice(0, 30));
  assert.ok(looksEnglish(ENGLISH, known));
  assert.ok(looksEnglish('Museo nuovo della città', known), 'too short to judge');
  assert.ok(looksEnglish('WHEAT PRICES ROSE IN CHICAGO AS TRADERS BOUGHT AHEAD OF THE HARVEST REPORT ON FRIDAY', known), 'capitals are not judged');
  assert.ok(looksEnglish('Shr 45 cts vs 58 cts Net 1.1 mln vs 829,000 Sales 7.9 mln vs 9.4 mln Avg shrs 2,332,397 vs 1,428,000 Year Shr 1.22 dlrs vs 1.06 dlrs', known), 'a table of abbreviations is still judged');
});

test('the detector scores other languages 0 and flags nothing in them', async () => {
  const r = await createRestorer();
  for (const t of [ITALIAN, INDONESIAN, RUSSIAN, `${ITALIAN}\n\n${INDONESIAN}`]) {
    const d = r.detect(t);
    assert.equal(d.spinScore, 0, t.slice(0, 30));
    assert.equal(d.flags.length, 0);
    assert.match(d.notAssessed ?? '', /not English/);
  }
  // A paragraph in another language inside an English article is left out, not the article.
  const mixed = `${ENGLISH}\n\n${ITALIAN}`;
  const d = r.detect(mixed);
  assert.equal(d.notAssessed, undefined);
  assert.equal(d.flags.filter((f) => f.start >= ENGLISH.length).length, 0);
});
