/**
 * The collocation table (WordNet glosses and multi-word entries, Moby phrases) and the 8-bit
 * word vectors: build from tiny hand-written inputs, read back, and sanity checks on the real
 * cache built by `npm ci`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readBinFile } from '../src/language/binfile.js';
import { CollocationTable, phraseHash } from '../src/language/collocations.js';
import { VectorTable } from '../src/language/vectors.js';
import { compileCollocations, compileVectorTable } from '../scripts/lib/language/build-collocations.js';
import { languageOrExplain } from './language-helpers.js';

function withDir(fn: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'unspin-colloc-'));
  try {
    fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('phraseHash is FNV-1a 32 (the build and the reader must agree)', () => {
  assert.equal(phraseHash(''), 0x811c9dc5);
  assert.equal(phraseHash('a'), 0xe40c292c);
  assert.notEqual(phraseHash('tea cup'), phraseHash('cup tea'));
});

test('collocations: gloss pairs, multi-word lemmas and Moby phrases are compiled and read back', () => {
  withDir((dir) => {
    const dict = join(dir, 'dict');
    mkdirSync(dict);
    // Two WordNet-format data lines (header lines start with two spaces and are skipped).
    const noun = [
      '  1 This is a licence header line with tea cup words',
      '00000001 05 n 02 tea_cup 0 teacup 0 000 | a cup from which tea is drunk; "she filled the tea cup"',
      '00000002 05 n 01 kettle 0 000 | a metal pot for boiling water',
    ].join('\n');
    writeFileSync(join(dict, 'data.noun'), `${noun}\n`);
    for (const pos of ['verb', 'adj', 'adv']) writeFileSync(join(dict, `data.${pos}`), '');
    const moby = join(dir, 'words.txt');
    writeFileSync(moby, 'kettle,tea kettle,water-boiler,pot\n');
    const out = join(dir, 'collocations.bin');
    const r = compileCollocations({ wordnetDictDir: dict, mobyWordsTxt: moby }, out);
    assert.ok(r.pairs > 0 && r.phrases === 3, JSON.stringify(r));
    const t = new CollocationTable(readBinFile(out));
    assert.deepEqual(t.pair('tea', 'cup'), { gloss: 1, lexicon: 1 }, 'gloss example once, lemma once');
    assert.equal(t.pair('boiling', 'water').gloss, 1);
    // Pairs never cross a clause boundary (";" and quotes).
    assert.equal(t.pair('drunk', 'she').gloss, 0);
    assert.equal(t.pair('water', 'boiler').lexicon, 1, 'hyphenated entries are split like the phrase tokeniser does');
    assert.ok(t.isEntry('tea cup') && t.isEntry('tea kettle') && !t.isEntry('cup tea') && !t.isEntry('kettle'));
    assert.deepEqual(t.pair('licence', 'header'), { gloss: 0, lexicon: 0 });
  });
});

test('vectors: 8-bit table keeps cosines within a few hundredths', () => {
  withDir((dir) => {
    const dims = 4;
    const raw = [
      [1, 0, 0, 0],
      [0.8, 0.6, 0, 0],
      [0, 0, 0.6, -0.8],
    ];
    const vectors = new Float32Array(raw.flat());
    const words = ['alpha', 'beta', 'gamma'];
    const out = join(dir, 'vectors.bin');
    compileVectorTable({ words, vectors, dims, index: new Map(words.map((w, i) => [w, i])) }, out, 10);
    const t = new VectorTable(readBinFile(out));
    assert.equal(t.size, 3);
    assert.ok(Math.abs((t.cosine('alpha', 'beta') ?? 9) - 0.8) < 0.02);
    assert.ok(Math.abs(t.cosine('alpha', 'gamma') ?? 9) < 0.02);
    assert.ok(Math.abs((t.cosine('gamma', 'gamma') ?? 9) - 1) < 0.02);
    assert.equal(t.cosine('alpha', 'delta'), null);
  });
});

test('absent files: empty tables answer zeros and null', () => {
  assert.deepEqual(new CollocationTable(null).pair('a', 'b'), { gloss: 0, lexicon: 0 });
  assert.equal(new CollocationTable(null).isEntry('a b'), false);
  assert.equal(new VectorTable(null).cosine('a', 'b'), null);
});

test('real cache: dictionary terms, gloss pairs and vectors', async () => {
  const lang = await languageOrExplain();
  if (!lang.info.parts.collocations || !lang.info.parts.vectors) {
    assert.fail('the language cache predates collocations.bin / vectors.bin: run `npm run build:language`');
  }
  assert.ok(lang.isDictionaryPhrase('blood pressure'));
  assert.ok(!lang.isDictionaryPhrase('pressure blood'));
  assert.ok(lang.collocation('blood', 'pressure').lexicon > 0);
  assert.ok(lang.collocation('blood', 'pressure').gloss > 0, 'WordNet glosses use "blood pressure"');
  assert.deepEqual(lang.collocation('pressure', 'the'), lang.collocation('pressure', 'the'));
  const near = lang.similarity('blood', 'pressure');
  const far = lang.similarity('blood', 'umbrella');
  assert.ok(near !== null && far !== null && near > far, `${near} vs ${far}`);
  assert.equal(lang.similarity('blood', 'zzzqx'), null);
});
