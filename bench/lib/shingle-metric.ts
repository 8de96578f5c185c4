/**
 * The ScrapingHub article-extraction metric (see ../shared/README.md), so our figures compare
 * with the published ones (trafilatura, Readability):
 *   tokens   = Unicode \w+ runs (Python's \w: letters, digits, marks, underscore);
 *   shingles = 4-token windows with counts (a text shorter than 4 tokens is one short shingle,
 *              as in the benchmark's evaluate.py);
 *   per page: tp = sum of min(true, pred) counts, fp = excess predicted, fn = excess true;
 *             precision = tp/(tp+fp) (1 when fp = fn = 0, 0 when tp = fp = 0), recall likewise;
 *   corpus:   mean precision over pages with tp+fp > 0, mean recall over pages with tp+fn > 0,
 *             F1 = harmonic mean of the two means.
 * (Dividing tp, fp and fn by tp+fp+fn, as the README describes, leaves these ratios unchanged.)
 */

const TOKEN = /[\p{L}\p{N}\p{M}_]+/gu;

export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

export function shingles(text: string, n = 4): Map<string, number> {
  const tokens = tokenize(text);
  const counts = new Map<string, number>();
  const last = Math.max(1, tokens.length - n + 1);
  for (let i = 0; i < last; i++) {
    const window = tokens.slice(i, i + n);
    if (window.length === 0) continue;
    // \u0001 cannot occur inside a token, so joined windows are unambiguous keys.
    const key = window.join('\u0001');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

export interface PageScore {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
}

export function scorePage(truth: string, predicted: string): PageScore {
  const t = shingles(truth);
  const p = shingles(predicted);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [k, pc] of p) {
    const tc = t.get(k) ?? 0;
    tp += Math.min(tc, pc);
    fp += Math.max(0, pc - tc);
  }
  for (const [k, tc] of t) fn += Math.max(0, tc - (p.get(k) ?? 0));
  const precision = fp === 0 && fn === 0 ? 1 : tp === 0 && fp === 0 ? 0 : tp / (tp + fp);
  const recall = fp === 0 && fn === 0 ? 1 : tp === 0 && fn === 0 ? 0 : tp / (tp + fn);
  return { tp, fp, fn, precision, recall };
}

export interface CorpusScore {
  precision: number;
  recall: number;
  f1: number;
  pages: number;
}

export function scoreCorpus(pages: readonly PageScore[]): CorpusScore {
  let pSum = 0;
  let pN = 0;
  let rSum = 0;
  let rN = 0;
  for (const s of pages) {
    if (s.tp + s.fp > 0) {
      pSum += s.precision;
      pN++;
    }
    if (s.tp + s.fn > 0) {
      rSum += s.recall;
      rN++;
    }
  }
  const precision = pN > 0 ? pSum / pN : 0;
  const recall = rN > 0 ? rSum / rN : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, pages: pages.length };
}
