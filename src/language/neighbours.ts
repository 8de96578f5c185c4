/**
 * Distributional neighbours: a precomputed top-k table (word -> k nearest words by cosine of
 * GloVe vectors) over the most frequent LM words. Only the table is shipped, not the vectors.
 */
import type { BinFile } from './binfile.js';
import { unpackStrings } from './binfile.js';
import type { Neighbour } from './types.js';

export class NeighbourTable {
  private readonly words: string[];
  private readonly index: Map<string, number>;
  private readonly k: number;
  /** n x k word indices into `words`, -1 padded... stored as u32 with 0xffffffff padding. */
  private readonly ids: Uint32Array;
  /** n x k similarities quantised to 1/32767. */
  private readonly sims: Uint16Array;

  constructor(file: BinFile | null) {
    if (!file) {
      this.words = [];
      this.index = new Map();
      this.k = 0;
      this.ids = new Uint32Array(0);
      this.sims = new Uint16Array(0);
      return;
    }
    this.words = unpackStrings(file.u8('words'));
    this.index = new Map();
    for (let i = 0; i < this.words.length; i++) this.index.set(this.words[i], i);
    this.k = Number(file.meta.k);
    this.ids = file.u32('ids');
    this.sims = file.u16('sims');
  }

  get size(): number {
    return this.words.length;
  }

  get(word: string, k = this.k): Neighbour[] {
    const i = this.index.get(word.toLowerCase());
    if (i === undefined) return [];
    const out: Neighbour[] = [];
    const n = Math.min(k, this.k);
    for (let j = 0; j < n; j++) {
      const id = this.ids[i * this.k + j];
      if (id === 0xffffffff) break;
      out.push({ text: this.words[id], similarity: this.sims[i * this.k + j] / 32767 });
    }
    return out;
  }
}
