/**
 * `unspin extract` end to end, run as a user runs it: every bad-input case must give its
 * documented exit code, a one-line message, no stack trace, and must end (runCli's timeout is
 * the hang guard, not a timing assertion).
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { runCli, type CliResult } from './helpers/cli.js';
import { articlePage, startHttpServer, startSilentServer, type TestServer } from './fixtures/ingest/servers.js';

const STACK_FRAME = /at .*\(.*:\d+:\d+\)/;

let dir: string;
before(async () => { dir = await mkdtemp(path.join(os.tmpdir(), 'unspin-cli-extract-')); });
after(async () => { await rm(dir, { recursive: true, force: true }); });

function tmp(name: string): string {
  return path.join(dir, name);
}

/** The failure contract: exit code, a message naming the problem, no stack trace, not killed by the hang guard. */
function assertFails(r: CliResult, code: number, message: RegExp): void {
  assert.equal(r.signal, null, `killed by the hang guard after ${r.ms} ms; stderr: ${r.stderr}`);
  assert.equal(r.code, code, `exit ${r.code}, stderr: ${r.stderr}`);
  assert.match(r.stderr, message);
  assert.match(r.stderr, /^unspin: /m);
  assert.doesNotMatch(r.stderr, STACK_FRAME);
  assert.doesNotMatch(r.stderr, /internal error/);
}

function assertOk(r: CliResult): void {
  assert.equal(r.signal, null, `killed by the hang guard after ${r.ms} ms`);
  assert.equal(r.code, 0, `exit ${r.code}, stderr: ${r.stderr}`);
  assert.doesNotMatch(r.stderr, STACK_FRAME);
}

const PARAGRAPHS = [
  'The harbour authority said on Tuesday that the new ferry terminal would open in the spring after two years of delays.',
  'Engineers found that the original pilings had settled unevenly, the authority said, and had to be replaced before work could go on.',
  'Residents welcomed the news but asked for more frequent evening crossings once the terminal opens.',
];

describe('the seed page', () => {
  test('prints the headline, then the article text without page chrome', async () => {
    const r = await runCli(['extract', 'examples/page.html'], { timeoutMs: 30_000 });
    assertOk(r);
    const text = r.stdout.trim();
    assert.ok(text.startsWith('China reacts to stories of NATO workplace in Japan\n\nThe US-led bloc'), text.slice(0, 80));
    assert.ok(text.endsWith('World War II.'), text.slice(-80));
    assert.match(text, /Mao Ning/);
    assert.doesNotMatch(text, /READ MORE/);
    assert.doesNotMatch(text, /HomeLatest/);
  });

  test('--no-title prints the body alone', async () => {
    const r = await runCli(['extract', 'examples/page.html', '--no-title'], { timeoutMs: 30_000 });
    assertOk(r);
    assert.ok(r.stdout.startsWith('The US-led bloc'), r.stdout.slice(0, 80));
  });

  test('--json prints the Article in the model\'s key order', async () => {
    const r = await runCli(['extract', 'examples/page.html', '--json'], { timeoutMs: 30_000 });
    assertOk(r);
    const article = JSON.parse(r.stdout) as Record<string, unknown>;
    assert.deepEqual(Object.keys(article), ['url', 'canonicalUrl', 'title', 'byline', 'published', 'language', 'text', 'paragraphs', 'links']);
    assert.match(String(article.title), /NATO/);
    assert.ok(r.stdout.startsWith('{\n  "url"'), 'pretty-printed');
  });
});

