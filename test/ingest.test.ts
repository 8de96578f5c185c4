/**
 * Ingestion as a library: charset decisions, binary/empty/huge input, gzip, directories,
 * JSONL records, and URL fetching against real servers on 127.0.0.1.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { UnspinError } from '../src/errors.js';
import { addressRefusal, hostnameRefusal } from '../src/ingest/address-policy.js';
import { decodeBytes } from '../src/ingest/charset.js';
import { fetchIfModified } from '../src/ingest/fetch.js';
import { fetchPage, readInputs, readOne, type IngestItem, type IngestOptions } from '../src/ingest/index.js';
import { splitLines } from '../src/ingest/lines.js';
import { binaryKind } from '../src/ingest/sniff.js';
import { articlePage, startHttpServer, startSilentServer, type TestServer } from './fixtures/ingest/servers.js';

const RUSSIAN = 'Министерство иностранных дел заявило в четверг, что новая программа сотрудничества будет обсуждаться на встрече в столице. Представители правительства отметили, что решение будет принято в ближайшее время.';
const JAPANESE = '東京で開かれた会議では、地域の平和と安定について話し合われました。政府の担当者は、新しい協力の枠組みを来月までにまとめる方針を示しました。';

let dir: string;
before(async () => { dir = await mkdtemp(path.join(os.tmpdir(), 'unspin-ingest-')); });
after(async () => { await rm(dir, { recursive: true, force: true }); });

async function rejectsWith(p: Promise<unknown>, kind: UnspinError['kind'], message: RegExp): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof UnspinError, `expected an UnspinError, got ${String(e)}`);
    assert.equal(e.kind, kind, e.message);
    assert.match(e.message, message);
    return true;
  });
}

async function collect(items: AsyncIterable<IngestItem>): Promise<IngestItem[]> {
  const out: IngestItem[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('charset', () => {
  const page = (body: string, head = ''): string => `<html><head>${head}<title>t</title></head><body><p>${body}</p></body></html>`;

  test('windows-1251 without any declaration is sniffed', () => {
    const r = decodeBytes(iconv.encode(page(RUSSIAN), 'windows-1251'));
    assert.ok(r.text.includes(RUSSIAN));
    assert.deepEqual(r.charset, { name: 'windows-1251', source: 'sniffed' });
  });

  test('Shift-JIS without any declaration is sniffed', () => {
    const r = decodeBytes(iconv.encode(page(JAPANESE), 'shift_jis'));
    assert.ok(r.text.includes(JAPANESE));
    assert.deepEqual(r.charset, { name: 'shift_jis', source: 'sniffed' });
  });

  test('<meta charset> and http-equiv are read; a commented-out one is not', () => {
    const bytes = iconv.encode(page(RUSSIAN, '<meta charset="windows-1251">'), 'windows-1251');
    assert.deepEqual(decodeBytes(bytes).charset, { name: 'windows-1251', source: 'meta' });
    const equiv = iconv.encode(page(RUSSIAN, '<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">'), 'koi8-r');
    const r = decodeBytes(equiv);
    assert.deepEqual(r.charset, { name: 'koi8-r', source: 'meta' });
    assert.ok(r.text.includes(RUSSIAN));
    const commented = Buffer.from(page('plain', '<!-- <meta charset="koi8-r"> -->'));
    assert.equal(decodeBytes(commented).charset?.source, 'default');
  });

  test('the HTTP header beats <meta>, and a BOM beats both', () => {
    const bytes = iconv.encode(page(RUSSIAN, '<meta charset="utf-8">'), 'windows-1251');
    const r = decodeBytes(bytes, 'windows-1251');
    assert.deepEqual(r.charset, { name: 'windows-1251', source: 'header' });
    assert.ok(r.text.includes(RUSSIAN));
    const bom = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(page(JAPANESE), 'utf-16le')]);
    const b = decodeBytes(bom, 'iso-8859-1');
    assert.deepEqual(b.charset, { name: 'utf-16le', source: 'bom' });
    assert.ok(b.text.startsWith('<html>'), 'the BOM is not part of the text');
    assert.ok(b.text.includes(JAPANESE));
  });

  test('iso-8859-1 labels decode as windows-1252, as browsers do', () => {
    const r = decodeBytes(Buffer.from([0x93, 0x71, 0x94]), 'ISO-8859-1');
    assert.equal(r.text, '\u201cq\u201d');
  });

  test('UTF-8 cut in the middle of a character is still UTF-8', () => {
    const full = Buffer.from(page('naïve café — “quoted” 東京'));
    const cut = full.subarray(0, full.indexOf(Buffer.from('京')) + 1);
    assert.equal(decodeBytes(cut).charset?.name, 'utf-8');
  });
});

describe('address policy', () => {
  test('refuses every non-public range, including IPv4-mapped IPv6', () => {
    const refused = ['127.0.0.1', '127.9.9.9', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1',
      '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::', 'fe80::1', 'fc00::1', 'fd12:3456::1',
      '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:169.254.169.254', '224.0.0.1', '[::1]'];
    for (const a of refused) assert.notEqual(addressRefusal(a), null, a);
    assert.match(addressRefusal('169.254.169.254') ?? '', /link-local/);
    assert.match(addressRefusal('::ffff:127.0.0.1') ?? '', /IPv4-mapped loopback/);
  });

  test('allows public unicast addresses', () => {
    for (const a of ['8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '2606:4700::1111', '::ffff:8.8.8.8']) {
      assert.equal(addressRefusal(a), null, a);
    }
  });

  test('refuses localhost and metadata names before any lookup', () => {
    assert.equal(hostnameRefusal('localhost'), 'loopback');
    assert.equal(hostnameRefusal('app.localhost.'), 'loopback');
    assert.equal(hostnameRefusal('metadata.google.internal'), 'cloud metadata');
    assert.equal(hostnameRefusal('example.com'), null);
  });
});

describe('files and stdin', () => {
  test('binary formats are recognised by their magic bytes', () => {
    assert.equal(binaryKind(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0])), 'PNG image');
    assert.equal(binaryKind(Buffer.from('%PDF-1.7\n')), 'PDF document');
    assert.equal(binaryKind(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0])), 'ZIP archive or Office document');
    assert.equal(binaryKind(Buffer.from(`<p>a\0b</p>${'\0'.repeat(20)}`)), 'contains NUL bytes');
    assert.equal(binaryKind(Buffer.from(`<html><body><p>${'A stray NUL in a long page. '.repeat(20)}\0</p></body></html>`)), null);
    assert.equal(binaryKind(Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256))), 'contains NUL bytes');
    assert.equal(binaryKind(iconv.encode('<p>hello there</p>', 'utf-16le')), null, 'UTF-16 text is not binary');
    assert.equal(binaryKind(Buffer.from('BMW recalls cars')), null, 'a text opening like a magic number is still text');
  });

  test('empty, whitespace-only, binary and missing files fail with exit 3', async () => {
    await writeFile(path.join(dir, 'empty.html'), '');
    await writeFile(path.join(dir, 'blank.html'), ' \n\t\n');
    await writeFile(path.join(dir, 'image.html'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]));
    await rejectsWith(readOne(path.join(dir, 'empty.html')), 'input', /input is empty/);
    await rejectsWith(readOne(path.join(dir, 'blank.html')), 'input', /input is empty/);
    await rejectsWith(readOne(path.join(dir, 'image.html')), 'input', /looks like binary \(JPEG image\), not HTML/);
    await rejectsWith(readOne(path.join(dir, 'nope.html')), 'input', /no such file/);
  });

  test('gzip is detected by magic bytes, whatever the name; truncated gzip still yields a page', async () => {
    const html = articlePage('Gzip works', ['First paragraph of a compressed page.']);
    await writeFile(path.join(dir, 'a.html.gz'), gzipSync(html));
    await writeFile(path.join(dir, 'b.html'), gzipSync(html));
    const zipped = gzipSync(html + 'x'.repeat(5000));
    await writeFile(path.join(dir, 'cut.html.gz'), zipped.subarray(0, zipped.length - 20));
    assert.equal((await readOne(path.join(dir, 'a.html.gz'))).html, html);
    assert.equal((await readOne(path.join(dir, 'b.html'))).html, html);
    assert.ok((await readOne(path.join(dir, 'cut.html.gz'))).html?.startsWith(html));
  });

  test('the size cap applies to files and to what gzip expands to', async () => {
    await writeFile(path.join(dir, 'big.html'), `<p>${'a'.repeat(5000)}</p>`);
    await writeFile(path.join(dir, 'bomb.html.gz'), gzipSync(`<p>${'a'.repeat(500_000)}</p>`));
    await rejectsWith(readOne(path.join(dir, 'big.html'), { maxBytes: 1000 }), 'tooLarge', /too large.*--max-bytes/);
    await rejectsWith(readOne(path.join(dir, 'bomb.html.gz'), { maxBytes: 100_000 }), 'tooLarge', /too large/);
  });

  test('stdin is read with the same checks', async () => {
    const page = await readOne('-', { stdin: Readable.from([Buffer.from('<p>from '), Buffer.from('stdin</p>')]) });
    assert.equal(page.html, '<p>from stdin</p>');
    await rejectsWith(readOne('-', { stdin: Readable.from([]) }), 'input', /stdin: input is empty/);
  });

  test('stdin without markup is plain text, so its blank-line paragraphs survive', async () => {
    const prose = 'First paragraph, a < b.\n\nSecond paragraph.';
    const page = await readOne('-', { stdin: Readable.from([Buffer.from(prose)]) });
    assert.equal(page.text, prose);
    assert.equal(page.html, undefined);
  });

  test('a stray NUL in a page is tolerated and becomes U+FFFD', async () => {
    await writeFile(path.join(dir, 'nul.html'), `<p>${'Long enough text around it. '.repeat(10)}a\0b</p>`);
    const page = await readOne(path.join(dir, 'nul.html'));
    assert.ok(page.html?.includes('a\uFFFDb'));
  });

  test('.txt files become plain text pages', async () => {
    await writeFile(path.join(dir, 'note.txt'), 'One.\n\nTwo.');
    const page = await readOne(path.join(dir, 'note.txt'));
    assert.equal(page.text, 'One.\n\nTwo.');
    assert.equal(page.html, undefined);
  });
});

describe('directories', () => {
  test('walks sorted, keeps page extensions only, survives a symlink loop', async () => {
    const root = path.join(dir, 'site');
    await mkdir(path.join(root, 'b', 'deep'), { recursive: true });
    await mkdir(path.join(root, '.git'), { recursive: true });
    const html = (t: string): string => articlePage(t, [`Body of ${t}.`]);
    await writeFile(path.join(root, 'z.html'), html('z'));
    await writeFile(path.join(root, 'a.htm'), html('a'));
    await writeFile(path.join(root, 'b', 'deep', 'c.xhtml'), html('c'));
    await writeFile(path.join(root, 'b', 'd.html.gz'), gzipSync(html('d')));
    await writeFile(path.join(root, 'notes.txt'), 'not a page');
    await writeFile(path.join(root, 'logo.png'), Buffer.from([0x89, 0x50]));
    await writeFile(path.join(root, '.git', 'x.html'), html('hidden'));
    await symlink(root, path.join(root, 'b', 'loop'));
    const items = await collect(readInputs([root]));
    const ids = items.map((i) => (i.ok ? path.relative(root, i.page.id) : `error: ${i.error.message}`));
    assert.deepEqual(ids, ['a.htm', path.join('b', 'd.html.gz'), path.join('b', 'deep', 'c.xhtml'), 'z.html']);
  });

  test('a directory with no pages is one whole-input failure', async () => {
    const empty = path.join(dir, 'nothing');
    await mkdir(empty);
    await writeFile(path.join(empty, 'readme.md'), '# hi');
    const items = await collect(readInputs([empty]));
    assert.equal(items.length, 1);
    assert.ok(!items[0].ok);
    assert.equal(items[0].wholeInput, true);
    assert.match(items[0].error.message, /no pages found/);
  });
});

describe('JSONL', () => {
  test('records keep ids and extra fields; a bad line is an error item with its line number', async () => {
    const lines = [
      JSON.stringify({ id: 'a', html: '<p>A</p>', title: 'Title A', published: '2023-05-04' }),
      '{"id": "b", "html": ',
      '',
      JSON.stringify({ id: 7, text: 'Plain B' }),
      JSON.stringify(['not', 'an', 'object']),
      JSON.stringify({ id: 'nothing' }),
      JSON.stringify({ id: 'wrong', html: 42 }),
    ].join('\n');
    const items = await collect(readInputs(['-'], { jsonl: true, stdin: Readable.from([Buffer.from(lines)]) }));
    assert.equal(items.length, 6);
    const [a, bad, b, arr, nothing, wrong] = items;
    assert.ok(a.ok && b.ok);
    assert.equal(a.page.id, 'a');
    assert.deepEqual(a.page.meta, { title: 'Title A', published: '2023-05-04' });
    assert.equal(b.page.id, '7');
    assert.equal(b.page.text, 'Plain B');
    assert.ok(!bad.ok && !arr.ok && !nothing.ok && !wrong.ok);
    assert.equal(bad.line, 2);
    assert.match(bad.error.message, /^line 2: not valid JSON/);
    assert.match(arr.error.message, /line 5: expected a JSON object, got an array/);
    assert.equal(nothing.id, 'nothing');
    assert.match(nothing.error.message, /no "html", "text" or "url"/);
    assert.match(wrong.error.message, /"html" must be a string/);
  });

  test('lines are split across chunk boundaries, CRLF and a BOM are handled, overlong lines skipped', async () => {
    const chunks = ['\ufeff{"a":', '1}\r\n{"b"', ':2}\n', 'x'.repeat(50), '\n{"c":3}'].map((s) => Buffer.from(s));
    const lines = [];
    for await (const l of splitLines(Readable.from(chunks), { maxLineBytes: 20 })) lines.push(l);
    assert.deepEqual(lines, [
      { number: 1, text: '{"a":1}' },
      { number: 2, text: '{"b":2}' },
      { number: 3, tooLong: true, bytes: 50 },
      { number: 4, text: '{"c":3}' },
    ]);
  });

  test('a .jsonl.gz file is gunzipped on the fly', async () => {
    const file = path.join(dir, 'crawl.jsonl.gz');
    await writeFile(file, gzipSync(`${JSON.stringify({ id: 'x', html: '<p>x</p>' })}\n`));
    const items = await collect(readInputs([file]));
    assert.equal(items.length, 1);
    assert.ok(items[0].ok && items[0].page.id === 'x');
  });
});

describe('fetching', () => {
  let server: TestServer;
  let silent: TestServer;
  let inFlight = 0;
  let maxInFlight = 0;
  const local: IngestOptions = { allowPrivate: true, timeoutMs: 5000 };
  before(async () => {
    server = await startHttpServer((req, res) => {
      const url = req.url ?? '/';
      if (url === '/page') {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(articlePage('Fetched', ['A fetched paragraph.']));
      } else if (url === '/cp1251') {
        res.writeHead(200, { 'content-type': 'text/html; charset=windows-1251' });
        res.end(iconv.encode(articlePage('Новости', [RUSSIAN]), 'windows-1251'));
      } else if (url === '/gzip') {
        res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
        res.end(gzipSync(articlePage('Compressed', ['Sent with content-encoding gzip.'])));
      } else if (url === '/ua') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end(`agent: ${req.headers['user-agent'] ?? ''}`);
      } else if (url.startsWith('/hop')) {
        const n = Number(url.slice(4));
        res.writeHead(302, { location: n >= 3 ? '/page' : `/hop${n + 1}` });
        res.end();
      } else if (url === '/loop-a' || url === '/loop-b') {
        res.writeHead(301, { location: url === '/loop-a' ? '/loop-b' : '/loop-a' });
        res.end();
      } else if (url === '/to-metadata') {
        res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' });
        res.end();
      } else if (url === '/to-file') {
        res.writeHead(302, { location: 'file:///etc/passwd' });
        res.end();
      } else if (url === '/to-ipv6-loopback') {
        res.writeHead(302, { location: `http://[::1]:${server.port}/page` });
        res.end();
      } else if (url.startsWith('/held/')) {
        // Held until a second request arrives (or 2 s pass), so concurrent fetching shows in maxInFlight.
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        const started = Date.now();
        const timer = setInterval(() => {
          if (maxInFlight < 2 && Date.now() - started < 2000) return;
          clearInterval(timer);
          inFlight--;
          res.writeHead(200, { 'content-type': 'text/html' });
          res.end(articlePage(url, [`Body of ${url}.`]));
        }, 20);
      } else if (url === '/stall') {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.write('<p>the start of a page and then nothing');
      } else if (url === '/png') {
        res.writeHead(200, { 'content-type': 'image/png' });
        res.end(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
      } else if (url === '/lying-png') {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
      } else if (url === '/big') {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(`<p>${'b'.repeat(200_000)}</p>`);
      } else if (url === '/big-chunked') {
        res.writeHead(200, { 'content-type': 'text/html' });
        for (let i = 0; i < 20; i++) res.write(`<p>${'c'.repeat(10_000)}</p>`);
        res.end();
      } else {
        res.writeHead(404);
        res.end('not here');
      }
    });
    silent = await startSilentServer();
  });
  after(async () => { await server.close(); await silent.close(); });

  test('fetches and decodes a page (charset from the header, content-encoding gzip)', async () => {
    const page = await fetchPage(`${server.url}/page`, local);
    assert.match(page.html ?? '', /A fetched paragraph/);
    assert.equal(page.url, `${server.url}/page`);
    assert.equal(page.headers?.['content-type'], 'text/html');
    const ru = await fetchPage(`${server.url}/cp1251`, local);
    assert.ok(ru.html?.includes(RUSSIAN));
    assert.deepEqual(ru.charset, { name: 'windows-1251', source: 'header' });
    assert.match((await fetchPage(`${server.url}/gzip`, local)).html ?? '', /content-encoding gzip/);
  });

  test('sends a descriptive User-Agent, or the one given; text/plain becomes text', async () => {
    const page = await fetchPage(`${server.url}/ua`, local);
    assert.match(page.text ?? '', /^agent: unspin\/\d+\.\d+\.\d+ \(\+https:\/\//);
    const custom = await fetchPage(`${server.url}/ua`, { ...local, userAgent: 'my-crawler/1.0' });
    assert.equal(custom.text, 'agent: my-crawler/1.0');
  });

  test('loopback is refused by default, after DNS too', async () => {
    await rejectsWith(fetchPage(`${server.url}/page`), 'blocked', /refused: 127\.0\.0\.1 is a loopback address; use --allow-private/);
    await rejectsWith(fetchPage('http://169.254.169.254/latest/meta-data/'), 'blocked', /link-local/);
    await rejectsWith(fetchPage(`http://localhost:${server.port}/page`), 'blocked', /localhost is a loopback/);
    // Odd spellings of loopback are normalised by the URL parser before the check.
    for (const odd of ['http://2130706433/', 'http://0x7f.1/', 'http://127.1/', 'http://[0:0:0:0:0:ffff:7f00:1]/']) {
      await rejectsWith(fetchPage(odd), 'blocked', /loopback/);
    }
    // A name that resolves to loopback (a rebinding attack's second answer) is refused at connect time.
    const resolver = (): Promise<{ address: string; family: number }[]> => Promise.resolve([{ address: '127.0.0.1', family: 4 }]);
    await rejectsWith(fetchPage(`http://news.example.test:${server.port}/page`, { resolver }), 'blocked',
      /refused: news\.example\.test resolves to 127\.0\.0\.1, a loopback address/);
  });

  test('every redirect hop is checked against the policy', async () => {
    // Only 127.0.0.1 is allowed here, so the first hop connects and the redirect target must be refused.
    const onlyThisHost = (a: string): string | null => (a === '127.0.0.1' ? null : addressRefusal(a) ?? 'test-refused');
    await rejectsWith(fetchPage(`${server.url}/to-metadata`, { addressPolicy: onlyThisHost }), 'blocked', /169\.254\.169\.254/);
    await rejectsWith(fetchPage(`${server.url}/to-ipv6-loopback`, { addressPolicy: onlyThisHost }), 'blocked', /::1 is a loopback/);
    const ok = await fetchPage(`${server.url}/hop0`, { addressPolicy: onlyThisHost });
    assert.equal(ok.url, `${server.url}/page`);
  });

  test('a redirect to another scheme is refused', async () => {
    await rejectsWith(fetchPage(`${server.url}/to-file`, local), 'blocked', /only http and https URLs are fetched \(got file:\)/);
  });

  test('a name that does not resolve is a fetch error', async () => {
    const resolver = (): Promise<never> => Promise.reject(Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }));
    await rejectsWith(fetchPage('http://no-such-host.example.test/', { resolver }), 'fetch', /cannot resolve host no-such-host\.example\.test/);
  });

  test('redirect loops and long chains end with a clear message', async () => {
    await rejectsWith(fetchPage(`${server.url}/loop-a`, local), 'fetch', /redirect loop: .*loop-a -> .*loop-b -> .*loop-a/);
    await rejectsWith(fetchPage(`${server.url}/hop0`, { ...local, maxRedirects: 2 }), 'fetch', /too many redirects/);
  });

  test('a server that never answers ends with a timeout', async () => {
    await rejectsWith(fetchPage(`${silent.url}/`, { ...local, timeoutMs: 1000 }), 'fetch', /no response within 1 s/);
    await rejectsWith(fetchPage(`${server.url}/stall`, { ...local, timeoutMs: 1000 }), 'fetch', /(did not finish arriving|stopped sending)/);
  });

  test('non-HTML content types and binary bodies are refused', async () => {
    await rejectsWith(fetchPage(`${server.url}/png`, local), 'fetch', /content type image\/png \(an image\), not HTML/);
    await rejectsWith(fetchPage(`${server.url}/lying-png`, local), 'input', /looks like binary \(PNG image\)/);
    await rejectsWith(fetchPage(`${server.url}/missing`, local), 'fetch', /HTTP 404/);
  });

  test('the body cap holds with and without Content-Length', async () => {
    await rejectsWith(fetchPage(`${server.url}/big`, { ...local, maxBytes: 50_000 }), 'tooLarge', /too large/);
    await rejectsWith(fetchPage(`${server.url}/big-chunked`, { ...local, maxBytes: 50_000 }), 'tooLarge', /too large/);
  });

  test('only http and https; connection refused is a fetch error', async () => {
    await rejectsWith(fetchPage('file:///etc/passwd'), 'blocked', /only http and https/);
    await rejectsWith(fetchPage('http://user:pw@example.com/'), 'blocked', /credentials/);
    const closed = await startHttpServer(() => undefined);
    const port = closed.port;
    await closed.close();
    await rejectsWith(fetchPage(`http://127.0.0.1:${port}/`, local), 'fetch', /connection refused/);
  });

  test('JSONL url records are fetched concurrently and come out in input order', async () => {
    const records = ['c', 'a', 'b', 'd'].map((k) => JSON.stringify({ id: k, url: `${server.url}/held/${k}` })).join('\n');
    const items = await collect(readInputs(['-'], { ...local, jsonl: true, stdin: Readable.from([Buffer.from(records)]) }));
    assert.deepEqual(items.map((i) => (i.ok ? i.page.id : i.error.message)), ['c', 'a', 'b', 'd']);
    assert.ok(maxInFlight >= 2, `at most ${maxInFlight} request(s) in flight`);
  });

  test('JSONL records with only a url are fetched', async () => {
    const record = `${JSON.stringify({ id: 'r1', url: `${server.url}/page`, section: 'world' })}\n`;
    const items = await collect(readInputs(['-'], { ...local, jsonl: true, stdin: Readable.from([Buffer.from(record)]) }));
    assert.equal(items.length, 1);
    assert.ok(items[0].ok);
    assert.equal(items[0].page.id, 'r1');
    assert.deepEqual(items[0].page.meta, { section: 'world' });
    assert.match(items[0].page.html ?? '', /A fetched paragraph/);
  });
});

describe('conditional requests and extra content types', () => {
  const LAST_MODIFIED = 'Tue, 05 Mar 2024 10:00:00 GMT';
  const RSS = '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><link>https://news.example/a</link></item></channel></rss>';
  let server: TestServer;
  /** The conditional headers of every request, in order. */
  const seen: { path: string; inm?: string; ims?: string; accept?: string }[] = [];
  const local: IngestOptions = { allowPrivate: true, timeoutMs: 5000 };
  before(async () => {
    server = await startHttpServer((req, res) => {
      const url = req.url ?? '/';
      const inm = req.headers['if-none-match'];
      const ims = req.headers['if-modified-since'];
      seen.push({ path: url, inm, ims, accept: req.headers.accept });
      if (url === '/cond') {
        // As RFC 9110 says: If-None-Match decides when present, If-Modified-Since otherwise.
        const fresh = inm !== undefined ? inm === '"v2"' : ims === LAST_MODIFIED;
        if (fresh) {
          res.writeHead(304, { etag: '"v2"' });
          res.end();
          return;
        }
        res.writeHead(200, { 'content-type': 'text/html', etag: '"v2"', 'last-modified': LAST_MODIFIED });
        res.end(articlePage('Versioned', ['The second version of the page.']));
      } else if (url === '/always-304') {
        res.writeHead(304);
        res.end();
      } else if (url === '/feed.rss') {
        res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
        res.end(RSS);
      } else if (url === '/sitemap.xml.gz') {
        res.writeHead(200, { 'content-type': 'application/x-gzip' });
        res.end(gzipSync('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://news.example/b</loc></url></urlset>'));
      } else if (url === '/bomb.gz') {
        res.writeHead(200, { 'content-type': 'application/gzip' });
        res.end(gzipSync(Buffer.alloc(2_000_000, 0x20)));
      } else {
        res.writeHead(404);
        res.end('not here');
      }
    });
  });
  after(async () => { await server.close(); });
  const last = (): (typeof seen)[number] => seen[seen.length - 1];

  test('validators go out as If-None-Match / If-Modified-Since; a 304 is a result, not an error', async () => {
    const first = await fetchIfModified(`${server.url}/cond`, {}, local);
    assert.equal(first.notModified, false);
    assert.equal(last().inm, undefined, 'no validators, no conditional headers');
    const headers = first.notModified ? {} : first.page.headers ?? {};
    assert.match(first.notModified ? '' : first.page.html ?? '', /second version/);

    const byEtag = await fetchIfModified(`${server.url}/cond`, { etag: headers.etag }, local);
    assert.deepEqual({ notModified: byEtag.notModified, inm: last().inm }, { notModified: true, inm: '"v2"' });
    assert.equal(byEtag.notModified && byEtag.headers.etag, '"v2"', 'the 304 headers are returned (a fresh ETag may be among them)');

    const byDate = await fetchIfModified(`${server.url}/cond`, { lastModified: headers['last-modified'] }, local);
    assert.equal(byDate.notModified, true);
    assert.equal(last().ims, LAST_MODIFIED);

    const stale = await fetchIfModified(`${server.url}/cond`, { etag: '"v1"', lastModified: LAST_MODIFIED }, local);
    assert.equal(stale.notModified, false, 'a changed ETag wins over an unchanged date');
    assert.deepEqual([last().inm, last().ims], ['"v1"', LAST_MODIFIED]);
  });

  test('fetchPage sends no validators, and an unasked-for 304 stays an HTTP error', async () => {
    const page = await fetchPage(`${server.url}/cond`, local);
    assert.match(page.html ?? '', /second version/);
    assert.equal(last().inm, undefined);
    await rejectsWith(fetchPage(`${server.url}/always-304`, local), 'fetch', /HTTP 304/);
  });

  test('a validator that is not one line of header text is not sent', async () => {
    const r = await fetchIfModified(`${server.url}/cond`, { etag: '"v2"\r\nx-injected: 1', lastModified: '' }, local);
    assert.equal(r.notModified, false);
    assert.deepEqual([last().inm, last().ims], [undefined, undefined]);
  });

  test('feed and gzip types are refused for pages and read when a caller accepts them', async () => {
    await rejectsWith(fetchPage(`${server.url}/feed.rss`, local), 'fetch', /content type application\/rss\+xml \(not a web page\), not HTML$/);
    await rejectsWith(fetchPage(`${server.url}/sitemap.xml.gz`, local), 'fetch', /application\/x-gzip \(an archive\)/);
    const accepting = { ...local, acceptTypes: ['application/rss+xml', 'application/x-gzip', 'application/gzip'] };
    const feed = await fetchPage(`${server.url}/feed.rss`, accepting);
    assert.match(feed.html ?? '', /^<\?xml[\s\S]*<link>https:\/\/news\.example\/a<\/link>/);
    assert.match(last().accept ?? '', /application\/rss\+xml;q=0\.9/, 'the Accept header names the accepted types');
    const sitemap = await fetchPage(`${server.url}/sitemap.xml.gz`, accepting);
    assert.match(sitemap.html ?? '', /<loc>https:\/\/news\.example\/b<\/loc>/, 'gunzipped');
    await rejectsWith(fetchPage(`${server.url}/bomb.gz`, { ...accepting, maxBytes: 100_000 }), 'tooLarge', /too large/);
    await rejectsWith(fetchPage(`${server.url}/feed.rss`, { ...local, acceptTypes: ['application/atom+xml'] }), 'fetch',
      /not HTML or application\/atom\+xml/);
  });
});
