/**
 * Reader for the sphinxbase / pocketsphinx "Trie Language Model" binary format (`*.lm.bin`),
 * written from the format's description, used at build time to convert CMU's model.
 *
 * Layout (little-endian):
 *   "Trie Language Model" (19 bytes, no NUL) | u8 order | u32 counts[order]
 *   i32 (unused) | quantisation tables: per middle order a 2^16 prob table and a 2^16 backoff
 *   table, then a 2^16 prob table for the longest order (f32, ascending, log base 1.0001)
 *   unigrams: (counts[0] + 1) x {f32 prob, f32 backoff, u32 next}
 *   bit-packed middle arrays (one per order 2..order-1), then the longest array
 *   i32 byte length | NUL-terminated words, in id order.
 *
 * The trie is keyed backwards: the path for the n-gram "a b c" is c -> b -> a, so a unigram's
 * `next` range lists the histories that precede it. A middle entry packs
 * {word, backoff index (16 bits), prob index (16 bits), next pointer}; a longest entry packs
 * {word, prob index}. Each entry's bits start at index * entryBits; a field is read as a
 * little-endian u32 at its byte, shifted by the bit remainder. Arrays carry one extra entry so
 * that entry i's `next` range ends at entry i+1's pointer.
 */

export const SPHINX_TRIE_HEADER = 'Trie Language Model';
/** sphinxbase stores log probabilities in log base 1.0001; multiply to get log10. */
export const LOG10_OF_SPHINX_BASE = Math.log10(1.0001);

const QUANT_BITS = 16;
const QUANT_BINS = 1 << QUANT_BITS;

/** One decoded middle order (bigrams for a trigram model). */
export interface TrieMiddle {
  word: Uint32Array;
  probIndex: Uint16Array;
  backoffIndex: Uint16Array;
  /** Length entries + 1: children of entry i are next[i] .. next[i+1]. */
  next: Uint32Array;
  probTable: Float32Array;
  backoffTable: Float32Array;
}

export interface TrieLongest {
  word: Uint32Array;
  probIndex: Uint16Array;
  probTable: Float32Array;
}

export interface DecodedTrieModel {
  order: number;
  counts: number[];
  vocab: string[];
  /** log10, length counts[0] (the sentinel entry is dropped). */
  unigramProb: Float32Array;
  unigramBackoff: Float32Array;
  /** Length counts[0] + 1. */
  unigramNext: Uint32Array;
  middles: TrieMiddle[];
  longest: TrieLongest;
}

function requiredBits(maxValue: number): number {
  let v = maxValue >>> 0;
  if (v === 0) return 0;
  let bits = 1;
  while ((v >>>= 1) !== 0) bits++;
  return bits;
}

/** Byte size sphinxbase allocates for an array: one extra entry, rounded up, plus 8 bytes of slack. */
function arrayBytes(entries: number, totalBits: number): number {
  return Math.floor(((1 + entries) * totalBits + 7) / 8) + 8;
}

class BitReader {
  private readonly view: DataView;
  constructor(bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  /** Reads `bits` (<= 25) bits starting at absolute bit offset `bitOffset`. */
  read(bitOffset: number, bits: number): number {
    const byte = Math.floor(bitOffset / 8);
    const shift = bitOffset % 8;
    const mask = bits === 32 ? 0xffffffff : (1 << bits) - 1;
    return ((this.view.getUint32(byte, true) >>> shift) & mask) >>> 0;
  }
}

export class SphinxTrieFormatError extends Error {}

export function decodeSphinxTrie(file: Uint8Array): DecodedTrieModel {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const header = Buffer.from(file.buffer, file.byteOffset, SPHINX_TRIE_HEADER.length).toString('latin1');
  if (header !== SPHINX_TRIE_HEADER) {
    throw new SphinxTrieFormatError('not a sphinxbase trie language model (header mismatch)');
  }
  let pos = SPHINX_TRIE_HEADER.length;
  const order = view.getUint8(pos);
  pos += 1;
  if (order < 2 || order > 6) throw new SphinxTrieFormatError(`unsupported n-gram order ${order}`);
  const counts: number[] = [];
  for (let i = 0; i < order; i++, pos += 4) counts.push(view.getUint32(pos, true));
  pos += 4; // unused int written before the quantiser tables

  const readFloats = (n: number): Float32Array => {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++, pos += 4) out[i] = view.getFloat32(pos, true) * LOG10_OF_SPHINX_BASE;
    return out;
  };
  for (let i = 1; i < order; i++) {
    if (counts[i] >= 1 << 25) throw new SphinxTrieFormatError('n-gram counts above 2^25 are not supported');
  }
  const middleTables: { prob: Float32Array; backoff: Float32Array }[] = [];
  for (let i = 0; i < order - 2; i++) {
    const prob = readFloats(QUANT_BINS);
    const backoff = readFloats(QUANT_BINS);
    middleTables.push({ prob, backoff });
  }
  const longestTable = readFloats(QUANT_BINS);