describe('bad input', () => {
  test('empty file: exit 3', async () => {
    await writeFile(tmp('empty.html'), '');
    assertFails(await runCli(['extract', tmp('empty.html')], { timeoutMs: 20_000 }), 3, /input is empty/);
  });

  test('empty stdin: exit 3', async () => {
    assertFails(await runCli(['extract', '-'], { stdin: '', timeoutMs: 20_000 }), 3, /stdin: input is empty/);
  });

  test('binary file: exit 3 naming the format', async () => {
    await writeFile(tmp('logo.html'), Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]));
    assertFails(await runCli(['extract', tmp('logo.html')], { timeoutMs: 20_000 }), 3, /looks like binary \(PNG image\), not HTML/);
    await writeFile(tmp('report.pdf'), '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj');
    assertFails(await runCli(['extract', tmp('report.pdf')], { timeoutMs: 20_000 }), 3, /PDF document/);
  });

  test('a device that never ends is recognised as binary at once', async () => {
    assertFails(await runCli(['extract', '/dev/zero'], { timeoutMs: 20_000 }), 3, /looks like binary \(contains NUL bytes\)/);
  });

  test('missing file: exit 3', async () => {
    assertFails(await runCli(['extract', tmp('no-such-page.html')], { timeoutMs: 20_000 }), 3, /cannot read .*no-such-page\.html: no such file/);
  });

  test('directory without pages: exit 3', async () => {
    await mkdir(tmp('no-pages'));
    await writeFile(tmp('no-pages/readme.txt'), 'nothing here');
    assertFails(await runCli(['extract', tmp('no-pages')], { timeoutMs: 20_000 }), 3, /no pages found/);
  });

  test('a page with no article text: exit 3', async () => {
    await writeFile(tmp('chrome.html'), '<html><body><nav><a href="/">Home</a></nav><script>var x = 1;</script></body></html>');
    assertFails(await runCli(['extract', tmp('chrome.html')], { timeoutMs: 20_000 }), 3, /no article text found/);
  });

  test('truncated HTML still gives the text that is there', async () => {
    const full = articlePage('Ferry terminal to open', PARAGRAPHS);
    await writeFile(tmp('cut.html'), full.slice(0, full.indexOf('Residents') + 20));
    const r = await runCli(['extract', tmp('cut.html')], { timeoutMs: 20_000 });
    assertOk(r);
    assert.match(r.stdout, /pilings had settled/);
  });

  test('over the size cap: exit 6 with the limit named', async () => {
    await writeFile(tmp('long.html'), articlePage('Long', PARAGRAPHS));
    assertFails(await runCli(['extract', tmp('long.html'), '--max-bytes', '200'], { timeoutMs: 20_000 }), 6, /too large .*200 bytes.*--max-bytes/);
  });

  test('a 50 MB page works', async () => {
    const parts: string[] = [];
    let size = 0;
    for (let i = 0; size < 50 * 1024 * 1024; i++) {
      const p = `<p>Paragraph ${i}: ${PARAGRAPHS[i % PARAGRAPHS.length]} ${PARAGRAPHS[(i + 1) % PARAGRAPHS.length]}</p>\n`;
      parts.push(p);
      size += p.length;
    }
    await writeFile(tmp('huge.html'), `<html><head><title>Huge</title></head><body><article>${parts.join('')}</article></body></html>`);
    const r = await runCli(['extract', tmp('huge.html')], { timeoutMs: 90_000 });
    assertOk(r);
    assert.ok(r.stdout.length > 40 * 1024 * 1024, `only ${r.stdout.length} characters of text`);
    assert.match(r.stdout, new RegExp(`Paragraph ${parts.length - 1}: `));
    await rm(tmp('huge.html'));
  });

  test('no input at all is a usage error', async () => {
    assertFails(await runCli(['extract'], { timeoutMs: 20_000 }), 2, /needs an input/);
  });

  test('bad flag values are usage errors', async () => {
    const r = await runCli(['extract', 'examples/page.html', '--timeout', 'soon'], { timeoutMs: 20_000 });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /positive number of seconds/);
  });
});

