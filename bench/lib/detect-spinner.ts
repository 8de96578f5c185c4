/**
 * A held-out spinner for the detection benchmark, with a dictionary from a different source than
 * the WordNet simulator (bench/lib/spinner.ts): each content word maps to its nearest GloVe
 * neighbour (the language resources' neighbour table), as "AI rewriters" built on word vectors
 * do. Neighbours are often related rather than synonymous (Tuesday -> Wednesday, rose -> fell),
 * which is what such tools produce. No phrase swaps, no number rewriting: only the dictionary.
 * Deterministic for a seed.
 */
import type { Language } from '../../src/language/index.js';
import { hashString, mulberry32 } from './random.js';

const FUNCTION_WORDS = new Set(`a an the and or nor but if then else of to in on at by for with from into onto upon about
 above below over under as than that this these those there here what which who whom whose when where why how is are was
 were be been being am have has had having do does did done doing will would shall should can could may might must not no
 yes it its he him his she her hers they them their theirs we us our ours you your yours me my mine i one ones all any each
 every some such other another more most much many few less least own same so too very just also only even still yet up
 down out off again further once said says say mr mrs ms inc corp co ltd pct mln dlrs billion million`.split(/\s+/));

export interface NeighbourSpinnerOptions {
  seed: number;
  /** Probability of swapping a word the dictionary knows (default 0.45). */
  rate?: number;
  /** Least cosine similarity for a neighbour to be used (default 0.55). */
  minSimilarity?: number;
}

/** Shares a long prefix: an inflection or derivation of the same word, not a swap a spinner makes. */
function sameStem(a: string, b: string): boolean {
  const n = Math.min(a.length, b.length, 5);
  return a.slice(0, n) === b.slice(0, n);
}

export function createNeighbourSpinner(language: Pick<Language, 'neighbours'>, options: NeighbourSpinnerOptions): { spin(text: string): { text: string; changed: number } } {
  const rate = options.rate ?? 0.45;
  const minSim = options.minSimilarity ?? 0.55;
  const dict = new Map<string, string | null>();
  const lookup = (w: string): string | null => {
    let hit = dict.get(w);
    if (hit === undefined) {
      hit = null;
      for (const n of language.neighbours(w, 10)) {
        if (n.similarity < minSim) break;
        if (!/^[a-z]+$/.test(n.text) || FUNCTION_WORDS.has(n.text) || sameStem(n.text, w)) continue;
        hit = n.text;
        break;
      }
      dict.set(w, hit);
    }
    return hit;
  };
  return {
    spin(text: string) {
      const rng = mulberry32(hashString(`${options.seed}:${text.length}:${text.slice(0, 64)}`));
      let changed = 0;
      const out = text.replace(/"[^"\n]{0,2000}"|“[^”\n]{0,2000}”|[A-Za-z]+/g, (m) => {
        if (!/^[A-Za-z]+$/.test(m)) return m; // quoted speech stays
        const lower = m.toLowerCase();
        if (lower.length < 3 || FUNCTION_WORDS.has(lower) || (m !== lower && m !== m[0] + lower.slice(1))) return m;
        const to = lookup(lower);
        if (!to || rng() >= rate) return m;
        changed++;
        return m === lower ? to : to[0].toUpperCase() + to.slice(1);
      });
      return { text: out, changed };
    },
  };
}
