/**
 * The HTTP server on loopback, with the real pipeline: the API's answers and errors, the web
 * page's form post without JavaScript, limits (body size, concurrency, deadline), the address
 * policy, and logs that carry no page content.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { test } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { loadPipeline } from '../src/analyse.js';
import { openStore } from '../src/index/index.js';
import type { Article, RawPage } from '../src/model.js';
import { indexAccessFor, startServer, type RunningServer } from '../src/server/index.js';
import { repoRoot } from './helpers/cli.js';
import { assertNoActiveContent, assertValidReport, elements } from './helpers/report.js';
import { call, postJson, type Answer } from './helpers/http.js';

const seedHtml = readFileSync(path.join(repoRoot, 'examples', 'page.html'), 'utf8');
const tmp = path.join(repoRoot, 'test', 'tmp', `server-${process.pid}`);
mkdirSync(tmp, { recursive: true });

const logLines: string[] = [];
let server: RunningServer;

test.before(async () => {
  server = await startServer({ port: 0, log: (l) => logLines.push(l) });
});
test.after(async () => {
  await server.close();
  rmSync(tmp, { recursive: true, force: true });
});


function errorCode(a: Answer): string | undefined {
  return (a.json.error as { code?: string } | undefined)?.code;
}

test('POST /v1/inspect returns a schema-valid report for HTML and for text', async () => {
  const a = await postJson(server.url, '/v1/inspect', { html: seedHtml });
  assert.equal(a.status, 200, a.text);
  assertValidReport(a.json);
  assert.match((a.json.article as { title: string }).title, /China reacts/);
  assert.match(a.headers.get('content-type') ?? '', /application\/json/);

  const t = await postJson(server.url, '/v1/inspect', { text: 'The council voted on Tuesday to close the old library.\n\nResidents said they were disappointed.' });
  assert.equal(t.status, 200, t.text);
  assertValidReport(t.json);
});

test('POST /v1/inspect?format=html returns the self-contained report with its CSP', async () => {
  const a = await call(server.url, '/v1/inspect?format=html', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ html: seedHtml }) });
  assert.equal(a.status, 200);
  assert.match(a.text, /^<!doctype html>/);
  assert.match(a.headers.get('content-security-policy') ?? '', /default-src 'none'; style-src 'sha256-/);
});

test('POST /v1/restore returns restoration only, /v1/detect detection only; /v1/trace and /v1/index need an index', async () => {
  const r = await postJson(server.url, '/v1/restore', { html: seedHtml });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(Object.keys(r.json).sort(), ['article', 'restoration', 'schemaVersion', 'spin', 'stages']);
  const d = await postJson(server.url, '/v1/detect', { html: seedHtml });
  assert.equal(d.status, 200, d.text);
  assert.deepEqual(Object.keys(d.json).sort(), ['article', 'schemaVersion', 'spin', 'stages', 'summary']);
  assert.equal((d.json.stages as Record<string, { status: string }>).restoration.status, 'skipped');
  assert.equal((d.json.spin as { spinScore: number }).spinScore, (r.json.spin as { spinScore: number }).spinScore);
  const tr = await postJson(server.url, '/v1/trace', { html: seedHtml });
  assert.equal(tr.status, 409);
  assert.equal(errorCode(tr), 'no_index');
  const ix = await postJson(server.url, '/v1/index', { text: 'Some article text.' });
  assert.equal(ix.status, 409);
});

test('bad requests get clear JSON errors with codes', async () => {
  const cases: [string, RequestInit, number, string][] = [
    ['/v1/inspect', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"html": ' }, 400, 'invalid_json'],
    ['/v1/inspect', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"text":"x"}' }, 415, 'unsupported_media_type'],
    ['/v1/inspect', { method: 'POST', body: '{"text":"x"}' }, 415, 'unsupported_media_type'],
    ['/v1/inspect', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '' }, 400, 'empty_body'],
    ['/v1/inspect', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[1,2]' }, 400, 'invalid_request'],
    ['/v1/inspect', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text":"a","html":"b"}' }, 400, 'invalid_request'],
    ['/v1/inspect', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text": 42}' }, 400, 'invalid_request'],
    ['/v1/inspect', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text": "   "}' }, 422, 'unusable_input'],
    ['/v1/inspect', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"url": "javascript:alert(1)"}' }, 422, 'unusable_input'],
    ['/v1/inspect', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"url": "http://127.0.0.1:9/private"}' }, 403, 'blocked_address'],
    ['/v1/inspect', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"url": "http://169.254.169.254/latest/meta-data"}' }, 403, 'blocked_address'],
    ['/v1/inspect', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"url": "http://[::1]:9/"}' }, 403, 'blocked_address'],
    ['/v1/inspect', { method: 'GET' }, 405, 'method_not_allowed'],
    ['/v1/nothing', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }, 404, 'not_found'],
    ['/nothing', { method: 'GET' }, 404, 'not_found'],
  ];
  for (const [route, init, status, code] of cases) {
    const a = await call(server.url, route, init);
    assert.equal(a.status, status, `${init.method} ${route} ${typeof init.body === 'string' ? init.body : ''}: ${a.text}`);
    assert.equal(errorCode(a), code, a.text);
    assert.equal(typeof (a.json.error as { message: unknown }).message, 'string');
    assert.match(a.headers.get('content-type') ?? '', /application\/json/);
  }
});

test('bodies over the limit get 413, declared or streamed', async () => {
  const small = await startServer({ port: 0, maxBodyBytes: 1000, maxArticleChars: 200, log: null });
  try {
    const big = JSON.stringify({ text: 'word '.repeat(1000) });
    const a = await postJson(small.url, '/v1/inspect', { text: 'word '.repeat(1000) });
    assert.equal(a.status, 413);
    assert.equal(errorCode(a), 'payload_too_large');
    // Chunked: no Content-Length to refuse early on.
    const stream = new ReadableStream<Uint8Array>({ start(c) { c.enqueue(new TextEncoder().encode(big)); c.close(); } });
    const b = await call(small.url, '/v1/inspect', { method: 'POST', headers: { 'content-type': 'application/json' }, body: stream, duplex: 'half' });
    assert.equal(b.status, 413);
    // Under the body limit but over the article limit: refused before the synchronous stages run.
    const long = await postJson(small.url, '/v1/inspect', { text: 'The ferry ran late again today. '.repeat(20) });
    assert.equal(long.status, 413, long.text);
    assert.match((long.json.error as { message: string }).message, /at most 200 are analysed/);
  } finally {
    await small.close();
  }
});

/** A loopback page server that answers only when told to: a slow site. */
async function slowSite(): Promise<{ url: string; release: () => void; close: () => Promise<void> }> {
  const waiting: (() => void)[] = [];
  const site: Server = createServer((_req, res) => {
    waiting.push(() => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><body><article><p>The harbour reopened on Friday after repairs to the sea wall were finished.</p></article></body></html>');
    });
  });
  await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
  const { port } = site.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/story`,
    release: () => { for (const w of waiting.splice(0)) w(); },
    close: () => new Promise<void>((r) => { site.close(() => r()); site.closeAllConnections(); }),
  };
}

test('when every slot and the queue are taken, the server answers 503 with Retry-After', async () => {
  const site = await slowSite();
  const busy = await startServer({ port: 0, concurrency: 1, maxQueue: 0, allowPrivate: true, log: null });
  try {
    const first = postJson(busy.url, '/v1/inspect', { url: site.url });
    await new Promise((r) => setTimeout(r, 300)); // let the first request take the slot
    const second = await postJson(busy.url, '/v1/inspect', { text: 'Another article entirely.' });
    assert.equal(second.status, 503);
    assert.equal(errorCode(second), 'busy');
    assert.match(second.headers.get('retry-after') ?? '', /^\d+$/);
    site.release();
    const done = await first;
    assert.equal(done.status, 200, done.text);
    assert.match(JSON.stringify(done.json.article), /harbour reopened/);
  } finally {
    site.release();
    await busy.close();
    await site.close();
  }
});

test('a request abandoned while queued is dropped, not analysed later', async () => {
  const real = await loadPipeline();
  const realExtract = real.extract;
  assert.equal(typeof realExtract, 'function');
  const extracted: string[] = [];
  const pipeline = { ...real, extract: (page: RawPage) => { extracted.push(page.id); return (realExtract as (p: RawPage) => Article)(page); } };
  const site = await slowSite();
  const one = await startServer({ port: 0, concurrency: 1, maxQueue: 10, allowPrivate: true, pipeline, log: null });
  try {
    const first = postJson(one.url, '/v1/inspect', { url: site.url, id: 'first' });
    await new Promise((r) => setTimeout(r, 300));
    const gone = new AbortController();
    const abandoned = fetch(`${one.url}/v1/inspect`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'Queued then abandoned.', id: 'abandoned' }), signal: gone.signal });
    await new Promise((r) => setTimeout(r, 300));
    gone.abort();
    await abandoned.catch(() => undefined);
    await new Promise((r) => setTimeout(r, 100));
    site.release();
    assert.equal((await first).status, 200);
    const after = await postJson(one.url, '/v1/inspect', { text: 'A later request still runs.', id: 'later' });
    assert.equal(after.status, 200);
    assert.deepEqual(extracted, ['first', 'later']);
  } finally {
    site.release();
    await one.close();
    await site.close();
  }
});

test('a request past its deadline gets 504', async () => {
  const site = await slowSite();
  const quick = await startServer({ port: 0, timeoutMs: 400, allowPrivate: true, log: null });
  try {
    const a = await postJson(quick.url, '/v1/inspect', { url: site.url });
    assert.equal(a.status, 504);
    assert.equal(errorCode(a), 'timeout');
  } finally {
    site.release();
    await quick.close();
    await site.close();
  }
});

test('with an index: /v1/index stores an article and /v1/trace looks for it', async () => {
  const store = await openStore(path.join(tmp, 'index.db'));
  const indexed = await startServer({ port: 0, store, log: null });
  try {
    const original = readFileSync(path.join(repoRoot, 'examples', 'original.html'), 'utf8');
    const add = await postJson(indexed.url, '/v1/index', { html: original, id: 'original-1' });
    assert.equal(add.status, 201, add.text);
    assert.deepEqual(add.json, { status: 'added', id: 'original-1' });
    assert.equal(await store.count(), 1);
    const again = await postJson(indexed.url, '/v1/index', { html: original, id: 'original-1' });
    assert.equal(again.status, 200);
    const tr = await postJson(indexed.url, '/v1/trace', { html: seedHtml });
    assert.equal(tr.status, 200, tr.text);
    const stage = (tr.json.stages as Record<string, { status: string; reason?: string }>).provenance;
    assert.equal(stage.status, 'ok', stage.reason);
    const matches = (tr.json.provenance as { matches: { id: string; verdict: string }[] }).matches;
    assert.equal(matches[0]?.id, 'original-1', 'the indexed original is found');
    assert.notEqual(matches[0]?.verdict, 'unrelated');
  } finally {
    await indexed.close();
    await store.close();
  }
});

test('index writes: a bearer token when the server has one; none on a public address without one', async () => {
  const token = 'test-token-0123456789abcdef';
  const store = await openStore(path.join(tmp, 'index-token.db'));
  const locked = await startServer({ port: 0, store, indexToken: token, log: null });
  // Bound to every address, reached over loopback: the rule follows the address it listens on.
  const exposed = await startServer({ port: 0, host: '0.0.0.0', store, log: null });
  try {
    const body = JSON.stringify({ text: 'The council voted on Tuesday to close the old library. Residents said they were disappointed.', id: 'a-1' });
    const post = (base: string, authorization?: string) => call(base, '/v1/index', {
      method: 'POST', body, headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    });
    const none = await post(locked.url);
    assert.equal(none.status, 401);
    assert.equal(errorCode(none), 'unauthorized');
    assert.match(none.headers.get('www-authenticate') ?? '', /^Bearer /);
    const wrong = await post(locked.url, `Bearer ${token.slice(0, -1)}x`);
    assert.equal(wrong.status, 401);
    const open = await post(`http://127.0.0.1:${exposed.port}`);
    assert.equal(open.status, 403);
    assert.equal(errorCode(open), 'index_writes_disabled');
    assert.match(open.json.error ? String((open.json.error as { message: string }).message) : '', /UNSPIN_INDEX_TOKEN/);
    assert.equal(await store.count(), 0, 'a refused write stores nothing');
    const right = await post(locked.url, `Bearer ${token}`);
    assert.equal(right.status, 201, right.text);
    assert.equal(await store.count(), 1);
    // Reading is not a write: tracing needs no token.
    const tr = await postJson(`http://127.0.0.1:${exposed.port}`, '/v1/trace', { text: 'The council voted on Tuesday to close the old library.' });
    assert.equal(tr.status, 200, tr.text);
  } finally {
    await locked.close();
    await exposed.close();
    await store.close();
  }
});

