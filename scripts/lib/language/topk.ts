/**
 * Top-k nearest neighbours by dot product over unit vectors (cosine), exact or approximate.
 *
 * Exact all-pairs search costs n^2/2 dot products: 20k words x 100 dims is ~2e10
 * multiply-adds, ~30 s of one core in JS. For more words, `clusteredTopK` groups the vectors
 * with a few rounds of spherical k-means and compares each word only with the members of its
 * `probes` nearest clusters: ~n * probes * n / clusters dot products, ~20x fewer at 50k words,
 * at the price of missing some neighbours that fall in other clusters.
 */

export interface TopKResult {
  /** n x k neighbour indices, best first; 0xffffffff where fewer than k pass the floor. */
  ids: Uint32Array;
  /** n x k similarities matching `ids` (-2 where empty). */
  sims: Float32Array;
}

export const NO_NEIGHBOUR = 0xffffffff;

/** Dot product of rows a and b; four accumulators let V8 pipeline the multiply-adds. */
export function dotRows(v: Float32Array, a: number, b: number, dims: number): number {
  const ba = a * dims;
  const bb = b * dims;
  let d0 = 0, d1 = 0, d2 = 0, d3 = 0;
  let d = 0;
  for (; d + 3 < dims; d += 4) {
    d0 += v[ba + d] * v[bb + d];
    d1 += v[ba + d + 1] * v[bb + d + 1];
    d2 += v[ba + d + 2] * v[bb + d + 2];
    d3 += v[ba + d + 3] * v[bb + d + 3];
  }
  for (; d < dims; d++) d0 += v[ba + d] * v[bb + d];
  return d0 + d1 + d2 + d3;
}

function dotWith(v: Float32Array, a: number, c: Float32Array, ci: number, dims: number): number {
  const ba = a * dims;
  const bc = ci * dims;
  let s = 0;
  for (let d = 0; d < dims; d++) s += v[ba + d] * c[bc + d];
  return s;
}

class TopKTable {
  readonly ids: Uint32Array;
  readonly sims: Float32Array;
  constructor(
    n: number,
    private readonly k: number,
  ) {
    this.ids = new Uint32Array(n * k).fill(NO_NEIGHBOUR);
    this.sims = new Float32Array(n * k).fill(-2);
  }
  /** Keeps each row sorted descending; insertion into a short array beats a heap at k ~ 20. */
  insert(row: number, id: number, sim: number): void {
    const k = this.k;
    const base = row * k;
    if (sim <= this.sims[base + k - 1]) return;
    let j = k - 1;
    while (j > 0 && this.sims[base + j - 1] < sim) {
      this.sims[base + j] = this.sims[base + j - 1];
      this.ids[base + j] = this.ids[base + j - 1];
      j--;
    }
    this.sims[base + j] = sim;
    this.ids[base + j] = id;
  }
}

export function exactTopK(v: Float32Array, n: number, dims: number, k: number, floor: number): TopKResult {
  const table = new TopKTable(n, k);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const s = dotRows(v, i, j, dims);
      if (s < floor) continue;
      table.insert(i, j, s);
      table.insert(j, i, s);
    }
  }
  return { ids: table.ids, sims: table.sims };
}

export interface ClusterOptions {
  clusters: number;
  probes: number;
  iterations: number;
}

export function clusteredTopK(v: Float32Array, n: number, dims: number, k: number, floor: number, opts: ClusterOptions): TopKResult {
  const C = Math.max(1, Math.min(opts.clusters, n));
  const P = Math.max(1, Math.min(opts.probes, C));
  // Deterministic seeds spread over the frequency-ordered rows.
  const centroids = new Float32Array(C * dims);
  for (let c = 0; c < C; c++) centroids.set(v.subarray(Math.floor((c * n) / C) * dims, Math.floor((c * n) / C) * dims + dims), c * dims);
  const probeOf = new Int32Array(n * P);
  const probeSim = new Float32Array(P);
  for (let it = 0; it <= opts.iterations; it++) {
    // Assign: the P best clusters of each row (the first is its own cluster).
    for (let i = 0; i < n; i++) {
      probeSim.fill(-Infinity);
      for (let c = 0; c < C; c++) {
        const s = dotWith(v, i, centroids, c, dims);
        if (s <= probeSim[P - 1]) continue;
        let j = P - 1;
        while (j > 0 && probeSim[j - 1] < s) {
          probeSim[j] = probeSim[j - 1];
          probeOf[i * P + j] = probeOf[i * P + j - 1];
          j--;
        }
        probeSim[j] = s;
        probeOf[i * P + j] = c;
      }
    }
    if (it === opts.iterations) break;
    // Update: each centroid becomes the normalised mean of its members (kept if it has none).
    const sums = new Float64Array(C * dims);
    const counts = new Uint32Array(C);
    for (let i = 0; i < n; i++) {
      const c = probeOf[i * P];
      counts[c]++;
      for (let d = 0; d < dims; d++) sums[c * dims + d] += v[i * dims + d];
    }
    for (let c = 0; c < C; c++) {
      if (counts[c] === 0) continue;
      let norm = 0;
      for (let d = 0; d < dims; d++) norm += sums[c * dims + d] ** 2;
      norm = Math.sqrt(norm) || 1;
      for (let d = 0; d < dims; d++) centroids[c * dims + d] = sums[c * dims + d] / norm;
    }
  }
  // Inverted lists by own cluster.
  const start = new Uint32Array(C + 1);
  for (let i = 0; i < n; i++) start[probeOf[i * P] + 1]++;
  for (let c = 0; c < C; c++) start[c + 1] += start[c];
  const members = new Uint32Array(n);
  const fill = start.slice(0, C);
  for (let i = 0; i < n; i++) members[fill[probeOf[i * P]]++] = i;

  const table = new TopKTable(n, k);
  for (let i = 0; i < n; i++) {
    for (let p = 0; p < P; p++) {
      const c = probeOf[i * P + p];
      for (let m = start[c]; m < start[c + 1]; m++) {
        const j = members[m];
        if (j === i) continue;
        const s = dotRows(v, i, j, dims);
        if (s >= floor) table.insert(i, j, s);
      }
    }
  }
  return { ids: table.ids, sims: table.sims };
}
