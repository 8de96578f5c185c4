/** The tortured-phrase part of `npm run bench:restore` (also alone: `-- --tortured`). */
import { readFileSync } from 'node:fs';
import type { Restorer } from '../../src/spin/index.js';
import type { Language } from '../../src/language/index.js';
import { sharedPath } from './shared.js';

/** Tortured phrases, each restored alone (measured only; nothing is chosen on them). */
export function torturedBench(plain: Restorer, language: Language, opts: { quick: boolean; say: (name: string, value: string) => void }): void {
  const { quick, say } = opts;
  const fmt = (x: number) => x.toFixed(3);
  const torturedPath = sharedPath('data/tortured/dev.jsonl');
  if (torturedPath) {
    const fold = (s: string) => s.toLowerCase().replace(/[-\s]+/g, ' ').trim();
    const items = readFileSync(torturedPath, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { tortured: string; expected: string });
    const sample = quick ? items.slice(0, 500) : items;
    let top1 = 0;
    let covered = 0;
    let resourceCovered = 0;
    for (const it of sample) {
      const exp = fold(it.expected);
      const r = plain.restorePhrase(it.tortured);
      if (fold(r.text) === exp) top1++;
      if (r.candidates.some((c) => fold(c) === exp)) covered++;
      // Looser: could the resources produce it at all (whole phrase, or word by word)?
      const whole = language.reverseCandidates(fold(it.tortured), { limit: 50 }).map((c) => fold(c.text));
      let ok = whole.includes(exp);
      if (!ok) {
        const tw = fold(it.tortured).split(' ');
        const ew = exp.split(' ');
        if (tw.length === ew.length) {
          ok = tw.every((w, k) => w === ew[k] || language.reverseCandidates(w, { limit: 50 }).some((c) => fold(c.text) === ew[k]));
        }
      }
      if (ok) resourceCovered++;
    }
    say(`tortured phrases (${sample.length}): top-1 exact`, fmt(top1 / sample.length));
    say('tortured phrases: candidate coverage (restorer\'s candidates)', fmt(covered / sample.length));
    say('tortured phrases: coverage by the resources (top-50 per word)', fmt(resourceCovered / sample.length));
  }

}