test('index access rule: loopback addresses are open, other addresses closed, a token always wins', () => {
  for (const host of ['127.0.0.1', '127.8.9.10', '::1', '[::1]', 'localhost']) assert.equal(indexAccessFor(host, undefined).kind, 'open', host);
  for (const host of ['0.0.0.0', '::', '192.168.1.5', 'example.test']) assert.equal(indexAccessFor(host, undefined).kind, 'closed', host);
  assert.equal(indexAccessFor('0.0.0.0', 'x'.repeat(20)).kind, 'token');
});

test('the web page works without JavaScript: a form post returns the page with the report', async () => {
  const page = await call(server.url, '/');
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'sha256-[^']+'; img-src/);
  assert.doesNotMatch(page.headers.get('content-security-policy') ?? '', /unsafe-inline/);
  const form = elements(page.text).find((e) => e.name === 'form');
  assert.equal(form?.attribs.method, 'post');
  assert.ok(elements(page.text).some((e) => e.name === 'label' && e.attribs.for === 'input'), 'the text box has a label');

  const body = new URLSearchParams({ input: seedHtml, kind: 'auto' });
  const a = await call(server.url, '/', { method: 'POST', body });
  assert.equal(a.status, 200);
  assert.match(a.text, /class="verdict/);
  assert.match(a.text, /China reacts to stories of NATO workplace in Japan/);
  const textarea = elements(a.text).find((e) => e.name === 'textarea');
  assert.ok(textarea, 'the pasted input is given back for editing');

  const empty = await call(server.url, '/', { method: 'POST', body: new URLSearchParams({ input: ' ' }) });
  assert.equal(empty.status, 400);
  assert.match(empty.text, /role="alert"/);
  const blocked = await call(server.url, '/', { method: 'POST', body: new URLSearchParams({ input: 'http://10.0.0.1/x' }) });
  assert.equal(blocked.status, 403);
  assert.match(blocked.text, /Could not inspect this \(403\)/);
});

