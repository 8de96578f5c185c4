/**
 * Collects (spun key, original, weight, source) evidence as growable typed arrays, then groups it
 * by key with a counting sort: millions of pairs without millions of small objects.
 */

export class Interner {
  readonly ids = new Map<string, number>();
  readonly strings: string[] = [];
  id(s: string): number {
    let id = this.ids.get(s);
    if (id === undefined) {
      id = this.strings.length;
      this.strings.push(s);
      this.ids.set(s, id);
    }
    return id;
  }
}

export class PairCollector {
  private key = new Uint32Array(1 << 20);
  private orig = new Uint32Array(1 << 20);
  private weight = new Float32Array(1 << 20);
  private source = new Uint8Array(1 << 20);
  size = 0;

  add(key: number, orig: number, weight: number, source: number): void {
    if (key === orig) return;
    if (this.size === this.key.length) this.grow();
    const i = this.size++;
    this.key[i] = key;
    this.orig[i] = orig;
    this.weight[i] = weight;
    this.source[i] = source;
  }

  private grow(): void {
    const n = this.key.length * 2;
    const k = new Uint32Array(n); k.set(this.key); this.key = k;
    const o = new Uint32Array(n); o.set(this.orig); this.orig = o;
    const w = new Float32Array(n); w.set(this.weight); this.weight = w;
    const s = new Uint8Array(n); s.set(this.source); this.source = s;
  }

  /**
   * Calls `visit(key, entries)` once per key with its merged originals: evidence for the same
   * (key, original) is combined by noisy-or (1 - prod(1 - w)) and sources are OR-ed.
   */
  forEachKey(nKeys: number, visit: (key: number, entries: { orig: number; weight: number; sources: number }[]) => void): void {
    const start = new Uint32Array(nKeys + 1);
    for (let i = 0; i < this.size; i++) start[this.key[i] + 1]++;
    for (let k = 0; k < nKeys; k++) start[k + 1] += start[k];
    const order = new Uint32Array(this.size);
    const fill = start.slice(0, nKeys);
    for (let i = 0; i < this.size; i++) order[fill[this.key[i]]++] = i;
    for (let k = 0; k < nKeys; k++) {
      if (start[k] === start[k + 1]) continue;
      const merged = new Map<number, { orig: number; weight: number; sources: number }>();
      for (let j = start[k]; j < start[k + 1]; j++) {
        const i = order[j];
        const o = this.orig[i];
        const e = merged.get(o);
        if (e) {
          e.weight = 1 - (1 - e.weight) * (1 - this.weight[i]);
          e.sources |= this.source[i];
        } else merged.set(o, { orig: o, weight: this.weight[i], sources: this.source[i] });
      }
      visit(k, [...merged.values()]);
    }
  }
}