describe('encodings and formats', () => {
  test('windows-1251 and Shift-JIS pages without any declaration decode', async () => {
    const ru = 'Городской совет одобрил строительство нового моста через реку. Работы начнутся весной и продлятся два года, сообщили в администрации.';
    const ja = '市議会は川に架かる新しい橋の建設を承認しました。工事は春に始まり、二年間続く予定だと市の担当者が説明しました。';
    await writeFile(tmp('ru.html'), iconv.encode(articlePage('Мост', [ru]), 'windows-1251'));
    await writeFile(tmp('ja.html'), iconv.encode(articlePage('橋', [ja]), 'shift_jis'));
    const r1 = await runCli(['extract', tmp('ru.html')], { timeoutMs: 20_000 });
    assertOk(r1);
    assert.match(r1.stdout, /Городской совет одобрил/);
    const r2 = await runCli(['extract', tmp('ja.html')], { timeoutMs: 20_000 });
    assertOk(r2);
    assert.match(r2.stdout, /市議会は川に架かる/);
  });

  test('.html.gz and stdin', async () => {
    const html = articlePage('Ferry terminal to open', PARAGRAPHS);
    await writeFile(tmp('page.html.gz'), gzipSync(html));
    const r = await runCli(['extract', tmp('page.html.gz')], { timeoutMs: 20_000 });
    assertOk(r);
    assert.match(r.stdout, /harbour authority/);
    const s = await runCli(['extract', '-'], { stdin: gzipSync(html), timeoutMs: 20_000 });
    assertOk(s);
    assert.match(s.stdout, /harbour authority/);
  });
});

describe('batches', () => {
  test('--jsonl streams records with their ids; a bad line is reported and the run goes on', async () => {
    const lines = [
      JSON.stringify({ id: 'first', html: articlePage('First story', PARAGRAPHS), title: 'First' }),
      '{"id": "broken", "html": "<p>unterminated',
      JSON.stringify({ id: 'second', text: `${PARAGRAPHS[0]}\n\n${PARAGRAPHS[1]}` }),
      JSON.stringify({ id: 'empty', html: '   ' }),
    ].join('\n');
    const r = await runCli(['extract', '--jsonl'], { stdin: `${lines}\n`, timeoutMs: 30_000 });
    assertOk(r);
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string; line?: number; text?: string; error?: { code: number; message: string } });
    assert.deepEqual(out.map((o) => o.id), ['first', 'line 2', 'second', 'empty']);
    assert.match(out[0].text ?? '', /harbour authority/);
    assert.equal(out[1].line, 2);
    assert.equal(out[1].error?.code, 3);
    assert.match(out[1].error?.message ?? '', /line 2: not valid JSON/);
    assert.match(out[2].text ?? '', /pilings had settled/);
    assert.match(out[3].error?.message ?? '', /input is empty/);
    assert.match(r.stderr, /2 of 4 items failed/);
  });

  test('--jsonl from a file argument', async () => {
    await writeFile(tmp('records.jsonl'), `${JSON.stringify({ id: 42, html: articlePage('From file', PARAGRAPHS) })}\n`);
    const r = await runCli(['extract', tmp('records.jsonl'), '--jsonl'], { timeoutMs: 20_000 });
    assertOk(r);
    const rec = JSON.parse(r.stdout) as { id: string; title: string };
    assert.equal(rec.id, '42');
    assert.equal(rec.title, 'From file');
    // Without --json/--jsonl the same records print as text blocks.
    const text = await runCli(['extract', tmp('records.jsonl')], { timeoutMs: 20_000 });
    assertOk(text);
    assert.match(text.stdout, /^==> 42 <==\n.*harbour authority/s);
  });

  test('a directory streams one result per page, in name order', async () => {
    const site = tmp('site');
    await mkdir(path.join(site, 'sub'), { recursive: true });
    await writeFile(path.join(site, 'b.html'), articlePage('Bee', PARAGRAPHS));
    await writeFile(path.join(site, 'a.htm'), articlePage('Ay', PARAGRAPHS));
    await writeFile(path.join(site, 'sub', 'c.html.gz'), gzipSync(articlePage('Sea', PARAGRAPHS)));
    await writeFile(path.join(site, 'broken.html'), Buffer.from('PK\x03\x04\x14\x00\x00\x00', 'latin1'));
    await writeFile(path.join(site, 'style.css'), 'body {}');
    const r = await runCli(['extract', site, '--json'], { timeoutMs: 30_000 });
    assertOk(r);
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string; title?: string; error?: { message: string } });
    assert.deepEqual(out.map((o) => path.relative(site, o.id)), ['a.htm', 'b.html', 'broken.html', path.join('sub', 'c.html.gz')]);
    assert.match(out[2].error?.message ?? '', /ZIP/);
    const text = await runCli(['extract', site], { timeoutMs: 30_000 });
    assertOk(text);
    assert.equal(text.stdout.match(/^==> .* <==$/gm)?.length, 3);
    assert.match(text.stderr, /broken\.html: looks like binary/);
  });

  test('a missing input named among several decides the exit code, the others still print', async () => {
    await writeFile(tmp('good.html'), articlePage('Good', PARAGRAPHS));
    const r = await runCli(['extract', tmp('good.html'), tmp('gone.html'), '--json'], { timeoutMs: 20_000 });
    assertFails(r, 3, /gone\.html: no such file/);
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string; error?: unknown });
    assert.equal(out.length, 2);
    assert.equal(out[0].error, undefined);
    assert.ok(out[1].error);
  });
});

