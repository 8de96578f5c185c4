/**
 * The server's analysis workers: a long analysis runs in a worker thread, so cheap routes answer
 * meanwhile; a deadline or a departed client ends the running job with its thread and a fresh
 * worker takes over; errors keep their HTTP status and code across the thread boundary; a worker
 * that cannot start fails start-up with its own kind; close() leaves no thread behind.
 * Order is asserted, never durations.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import { analyse, loadPipeline } from '../src/analyse.js';
import { isUnspinError } from '../src/errors.js';
import { extract } from '../src/extract/index.js';
import { openStore } from '../src/index/index.js';
import { parseBinFile } from '../src/language/binfile.js';
import { languageCacheDir, readSharedLanguage } from '../src/language/index.js';
import type { RawPage } from '../src/model.js';
import { createApp, DEFAULT_CONFIG, startPool, startServer, WorkerCrashedError, type RunningServer } from '../src/server/index.js';
import type { AnalysisJob } from '../src/server/job.js';
import { repoRoot } from './helpers/cli.js';
import { call, postJson, type Answer } from './helpers/http.js';
import { freshPgSchema } from './pg-helpers.js';

const seedHtml = readFileSync(path.join(repoRoot, 'examples', 'page.html'), 'utf8');
const originalHtml = readFileSync(path.join(repoRoot, 'examples', 'original.html'), 'utf8');
const tmp = path.join(repoRoot, 'test', 'tmp', `server-workers-${process.pid}`);
mkdirSync(tmp, { recursive: true });
test.after(() => rmSync(tmp, { recursive: true, force: true }));

/** The longest article these tests analyse; restoring this much takes tens of seconds. */
const MAX_CHARS = 1_000_000;

/** Real news text (the seed page and the extraction test pages) repeated to `chars` characters. */
function longArticle(chars: number): string {
  const dir = path.join(repoRoot, 'test', 'test-pages');
  const pages = [seedHtml, ...readdirSync(dir).filter((d) => !d.includes('.')).map((d) => readFileSync(path.join(dir, d, 'source.html'), 'utf8'))];
  const texts = pages.map((html, i) => extract({ id: String(i), html, fetchedAt: '2024-01-01T00:00:00Z' }).text);
  let out = '';
  while (out.length < chars) for (const t of texts) out += `${t}\n\n`;
  return out.slice(0, chars).trimEnd();
}


const errorOf = (a: Answer) => (a.json.error ?? {}) as { code?: string; message?: string };

/** A server that should not have started is closed, so the test fails instead of hanging. */
const closedIfStarted = (starting: Promise<RunningServer>): Promise<RunningServer> =>
  starting.then(async (server) => {
    await server.close();
    return server;
  });

/** Waits for a condition the server reaches by itself (no time limit here: the test's own applies). */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((r) => setTimeout(r, 20));
}

test('with workers, GET /v1/openapi.json and GET / answer while a long analysis runs; a client leaving ends it', { timeout: 180_000 }, async () => {
  const log: string[] = [];
  const server = await startServer({ port: 0, concurrency: 1, maxArticleChars: MAX_CHARS, log: (l) => log.push(l) });
  try {
    assert.equal(server.workers, 1);
    const leave = new AbortController();
    // Set when the answer's headers arrive: its body (megabytes of restoration) takes a while more.
    let longAnswered = false;
    const long = fetch(`${server.url}/v1/restore`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: longArticle(MAX_CHARS - 1000) }), signal: leave.signal,
    }).finally(() => { longAnswered = true; });
    long.catch(() => undefined);
    await until(() => server.stats().pool?.busy === 1);
    // Six sequential round trips: an analysis on the event loop yields only between its stages
    // (three times for /v1/restore), so it could not answer them all before it finished.
    for (let i = 0; i < 3; i++) {
      const doc = await call(server.url, '/v1/openapi.json');
      assert.equal(doc.status, 200);
      assert.equal(doc.json.openapi, '3.1.0');
      const page = await call(server.url, '/');
      assert.equal(page.status, 200);
      assert.match(page.text, /<form method="post"/);
      assert.equal(longAnswered, false, `round ${i + 1}: the long analysis is still running`);
    }
    assert.equal(server.stats().pool?.busy, 1, 'the long analysis still holds its worker');
    leave.abort();
    await until(() => server.stats().pool?.replaced === 1);
    await until(() => log.some((l) => l.startsWith('POST /v1/restore 499 ')));
    const next = await postJson(server.url, '/v1/restore', { html: seedHtml });
    assert.equal(next.status, 200, next.text);
    assert.match((next.json.article as { title: string }).title, /China reacts/);
  } finally {
    await server.close();
  }
});

