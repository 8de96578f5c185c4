/**
 * Source tracing benchmark (issue 4). Needs ../shared/data/reuters/train.jsonl.
 *
 *   npm run bench:trace                      # 1,000 copies x 2 spinner settings, 1,000 negatives
 *   npm run bench:trace -- --scale 200000    # then grow the index to 200k articles
 *   options: --copies N --negatives N --no-language --keep (keep the temp database) --verbose
 *            --dump FILE (every judged candidate's evidence, one JSON line each)
 *
 * Index: all Reuters articles except 1,000 held out (chosen by a seeded shuffle among articles
 * of at least 60 words), added through the real `index add` pipeline (JSONL -> records ->
 * fingerprints -> SQLite). Copies: 1,000 indexed articles, each made into one of four kinds of
 * copy by the spinner simulator (bench/lib/spinner.ts), under two settings (personalities
 * rotated; setting B with other seeds and a heavier swap rate):
 *   spun-full        the whole text spun, page chrome around it
 *   spun-head        the first ~150 words, spun
 *   spun-paragraphs  two or three paragraphs from the middle, spun
 *   light-edit       lightly spun (rate 0.1), one paragraph dropped, a "READ MORE" line added
 * A third setting (C, seeds 31-34, personality 'wordy' only, phrase rate 1.0) was never looked at
 * while tuning: it is the held-out spinner.
 * Negatives: held-out articles (not indexed) that are not copies of any indexed article. Reuters
 * re-sends stories and rewrites its own copy, so some held-out articles ARE copies of an indexed
 * one, and calling them copies is right. They are excluded by a test independent of the tracer:
 * brute-force word 8-gram containment against every indexed article (>= 0.3 of the negative's
 * 8-grams verbatim in one article) or an identical normalised body. The held-out pool is drawn
 * larger than --negatives so that --negatives clean ones remain; the old figures (the first
 * --negatives of the pool, excluded ones included) are still reported. What remains are the
 * hard negatives the verdict must refuse: templated reports and follow-ups of the same story.
 * Metrics (../shared/README.md): recall@1 of the true source with a copy verdict, and the rate
 * of copy verdicts (verbatim/spun/partial) on negatives.
 */
import { createReadStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { extract } from '../src/extract/index.js';
import { addInputs } from '../src/index/add.js';
import { openStore } from '../src/index/index.js';
import { contentHash, normaliseText, recordFromText } from '../src/index/records.js';
import type { ArticleStore } from '../src/index/store.js';
import type { Article } from '../src/model.js';
import { isCopyVerdict, traceDetailed, type Lexicon, type TraceMatch } from '../src/trace/index.js';
import { createSpinner, PERSONALITIES, type Spinner } from './lib/spinner.js';
import { sharedPath } from './lib/shared.js';
import { mulberry32 as rng } from './lib/random.js';

interface Reuters { id: string; title: string; date: string; body: string }
type CopyKind = 'spun-full' | 'spun-head' | 'spun-paragraphs' | 'light-edit';
const KINDS: CopyKind[] = ['spun-full', 'spun-head', 'spun-paragraphs', 'light-edit'];

const args = process.argv.slice(2);
const argValue = (name: string, dflt: number): number => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const COPIES = argValue('--copies', 1000);
const NEGATIVES = argValue('--negatives', 1000);
const SCALE = argValue('--scale', 0);
const USE_LANGUAGE = !args.includes('--no-language');
const KEEP = args.includes('--keep');
const CANDIDATES = argValue('--candidates', 8);
const VERBOSE = args.includes('--verbose');
const DUMP = args.includes('--dump') ? args[args.indexOf('--dump') + 1] : null;
const dumpLines: string[] = [];
const MIN_WORDS = 60;

function shuffle<T>(xs: T[], r: () => number): T[] {
  const a = xs.slice();
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

const words = (t: string): number => (t.match(/\S+/g) ?? []).length;
const paragraphs = (t: string): string[] => t.split(/\n\n+/).filter((p) => p.trim() !== '');

function headWords(text: string, n: number): string {
  const re = /\S+/g;
  let count = 0;
  let end = text.length;
  for (const m of text.matchAll(re)) {
    count++;
    if (count >= n && /[.!?]["”']?$/.test(m[0])) { end = m.index + m[0].length; break; }
  }
  return text.slice(0, end);
}

function makeCopy(kind: CopyKind, text: string, spinner: Spinner, light: Spinner, r: () => number, otherTitle: string): string {
  const paras = paragraphs(text);
  const chrome = (body: string): string => `Home | Business | Markets\n\n${body}\n\nShare this article\n\nRelated: ${otherTitle}`;
  switch (kind) {
    case 'spun-full': return chrome(spinner.spin(text).text);
    case 'spun-head': return chrome(spinner.spin(headWords(text, 150)).text);
    case 'spun-paragraphs': {
      if (paras.length < 4) return spinner.spin(headWords(text, 150)).text;
      const start = 1 + Math.floor(r() * (paras.length - 3));
      return chrome(spinner.spin(paras.slice(start, start + 2 + Math.floor(r() * 2)).join('\n\n')).text);
    }
    case 'light-edit': {
      const kept = paras.length > 3 ? paras.filter((_, i) => i !== 1 + Math.floor(r() * (paras.length - 2))) : paras;
      const at = Math.max(1, Math.floor(kept.length / 2));
      kept.splice(at, 0, `READ MORE: ${otherTitle}`);
      return light.spin(kept.join('\n\n')).text;
    }
  }
}

async function readReuters(file: string): Promise<Reuters[]> {
  const out: Reuters[] = [];
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    if (line.trim()) out.push(JSON.parse(line) as Reuters);
  }
  return out;
}

function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
}

const fmt = (x: number, d = 3): string => x.toFixed(d);

function articleOf(id: string, text: string): Article {
  return extract({ id, text, fetchedAt: new Date().toISOString() });
}

interface QueryOutcome { ms: number; cpuMs: number; top: TraceMatch | undefined; matches: TraceMatch[] }
interface Times { wall: number[]; cpu: number[] }

async function runQuery(store: ArticleStore, id: string, text: string, lexicon: Lexicon | null, dump?: Record<string, unknown>): Promise<QueryOutcome> {
  const article = articleOf(id, text);
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const res = await traceDetailed(article, store, { lexicon, includeUnrelated: DUMP !== null && dump !== undefined, limit: 8, candidates: CANDIDATES });
  const cpu = process.cpuUsage(c0);
  const ms = performance.now() - t0;
  if (DUMP && dump) {
    for (const m of res.matches) {
      const extra = dump.set === 'negative' ? { containment8: containment(text, (await store.get(m.id))?.text ?? '', 8) } : { isSource: m.id === dump.sourceId };
      dumpLines.push(JSON.stringify({ ...dump, match: m.id, verdict: m.verdict, ...m.evidence, ...extra }));
    }
  }
  const shown = res.matches.filter((m) => m.verdict !== 'unrelated');
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, top: shown[0], matches: shown };
}

function wordGrams(t: string, n: number): string[] {
  const w = t.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  const out: string[] = [];
  for (let i = 0; i + n <= w.length; i++) out.push(w.slice(i, i + n).join(' '));
  return out;
}

/** Share of a's word n-grams found in b: an independent measure of verbatim text reuse. */
function containment(a: string, b: string, n: number): number {
  const ga = wordGrams(a, n);
  if (ga.length === 0) return 0;
  const gb = new Set(wordGrams(b, n));
  return ga.filter((g) => gb.has(g)).length / ga.length;
}

const REUSE_GRAM = 8;
const REUSE_CONTAINMENT = 0.3;

function gramHash(g: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < g.length; i++) { h ^= g.charCodeAt(i); h = Math.imul(h, 0x01000193); }
  return h >>> 0;
}

/**
 * For each candidate negative, the largest share of its distinct word 8-grams found verbatim in
 * any one indexed article, by brute force over the whole index (an inverted index of 8-gram
 * hashes; a hash collision can only over-exclude). Nothing here uses the tracer.
 */
function maxContainment(candidates: Reuters[], indexed: Reuters[]): { value: number; id: string | null }[] {
  const postings = new Map<number, number[]>();
  indexed.forEach((a, idx) => {
    for (const h of new Set(wordGrams(normaliseText(a.body), REUSE_GRAM).map(gramHash))) {
      const l = postings.get(h);
      if (l) l.push(idx); else postings.set(h, [idx]);
    }
  });
  return candidates.map((c) => {
    const grams = new Set(wordGrams(normaliseText(c.body), REUSE_GRAM).map(gramHash));
    const counts = new Map<number, number>();
    for (const h of grams) for (const idx of postings.get(h) ?? []) counts.set(idx, (counts.get(idx) ?? 0) + 1);
    let best = 0;
    let bestIdx = -1;
    for (const [idx, n] of counts) if (n > best) { best = n; bestIdx = idx; }
    return { value: grams.size ? best / grams.size : 0, id: bestIdx >= 0 ? indexed[bestIdx].id : null };
  });
}

