/**
 * Crawl sources: WARC files written here with warcio (gzip members, like Common Crawl), RSS,
 * Atom and sitemap documents, robots.txt politeness — and the malformed versions of each.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { WARCRecord, WARCSerializer } from 'warcio';
import { isUnspinError } from '../src/errors.js';
import { PoliteFetcher } from '../src/ingest/sources/polite.js';
import { readWarcPages, type WarcStats } from '../src/ingest/sources/warc.js';
import { FEED_CONTENT_TYPES, parseXmlSource, sniffXmlSource } from '../src/ingest/sources/xml.js';
import { runCli } from './helpers/cli.js';
import { freshPgSchema } from './pg-helpers.js';
import { articleHtml, startPageServer } from './queue-helpers.js';

const dir = mkdtempSync(path.join(tmpdir(), 'unspin-sources-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function warcRecord(type: 'response' | 'request' | 'warcinfo', url: string, contentType: string, body: string | Buffer, gzip: boolean, status = '200 OK'): Promise<Uint8Array> {
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : new Uint8Array(body);
  function* content(): Generator<Uint8Array> { yield bytes; }
  const record = type === 'warcinfo'
    ? WARCRecord.createWARCInfo({ filename: 'test.warc.gz' }, { software: 'unspin test' })
    : WARCRecord.create({
      url, type, date: '2024-03-05T10:00:00Z',
      ...(type === 'response' ? { httpHeaders: { 'Content-Type': contentType }, statusline: `HTTP/1.1 ${status}` } : { httpHeaders: { Host: 'example.org' }, statusline: `GET ${new URL(url).pathname} HTTP/1.1` }),
    }, content());
  return WARCSerializer.serialize(record, { gzip });
}

async function writeWarc(name: string, gzip: boolean): Promise<string> {
  const parts = [
    await warcRecord('warcinfo', '', '', '', gzip),
    await warcRecord('request', 'https://news.example/a', '', '', gzip),
    await warcRecord('response', 'https://news.example/a', 'text/html; charset=utf-8', articleHtml(1), gzip),
    await warcRecord('response', 'https://news.example/logo.png', 'image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]), gzip),
    await warcRecord('response', 'https://news.example/gone', 'text/html', 'Not here', gzip, '404 Not Found'),
    await warcRecord('response', 'https://news.example/b', 'text/html; charset=iso-8859-1', Buffer.from(articleHtml(2).replace('Report 2', 'Rapport d\u00e9taill\u00e9 2'), 'latin1'), gzip),
  ];
  const file = path.join(dir, name);
  writeFileSync(file, Buffer.concat(parts.map((p) => Buffer.from(p))));
  return file;
}

async function collect(file: string, stats?: WarcStats): Promise<{ url?: string; html?: string }[]> {
  const out = [];
  for await (const p of readWarcPages(file, stats)) out.push(p);
  return out;
}

test('WARC (gzip members and plain): HTML 2xx responses become pages, the rest is skipped', async () => {
  for (const gzip of [true, false]) {
    const file = await writeWarc(gzip ? 'crawl.warc.gz' : 'crawl.warc', gzip);
    const stats: WarcStats = { records: 0, pages: 0, skipped: 0 };
    const pages = await collect(file, stats);
    assert.deepEqual(pages.map((p) => p.url), ['https://news.example/a', 'https://news.example/b']);
    assert.deepEqual(stats, { records: 6, pages: 2, skipped: 4 });
    assert.match(pages[0].html ?? '', /Report 1 from/);
    assert.match(pages[1].html ?? '', /Rapport détaillé 2/, 'decoded with the charset the HTTP header gave');
  }
});

test('malformed WARC: not a WARC, empty, truncated mid-record (pages before the damage are kept)', async () => {
  const notWarc = path.join(dir, 'notes.warc');
  writeFileSync(notWarc, 'hello, this is a text file\n');
  await assert.rejects(collect(notWarc), /notes\.warc: not a WARC file/);
  const empty = path.join(dir, 'empty.warc.gz');
  writeFileSync(empty, '');
  await assert.rejects(collect(empty), /empty file, not a WARC/);

  const whole = readFileSync(await writeWarc('whole.warc', false));
  const cut = path.join(dir, 'cut.warc');
  const secondPage = whole.indexOf('Report 2');
  writeFileSync(cut, whole.subarray(0, secondPage - 200));
  const seen: string[] = [];
  await assert.rejects(async () => { for await (const p of readWarcPages(cut)) seen.push(p.url ?? ''); }, (e: unknown) => {
    assert.ok(isUnspinError(e));
    assert.equal(e.kind, 'input');
    return true;
  });
  assert.deepEqual(seen, ['https://news.example/a']);

  const wholeGz = readFileSync(await writeWarc('whole.warc.gz', true));
  const cutGz = path.join(dir, 'cut.warc.gz');
  writeFileSync(cutGz, wholeGz.subarray(0, wholeGz.length - 40));
  const seenGz: string[] = [];
  await assert.rejects(async () => { for await (const p of readWarcPages(cutGz)) seenGz.push(p.url ?? ''); }, (e: unknown) => isUnspinError(e) && e.kind === 'input');
  assert.deepEqual(seenGz, ['https://news.example/a'], 'the cut-off last gzip member is reported, not silently dropped');

  const garbageGz = path.join(dir, 'garbage.warc.gz');
  writeFileSync(garbageGz, Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00]), Buffer.alloc(64, 7)]));
  await assert.rejects(collect(garbageGz), (e: unknown) => isUnspinError(e) && e.kind === 'input');
});

test('RSS 2.0, Atom and RSS 1.0 feeds give absolute links with titles and dates', () => {
  const rss = parseXmlSource(`<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>
    <item><title>One &amp; two</title><link>https://n.example/1</link><pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate></item>
    <item><title>Rel</title><link>/2</link></item>
    <item><title>Guid only</title><guid>https://n.example/3</guid></item>
    <item><title>No link</title></item>
    <item><link>javascript:alert(1)</link></item></channel></rss>`, 'rss', 'https://n.example/feed');
  assert.equal(rss.kind, 'feed');
  assert.deepEqual(rss.entries.map((e) => e.url), ['https://n.example/1', 'https://n.example/2', 'https://n.example/3']);
  assert.equal(rss.entries[0].published, '2024-03-05T10:00:00.000Z');
  assert.equal(rss.skipped, 2);
  const atom = parseXmlSource(`<feed xmlns="http://www.w3.org/2005/Atom"><title>a</title>
    <entry><title>E</title><link rel="self" href="https://n.example/self"/><link rel="alternate" href="https://n.example/e1"/><updated>2024-01-02T03:04:05Z</updated></entry>
    <entry><title>F</title><link href="https://n.example/e2"/></entry></feed>`, 'atom');
  assert.deepEqual(atom.entries.map((e) => e.url), ['https://n.example/e1', 'https://n.example/e2']);
  const rdf = parseXmlSource(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><item><title>R</title><link>https://n.example/r</link></item></rdf:RDF>`, 'rdf');
  assert.deepEqual(rdf.entries.map((e) => e.url), ['https://n.example/r']);
});

test('sitemaps and sitemap indexes; HTML is not mistaken for either', () => {
  const sm = parseXmlSource(`<?xml version="1.0" encoding="UTF-8"?>
    <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://n.example/a</loc><lastmod>2024-02-01</lastmod></url><url><loc> https://n.example/b </loc></url></urlset>`, 'sm');
  assert.equal(sm.kind, 'sitemap');
  assert.deepEqual(sm.entries, [{ url: 'https://n.example/a', published: '2024-02-01T00:00:00.000Z' }, { url: 'https://n.example/b', published: undefined }]);
  const idx = parseXmlSource('<sitemapindex><sitemap><loc>https://n.example/s1.xml.gz</loc></sitemap></sitemapindex>', 'idx');
  assert.equal(idx.kind, 'sitemap-index');
  assert.equal(sniffXmlSource('<!doctype html><html><body>rss</body></html>'), null);
  assert.equal(sniffXmlSource('\uFEFF<?xml version="1.0"?>\n<!-- c --><rss/>'), 'feed');
});

test('malformed feeds: broken XML names the line, other XML is refused, entities are not expanded', () => {
  assert.throws(() => parseXmlSource('<rss><channel><item><link>https://x/1</link></item>\n<item></channel></rss>', 'bad.rss'),
    /bad\.rss: malformed XML at line 2/);
  assert.throws(() => parseXmlSource('<html><body/></html>', 'page.xml'), /page\.xml: not a feed or sitemap/);
  assert.throws(() => parseXmlSource('', 'empty.xml'), /not a feed or sitemap/);
  const bomb = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><rss><channel><item><title>&b;</title><link>https://x/1</link></item></channel></rss>`;
  const parsed = parseXmlSource(bomb, 'bomb.rss');
  assert.equal(parsed.entries.length, 1);
  assert.ok((parsed.entries[0].title ?? '').length < 50);
});

test('ingest: a malformed WARC or feed file is exit 3 with one clear line per source', async () => {
  const pg = freshPgSchema('srcbad');
  try {
    const badFeed = path.join(dir, 'broken.rss');
    writeFileSync(badFeed, '<rss><channel><item><link>https://x/1</link>\n</channel>');
    const notWarc = path.join(dir, 'text.warc');
    writeFileSync(notWarc, 'plain text');
    const r = await runCli(['ingest', badFeed, notWarc, '--db', pg.spec]);
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stderr, /broken\.rss: malformed XML at line/);
    assert.match(r.stderr, /text\.warc: not a WARC file/);
    assert.match(r.stderr, /nothing was enqueued: every source failed/);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    const good = await runCli(['ingest', await writeWarc('ok.warc.gz', true), '--db', pg.spec, '--json']);
    assert.equal(good.code, 0, good.stderr);
    assert.equal((JSON.parse(good.stdout) as { enqueued: number }).enqueued, 2);
  } finally {
    await pg.drop();
  }
});

test('polite fetching: robots.txt disallows, requests to one host keep their gap', async () => {
  const site = await startPageServer();
  const starts: number[] = [];
  site.server.prependListener('request', () => starts.push(Date.now()));
  try {
    const f = new PoliteFetcher({ ingest: { allowPrivate: true }, delayMs: 150, perHostConcurrency: 4 });
    await assert.rejects(f.fetch(`${site.base}/private/x`), /disallowed by .*robots\.txt/);
    const pages = await Promise.all([1, 2, 3].map((n) => f.fetch(`${site.base}/page/${n}`)));
    assert.equal(pages.length, 3);
    assert.equal(site.hits.get('/robots.txt'), 1, 'robots.txt fetched once per host');
    const gaps = starts.slice(1).map((t, i) => t - starts[i]);
    // Scheduling slack aside, each start is booked a full gap after the previous one.
    assert.ok(gaps.slice(1).every((g) => g >= 120), `gaps ${gaps.join(', ')}`);
  } finally {
    await site.close();
  }
});

test('polite fetching: feeds as application/rss+xml and sitemaps as application/x-gzip are read; 304 skips the body', async () => {
  const conditional: (string | undefined)[] = [];
  const site = await startPageServer((req: IncomingMessage, res: ServerResponse) => {
    const p = req.url ?? '';
    if (p === '/feed') {
      conditional.push(req.headers['if-none-match']);
      if (req.headers['if-none-match'] === '"feed-1"') {
        res.writeHead(304, { etag: '"feed-1"' });
        res.end();
        return true;
      }
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"feed-1"' });
      res.end(`<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>One</title><link>/page/1</link></item></channel></rss>`);
      return true;
    }
    if (p === '/sitemap.xml.gz') {
      res.writeHead(200, { 'content-type': 'application/x-gzip' });
      res.end(gzipSync(`<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>/page/2</loc></url><url><loc>/private/3</loc></url></urlset>`));
      return true;
    }
    return false;
  });
  try {
    const f = new PoliteFetcher({ ingest: { allowPrivate: true }, delayMs: 0 });
    // Without the feed types a page fetch refuses them, as before.
    await assert.rejects(f.fetch(`${site.base}/feed`), /content type application\/rss\+xml/);
    const feed = await f.fetchIfModified(`${site.base}/feed`, { acceptTypes: FEED_CONTENT_TYPES });
    assert.equal(feed.notModified, false);
    const feedPage = feed.notModified ? null : feed.page;
    const parsed = parseXmlSource(feedPage?.html ?? '', 'feed', feedPage?.url);
    assert.deepEqual(parsed.entries.map((e) => e.url), [`${site.base}/page/1`]);

    const sitemap = await f.fetchIfModified(`${site.base}/sitemap.xml.gz`, { acceptTypes: FEED_CONTENT_TYPES });
    const sitemapPage = sitemap.notModified ? null : sitemap.page;
    assert.deepEqual(parseXmlSource(sitemapPage?.html ?? '', 'sitemap', sitemapPage?.url).entries.map((e) => e.url),
      [`${site.base}/page/2`, `${site.base}/private/3`]);

    const again = await f.fetchIfModified(`${site.base}/feed`, { validators: { etag: feedPage?.headers?.etag }, acceptTypes: FEED_CONTENT_TYPES });
    assert.equal(again.notModified, true);
    assert.deepEqual(conditional, [undefined, undefined, '"feed-1"'], 'the stored ETag went out only on the re-fetch');
    // robots.txt still rules conditional fetches.
    await assert.rejects(f.fetchIfModified(`${site.base}/private/3`, { validators: { etag: '"x"' } }), /disallowed by .*robots\.txt/);
    assert.equal(site.hits.get('/private/3'), undefined);
  } finally {
    await site.close();
  }
});
