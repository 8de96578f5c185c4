/**
 * Source tracing: the seed end to end through the CLI, verdicts on a spun copy and on hard
 * negatives (a templated weekly report, a follow-up of the same story), the diff, direction,
 * JSONL mode, exported pairs, and an empty or missing index.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { extract } from '../src/extract/index.js';
import { openStore, recordFromText } from '../src/index/index.js';
import type { Article } from '../src/model.js';
import { alignTexts } from '../src/trace/align.js';
import { diffSpans } from '../src/trace/diff.js';
import { trace, isCopyVerdict } from '../src/trace/index.js';
import { repoRoot, runCli } from './helpers/cli.js';

const fixtures = path.join(repoRoot, 'test', 'fixtures', 'index');
const articlesJsonl = path.join(fixtures, 'articles.jsonl');
const spunFile = path.join(fixtures, 'harbour-1-spun.txt');
const originalHtml = path.join(repoRoot, 'examples', 'original.html');
const pageHtml = path.join(repoRoot, 'examples', 'page.html');

interface JsonMatch {
  id: string; verdict: string; score: number;
  direction: { verdict: string; evidence: string[] };
  diff: { op: string; text: string; sourceText: string; start: number; end: number }[];
  notes: string[];
}

function tempDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'unspin-trace-test-'));
}

interface Fixture { id: string; url: string; title: string; published: string; text: string }
const records = readFileSync(articlesJsonl, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Fixture);

function article(text: string, extra: Partial<Article> = {}): Article {
  return { ...extract({ id: 't', text, fetchedAt: new Date().toISOString() }), ...extra };
}

async function storeWith(dir: string, ids: string[]) {
  const store = await openStore(path.join(dir, 'i.db'));
  await store.addBatch(records.filter((r) => ids.includes(r.id)).map((r) => recordFromText(r, r.text)), 'update');
  return store;
}

test('seed: index original.html, trace page.html -> spun copy with diff and direction', async () => {
  const dir = tempDir();
  try {
    const db = path.join(dir, 'seed.db');
    const add = await runCli(['index', 'add', '--db', db, originalHtml]);
    assert.equal(add.code, 0, add.stderr);
    const r = await runCli(['trace', '--db', db, '--json', pageHtml]);
    assert.equal(r.code, 0, r.stderr);
    const { matches } = JSON.parse(r.stdout) as { matches: JsonMatch[] };
    assert.equal(matches.length, 1);
    const m = matches[0];
    assert.equal(m.verdict, 'spun');
    assert.equal(m.direction.verdict, 'query-copies-match');
    assert.ok(m.direction.evidence.some((e) => /declares the match as its source/.test(e)), m.direction.evidence.join('; '));
    const subs = m.diff.filter((d) => d.op === 'substituted');
    assert.ok(subs.length >= 20, `${subs.length} substitutions`);
    // Every substituted span points at the page's own text and carries the source wording.
    const page = readFileSync(pageHtml, 'utf8');
    assert.ok(subs.every((d) => d.text.length > 0 && d.sourceText.length > 0 && d.text !== d.sourceText));
    assert.ok(subs.every((d) => page.includes(d.text.split(' ')[0])));
    assert.ok(m.notes.some((n) => n.startsWith('originalFromSource')));
    const text = await runCli(['trace', '--db', db, pageHtml]);
    assert.match(text.stdout, /^1\. spun /);
    assert.match(text.stdout, /direction: the page copies this article/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('seed: an index without the source gives no copy verdict', async () => {
  const dir = tempDir();
  try {
    const db = path.join(dir, 'other.db');
    assert.equal((await runCli(['index', 'add', '--db', db, articlesJsonl])).code, 0);
    const r = await runCli(['trace', '--db', db, '--json', pageHtml]);
    assert.equal(r.code, 0, r.stderr);
    const { matches } = JSON.parse(r.stdout) as { matches: JsonMatch[] };
    assert.ok(matches.every((m) => !isCopyVerdict(m.verdict as never)), JSON.stringify(matches.map((m) => [m.id, m.verdict])));
    const text = await runCli(['trace', '--db', db, pageHtml]);
    assert.match(text.stdout, /no source found among 5 indexed articles/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a hand-spun copy is traced to its source, ahead of its follow-up story', async () => {
  const dir = tempDir();
  try {
    const store = await storeWith(dir, records.map((r) => r.id));
    const matches = await trace(article(readFileSync(spunFile, 'utf8'), { published: '2024-03-05' }), store, { includeUnrelated: true });
    assert.equal(matches[0].id, 'harbour-1');
    assert.ok(isCopyVerdict(matches[0].verdict), matches[0].verdict);
    assert.equal(matches[0].direction.verdict, 'query-copies-match');
    assert.ok(matches[0].direction.evidence.some((e) => /dated 2024-03-05, after the match/.test(e)));
    const follow = matches.find((m) => m.id === 'harbour-2');
    assert.ok(!follow || follow.verdict === 'same-story' || follow.verdict === 'unrelated', follow?.verdict);
    const ops = new Set(matches[0].diff.map((d) => d.op));
    assert.ok(ops.has('substituted') && ops.has('inserted') && ops.has('deleted'), [...ops].join());
    const dropped = matches[0].diff.find((d) => d.op === 'deleted' && /Coastal Trust/.test(d.sourceText));
    assert.ok(dropped, 'the dropped paragraph is a deletion');
    const readMore = matches[0].diff.find((d) => d.op === 'inserted' && /READ MORE/.test(d.text));
    assert.ok(readMore, 'the READ MORE line is an insertion');
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('hard negatives: next week\'s templated report and a same-story follow-up are not copies', async () => {
  const dir = tempDir();
  try {
    const store = await storeWith(dir, ['grain-1', 'harbour-1', 'comet-1']);
    const grain2 = records.find((r) => r.id === 'grain-2')!;
    const g = await trace(article(grain2.text), store, { includeUnrelated: true });
    assert.ok(g.every((m) => !isCopyVerdict(m.verdict)), JSON.stringify(g.map((m) => [m.id, m.verdict, m.evidence])));
    const harbour2 = records.find((r) => r.id === 'harbour-2')!;
    const h = await trace(article(harbour2.text), store, { includeUnrelated: true });
    assert.ok(h.every((m) => !isCopyVerdict(m.verdict)));
    assert.equal(h.find((m) => m.id === 'harbour-1')?.verdict, 'same-story');
    // The same report verbatim is a copy, so the refusal above is about the figures.
    const verbatim = await trace(article(records.find((r) => r.id === 'grain-1')!.text), store);
    assert.equal(verbatim[0].verdict, 'verbatim');
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('direction: the indexed article copied the page when it is the later one', async () => {
  const dir = tempDir();
  try {
    const store = await storeWith(dir, ['harbour-1']);
    const m = await trace(article(readFileSync(spunFile, 'utf8'), { published: '2024-01-15' }), store);
    assert.equal(m[0].direction.verdict, 'match-copies-query');
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('alignment: spans index the query text; a phrase swap is one substitution', () => {
  const q = 'Mayor Solberg stated that the plan makes an attempt to help.';
  const s = 'Mayor Solberg said that the plan attempts to help.';
  const al = alignTexts(q, s);
  const diff = diffSpans(al, q, s);
  for (const d of diff) {
    assert.equal(q.slice(d.start, d.end), d.text);
    assert.equal(s.slice(d.sourceStart, d.sourceEnd), d.sourceText);
  }
  const subs = diff.filter((d) => d.op === 'substituted').map((d) => [d.text, d.sourceText]);
  assert.deepEqual(subs, [['stated', 'said'], ['makes an attempt', 'attempts']]);
});

test('cli: --jsonl traces records and --export-pairs writes {spun, orig} lines', async () => {
  const dir = tempDir();
  try {
    const db = path.join(dir, 'j.db');
    assert.equal((await runCli(['index', 'add', '--db', db, articlesJsonl])).code, 0);
    const pairsFile = path.join(dir, 'pairs.jsonl');
    const input = [
      JSON.stringify({ id: 'q1', text: readFileSync(spunFile, 'utf8') }),
      JSON.stringify({ id: 'q2', text: 'A recipe for lemon cake with 200 grams of flour and three eggs.' }),
      '{oops',
      JSON.stringify({ id: 'q3' }),
    ].join('\n');
    const r = await runCli(['trace', '--db', db, '--jsonl', '--export-pairs', pairsFile, '-'], { stdin: input });
    assert.equal(r.code, 0, r.stderr);
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string | null; matches?: JsonMatch[]; error?: { code: number } });
    assert.equal(out.length, 4);
    assert.equal(out[0].id, 'q1');
    assert.equal(out[0].matches?.[0].id, 'harbour-1');
    assert.deepEqual(out[1].matches?.filter((m) => isCopyVerdict(m.verdict as never)), []);
    assert.equal(out[2].error?.code, 3);
    assert.equal(out[3].id, 'q3');
    assert.equal(out[3].error?.code, 3);
    const pairs = readFileSync(pairsFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { spun: string; orig: string });
    assert.ok(pairs.length >= 2);
    assert.ok(pairs.every((p) => Object.keys(p).join() === 'spun,orig' && p.spun !== p.orig));
    assert.ok(pairs.some((p) => /enlargement/.test(p.spun) && /expansion/.test(p.orig)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('cli: an empty index says so; a missing one fails with exit 7', async () => {
  const dir = tempDir();
  try {
    const db = path.join(dir, 'empty.db');
    const store = await openStore(db);
    await store.close();
    const r = await runCli(['trace', '--db', db, spunFile]);
    assert.equal(r.code, 0);
    assert.match(r.stderr, /the index at .* is empty/);
    const j = await runCli(['trace', '--db', db, '--json', spunFile]);
    assert.deepEqual(JSON.parse(j.stdout), { matches: [] });
    const missing = await runCli(['trace', '--db', path.join(dir, 'nope.db'), spunFile]);
    assert.equal(missing.code, 7);
    assert.match(missing.stderr, /no index at .*nope\.db/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('cli: empty and binary pages to trace fail with exit 3', async () => {
  const dir = tempDir();
  try {
    const db = path.join(dir, 'i.db');
    assert.equal((await runCli(['index', 'add', '--db', db, articlesJsonl])).code, 0);
    const empty = path.join(dir, 'empty.html');
    writeFileSync(empty, '');
    const r1 = await runCli(['trace', '--db', db, empty]);
    assert.equal(r1.code, 3, r1.stderr);
    const bin = path.join(dir, 'x.bin');
    writeFileSync(bin, Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 91) % 256)));
    const r2 = await runCli(['trace', '--db', db, bin]);
    assert.equal(r2.code, 3, r2.stderr);
    const r3 = await runCli(['trace', '--db', db, '-'], { stdin: '' });
    assert.equal(r3.code, 3, r3.stderr);
    assert.doesNotMatch(r1.stderr + r2.stderr + r3.stderr, /\n\s+at /);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
