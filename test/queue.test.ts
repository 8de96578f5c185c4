/**
 * The job queue for real: `unspin ingest` and `unspin worker` processes against PostgreSQL and
 * a loopback web server. Job timings are cut to seconds so lost jobs come back quickly.
 */
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { after, before, test } from 'node:test';
import { openStore } from '../src/index/index.js';
import type { ArticleStore } from '../src/index/store.js';
import { runCli } from './helpers/cli.js';
import { freshPgSchema, pgQuery } from './pg-helpers.js';
import { articleHtml, spawnCli, startPageServer, type PageServer } from './queue-helpers.js';

const FAST = ['--job-timeout', '2', '--retry-delay', '1'];
const WORKER = ['--allow-private', '--host-delay', '0.01', '--maintenance-seconds', '1', '--poll', '0.3'];

let slowSeen: () => void = () => undefined;
const slowRequested = new Promise<void>((resolve) => { slowSeen = resolve; });
let site: PageServer;
/** For the re-crawl test: what each /c/ request asked and got. */
const conditionalLog: { path: string; inm?: string; ims?: string; status: number }[] = [];
const C_LAST_MODIFIED = 'Fri, 01 Mar 2024 08:00:00 GMT';

/**
 * /c/: a small site that honours conditional requests. The feed and /c/page/1 carry ETags,
 * /c/page/2 only a Last-Modified date; the gzip sitemap has no validators at all.
 */
function conditionalSite(p: string, inm: string | undefined, ims: string | undefined): { status: number; headers: Record<string, string>; body?: string | Buffer } | null {
  const etagged = (etag: string, type: string, body: string): ReturnType<typeof conditionalSite> =>
    (inm === etag ? { status: 304, headers: { etag } } : { status: 200, headers: { 'content-type': type, etag }, body });
  if (p === '/c/feed.rss') {
    return etagged('"feed-v1"', 'application/rss+xml; charset=utf-8', `<?xml version="1.0"?><rss version="2.0"><channel><title>c</title>
      <item><title>Forty</title><link>${site.base}/c/page/1</link></item></channel></rss>`);
  }
  if (p === '/c/page/1') return etagged('"page1-v1"', 'text/html; charset=utf-8', articleHtml(40));
  if (p === '/c/page/2') {
    return ims === C_LAST_MODIFIED
      ? { status: 304, headers: { 'last-modified': C_LAST_MODIFIED } }
      : { status: 200, headers: { 'content-type': 'text/html; charset=utf-8', 'last-modified': C_LAST_MODIFIED }, body: articleHtml(41) };
  }
  if (p === '/c/sitemap.xml.gz') {
    return { status: 200, headers: { 'content-type': 'application/x-gzip' }, body: gzipSync(`<?xml version="1.0"?>
      <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>${site.base}/c/page/2</loc></url></urlset>`) };
  }
  return null;
}

before(async () => {
  site = await startPageServer((req, res) => {
    const p = req.url ?? '';
    if (p.startsWith('/c/')) {
      const inm = req.headers['if-none-match'];
      const ims = req.headers['if-modified-since'];
      const r = conditionalSite(p, inm, ims);
      if (!r) return false;
      conditionalLog.push({ path: p, inm, ims, status: r.status });
      res.writeHead(r.status, r.headers);
      res.end(r.body);
      return true;
    }
    if (p === '/slow') {
      // The first request never gets an answer: its worker is killed while waiting for it.
      if (site.hits.get(p) === 1) { slowSeen(); return true; }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(articleHtml(999));
      return true;
    }
    if (p === '/feed.xml') {
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(`<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
        <item><title>Ten</title><link>${site.base}/page/10</link><pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate></item>
        <item><title>Eleven</title><link>/page/11</link></item></channel></rss>`);
      return true;
    }
    if (p === '/sitemap_index.xml') {
      res.writeHead(200, { 'content-type': 'application/xml' });
      res.end(`<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>${site.base}/sitemap.xml.gz</loc></sitemap></sitemapindex>`);
      return true;
    }
    if (p === '/sitemap.xml.gz') {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(gzipSync(`<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
        <url><loc>${site.base}/page/12</loc><lastmod>2024-03-01</lastmod></url>
        <url><loc>${site.base}/page/13</loc></url>
        <url><loc>${site.base}/private/secret</loc></url></urlset>`));
      return true;
    }
    return false;
  });
});
after(async () => { await site.close(); });

async function withStore<T>(spec: string, fn: (s: ArticleStore) => Promise<T>): Promise<T> {
  const s = await openStore(spec);
  try { return await fn(s); } finally { await s.close(); }
}

