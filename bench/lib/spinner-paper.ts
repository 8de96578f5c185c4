/**
 * A real spinner's dictionary, for benchmarks only: the one-word swaps seen in the tortured-phrase
 * list (../shared/data/tortured/dev.jsonl), where paper mills ran scientific text through an
 * article spinner ("neural network" -> "neural organization"). Applied to news text it gives a
 * spinner whose choices no simulator rule made: which words it knows, which synonym it picks.
 *
 * Only phrases where exactly one word differs are read, so the alignment is certain; each word
 * keeps the replacement seen in most phrases. Half of the list (even or odd lines, the same split
 * as the tortured-phrase benchmark) makes each dictionary: one may be tuned on, the other is held
 * out. The two share the spinner, and so many swaps. Never shipped: the list's terms say
 * evaluation use only.
 */
import { readFileSync } from 'node:fs';
import { sharedPath } from './shared.js';

const cache = new Map<number, Map<string, string>>();

/** Lower-case word -> the replacement the spinner used for it most often, from the list's even (0) or odd (1) lines; empty when the list is absent. */
export function loadPaperMillSwaps(half: 0 | 1): Map<string, string> {
  const hit = cache.get(half);
  if (hit) return hit;
  const file = sharedPath('data/tortured/dev.jsonl');
  const counts = new Map<string, Map<string, number>>();
  if (file) {
    readFileSync(file, 'utf8').split('\n').filter(Boolean).forEach((line, k) => {
      if (k % 2 !== half) return;
      const item = JSON.parse(line) as { tortured: string; expected: string };
      const spun = item.tortured.toLowerCase().split(/[\s-]+/);
      const orig = item.expected.toLowerCase().split(/[\s-]+/);
      if (spun.length !== orig.length) return;
      const differ = orig.flatMap((w, i) => (w === spun[i] ? [] : [i]));
      if (differ.length !== 1) return;
      const [from, to] = [orig[differ[0]], spun[differ[0]]];
      if (!/^[a-z]{3,}$/.test(from) || !/^[a-z]+$/.test(to)) return;
      const m = counts.get(from) ?? new Map<string, number>();
      m.set(to, (m.get(to) ?? 0) + 1);
      counts.set(from, m);
    });
  }
  const out = new Map<string, string>();
  for (const [from, m] of counts) out.set(from, [...m].sort((a, b) => b[1] - a[1])[0][0]);
  cache.set(half, out);
  return out;
}