  const nUni = counts[0];
  const unigramProb = new Float32Array(nUni);
  const unigramBackoff = new Float32Array(nUni);
  const unigramNext = new Uint32Array(nUni + 1);
  for (let i = 0; i <= nUni; i++, pos += 12) {
    if (i < nUni) {
      unigramProb[i] = view.getFloat32(pos, true) * LOG10_OF_SPHINX_BASE;
      unigramBackoff[i] = view.getFloat32(pos + 4, true) * LOG10_OF_SPHINX_BASE;
    }
    unigramNext[i] = view.getUint32(pos + 8, true);
  }

  const wordBits = requiredBits(nUni);
  const middles: TrieMiddle[] = [];
  // The header's counts may exceed what was inserted (CMU's en-us model lists 58 bigrams more
  // than exist); the parent level's final pointer is the real size. The arrays are sized by the
  // header counts, so those still decide the byte layout.
  let effective = unigramNext[nUni];
  for (let o = 2; o < order; o++) {
    const entries = effective;
    const nextBits = requiredBits(counts[o]);
    const totalBits = wordBits + 2 * QUANT_BITS + nextBits;
    const bytes = arrayBytes(counts[o - 1], totalBits);
    if (pos + bytes > file.length) throw new SphinxTrieFormatError('file truncated in n-gram arrays');
    const bits = new BitReader(file.subarray(pos, pos + bytes));
    const word = new Uint32Array(entries);
    const probIndex = new Uint16Array(entries);
    const backoffIndex = new Uint16Array(entries);
    const next = new Uint32Array(entries + 1);
    for (let i = 0; i <= entries; i++) {
      const at = i * totalBits;
      if (i < entries) {
        word[i] = bits.read(at, wordBits);
        backoffIndex[i] = bits.read(at + wordBits, QUANT_BITS);
        probIndex[i] = bits.read(at + wordBits + QUANT_BITS, QUANT_BITS);
      }
      next[i] = bits.read(at + wordBits + 2 * QUANT_BITS, nextBits);
    }
    const tables = middleTables[o - 2];
    middles.push({ word, probIndex, backoffIndex, next, probTable: tables.prob, backoffTable: tables.backoff });
    pos += bytes;
    effective = next[entries];
  }
  const nLong = effective;
  const longBits = wordBits + QUANT_BITS;
  const longBytes = arrayBytes(counts[order - 1], longBits);
  if (pos + longBytes > file.length) throw new SphinxTrieFormatError('file truncated in longest n-grams');
  const lbits = new BitReader(file.subarray(pos, pos + longBytes));
  const lword = new Uint32Array(nLong);
  const lprob = new Uint16Array(nLong);
  for (let i = 0; i < nLong; i++) {
    const at = i * longBits;
    lword[i] = lbits.read(at, wordBits);
    lprob[i] = lbits.read(at + wordBits, QUANT_BITS);
  }
  pos += longBytes;
  sortLeafRanges(middles.length ? middles[middles.length - 1].next : unigramNext, lword, lprob);

  if (pos + 4 > file.length) throw new SphinxTrieFormatError('file truncated before vocabulary');
  const vocabBytes = view.getInt32(pos, true);
  pos += 4;
  if (pos + vocabBytes !== file.length) {
    throw new SphinxTrieFormatError(`vocabulary size mismatch (${pos + vocabBytes} vs ${file.length})`);
  }
  const vocabText = Buffer.from(file.buffer, file.byteOffset + pos, vocabBytes).toString('utf8');
  const vocab = vocabText.split('\0');
  if (vocab[vocab.length - 1] === '') vocab.pop();
  if (vocab.length !== nUni) {
    throw new SphinxTrieFormatError(`vocabulary has ${vocab.length} words, expected ${nUni}`);
  }
  return {
    order,
    counts,
    vocab,
    unigramProb,
    unigramBackoff,
    unigramNext,
    middles,
    longest: { word: lword, probIndex: lprob, probTable: longestTable },
  };
}

/**
 * Lookups binary-search each child range, so it must be sorted by word id. A few ranges of CMU's
 * model are not (24 of ~1.5M trigrams), which would hide those n-grams; leaves carry no child
 * pointers, so their ranges can be sorted in place.
 */
function sortLeafRanges(parentNext: Uint32Array, word: Uint32Array, prob: Uint16Array): void {
  for (let p = 0; p + 1 < parentNext.length; p++) {
    const begin = parentNext[p];
    const end = parentNext[p + 1];
    let sorted = true;
    for (let j = begin + 1; j < end; j++) {
      if (word[j] < word[j - 1]) { sorted = false; break; }
    }
    if (sorted) continue;
    const pairs: [number, number][] = [];
    for (let j = begin; j < end; j++) pairs.push([word[j], prob[j]]);
    pairs.sort((a, b) => a[0] - b[0]);
    for (let j = begin; j < end; j++) {
      word[j] = pairs[j - begin][0];
      prob[j] = pairs[j - begin][1];
    }
  }
}
