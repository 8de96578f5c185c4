/**
 * Measures how fast the compiled language resources load and how much memory they take, plus
 * the speed of the calls the restorer makes most. Run: `npm run bench:language`.
 */
import { readFileSync } from 'node:fs';
import { sharedPath } from '../bench/lib/shared.js';
import { loadLanguage } from '../src/language/index.js';
import type { Language } from '../src/language/index.js';
import { createRestorer } from '../src/spin/index.js';

/**
 * Candidate coverage on real spinner output ("tortured phrases" from published papers, with
 * the phrase each replaced): is the expected original among the candidates? Counted for the
 * whole phrase as a key, and word by word (same length, every word kept or among its
 * word's candidates), the way a decoder composes a lattice. Measured only; nothing is tuned on it.
 */
function torturedCoverage(lang: Language, limit: number): string {
  const tortured = sharedPath('data/tortured/dev.jsonl');
  if (!tortured) return `tortured-phrase coverage: ../shared/data/tortured/dev.jsonl absent, skipped`;
  const fold = (s: string): string => s.toLowerCase().replace(/[-\s]+/g, ' ').trim();
  let n = 0;
  let whole = 0;
  let wordwise = 0;
  for (const line of readFileSync(tortured, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const { tortured, expected } = JSON.parse(line) as { tortured: string; expected: string };
    n++;
    const t = fold(tortured);
    const e = fold(expected);
    const wholeHit = lang.reverseCandidates(t, { limit }).some((c) => fold(c.text) === e);
    if (wholeHit) whole++;
    const tw = t.split(' ');
    const ew = e.split(' ');
    const wordHit =
      tw.length === ew.length &&
      tw.some((w, i) => w !== ew[i]) &&
      tw.every((w, i) => w === ew[i] || lang.reverseCandidates(w, { limit }).some((c) => c.text === ew[i]));
    if (wholeHit || wordHit) wordwise++;
  }
  const pct = (k: number): string => `${((100 * k) / n).toFixed(1)}%`;
  return `tortured-phrase candidate coverage (limit ${limit}, n=${n}): whole phrase ${pct(whole)}, whole or word by word ${pct(wordwise)}`;
}

function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(0)} MB`;
}

async function main(): Promise<void> {
  const rssBefore = process.memoryUsage().rss;
  const t0 = performance.now();
  let lang;
  try {
    lang = await loadLanguage();
  } catch (err) {
    process.stdout.write(`bench:language: ${err instanceof Error ? err.message : String(err)}\n`);
    return;
  }
  const loadMs = performance.now() - t0;
  const rssAfter = process.memoryUsage().rss;
  // The engine as a user meets it: resources, the restorer and its detector, first sentence done.
  const restorer = await createRestorer({ language: lang });
  const probe = 'The officials stated that the new workplace would open final month.';
  restorer.detect(probe);
  restorer.restore(probe);
  const engineMs = performance.now() - t0;
  const rssEngine = process.memoryUsage().rss;

  const words = 'the officials said on monday that the new office would open within the next month'.split(' ');
  const ids = words.map((w) => lang.lm.id(w));
  let t = performance.now();
  let sink = 0;
  const rounds = 20000;
  for (let r = 0; r < rounds; r++) {
    for (let i = 2; i < ids.length; i++) sink += lang.lm.logProbIds(ids[i - 2], ids[i - 1], ids[i]);
  }
  const lmNs = ((performance.now() - t) * 1e6) / (rounds * (ids.length - 2));

  t = performance.now();
  const queries = ['stories', 'stated', 'workplace', 'towards', 'purchased', 'children', 'additionally', 'makes an attempt'];
  for (let r = 0; r < 50; r++) for (const q of queries) sink += lang.reverseCandidates(q).length;
  const revMs = (performance.now() - t) / (50 * queries.length);

  t = performance.now();
  for (let r = 0; r < 200; r++) for (let i = 0; i < words.length; i++) sink += lang.phraseStartsAt(words, i).length;
  const phraseUs = ((performance.now() - t) * 1000) / (200 * words.length);

  const rssEnd = process.memoryUsage().rss;
  const lines = [
    `command: npm run bench:language   (node --import tsx scripts/measure-language-load.ts)`,
    `cache: ${lang.info.cacheDir}  parts: ${Object.entries(lang.info.parts).filter(([, v]) => v).map(([k]) => k).join(', ')}`,
    `loadLanguage(): ${loadMs.toFixed(0)} ms; engine ready (plus createRestorer and a first detect + restore): ${engineMs.toFixed(0)} ms, RSS ${mb(rssEngine)}`,
    `RSS: ${mb(rssBefore)} before load, ${mb(rssAfter)} after load, ${mb(rssEnd)} after the calls below (peak ${mb(process.resourceUsage().maxRSS * 1024)})`,
    `lm.logProbIds: ${lmNs.toFixed(0)} ns/call`,
    `reverseCandidates (uncached, limit 50): ${revMs.toFixed(2)} ms/call`,
    `phraseStartsAt: ${phraseUs.toFixed(1)} us/call`,
    `(checksum ${sink.toFixed(1)})`,
    torturedCoverage(lang, 50),
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

void main();