test('a worker killed mid-job: another worker retries the job, nothing is lost or indexed twice', { timeout: 90_000 }, async () => {
  const pg = freshPgSchema('kill');
  try {
    const urls = [`${site.base}/slow`, ...[1, 2, 3, 4].map((n) => `${site.base}/page/${n}`)];
    const ing = await runCli(['ingest', ...urls, '--db', pg.spec, ...FAST]);
    assert.equal(ing.code, 0, ing.stderr);
    assert.match(ing.stdout, /^enqueued 5 jobs, 0 already queued/);

    const a = spawnCli(['worker', '--db', pg.spec, '--concurrency', '5', ...WORKER]);
    await slowRequested;
    a.child.kill('SIGKILL');
    const aDone = await a.done;
    assert.equal(aDone.signal, 'SIGKILL');

    const b = spawnCli(['worker', '--db', pg.spec, '--concurrency', '2', '--exit-when-idle', '--json', ...WORKER]);
    const bDone = await b.done;
    assert.equal(bDone.code, 0, bDone.stderr);

    assert.equal(site.hits.get('/slow'), 2, 'the lost job was fetched again');
    const jobs = await pgQuery<{ state: string; retry_count: number; url: string }>(
      `SELECT state, retry_count, data->>'url' AS url FROM "${pg.schema}_jobs".job ORDER BY url`);
    assert.equal(jobs.length, 5);
    assert.ok(jobs.every((j) => j.state === 'completed'), JSON.stringify(jobs));
    assert.ok(jobs.find((j) => j.url.endsWith('/slow'))!.retry_count >= 1, 'the killed job was retried');
    await withStore(pg.spec, async (s) => {
      assert.equal(await s.count(), 5, 'every page indexed, each once');
      for (const u of urls) assert.ok(await s.get(u), `${u} indexed under its URL`);
      assert.equal((await s.checkIntegrity()).ok, true);
    });
  } finally {
    await pg.drop();
  }
});

