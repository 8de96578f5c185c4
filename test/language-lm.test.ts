/**
 * The trigram LM: the sphinxbase trie reader on a small file written here (known values), the
 * backoff arithmetic, and sanity checks on CMU's compiled general-English model.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeSphinxTrie, LOG10_OF_SPHINX_BASE, SPHINX_TRIE_HEADER, SphinxTrieFormatError } from '../src/language/sphinx-trie.js';
import { readBinFile } from '../src/language/binfile.js';
import { TrigramModel } from '../src/language/lm.js';
import { compileLanguageModel } from '../scripts/lib/language/build-lm.js';
import { languageOrExplain } from './language-helpers.js';

// ---- a tiny trie LM in the sphinxbase binary layout -------------------------------------------

const VOCAB = ['</s>', '<s>', 'a', 'b', 'c'];
const [EOS, BOS, A, B, C] = [0, 1, 2, 3, 4];
/** log10 values: unigram prob and backoff per word. */
const UNI: [number, number][] = [[-1, 0], [-99, -0.5], [-0.7, -0.3], [-0.9, -0.2], [-1.2, -0.4]];
/** Bigrams "h w": prob, backoff. */
const BI: [number, number, number, number][] = [
  [BOS, A, -0.2, -0.1],
  [A, B, -0.3, -0.25],
  [B, C, -0.5, 0],
  [A, C, -0.6, -0.15],
  [C, EOS, -0.1, 0],
];
/** Trigrams "h2 h1 w": prob. */
const TRI: [number, number, number, number][] = [
  [BOS, A, B, -0.05],
  [A, B, C, -0.15],
];

function requiredBits(max: number): number {
  let bits = 0;
  while (max >> bits) bits++;
  return bits;
}

function setBits(buf: Uint8Array, offset: number, bits: number, value: number): void {
  for (let b = 0; b < bits; b++) if ((value >>> b) & 1) buf[(offset + b) >> 3] |= 1 << ((offset + b) & 7);
}

/** Writes VOCAB/UNI/BI/TRI in the trie layout (reversed paths, quantised middles). */
function writeTinyTrie(): Uint8Array {
  const toSphinx = (log10: number): number => log10 / LOG10_OF_SPHINX_BASE;
  // Trie order: bigram path w -> h, sorted by (w, h); trigram path w -> h1 -> h2.
  const bigrams = [...BI].sort((x, y) => x[1] - y[1] || x[0] - y[0]);
  const trigrams = [...TRI].sort((x, y) => {
    const bx = bigrams.findIndex((g) => g[1] === x[2] && g[0] === x[1]);
    const by = bigrams.findIndex((g) => g[1] === y[2] && g[0] === y[1]);
    return bx - by || x[0] - y[0];
  });
  const probTable = new Float32Array(1 << 16);
  const boTable = new Float32Array(1 << 16);
  const longTable = new Float32Array(1 << 16);
  bigrams.forEach((g, i) => {
    probTable[i] = toSphinx(g[2]);
    boTable[i] = toSphinx(g[3]);
  });
  trigrams.forEach((t, i) => (longTable[i] = toSphinx(t[3])));

  const wordBits = requiredBits(VOCAB.length);
  const nextBits = requiredBits(trigrams.length);
  const midTotal = wordBits + 32 + nextBits;
  const midBytes = Math.floor(((1 + bigrams.length) * midTotal + 7) / 8) + 8;
  const mid = new Uint8Array(midBytes);
  let tri = 0;
  bigrams.forEach((g, i) => {
    setBits(mid, i * midTotal, wordBits, g[0]);
    setBits(mid, i * midTotal + wordBits, 16, i); // backoff index
    setBits(mid, i * midTotal + wordBits + 16, 16, i); // prob index
    setBits(mid, i * midTotal + wordBits + 32, nextBits, tri);
    while (tri < trigrams.length && trigrams[tri][2] === g[1] && trigrams[tri][1] === g[0]) tri++;
  });
  setBits(mid, bigrams.length * midTotal + wordBits + 32, nextBits, trigrams.length);
  const longTotal = wordBits + 16;
  const long = new Uint8Array(Math.floor(((1 + trigrams.length) * longTotal + 7) / 8) + 8);
  trigrams.forEach((t, i) => {
    setBits(long, i * longTotal, wordBits, t[0]);
    setBits(long, i * longTotal + wordBits, 16, i);
  });

  const parts: Buffer[] = [Buffer.from(SPHINX_TRIE_HEADER, 'latin1'), Buffer.from([3])];
  const counts = Buffer.alloc(12);
  [VOCAB.length, bigrams.length, trigrams.length].forEach((c, i) => counts.writeUInt32LE(c, i * 4));
  parts.push(counts, Buffer.alloc(4));
  for (const t of [probTable, boTable, longTable]) parts.push(Buffer.from(t.buffer));
  const uni = Buffer.alloc(12 * (VOCAB.length + 1));
  for (let w = 0; w <= VOCAB.length; w++) {
    if (w < VOCAB.length) {
      uni.writeFloatLE(toSphinx(UNI[w][0]), w * 12);
      uni.writeFloatLE(toSphinx(UNI[w][1]), w * 12 + 4);
    }
    uni.writeUInt32LE(bigrams.filter((g) => g[1] < w).length, w * 12 + 8);
  }
  parts.push(uni, Buffer.from(mid), Buffer.from(long));
  const words = Buffer.from(VOCAB.map((v) => `${v}\0`).join(''), 'latin1');
  const len = Buffer.alloc(4);
  len.writeInt32LE(words.length);
  parts.push(len, words);
  return new Uint8Array(Buffer.concat(parts));
}