test('a deadline that passes during a running analysis answers 504, ends that worker, and a fresh one serves the next request', { timeout: 180_000 }, async () => {
  const server = await startServer({ port: 0, concurrency: 1, timeoutMs: 10_000, maxArticleChars: MAX_CHARS, log: null });
  try {
    const late = await postJson(server.url, '/v1/restore', { text: longArticle(MAX_CHARS - 1000) });
    assert.equal(late.status, 504, late.text.slice(0, 300));
    assert.equal(errorOf(late).code, 'timeout');
    // The job was cancelled with its thread before the 504 went out, not left to finish.
    const stats = server.stats().pool;
    assert.equal(stats?.replaced, 1);
    assert.equal(stats?.workers, 1);
    const next = await postJson(server.url, '/v1/restore', { html: seedHtml });
    assert.equal(next.status, 200, next.text);
    const expected = await analyse({ id: 'request', html: seedHtml, fetchedAt: '2024-01-01T00:00:00Z', charset: { name: 'utf-8', source: 'given' }, meta: {} },
      { pipeline: await loadPipeline(), quotes: false, store: null });
    assert.deepEqual(next.json.restoration, expected.restoration, 'the fresh worker restores as this thread does');
    assert.equal((next.json.spin as { spinScore: number }).spinScore, expected.spin?.spinScore);
  } finally {
    await server.close();
  }
});

test('errors keep their status, code and message through the worker, as on the main thread', { timeout: 120_000 }, async () => {
  const cases: { route: string; init: RequestInit }[] = [
    // Nothing to extract: the worker's UnspinError('input').
    { route: '/v1/inspect', init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ html: '<html><head><title>Empty</title></head><body></body></html>' }) } },
    // Over --max-chars: the worker's UnspinError('tooLarge').
    { route: '/v1/restore', init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'The ferry ran late again today. '.repeat(20) }) } },
    { route: '/', init: { method: 'POST', body: new URLSearchParams({ input: 'The ferry ran late again today. '.repeat(20), kind: 'text' }) } },
    // Refused on the main thread before any worker sees it.
    { route: '/v1/inspect', init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: '   ' }) } },
  ];
  const answers: Record<number, { status: number; code?: string; message?: string; page?: string }[]> = {};
  for (const workers of [1, 0]) {
    const server = await startServer({ port: 0, concurrency: 1, workers, maxArticleChars: 200, log: null });
    try {
      answers[workers] = [];
      for (const c of cases) {
        const a = await call(server.url, c.route, c.init);
        answers[workers].push({ status: a.status, ...errorOf(a), page: /Could not inspect this \(\d+\)/.exec(a.text)?.[0] });
      }
      if (workers > 0) assert.deepEqual(server.stats().pool, { workers: 1, idle: 1, busy: 0, queued: 0, replaced: 0 }, 'refusals cost no worker');
      else assert.equal(server.stats().pool, null);
    } finally {
      await server.close();
    }
  }
  assert.deepEqual(answers[1].map((a) => [a.status, a.code ?? a.page]), [
    [422, 'unusable_input'], [413, 'payload_too_large'], [413, 'Could not inspect this (413)'], [422, 'unusable_input'],
  ]);
  assert.match(answers[1][0].message ?? '', /no article text found/);
  assert.match(answers[1][1].message ?? '', /at most 200 are analysed/);
  assert.deepEqual(answers[1], answers[0], 'a worker answers exactly as the main thread does');
});