test('enqueueing is idempotent and a re-run indexes nothing twice; JSONL records and URLs mix', { timeout: 60_000 }, async () => {
  const pg = freshPgSchema('idem');
  const { writeFileSync, mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const path = await import('node:path');
  const dir = mkdtempSync(path.join(tmpdir(), 'unspin-queue-'));
  try {
    const jsonl = path.join(dir, 'records.jsonl');
    writeFileSync(jsonl, [
      JSON.stringify({ id: 'r1', text: 'The Quarry Council of Lowestoft met on Monday. Chair Ines Barros said 212 permits were issued in 2023.' }),
      JSON.stringify({ url: `${site.base}/page/5` }),
      '{not json',
      JSON.stringify({ id: 'empty' }),
    ].join('\n'));
    const first = await runCli(['ingest', jsonl, `${site.base}/page/6`, '--db', pg.spec, '--json', ...FAST]);
    assert.equal(first.code, 0, first.stderr);
    assert.deepEqual((JSON.parse(first.stdout) as { enqueued: number; failed: number }).enqueued, 3);
    assert.match(first.stderr, /records\.jsonl:3: not a JSON object/);
    assert.match(first.stderr, /records\.jsonl:4: the record has no text, html or http\(s\) url/);
    const again = await runCli(['ingest', jsonl, `${site.base}/page/6`, '--db', pg.spec, '--json', ...FAST]);
    const s2 = JSON.parse(again.stdout) as { enqueued: number; alreadyQueued: number };
    assert.equal(s2.enqueued, 0);
    assert.equal(s2.alreadyQueued, 3);

    const w = await runCli(['worker', '--db', pg.spec, '--exit-when-idle', '--json', ...WORKER], { timeoutMs: 40_000 });
    assert.equal(w.code, 0, w.stderr);
    assert.equal((JSON.parse(w.stdout) as { indexed: number }).indexed, 3);
    const kept = await pgQuery<{ n: string }>(`SELECT count(*) AS n FROM "${pg.schema}_jobs".job WHERE data ? 'text' OR data ? 'html'`);
    assert.equal(kept[0].n, '0', 'finished page jobs do not keep their bodies');
    // The same work delivered again (as a retry after a lost completion would be): the upsert
    // sees the same text and adds nothing.
    await pgQuery(`DELETE FROM "${pg.schema}_jobs".job`);
    const redo = await runCli(['ingest', jsonl, `${site.base}/page/6`, '--db', pg.spec, '--json', ...FAST]);
    assert.equal((JSON.parse(redo.stdout) as { enqueued: number }).enqueued, 3);
    const w2 = await runCli(['worker', '--db', pg.spec, '--exit-when-idle', '--json', ...WORKER], { timeoutMs: 40_000 });
    const sum2 = JSON.parse(w2.stdout) as { indexed: number; duplicates: number; unchanged: number };
    assert.equal(sum2.indexed, 0);
    assert.equal(sum2.duplicates + sum2.unchanged, 3);
    await withStore(pg.spec, async (s) => assert.equal(await s.count(), 3));
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await pg.drop();
  }
});

test('feeds and sitemaps (index, gzip) found by URL are crawled; robots.txt is obeyed', { timeout: 60_000 }, async () => {
  const pg = freshPgSchema('crawl');
  try {
    const ing = await runCli(['ingest', `${site.base}/feed.xml`, `${site.base}/sitemap_index.xml`, '--db', pg.spec, ...FAST]);
    assert.equal(ing.code, 0, ing.stderr);
    const w = await runCli(['worker', '--db', pg.spec, '--exit-when-idle', '--json', '--verbose', ...WORKER], { timeoutMs: 40_000 });
    assert.equal(w.code, 0, w.stderr);
    const sum = JSON.parse(w.stdout) as { indexed: number; sources: number; skipped: number };
    assert.equal(sum.sources, 3, 'feed, sitemap index, sitemap');
    assert.equal(sum.indexed, 4);
    assert.equal(sum.skipped, 1);
    assert.match(w.stderr, /private\/secret is disallowed by .*robots\.txt/);
    assert.equal(site.hits.get('/private/secret'), undefined, 'a disallowed page is never requested');
    await withStore(pg.spec, async (s) => {
      for (const n of [10, 11, 12, 13]) assert.ok(await s.get(`${site.base}/page/${n}`), `page ${n}`);
      assert.equal((await s.get(`${site.base}/page/10`))!.published, '2024-03-11T10:00:00Z');
    });
  } finally {
    await pg.drop();
  }
});

test('a re-crawl sends the stored validators: 304s skip download and indexing; rss+xml feeds and x-gzip sitemaps are read', { timeout: 60_000 }, async () => {
  const pg = freshPgSchema('recrawl');
  const sources = [`${site.base}/c/feed.rss`, `${site.base}/c/sitemap.xml.gz`];
  type Summary = { indexed: number; duplicates: number; unchanged: number; notModified: number; sources: number; skipped: number };
  try {
    assert.equal((await runCli(['ingest', ...sources, '--db', pg.spec, ...FAST])).code, 0);
    const w1 = await runCli(['worker', '--db', pg.spec, '--exit-when-idle', '--json', ...WORKER], { timeoutMs: 40_000 });
    assert.equal(w1.code, 0, w1.stderr);
    const s1 = JSON.parse(w1.stdout) as Summary;
    assert.deepEqual([s1.sources, s1.indexed, s1.notModified, s1.skipped], [2, 2, 0, 0], w1.stdout);
    assert.ok(conditionalLog.every((r) => r.inm === undefined && r.ims === undefined), 'a first crawl asks nothing conditionally');
    const firstCrawl = conditionalLog.length;

    // The same sources again later (the finished jobs gone, as after pg-boss's retention),
    // and page 1 directly, since the unchanged feed will not list it again.
    await pgQuery(`DELETE FROM "${pg.schema}_jobs".job`);
    assert.equal((await runCli(['ingest', ...sources, `${site.base}/c/page/1`, '--db', pg.spec, ...FAST])).code, 0);
    const w2 = await runCli(['worker', '--db', pg.spec, '--exit-when-idle', '--json', ...WORKER], { timeoutMs: 40_000 });
    assert.equal(w2.code, 0, w2.stderr);
    const s2 = JSON.parse(w2.stdout) as Summary;
    // feed (ETag) and page 1 (ETag) and page 2 (Last-Modified, via the re-read sitemap) are 304s.
    assert.deepEqual([s2.notModified, s2.unchanged, s2.indexed, s2.duplicates, s2.sources], [3, 3, 0, 0, 1], w2.stdout);
    const second = conditionalLog.slice(firstCrawl);
    const asked = (path: string): (typeof second)[number] | undefined => second.find((r) => r.path === path);
    assert.deepEqual(asked('/c/feed.rss'), { path: '/c/feed.rss', inm: '"feed-v1"', ims: undefined, status: 304 });
    assert.deepEqual(asked('/c/page/1'), { path: '/c/page/1', inm: '"page1-v1"', ims: undefined, status: 304 });
    assert.deepEqual(asked('/c/page/2'), { path: '/c/page/2', inm: undefined, ims: C_LAST_MODIFIED, status: 304 });
    assert.equal(asked('/c/sitemap.xml.gz')?.status, 200, 'no validators stored for it, so it is read again');
    await withStore(pg.spec, async (s) => assert.equal(await s.count(), 2));
  } finally {
    await pg.drop();
  }
});

test('worker and ingest refuse a non-PostgreSQL database; every command fails fast on an unreachable one (exit 2, exit 7)', async () => {
  const sqlite = await runCli(['worker', '--db', 'test/tmp/nope.db']);
  assert.equal(sqlite.code, 2);
  assert.match(sqlite.stderr, /the job queue needs a PostgreSQL database/);
  for (const args of [['ingest', 'https://example.org/'], ['worker'], ['trace', 'examples/page.html']]) {
    const down = await runCli([...args, '--db', 'postgres://127.0.0.1:1/x'], { timeoutMs: 15_000 });
    assert.equal(down.code, 7, `${args[0]}: ${down.stderr}`);
    assert.match(down.stderr, /^unspin: cannot connect to PostgreSQL at postgres:\/\/127\.0\.0\.1:1\/x: connection refused/);
  }
});

test('SIGTERM stops a waiting worker cleanly (exit 0, summary printed)', { timeout: 30_000 }, async () => {
  const pg = freshPgSchema('term');
  try {
    const w = spawnCli(['worker', '--db', pg.spec, '--poll', '0.2']);
    await new Promise<void>((resolve) => {
      w.child.stderr?.on('data', (b: Buffer) => { if (b.toString().includes('worker ready')) resolve(); });
    });
    w.child.kill('SIGTERM');
    const r = await w.done;
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^0 jobs: 0 indexed/);
  } finally {
    await pg.drop();
  }
});