function tinyModel(): { model: TrigramModel; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'unspin-lm-test-'));
  writeFileSync(join(dir, 'tiny.lm.bin'), writeTinyTrie());
  compileLanguageModel(join(dir, 'tiny.lm.bin'), join(dir, 'lm.bin'));
  const model = new TrigramModel(readBinFile(join(dir, 'lm.bin')));
  return { model, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

const close = (actual: number, expected: number, msg?: string): void =>
  assert.ok(Math.abs(actual - expected) < 1e-4, `${msg ?? ''} expected ${expected}, got ${actual}`);

test('trie reader: header, counts, vocabulary and unigram values', () => {
  const decoded = decodeSphinxTrie(writeTinyTrie());
  assert.equal(decoded.order, 3);
  assert.deepEqual(decoded.vocab, VOCAB);
  assert.deepEqual(decoded.counts, [5, BI.length, TRI.length]);
  close(decoded.unigramProb[A], -0.7);
  close(decoded.unigramBackoff[C], -0.4);
});

test('trie reader: rejects a file that is not a trie LM, and a truncated one', () => {
  assert.throws(() => decodeSphinxTrie(new Uint8Array(Buffer.from('Darpa Trigram LM and more bytes'))), SphinxTrieFormatError);
  const full = writeTinyTrie();
  assert.throws(() => decodeSphinxTrie(full.subarray(0, full.length - 20)), SphinxTrieFormatError);
});

test('compiled tiny model: stored n-grams come back exactly', () => {
  const { model, cleanup } = tinyModel();
  try {
    for (const [h, w, p] of BI) close(model.logProbIds(-1, h, w), p, `bigram ${VOCAB[h]} ${VOCAB[w]}`);
    for (const [h2, h1, w, p] of TRI) close(model.logProbIds(h2, h1, w), p, `trigram ${VOCAB[h2]} ${VOCAB[h1]} ${VOCAB[w]}`);
    close(model.logProb(null, null, 'b'), -0.9);
    assert.equal(model.matchedOrderIds(BOS, A, B), 3);
    assert.equal(model.matchedOrderIds(C, A, B), 2);
    assert.equal(model.matchedOrderIds(-1, B, A), 1);
  } finally {
    cleanup();
  }
});

test('compiled tiny model: backoff follows the ARPA rules', () => {
  const { model, cleanup } = tinyModel();
  try {
    // Unseen bigram "c a": bo(c) + P(a).
    close(model.logProbIds(-1, C, A), -0.4 + -0.7);
    // Unseen trigram "b a b" with seen bigram "a b": bo(b a) [unseen context -> 0] + P(b|a).
    close(model.logProbIds(B, A, B), -0.3);
    // Unseen trigram "<s> a c" with seen bigram "a c" and seen context "<s> a": bo(<s> a) + P(c|a).
    close(model.logProbIds(BOS, A, C), -0.1 + -0.6);
    // Unseen trigram and unseen bigram: bo(a b) + bo(b) + P(a).
    close(model.logProbIds(A, B, A), -0.25 + -0.2 + -0.7);
    close(model.backoffIds(BOS, A), -0.1);
    close(model.backoffIds(-1, C), -0.4);
  } finally {
    cleanup();
  }
});

test('compiled tiny model: unknown words and sentence markers', () => {
  const { model, cleanup } = tinyModel();
  try {
    assert.equal(model.id('zzz'), -1);
    assert.equal(model.id('A'), A, 'falls back to lower case');
    assert.equal(model.logProb(null, null, 'zzz'), model.oovLogProb);
    assert.ok(model.oovLogProb < -1.2);
    // "<s> a b c </s>" = P(a|<s>) + P(b|<s> a) + P(c|a b) + P(</s>|b c), the last backing off
    // from the unseen trigram to the bigram "c </s>" through bo(b c) = 0.
    const expected = -0.2 + -0.05 + -0.15 + (0 + -0.1);
    close(model.scoreTokens(['a', 'b', 'c']), expected);
    // Without markers: P(a) + P(b|a) + P(c|a b).
    close(model.scoreTokens(['a', 'b', 'c'], { bos: false, eos: false }), -0.7 + -0.3 + -0.15);
    // An unknown word breaks the history: "zzz c" scores c as a unigram.
    close(model.scoreTokens(['zzz', 'c'], { bos: false, eos: false }), model.oovLogProb + -1.2);
  } finally {
    cleanup();
  }
});

// ---- CMU's general-English model --------------------------------------------------------------

test('English LM: vocabulary, markers and unigram priors', async () => {
  const lang = await languageOrExplain();
  const lm = lang.lm;
  const prior = (w: string): number => lang.prior(w);
  assert.ok(lm.vocabSize > 50000);
  assert.equal(lm.word(lm.bosId), '<s>');
  assert.equal(lm.word(lm.eosId), '</s>');
  assert.ok(lm.has('office') && lm.has('Office'));
  assert.ok(!lm.has('qwxzv'));
  assert.ok(lm.unigramLogProb('the') > lm.unigramLogProb('office'));
  assert.ok(lm.unigramLogProb('office') > lm.unigramLogProb('workplace'));
  assert.equal(prior('the'), lm.unigramLogProb('the'));
  assert.ok(prior('in the direction of') < prior('towards'), 'a four-word phrase is rarer than one word');
});

test('English LM: word order and backoff behave like English', async () => {
  const { lm } = await languageOrExplain();
  const pair = (a: string, b: string): number => lm.scoreTokens([a, b], { bos: false, eos: false });
  assert.ok(pair('said', 'the') > pair('the', 'said') + 1);
  assert.ok(pair('of', 'the') > pair('the', 'of') + 1);
  assert.ok(lm.logProb('the', 'united', 'states') > lm.logProb('the', 'united', 'office'));
  // Scoring is the sum of per-word conditionals.
  const words = ['officials', 'said', 'the', 'plan'];
  let manual = lm.logProb(null, '<s>', words[0]) + lm.logProb('<s>', words[0], words[1]);
  for (let i = 2; i < words.length; i++) manual += lm.logProb(words[i - 2], words[i - 1], words[i]);
  manual += lm.logProb(words[2], words[3], '</s>');
  close(lm.scoreTokens(words), manual);
  // Backoff to a bigram when the trigram is absent equals the context backoff plus the bigram.
  const [x, y, z] = ['zebra', 'said', 'the'].map((w) => lm.id(w));
  if (lm.matchedOrderIds(x, y, z) === 2) {
    close(lm.logProbIds(x, y, z), lm.backoffIds(x, y) + lm.logProbIds(-1, y, z));
  }
  assert.ok(lm.scoreTokens('he said the office was closed'.split(' ')) > lm.scoreTokens('he said the closed was office'.split(' ')));
});