interface CopyCase { sourceId: string; kind: CopyKind; text: string }

type Setting = 'A' | 'B' | 'C';
const SETTING_LABELS: Record<Setting, string> = {
  A: 'A (default rates, personalities rotated, seeds 11-14)',
  B: 'B (swap rate 0.7, personalities rotated, seeds 21-24)',
  C: "C (held out: 'wordy' only, phrase rate 1.0, seeds 31-34)",
};

function buildCopies(sources: Reuters[], setting: Setting, titles: string[]): CopyCase[] {
  const seeds = { A: [11, 12, 13, 14], B: [21, 22, 23, 24], C: [31, 32, 33, 34] }[setting];
  const rate = setting === 'B' ? 0.7 : undefined;
  const personalities = setting === 'C' ? seeds.map(() => 'wordy' as const) : PERSONALITIES;
  const phraseRate = setting === 'C' ? 1 : undefined;
  const spinners = personalities.map((p, i) => createSpinner({ seed: seeds[i], personality: p, rate, phraseRate }));
  const lights = personalities.map((p, i) => createSpinner({ seed: seeds[i] + 100, personality: p, rate: 0.1 }));
  const r = rng({ A: 7, B: 8, C: 9 }[setting]);
  return sources.map((s, i) => {
    const kind = KINDS[i % KINDS.length];
    const k = (i + (setting === 'B' ? 1 : 0)) % spinners.length;
    return { sourceId: s.id, kind, text: makeCopy(kind, normaliseText(s.body), spinners[k], lights[k], r, titles[(i * 7919) % titles.length]) };
  });
}

async function evaluateCopies(store: ArticleStore, cases: CopyCase[], lexicon: Lexicon | null, label: string): Promise<Times> {
  const byKind = new Map<CopyKind, { n: number; hit: number; found: number; dupHit: number }>();
  const times: Times = { wall: [], cpu: [] };
  let hit = 0;
  let dupHits = 0;
  const misses: string[] = [];
  for (const c of cases) {
    const q = await runQuery(store, `copy-of-${c.sourceId}`, c.text, lexicon, { set: label.slice(0, 1), kind: c.kind, sourceId: c.sourceId });
    times.wall.push(q.ms);
    times.cpu.push(q.cpuMs);
    const k = byKind.get(c.kind) ?? { n: 0, hit: 0, found: 0, dupHit: 0 };
    k.n++;
    const ok = q.top !== undefined && q.top.id === c.sourceId && isCopyVerdict(q.top.verdict);
    if (q.top?.id === c.sourceId) k.found++;
    // Reuters holds some stories twice (re-sends); a copy traced to the other copy of its
    // source found the right text. Counted apart, judged by 8-gram containment (>= 0.8).
    let dup = false;
    if (!ok && q.top && isCopyVerdict(q.top.verdict)) {
      const [src, other] = await Promise.all([store.get(c.sourceId), store.get(q.top.id)]);
      dup = src !== null && other !== null && containment(src.text, other.text, 8) >= 0.8;
    }
    if (dup) { dupHits++; k.dupHit++; }
    if (ok) { hit++; k.hit++; } else if (!dup && misses.length < 8) misses.push(`${c.kind} ${c.sourceId} -> ${q.top ? `${q.top.id} ${q.top.verdict} ${JSON.stringify(q.top.evidence)}` : 'nothing'}`);
    byKind.set(c.kind, k);
  }
  console.log(`\n[copies, setting ${label}] recall@1 (true source first, copy verdict): ${fmt(hit / cases.length)} (${hit}/${cases.length}); counting an indexed near-duplicate of the source as found: ${fmt((hit + dupHits) / cases.length)}`);
  for (const [kind, k] of byKind) console.log(`  ${kind.padEnd(16)} ${fmt(k.hit / k.n)} (${k.hit}/${k.n}), with near-duplicates ${fmt((k.hit + k.dupHit) / k.n)}; source ranked first regardless of verdict ${fmt(k.found / k.n)}`);
  if (misses.length) console.log(`  first misses:\n    ${misses.join('\n    ')}`);
  return times;
}

interface NegativeOutcome { id: string; copy: boolean; verdict: string | null }