test('worker --analyse scores each newly indexed page for spinning', { timeout: 60_000 }, async () => {
  const pg = freshPgSchema('analyse');
  try {
    const ing = await runCli(['ingest', 'examples/page.html', 'examples/original.html', '--db', pg.spec, ...FAST]);
    assert.equal(ing.code, 0, ing.stderr);
    const w = await runCli(['worker', '--db', pg.spec, '--exit-when-idle', '--analyse', '--json', ...WORKER], { timeoutMs: 50_000 });
    assert.equal(w.code, 0, w.stderr);
    const rows = await pgQuery<{ id: string; spin_score: number; flags: number }>(
      `SELECT p.id, p.spin_score, p.flags FROM "${pg.schema}".page_analysis p ORDER BY p.spin_score DESC`);
    assert.equal(rows.length, 2);
    assert.ok(rows.every((r) => r.spin_score >= 0 && r.spin_score <= 1));
    // The seed page is the spun one; its original should score lower.
    assert.match(rows[0].id, /dailyworldbrief/);
    assert.ok(rows[0].flags > rows[1].flags);
  } finally {
    await pg.drop();
  }
});

test('three workers at once on overlapping work: every text indexed exactly once', { timeout: 60_000 }, async () => {
  const pg = freshPgSchema('three');
  const { writeFileSync, mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const path = await import('node:path');
  const dir = mkdtempSync(path.join(tmpdir(), 'unspin-three-'));
  try {
    // 24 pages by URL, and the same 24 pages' HTML again as JSONL records under other ids:
    // the copies race the originals across workers and must all come out as duplicates.
    const jsonl = path.join(dir, 'copies.jsonl');
    writeFileSync(jsonl, Array.from({ length: 24 }, (_, i) => JSON.stringify({ id: `copy-${i + 20}`, html: articleHtml(i + 20) })).join('\n'));
    const urls = Array.from({ length: 24 }, (_, i) => `${site.base}/page/${i + 20}`);
    const ing = await runCli(['ingest', ...urls, jsonl, '--db', pg.spec, ...FAST]);
    assert.equal(ing.code, 0, ing.stderr);
    const workers = [0, 1, 2].map(() => spawnCli(['worker', '--db', pg.spec, '--exit-when-idle', '--json', '--concurrency', '3', ...WORKER]));
    const results = await Promise.all(workers.map((w) => w.done));
    const sums = results.map((r) => { assert.equal(r.code, 0, r.stderr); return JSON.parse(r.stdout) as { jobs: number; indexed: number; duplicates: number }; });
    assert.equal(sums.reduce((n, s) => n + s.jobs, 0), 48, 'every job done once');
    assert.equal(sums.reduce((n, s) => n + s.indexed, 0), 24);
    assert.equal(sums.reduce((n, s) => n + s.duplicates, 0), 24);
    await withStore(pg.spec, async (s) => {
      assert.equal(await s.count(), 24);
      assert.equal((await s.checkIntegrity()).ok, true);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await pg.drop();
  }
});
