/**
 * Quotes as evidence for tracing: a copy that changed a quotation's words changed what someone
 * said, which is worth reporting on its own. Fingerprints are normalised so that typography
 * (curly vs straight marks, dashes, spacing, case) does not count as a change.
 */
import type { Quote } from '../model.js';

/** Normalised words of a quotation: lower case, letters and digits only, single spaces. */
export function normaliseQuoteText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/['’‘`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** One fingerprint per direct or partial quotation (reported speech is the writer's words). */
export function quoteFingerprints(quotes: Quote[]): string[] {
  return quotes.filter((q) => q.kind !== 'reported').map((q) => normaliseQuoteText(q.text)).filter((s) => s.length > 0);
}

export interface QuoteChange {
  /** The quotation in `a`. */
  quote: Quote;
  /** The closest quotation in `b`, or null when none shares enough words. */
  counterpart: Quote | null;
  /** Share of `a`'s quote words found in order in the counterpart, in [0, 1]. */
  similarity: number;
  change: 'same' | 'altered' | 'missing';
}

export interface QuoteComparison {
  /** True when every quotation of `a` appears in `b` word for word. */
  unchanged: boolean;
  changes: QuoteChange[];
  /** Quotations of `b` that match none in `a`. */
  added: Quote[];
}

function words(q: Quote): string[] {
  const n = normaliseQuoteText(q.text);
  return n ? n.split(' ') : [];
}

/** Longest common subsequence length of two word lists (bounded: quotes are short). */
function lcs(a: string[], b: string[]): number {
  if (a.length * b.length > 4_000_000) return 0;
  let prev = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const cur = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j++) cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
    prev = cur;
  }
  return prev[b.length];
}

/**
 * Compares the quotations of two versions of a text (`a` the one under test, `b` e.g. its
 * source): for each quotation of `a`, whether `b` has it word for word, altered, or not at all.
 * A quotation counts as the same one when at least half its words match in order.
 */
export function compareQuotes(a: Quote[], b: Quote[]): QuoteComparison {
  const qa = a.filter((q) => q.kind !== 'reported');
  const qb = b.filter((q) => q.kind !== 'reported');
  const wb = qb.map(words);
  const exact = new Map<string, number[]>();
  wb.forEach((w, i) => {
    const key = w.join(' ');
    exact.set(key, [...(exact.get(key) ?? []), i]);
  });
  const used = new Set<number>();
  const changes: QuoteChange[] = qa.map((q) => {
    const w = words(q);
    const hit = (exact.get(w.join(' ')) ?? []).find((i) => !used.has(i));
    if (hit !== undefined) {
      used.add(hit);
      return { quote: q, counterpart: qb[hit], similarity: 1, change: 'same' };
    }
    let best = -1;
    let bestSim = 0;
    wb.forEach((other, i) => {
      if (used.has(i) || !w.length) return;
      const sim = lcs(w, other) / Math.max(w.length, other.length);
      if (sim > bestSim) {
        bestSim = sim;
        best = i;
      }
    });
    if (best >= 0 && bestSim >= 0.5) {
      used.add(best);
      return { quote: q, counterpart: qb[best], similarity: bestSim, change: 'altered' };
    }
    return { quote: q, counterpart: null, similarity: bestSim, change: 'missing' };
  });
  const added = qb.filter((_, i) => !used.has(i));
  return { unchanged: changes.every((c) => c.change === 'same'), changes, added };
}