/** A stand-in worker: answers with a tiny report, or dies on a page that says "crash". */
const crashingWorker = new URL(`data:text/javascript,${encodeURIComponent(`
import { parentPort } from 'node:worker_threads';
parentPort.on('message', (m) => {
  if (m.page.text.includes('crash')) throw new Error('died reading ' + m.page.text);
  parentPort.postMessage({ type: 'result', id: m.id, report: { schemaVersion: 1, article: { text: m.page.text }, spin: null, restoration: null, stages: {} } });
});
parentPort.postMessage({ type: 'ready' });
`)}`);

test('a worker that dies mid-job answers 500 internal, is logged by kind only, and is replaced', { timeout: 60_000 }, async () => {
  const pool = await startPool({ size: 1, storeSpec: null, entry: crashingWorker });
  const log: string[] = [];
  const { app } = createApp({ ...DEFAULT_CONFIG, store: null, pool, log: (l) => log.push(l) });
  const post = (text: string) => app.request('/v1/restore', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text }) });
  try {
    const res = await post('Secret page words, then crash.');
    assert.equal(res.status, 500);
    const body = await res.text();
    assert.deepEqual(JSON.parse(body), { error: { code: 'internal', status: 500, message: 'internal error' } });
    assert.ok(log.includes('error: WorkerCrashedError on POST /v1/restore'), log.join('\n'));
    assert.ok(!`${body}${log.join('\n')}`.includes('Secret page words'), 'no page content in the answer or the log');
    assert.equal(pool.stats().replaced, 1);
    const after = await post('An ordinary page.');
    assert.equal(after.status, 200);
    assert.equal(((await after.json()) as { article: { text: string } }).article.text, 'An ordinary page.');
  } finally {
    await pool.close();
  }
});

/** A stand-in worker for extraction: the article it returns says it came from a worker thread. */
const extractingWorker = new URL(`data:text/javascript,${encodeURIComponent(`
import { parentPort, threadId } from 'node:worker_threads';
parentPort.on('message', (m) => {
  if (m.task.kind !== 'extract') {
    parentPort.postMessage({ type: 'error', id: m.id, error: { kind: 'usage', message: 'this stand-in only extracts' } });
    return;
  }
  if (m.page.text.includes('nothing')) {
    parentPort.postMessage({ type: 'error', id: m.id, error: { kind: 'input', message: 'no article text found' } });
    return;
  }
  parentPort.postMessage({ type: 'article', id: m.id, article: { id: m.page.id, url: null, title: 'extracted in thread ' + threadId, byline: null, published: null,
    language: 'en', text: m.page.text, paragraphs: [{ start: 0, end: m.page.text.length }], links: [] } });
});
parentPort.postMessage({ type: 'ready' });
`)}`);

test('POST /v1/index extracts the page in a worker and writes on the main thread; an extraction error keeps its status', { timeout: 60_000 }, async () => {
  const pool = await startPool({ size: 1, storeSpec: null, entry: extractingWorker });
  const store = await openStore(path.join(tmp, 'extract-in-worker.db'));
  const { app } = createApp({ ...DEFAULT_CONFIG, store, pool, log: null });
  const post = (text: string) => app.request('/v1/index', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text, id: 'story-1' }) });
  try {
    const res = await post('The harbour reopened on Monday after two weeks of repairs to its main quay.');
    assert.equal(res.status, 201, await res.clone().text());
    const stored = await store.get('story-1');
    assert.match(stored?.title ?? '', /^extracted in thread [1-9]\d*$/, 'the stored article is the worker\'s');
    const refused = await post('nothing here');
    assert.equal(refused.status, 422);
    assert.equal(((await refused.json()) as { error: { code: string } }).error.code, 'unusable_input');
    assert.equal(await store.count(), 1);
  } finally {
    await pool.close();
    await store.close();
  }
});

/** A stand-in worker: answers with its thread id and the language files it was given (posted
 *  back, bytes in a SharedArrayBuffer stay the same memory); dies on a page that says "crash". */
const languageWorker = new URL(`data:text/javascript,${encodeURIComponent(`
import { parentPort, threadId, workerData } from 'node:worker_threads';
parentPort.on('message', (m) => {
  if (m.page.text.includes('crash')) throw new Error('asked to');
  parentPort.postMessage({ type: 'result', id: m.id, report: { threadId, language: workerData.language } });
});
parentPort.postMessage({ type: 'ready' });
`)}`);