/** The old report: every held-out article among the first --negatives, re-sends included. */
async function evaluateNegatives(store: ArticleStore, negatives: Reuters[], lexicon: Lexicon | null, indexedHashes: Set<string>, outcomes: Map<string, NegativeOutcome>, excluded: Set<string>): Promise<Times> {
  const times: Times = { wall: [], cpu: [] };
  let copyVerdicts = 0;
  let sameText = 0;
  let reuse = 0;
  let sameStory = 0;
  let onExcluded = 0;
  const verdicts = new Map<string, number>();
  const examples: string[] = [];
  for (const n of negatives) {
    const text = normaliseText(n.body);
    const q = await runQuery(store, n.id, text, lexicon, { set: 'negative', id: n.id });
    times.wall.push(q.ms);
    times.cpu.push(q.cpuMs);
    outcomes.set(n.id, { id: n.id, copy: q.top !== undefined && isCopyVerdict(q.top.verdict), verdict: q.top?.verdict ?? null });
    if (q.top?.verdict === 'same-story') sameStory++;
    if (q.top && isCopyVerdict(q.top.verdict)) {
      copyVerdicts++;
      if (excluded.has(n.id)) onExcluded++;
      verdicts.set(q.top.verdict, (verdicts.get(q.top.verdict) ?? 0) + 1);
      const identical = indexedHashes.has(recordFromText({ id: n.id, url: null, title: null, published: null }, text).contentHash);
      if (identical) sameText++;
      const matched = await store.get(q.top.id);
      // Independent of the alignment: half or more of the negative's word 8-grams appear
      // verbatim in the matched article (a Reuters re-send or rewrite of the same copy).
      if (matched && containment(text, matched.text, 8) >= 0.5) reuse++;
      if (examples.length < 40) examples.push(`${n.id} "${n.title}" -> ${q.top.id} ${q.top.verdict}${identical ? ' (identical text is indexed)' : ''} ${JSON.stringify(q.top.evidence)}`);
    }
  }
  console.log(`\n[negatives, old set: the first ${negatives.length} held-out articles, re-sends included] copy verdicts: ${fmt(copyVerdicts / negatives.length)} (${copyVerdicts}/${negatives.length}; ${[...verdicts].map(([v, c]) => `${v} ${c}`).join(', ') || 'none'})`);
  console.log(`  of which the identical text is in the index under another id (Reuters re-sends): ${sameText}`);
  console.log(`  of which >= 50% of the negative's word 8-grams are verbatim in the match (text reuse inside Reuters): ${reuse}`);
  console.log(`  copy verdicts on the other negatives (templates, same story, < 50% verbatim 8-grams): ${fmt((copyVerdicts - reuse) / negatives.length)} (${copyVerdicts - reuse}/${negatives.length})`);
  console.log(`  of which on articles the clean set excludes (identical body or >= ${REUSE_CONTAINMENT} 8-gram containment in some indexed article): ${onExcluded}; on the others: ${copyVerdicts - onExcluded}`);
  console.log(`  same-story verdicts (allowed): ${sameStory}`);
  if (examples.length && VERBOSE) console.log(`  examples:\n    ${examples.join('\n    ')}`);
  return times;
}

/** The metric: copy verdicts on held-out articles that are not copies of any indexed article. */
async function evaluateCleanNegatives(store: ArticleStore, clean: Reuters[], lexicon: Lexicon | null, outcomes: Map<string, NegativeOutcome>): Promise<Times> {
  const times: Times = { wall: [], cpu: [] };
  let copies = 0;
  const verdicts = new Map<string, number>();
  const examples: string[] = [];
  for (const n of clean) {
    let o = outcomes.get(n.id);
    if (!o) {
      const q = await runQuery(store, n.id, normaliseText(n.body), lexicon, { set: 'negative', id: n.id });
      times.wall.push(q.ms);
      times.cpu.push(q.cpuMs);
      o = { id: n.id, copy: q.top !== undefined && isCopyVerdict(q.top.verdict), verdict: q.top?.verdict ?? null };
      if (o.copy && examples.length < 12) examples.push(`${n.id} "${n.title}" -> ${q.top?.id} ${o.verdict} ${JSON.stringify(q.top?.evidence)}`);
    }
    if (o.copy) copies++;
    if (o.verdict) verdicts.set(o.verdict, (verdicts.get(o.verdict) ?? 0) + 1);
  }
  console.log(`\n[negatives, clean set: ${clean.length} held-out articles that copy no indexed article] copy verdicts: ${fmt(copies / clean.length)} (${copies}/${clean.length}); verdicts of the top match: ${[...verdicts].map(([v, c]) => `${v} ${c}`).join(', ')}`);
  if (examples.length) console.log(`  examples (not among the old set):\n    ${examples.join('\n    ')}`);
  return times;
}

