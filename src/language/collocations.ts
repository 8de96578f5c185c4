/**
 * Which word pairs and phrases are fixed expressions of English, from sources other than the
 * news LM: bigrams of WordNet's glosses and example sentences (a small definitional corpus that
 * covers science and technical senses: "neural network", "surface area") and the word pairs
 * inside multi-word entries of WordNet and Moby ("decision tree", "fuzzy logic"). Used to judge a
 * restored phrase as a term, where the news LM only knows news collocations.
 *
 * Keys are 32-bit hashes of "a b" (and of whole phrases), sorted for binary search: ~600k pairs
 * in a few MB. A hash collision (about 1 in 7,000 lookups of an unknown pair) only adds a weak
 * feature to one candidate.
 */
import type { BinFile } from './binfile.js';
import { findSorted } from './sorted.js';

/** FNV-1a over UTF-16 code units; the build and the reader must agree. */
export function phraseHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export interface PairCounts {
  /** How often the two words stand together in WordNet's glosses and examples. */
  gloss: number;
  /** In how many multi-word dictionary entries (WordNet, Moby) they stand together. */
  lexicon: number;
}

export class CollocationTable {
  private readonly pairKeys: Uint32Array;
  private readonly pairGloss: Uint16Array;
  private readonly pairLexicon: Uint16Array;
  private readonly phraseKeys: Uint32Array;

  constructor(file: BinFile | null) {
    this.pairKeys = file ? file.u32('pairKeys') : new Uint32Array(0);
    this.pairGloss = file ? file.u16('pairGloss') : new Uint16Array(0);
    this.pairLexicon = file ? file.u16('pairLexicon') : new Uint16Array(0);
    this.phraseKeys = file ? file.u32('phraseKeys') : new Uint32Array(0);
  }

  get size(): number {
    return this.pairKeys.length;
  }

  pair(a: string, b: string): PairCounts {
    const i = findSorted(this.pairKeys, phraseHash(`${a} ${b}`));
    return i < 0 ? { gloss: 0, lexicon: 0 } : { gloss: this.pairGloss[i], lexicon: this.pairLexicon[i] };
  }

  /** Whether the lower-case phrase (words separated by single spaces) is a multi-word dictionary entry. */
  isEntry(phrase: string): boolean {
    return phrase.includes(' ') && findSorted(this.phraseKeys, phraseHash(phrase)) >= 0;
  }
}
