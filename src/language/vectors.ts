/**
 * Word vectors for the most frequent words (GloVe, 8 bits per dimension with a scale per word): cosine
 * similarity of any two of them, e.g. how close a replacement is to the spun word, or how well
 * the words of a phrase belong together ("neural" and "network" far more than "neural" and
 * "organization"). The neighbour table keeps only each word's top 20; this keeps the vectors.
 */
import type { BinFile } from './binfile.js';
import { unpackStrings } from './binfile.js';
import type { Neighbour } from './types.js';

export class VectorTable {
  private readonly packedWords: Uint8Array | null;
  private index: Map<string, number> | null = null;
  private list: string[] = [];
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
      this.list = this.packedWords ? unpackStrings(this.packedWords) : [];
      this.index = new Map(this.list.map((w, i) => [w, i]));
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

  /**
   * The k words whose vectors are closest to the word's (cosine, best first), searched among the
   * `within` most frequent words (the table is in frequency order); [] when the word has none.
   * A full scan (about 3 ms for 30,000 words): for occasional look-ups, not per token of a text.
   */
  nearest(word: string, k: number, within = Infinity): Neighbour[] {
    const idx = this.words();
    const i = idx.get(word);
    if (i === undefined || k <= 0) return [];
    const d = this.dims;
    const n = Math.min(this.list.length, within);
    const vecs = this.vecs;
    const scales = this.scales;
    const v = vecs.subarray(i * d, i * d + d);
    // Keep the best k in a small sorted array (k is small next to n).
    const bestIds: number[] = [];
    const bestDots: number[] = [];
    let floor = -Infinity;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      let dot = 0;
      for (let t = 0, y = j * d; t < d; t++, y++) dot += v[t] * vecs[y];
      const cos = dot * scales[j];
      if (bestIds.length >= k && cos <= floor) continue;
      let at = bestDots.length;
      while (at > 0 && bestDots[at - 1] < cos) at--;
      bestDots.splice(at, 0, cos);
      bestIds.splice(at, 0, j);
      if (bestIds.length > k) {
        bestDots.pop();
        bestIds.pop();
      }
      if (bestIds.length >= k) floor = bestDots[bestDots.length - 1];
    }
    return bestIds.map((j, r) => ({ text: this.list[j], similarity: bestDots[r] * this.scales[i] }));
  }

  /**
   * The mean of the unit vectors of those words that have one (null when none do): a text's
   * topic, to hold single words against with `cosineTo`.
   */
  centroid(words: Iterable<string>): Float32Array | null {
    const idx = this.words();
    const d = this.dims;
    const sum = new Float32Array(d);
    let n = 0;
    for (const w of words) {
      const i = idx.get(w);
      if (i === undefined) continue;
      const sc = this.scales[i];
      for (let k = 0, x = i * d; k < d; k++, x++) sum[k] += this.vecs[x] * sc;
      n++;
    }
    if (n === 0) return null;
    for (let k = 0; k < d; k++) sum[k] /= n;
    return sum;
  }

  /** Dot product of the word's unit vector with a centroid: its mean cosine with the centroid's words. Null without a vector. */
  cosineTo(word: string, centroid: Float32Array): number | null {
    const i = this.words().get(word);
    if (i === undefined || centroid.length !== this.dims) return null;
    const d = this.dims;
    let dot = 0;
    for (let k = 0, x = i * d; k < d; k++, x++) dot += this.vecs[x] * centroid[k];
    return dot * this.scales[i];
  }
}