test('the web page escapes a hostile paste everywhere it shows it', async () => {
  const hostile = `<html><head><title>T</title></head><body><article><h1>Hostile </textarea><script>window.__pwned=1</script></h1>
<p>A paragraph long enough to be the article, with a <a href="javascript:window.__pwned=2">javascript link</a> and an image <img src=x onerror="window.__pwned=3"> in it, and more words.</p>
<p>Text that mentions &lt;/textarea&gt;&lt;script&gt;window.__pwned=4&lt;/script&gt; and &lt;/script&gt; as words in the article body itself.</p></article></body></html>`;
  const a = await call(server.url, '/', { method: 'POST', body: new URLSearchParams({ input: hostile }) });
  assert.equal(a.status, 200, a.text);
  const all = elements(a.text);
  assert.equal(all.filter((e) => e.name === 'script').length, 1, 'only the page\'s own script');
  assert.equal(all.filter((e) => e.name === 'textarea').length, 1);
  assert.equal(all.filter((e) => e.name === 'img').length, 0);
  assertNoActiveContent(all);
  // The textarea holds the paste as text, byte for byte.
  const textarea = all.find((e) => e.name === 'textarea');
  const textNode = textarea?.children[0] as { data?: string } | undefined;
  assert.equal(textNode?.data, hostile, 'htmlparser2 decodes entities as a browser does');
});