test('the pool reads the language files once into shared memory: every worker, a replacement too, gets that one copy', { timeout: 60_000 }, async () => {
  const pool = await startPool({ size: 2, storeSpec: null, entry: languageWorker });
  type Seen = { threadId: number; language: { cacheDir: string; files: Record<string, Uint8Array> } };
  const job: AnalysisJob = { trace: false, maxTextLength: 1000, noStoreReason: 'none' };
  const ask = async (text: string): Promise<Seen> => (await pool.run({ id: text, text, fetchedAt: '2024-01-01T00:00:00Z' }, job)) as unknown as Seen;
  try {
    // Two jobs at once go to the two workers.
    const [a, b] = await Promise.all([ask('one'), ask('two')]);
    assert.notEqual(a.threadId, b.threadId);
    assert.equal(a.language.cacheDir, languageCacheDir());
    const names = readdirSync(languageCacheDir()).filter((f) => f.endsWith('.bin')).sort();
    assert.deepEqual(Object.keys(a.language.files).sort(), names);
    await assert.rejects(ask('crash'), WorkerCrashedError);
    await until(() => pool.stats().idle === 2);
    const [c, d] = await Promise.all([ask('three'), ask('four')]);
    const replacement = [c, d].find((x) => x.threadId !== a.threadId && x.threadId !== b.threadId);
    assert.ok(replacement, 'a replacement worker answered');
    for (const name of names) {
      const copies: Uint8Array[] = [a, b, replacement].map((x) => x.language.files[name]);
      for (const bytes of copies) assert.ok(bytes.buffer instanceof SharedArrayBuffer, name);
      // One memory: a byte changed through one worker's view shows through the others'.
      const was = copies[0][0];
      copies[0][0] = was ^ 0xff;
      try {
        assert.deepEqual(copies.map((bytes) => bytes[0]), [was ^ 0xff, was ^ 0xff, was ^ 0xff], name);
      } finally {
        copies[0][0] = was;
      }
    }
  } finally {
    await pool.close();
  }
});

test('a worker builds its language over the pool\'s shared files and analyses as the main thread does', { timeout: 120_000 }, async () => {
  const language = readSharedLanguage();
  const pool = await startPool({ size: 1, storeSpec: null, language });
  try {
    const page: RawPage = { id: 'seed', html: seedHtml, fetchedAt: '2024-01-01T00:00:00Z', charset: { name: 'utf-8', source: 'given' }, meta: {} };
    const job: AnalysisJob = { trace: false, maxTextLength: MAX_CHARS, noStoreReason: 'no index given' };
    const here = await analyse(page, { pipeline: await loadPipeline(), store: null, maxTextLength: MAX_CHARS, noStoreReason: 'no index given' });
    const same = async (): Promise<boolean> => {
      const inWorker = await pool.run(page, job);
      assert.equal(inWorker.stages.restoration.status, 'ok');
      return (['article', 'summary', 'spin', 'restoration', 'quotes', 'provenance'] as const).every((key) => isDeepStrictEqual(inWorker[key], here[key]));
    };
    assert.ok(await same(), 'the worker answers as this thread does');
    // The worker reads the pool's memory, not a copy of its own: flatten the language model's
    // unigram table there and its next analysis differs; put it back and it agrees again.
    const uniProb = parseBinFile(language.files['lm.bin'], 'lm.bin').f32('uniProb');
    const saved = uniProb.slice();
    uniProb.fill(-5);
    try {
      assert.equal(await same(), false, 'the worker sees the change to the shared bytes');
    } finally {
      uniProb.set(saved);
    }
    assert.ok(await same());
  } finally {
    await pool.close();
  }
});

