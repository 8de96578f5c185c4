/**
 * Word error rate as defined in ../shared/README.md: token-level Levenshtein distance divided by
 * the number of original tokens; tokens are lowercase word runs and single punctuation marks.
 */

/** Lowercase word runs (Unicode letters, digits, underscore) and single punctuation marks. */
export function werTokens(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}_]+|[^\p{L}\p{N}_\s]/gu) ?? []);
}

/** Levenshtein distance over token arrays, O(n·m) time and O(m) memory. */
export function editDistance(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev = new Uint32Array(b.length + 1);
  let cur = new Uint32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    const ai = a[i - 1];
    for (let j = 1; j <= b.length; j++) {
      const sub = prev[j - 1] + (ai === b[j - 1] ? 0 : 1);
      const del = prev[j] + 1;
      const ins = cur[j - 1] + 1;
      cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

/** Errors (edit distance) and the original's token count, so corpus WER can be summed. */
export function werCounts(original: string, hypothesis: string): { errors: number; tokens: number } {
  const ref = werTokens(original);
  return { errors: editDistance(ref, werTokens(hypothesis)), tokens: ref.length };
}

export function wer(original: string, hypothesis: string): number {
  const { errors, tokens } = werCounts(original, hypothesis);
  return tokens === 0 ? (errors === 0 ? 0 : 1) : errors / tokens;
}