test('GET /v1/openapi.json is an OpenAPI 3.1 document whose schemas compile', async () => {
  const a = await call(server.url, '/v1/openapi.json');
  assert.equal(a.status, 200);
  assert.equal(a.json.openapi, '3.1.0');
  const paths = Object.keys(a.json.paths as object);
  for (const p of ['/v1/inspect', '/v1/restore', '/v1/detect', '/v1/trace', '/v1/index']) assert.ok(paths.includes(p));
  // Every $ref resolves inside the document.
  const refs = [...a.text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]);
  const schemas = (a.json.components as { schemas: Record<string, unknown> }).schemas;
  for (const r of refs) assert.ok(schemas[r], `dangling $ref ${r}`);
  // The Report component validates what /v1/inspect returns.
  const doc = JSON.parse(a.text) as { components: { schemas: Record<string, unknown> } };
  const local = new Ajv2020({ formats: { 'date-time': true, uri: true }, strict: false });
  local.addSchema({ $id: 'openapi', components: doc.components }, 'openapi');
  const validate = local.compile({ $ref: 'openapi#/components/schemas/Report' });
  const report = await postJson(server.url, '/v1/inspect', { text: 'The mayor said the bridge would reopen next week.' });
  assert.ok(validate(report.json), local.errorsText(validate.errors));
});

test('access logs carry method, path, status and duration only', async () => {
  const marker = 'ZebraMarker' + String(Date.now());
  await postJson(server.url, '/v1/inspect', { text: `The ${marker} committee met on Monday to discuss the budget.` });
  await call(server.url, '/', { method: 'POST', body: new URLSearchParams({ input: `Text about ${marker} and nothing else, long enough.` }) });
  assert.ok(logLines.length > 5);
  for (const line of logLines) {
    assert.match(line, /^[A-Z]+ \/\S* \d{3} \d+\.\dms$/, line);
    assert.ok(!line.includes(marker));
  }
});