test('a worker that cannot start fails start-up with its own error kind and exit code, and nothing keeps running', { timeout: 60_000 }, async () => {
  // The worker's own read connection to the index fails: the index's error (exit 7), not a stack.
  const store = await openStore(path.join(tmp, 'start.db'));
  const missing = path.join(tmp, 'no-such-dir', 'index.db');
  try {
    await assert.rejects(closedIfStarted(startServer({ port: 0, store, storeSpec: missing, log: null })), (e: unknown) => {
      assert.ok(isUnspinError(e), String(e));
      assert.equal(e.kind, 'database');
      assert.equal(e.exitCode, 7);
      assert.ok(e.message.includes(path.dirname(missing)), e.message);
      return true;
    });
  } finally {
    await store.close();
  }
  // A worker that reports missing language resources keeps that kind (exit 8) and its message.
  const resources = new URL(`data:text/javascript,${encodeURIComponent(`
import { parentPort } from 'node:worker_threads';
parentPort.postMessage({ type: 'failed', error: { kind: 'resources', message: 'language resources are missing in /nowhere: run \`npm run build:language\`' } });
`)}`);
  await assert.rejects(startPool({ size: 2, storeSpec: null, entry: resources }), (e: unknown) => {
    assert.ok(isUnspinError(e));
    assert.equal(e.exitCode, 8);
    assert.match(e.message, /language resources are missing in \/nowhere: run `npm run build:language`/);
    return true;
  });
  // A worker module that throws as it loads: one clear line, not a stack trace.
  const broken = new URL(`data:text/javascript,${encodeURIComponent('throw new Error("cannot load the pipeline");')}`);
  await assert.rejects(startPool({ size: 1, storeSpec: null, entry: broken }), (e: unknown) => {
    assert.ok(isUnspinError(e));
    assert.equal(e.kind, 'internal');
    assert.equal(e.message, 'an analysis worker could not start (cannot load the pipeline)');
    return true;
  });
});

test('with a PostgreSQL index, workers trace through their own read connection and /v1/index writes on the main thread', { timeout: 120_000 }, async () => {
  const pg = freshPgSchema('serverworkers');
  const store = await openStore(pg.spec);
  let server: RunningServer | null = null;
  try {
    // A PostgreSQL store's location hides the password, so workers need the spec itself.
    await assert.rejects(closedIfStarted(startServer({ port: 0, store, log: null })), /give storeSpec/);
    server = await startServer({ port: 0, concurrency: 1, store, storeSpec: pg.spec, log: null });
    const add = await postJson(server.url, '/v1/index', { html: originalHtml, id: 'original-1' });
    assert.equal(add.status, 201, add.text);
    assert.equal(await store.count(), 1);
    const tr = await postJson(server.url, '/v1/trace', { html: seedHtml });
    assert.equal(tr.status, 200, tr.text);
    const matches = (tr.json.provenance as { matches: { id: string; verdict: string }[]; indexSize: number }).matches;
    assert.equal(matches[0]?.id, 'original-1', 'the worker sees what the main thread just wrote');
    assert.notEqual(matches[0]?.verdict, 'unrelated');
  } finally {
    await server?.close();
    await store.close();
    await pg.drop();
  }
});

test('close() ends the workers, as does a failed start: a process that starts and closes a server exits by itself', { timeout: 120_000 }, async () => {
  const script = `
import { startServer } from './src/server/index.ts';
const server = await startServer({ port: 0, log: null });
const res = await fetch(server.url + '/v1/restore', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'The bridge reopened on Monday after repairs.' }) });
await res.text();
// A second server on the same port never listens: its workers must not outlive the failure.
const clash = await startServer({ port: server.port, concurrency: 1, log: null }).then(() => 'listening', (e) => e.code);
process.stdout.write(JSON.stringify({ workers: server.workers, status: res.status, pool: server.stats().pool, clash }) + '\\n');
await server.close();
`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (b: Buffer) => { out += b.toString(); });
  child.stderr.on('data', (b: Buffer) => { err += b.toString(); });
  // Long enough for a loaded machine; a process held open by a worker would sit here for ever.
  const killer = setTimeout(() => child.kill('SIGKILL'), 90_000);
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((r) => child.once('exit', (c, s) => r([c, s])));
  clearTimeout(killer);
  assert.equal(signal, null, `the process did not exit after close(): ${out}${err}`);
  assert.equal(code, 0, err);
  assert.deepEqual(JSON.parse(out), { workers: 2, status: 200, pool: { workers: 2, idle: 2, busy: 0, queued: 0, replaced: 0 }, clash: 'EADDRINUSE' });
});
