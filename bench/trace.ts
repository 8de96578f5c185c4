/**
 * Source tracing benchmark (issue 4). Needs ../shared/data/reuters/train.jsonl.
 *
 *   npm run bench:trace                      # 1,000 copies x 2 spinner settings, 1,000 negatives
 *   npm run bench:trace -- --scale 200000    # then grow the index to 200k articles
 *   options: --copies N --negatives N --no-language --keep (keep the temp database)
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
 * Negatives: the held-out articles (their source is not in the index). Reuters is full of
 * templated reports and follow-ups of the same story, so many negatives have close relatives
 * in the index: the hard negatives the verdict must refuse.
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
import { normaliseText, recordFromText } from '../src/index/records.js';
import type { ArticleStore } from '../src/index/store.js';
import type { Article } from '../src/model.js';
import { isCopyVerdict, traceDetailed, type Lexicon, type TraceMatch } from '../src/trace/index.js';
import { createSpinner, PERSONALITIES, type Spinner } from './lib/spinner.js';
import { sharedPath } from './lib/shared.js';

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
const DUMP = args.includes('--dump') ? args[args.indexOf('--dump') + 1] : null;
const dumpLines: string[] = [];
const MIN_WORDS = 60;

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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

interface QueryOutcome { ms: number; top: TraceMatch | undefined; matches: TraceMatch[] }

async function runQuery(store: ArticleStore, id: string, text: string, lexicon: Lexicon | null, dump?: Record<string, unknown>): Promise<QueryOutcome> {
  const article = articleOf(id, text);
  const t0 = performance.now();
  const res = await traceDetailed(article, store, { lexicon, includeUnrelated: DUMP !== null && dump !== undefined, limit: 8, candidates: CANDIDATES });
  const ms = performance.now() - t0;
  if (DUMP && dump) {
    for (const m of res.matches) {
      const extra = dump.set === 'negative' ? { containment8: containment(text, (await store.get(m.id))?.text ?? '', 8) } : { isSource: m.id === dump.sourceId };
      dumpLines.push(JSON.stringify({ ...dump, match: m.id, verdict: m.verdict, ...m.evidence, ...extra }));
    }
  }
  const shown = res.matches.filter((m) => m.verdict !== 'unrelated');
  return { ms, top: shown[0], matches: shown };
}

/** Share of a's word n-grams found in b: an independent measure of verbatim text reuse. */
function containment(a: string, b: string, n: number): number {
  const grams = (t: string): string[] => {
    const w = t.toLowerCase().match(/[a-z0-9]+/g) ?? [];
    const out: string[] = [];
    for (let i = 0; i + n <= w.length; i++) out.push(w.slice(i, i + n).join(' '));
    return out;
  };
  const ga = grams(a);
  if (ga.length === 0) return 0;
  const gb = new Set(grams(b));
  return ga.filter((g) => gb.has(g)).length / ga.length;
}

interface CopyCase { sourceId: string; kind: CopyKind; text: string }

function buildCopies(sources: Reuters[], setting: 'A' | 'B', titles: string[]): CopyCase[] {
  const seeds = setting === 'A' ? [11, 12, 13] : [21, 22, 23];
  const rate = setting === 'A' ? undefined : 0.7;
  const spinners = PERSONALITIES.map((p, i) => createSpinner({ seed: seeds[i], personality: p, rate }));
  const lights = PERSONALITIES.map((p, i) => createSpinner({ seed: seeds[i] + 100, personality: p, rate: 0.1 }));
  const r = rng(setting === 'A' ? 7 : 8);
  return sources.map((s, i) => {
    const kind = KINDS[i % KINDS.length];
    const k = (i + (setting === 'A' ? 0 : 1)) % spinners.length;
    return { sourceId: s.id, kind, text: makeCopy(kind, normaliseText(s.body), spinners[k], lights[k], r, titles[(i * 7919) % titles.length]) };
  });
}

async function evaluateCopies(store: ArticleStore, cases: CopyCase[], lexicon: Lexicon | null, label: string): Promise<number[]> {
  const byKind = new Map<CopyKind, { n: number; hit: number; found: number; dupHit: number }>();
  const times: number[] = [];
  let hit = 0;
  let dupHits = 0;
  const misses: string[] = [];
  for (const c of cases) {
    const q = await runQuery(store, `copy-of-${c.sourceId}`, c.text, lexicon, { set: label.slice(0, 1), kind: c.kind, sourceId: c.sourceId });
    times.push(q.ms);
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

async function evaluateNegatives(store: ArticleStore, negatives: Reuters[], lexicon: Lexicon | null, indexedHashes: Set<string>): Promise<number[]> {
  const times: number[] = [];
  let copyVerdicts = 0;
  let sameText = 0;
  let reuse = 0;
  let sameStory = 0;
  const verdicts = new Map<string, number>();
  const examples: string[] = [];
  for (const n of negatives) {
    const text = normaliseText(n.body);
    const q = await runQuery(store, n.id, text, lexicon, { set: 'negative', id: n.id });
    times.push(q.ms);
    if (q.top?.verdict === 'same-story') sameStory++;
    if (q.top && isCopyVerdict(q.top.verdict)) {
      copyVerdicts++;
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
  console.log(`\n[negatives] copy verdicts on articles whose source is not indexed: ${fmt(copyVerdicts / negatives.length)} (${copyVerdicts}/${negatives.length}; ${[...verdicts].map(([v, c]) => `${v} ${c}`).join(', ') || 'none'})`);
  console.log(`  of which the identical text is in the index under another id (Reuters re-sends): ${sameText}`);
  console.log(`  of which >= 50% of the negative's word 8-grams are verbatim in the match (text reuse inside Reuters): ${reuse}`);
  console.log(`  copy verdicts on the other negatives (templates, same story, < 50% verbatim 8-grams): ${fmt((copyVerdicts - reuse) / negatives.length)} (${copyVerdicts - reuse}/${negatives.length})`);
  console.log(`  same-story verdicts (allowed): ${sameStory}`);
  if (examples.length) console.log(`  examples:\n    ${examples.join('\n    ')}`);
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
  const negatives = shuffled.slice(0, NEGATIVES);
  const heldOut = new Set(negatives.map((n) => n.id));
  const indexed = all.filter((a) => !heldOut.has(a.id));
  const candidatesForCopies = shuffled.slice(NEGATIVES);
  console.log(`Reuters: ${all.length} articles; ${eligible.length} with >= ${MIN_WORDS} words; index ${indexed.length}, held-out negatives ${negatives.length}, copy sources ${COPIES}`);

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
    const times: number[] = [];
    for (const setting of ['A', 'B'] as const) {
      times.push(...await evaluateCopies(store, buildCopies(sources, setting, titles), lexicon, setting === 'A' ? 'A (default rates, seeds 11-13)' : 'B (swap rate 0.7, seeds 21-23)'));
    }
    times.push(...await evaluateNegatives(store, negatives, lexicon, indexedHashes));
    console.log(`\n[latency] trace (candidates + alignment + verdict), ${times.length} queries: p50 ${fmt(percentile(times, 0.5), 1)} ms, p95 ${fmt(percentile(times, 0.95), 1)} ms, max ${fmt(Math.max(...times), 1)} ms`);

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