function dbBytes(file: string): number {
  let b = 0;
  for (const s of ['', '-wal', '-shm']) { try { b += statSync(file + s).size; } catch { /* absent */ } }
  return b;
}

/** Synthetic articles: 6-16 sentences (6-60 words each) drawn from different Reuters articles, re-paragraphed. */
function* synthArticles(pool: string[], count: number, seed: number): Generator<{ id: string; text: string }> {
  const r = rng(seed);
  for (let i = 0; i < count; i++) {
    const n = 6 + Math.floor(r() * 11);
    const parts: string[] = [];
    for (let k = 0; k < n; k++) parts.push(pool[Math.floor(r() * pool.length)] + (k % 3 === 2 ? '\n\n' : ' '));
    yield { id: `synth-${seed}-${i}`, text: parts.join('').trim() };
  }
}

async function main(): Promise<void> {
  const file = sharedPath('data/reuters/train.jsonl');
  if (!file) return;
  console.log(`command: npm run bench:trace -- ${args.join(' ')}`.trimEnd());
  const all = await readReuters(file);
  const eligible = all.filter((a) => words(a.body) >= MIN_WORDS);
  const shuffled = shuffle(eligible, rng(42));
  // Held out: a pool a quarter larger than --negatives, so that enough clean negatives remain.
  const pool = shuffled.slice(0, Math.ceil(NEGATIVES * 1.25));
  const negatives = pool.slice(0, NEGATIVES);
  const heldOut = new Set(pool.map((n) => n.id));
  const indexed = all.filter((a) => !heldOut.has(a.id));
  const candidatesForCopies = shuffled.slice(pool.length);
  console.log(`Reuters: ${all.length} articles; ${eligible.length} with >= ${MIN_WORDS} words; index ${indexed.length}, held-out pool ${pool.length}, copy sources ${COPIES}`);
  const indexedBodyHashes = new Set(indexed.map((a) => contentHash(normaliseText(a.body))));
  const reuse = maxContainment(pool, indexed);
  const clean: Reuters[] = [];
  const excluded = new Set<string>();
  let identical = 0;
  let contained = 0;
  pool.forEach((n, i) => {
    if (indexedBodyHashes.has(contentHash(normaliseText(n.body)))) { identical++; excluded.add(n.id); } else if (reuse[i].value >= REUSE_CONTAINMENT) { contained++; excluded.add(n.id); } else if (clean.length < NEGATIVES) clean.push(n);
  });
  const oldExcluded = negatives.filter((n) => excluded.has(n.id)).length;
  console.log(`negatives: of the ${pool.length} held-out articles, ${identical} have an identical body indexed under another id and ${contained} more have >= ${REUSE_CONTAINMENT} of their word ${REUSE_GRAM}-grams verbatim in one indexed article (brute force over the index): excluded as true copies. Clean negatives: the first ${clean.length} others. Of the old set (first ${NEGATIVES}), ${oldExcluded} are excluded.`);

  const dir = mkdtempSync(path.join(os.tmpdir(), 'unspin-bench-trace-'));
  const db = path.join(dir, 'index.db');
  const jsonl = path.join(dir, 'index.jsonl');
  writeFileSync(jsonl, indexed.map((a) => JSON.stringify(a)).join('\n') + '\n');
  const store = await openStore(db);
  try {
    const summary = await addInputs(store, [jsonl], { batchSize: 500 });
    console.log(`\n[ingest] unspin index add (JSONL, one process, one core): ${summary.added} added, ${summary.duplicateContent} duplicate texts skipped, ${summary.failed} failed in ${fmt(summary.seconds, 1)} s = ${Math.round(summary.rate)} articles/s; db ${(dbBytes(db) / 1e6).toFixed(1)} MB`);
    // Copy sources: indexed articles actually stored under their own id (a text Reuters sent
    // twice is stored once, under the first id).
    const sources: Reuters[] = [];
    for (const a of candidatesForCopies) {
      if (sources.length >= COPIES) break;
      if (await store.get(a.id)) sources.push(a);
    }
    const indexedHashes = new Set(indexed.map((a) => recordFromText({ id: a.id, url: null, title: null, published: null }, a.body || ' x').contentHash));

    let lexicon: Lexicon | null = null;
    if (USE_LANGUAGE) {
      try {
        const { loadLanguage } = await import('../src/language/index.js');
        lexicon = await loadLanguage();
      } catch (e) {
        console.log(`(language resources unavailable: ${e instanceof Error ? e.message : String(e)}; tracing without synonyms)`);
      }
    }
    console.log(`language resources: ${lexicon ? 'loaded (reverse thesaurus synonyms in the alignment)' : 'not used'}`);
    const titles = indexed.map((a) => a.title).filter(Boolean);
    const times: Times = { wall: [], cpu: [] };
    const add = (t: Times): void => { times.wall.push(...t.wall); times.cpu.push(...t.cpu); };
    for (const setting of ['A', 'B', 'C'] as const) add(await evaluateCopies(store, buildCopies(sources, setting, titles), lexicon, SETTING_LABELS[setting]));
    const outcomes = new Map<string, NegativeOutcome>();
    add(await evaluateNegatives(store, negatives, lexicon, indexedHashes, outcomes, excluded));
    add(await evaluateCleanNegatives(store, clean, lexicon, outcomes));
    const { wall, cpu } = times;
    console.log(`\n[latency] trace (candidates + alignment + verdict), ${wall.length} queries: wall p50 ${fmt(percentile(wall, 0.5), 1)} ms, p95 ${fmt(percentile(wall, 0.95), 1)} ms, max ${fmt(Math.max(...wall), 1)} ms; CPU p50 ${fmt(percentile(cpu, 0.5), 1)} ms, p95 ${fmt(percentile(cpu, 0.95), 1)} ms (load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores)`);

    if (DUMP) writeFileSync(DUMP, dumpLines.join('\n') + '\n');
    if (SCALE > 0) await scaleRun(store, db, indexed, sources, negatives, lexicon, titles);
  } finally {
    await store.close();
    if (KEEP) console.log(`kept ${db}`); else rmSync(dir, { recursive: true, force: true });
  }
}