describe('URLs', () => {
  let server: TestServer;
  let silent: TestServer;
  before(async () => {
    server = await startHttpServer((req, res) => {
      if (req.url === '/story') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(articlePage('Ferry terminal to open', PARAGRAPHS));
      } else if (req.url === '/loop') {
        res.writeHead(302, { location: '/loop-again' });
        res.end();
      } else if (req.url === '/loop-again') {
        res.writeHead(302, { location: '/loop' });
        res.end();
      } else if (req.url === '/photo') {
        res.writeHead(200, { 'content-type': 'image/jpeg' });
        res.end(Buffer.from([0xff, 0xd8, 0xff, 0xe0]));
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    silent = await startSilentServer();
  });
  after(async () => { await server.close(); await silent.close(); });

  test('loopback is refused without --allow-private (exit 5) and fetched with it', async () => {
    assertFails(await runCli(['extract', `${server.url}/story`], { timeoutMs: 20_000 }), 5,
      /refused: 127\.0\.0\.1 is a loopback address; use --allow-private to allow/);
    const r = await runCli(['extract', `${server.url}/story`, '--allow-private'], { timeoutMs: 20_000 });
    assertOk(r);
    assert.match(r.stdout, /harbour authority/);
  });

  test('the cloud metadata address is refused (exit 5), nothing is sent', async () => {
    assertFails(await runCli(['extract', 'http://169.254.169.254/latest/meta-data/'], { timeoutMs: 20_000 }), 5, /link-local/);
  });

  test('a server that never answers: exit 4 within the --timeout', async () => {
    const r = await runCli(['extract', `${silent.url}/`, '--allow-private', '--timeout', '2'], { timeoutMs: 20_000 });
    assertFails(r, 4, /no response within 2 s/);
  });

  test('a redirect loop: exit 4', async () => {
    assertFails(await runCli(['extract', `${server.url}/loop`, '--allow-private'], { timeoutMs: 20_000 }), 4, /redirect loop/);
  });

  test('an image URL: exit 4, refused by content type', async () => {
    assertFails(await runCli(['extract', `${server.url}/photo`, '--allow-private'], { timeoutMs: 20_000 }), 4, /image\/jpeg \(an image\), not HTML/);
  });

  test('HTTP errors: exit 4', async () => {
    assertFails(await runCli(['extract', `${server.url}/gone`, '--allow-private'], { timeoutMs: 20_000 }), 4, /HTTP 404/);
  });

  test('non-http schemes are refused', async () => {
    assertFails(await runCli(['extract', 'file:///etc/passwd'], { timeoutMs: 20_000 }), 5, /only http and https/);
  });
});
