/**
 * Word vectors for the most frequent words (GloVe, 8 bits per dimension with a scale per word): cosine
 * similarity of any two of them, e.g. how close a replacement is to the spun word, or how well
 * the words of a phrase belong together ("neural" and "network" far more than "neural" and
 * "organization"). The neighbour table keeps only each word's top 20; this keeps the vectors.
 */
import type { BinFile } from './binfile.js';
import { unpackStrings } from './binfile.js';

export class VectorTable {
  private readonly packedWords: Uint8Array | null;
  private index: Map<string, number> | null = null;
  private readonly vecs: Int8Array;
  /** Per-word factor back from 8-bit steps to unit length (each vector uses its own full range). */
  private readonly scales: Float32Array;
  readonly dims: number;

  constructor(file: BinFile | null) {
    if (!file) {
      this.packedWords = null;
      this.vecs = new Int8Array(0);
      this.scales = new Float32Array(0);
      this.dims = 0;
      return;
    }
    this.packedWords = file.u8('words');
    const raw = file.u8('vectors');
    this.vecs = new Int8Array(raw.buffer, raw.byteOffset, raw.length);
    this.scales = file.f32('scales');
    this.dims = Number(file.meta.dims);
  }

  /** The word index is built on first use: engines that never ask pay nothing at load. */
  private words(): Map<string, number> {
    if (!this.index) {
      const list = this.packedWords ? unpackStrings(this.packedWords) : [];
      this.index = new Map(list.map((w, i) => [w, i]));
    }
    return this.index;
  }

  get size(): number {
    return this.words().size;
  }

  has(word: string): boolean {
    return this.words().has(word);
  }

  /** Cosine of the two words' vectors (quantised unit vectors), null when either has none. */
  cosine(a: string, b: string): number | null {
    const idx = this.words();
    const i = idx.get(a);
    const j = idx.get(b);
    if (i === undefined || j === undefined) return null;
    const d = this.dims;
    let dot = 0;
    for (let k = 0, x = i * d, y = j * d; k < d; k++, x++, y++) dot += this.vecs[x] * this.vecs[y];
    return dot * this.scales[i] * this.scales[j];
  }
}