async function scaleRun(store: ArticleStore, db: string, indexed: Reuters[], sources: Reuters[], negatives: Reuters[], lexicon: Lexicon | null, titles: string[]): Promise<void> {
  const pool = indexed.flatMap((a) => normaliseText(a.body).split(/(?<=[.!?])\s+(?=[A-Z"])/)).filter((s) => words(s) >= 6 && words(s) <= 60);
  const base = await store.count();
  const target = SCALE;
  const steps = 4;
  const sample = 200;
  const copies = buildCopies(sources.slice(0, sample), 'A', titles);
  console.log(`\n[scale] growing the index from ${base} to ${target} articles with synthetic ones (6-16 sentences recombined from ${pool.length} Reuters sentences)`);
  console.log('  articles | chunk ingest rate | db size | trace p50 / p95 (ms) | recall@1 on 200 copies | copy verdicts on 200 negatives');
  let added = base;
  for (let step = 1; step <= steps; step++) {
    const goal = Math.round(base + ((target - base) * step) / steps);
    const t0 = performance.now();
    let batch = [];
    for (const s of synthArticles(pool, goal - added, 1000 + step)) {
      batch.push(recordFromText({ id: s.id, url: null, title: null, published: null }, s.text));
      if (batch.length >= 500) { await store.addBatch(batch, 'update'); batch = []; }
    }
    if (batch.length) await store.addBatch(batch, 'update');
    const rate = (goal - added) / ((performance.now() - t0) / 1000);
    added = goal;
    const times: number[] = [];
    let hit = 0;
    for (const c of copies) {
      const q = await runQuery(store, 'q', c.text, lexicon);
      times.push(q.ms);
      if (q.top?.id === c.sourceId && isCopyVerdict(q.top.verdict)) hit++;
    }
    let fp = 0;
    for (const n of negatives.slice(0, sample)) {
      const q = await runQuery(store, n.id, normaliseText(n.body), lexicon);
      times.push(q.ms);
      if (q.top && isCopyVerdict(q.top.verdict)) fp++;
    }
    console.log(`  ${String(await store.count()).padStart(8)} | ${String(Math.round(rate)).padStart(8)} articles/s | ${(dbBytes(db) / 1e6).toFixed(0).padStart(5)} MB | ${fmt(percentile(times, 0.5), 1)} / ${fmt(percentile(times, 0.95), 1)} | ${fmt(hit / copies.length)} | ${fmt(fp / sample)}`);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
