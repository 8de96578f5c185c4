/**
 * `unspin inspect` as a user runs it: the real CLI on the seed page and on bad input.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { repoRoot, runCli } from './helpers/cli.js';

const tmp = path.join(repoRoot, 'test', 'tmp', `report-cli-${process.pid}`);
mkdirSync(tmp, { recursive: true });
test.after(() => rmSync(tmp, { recursive: true, force: true }));

// No index may be found by accident (a stray ./unspin.db in the repository, or UNSPIN_DB).
const env = { UNSPIN_DB: path.join(tmp, 'absent.db') };
const seed = path.join(repoRoot, 'examples', 'page.html');

test('inspect prints the verdict first, then the evidence, and says what it could not do', async () => {
  const r = await runCli(['inspect', seed], { env, cwd: tmp, timeoutMs: 60_000 });
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.split('\n');
  assert.match(lines[0], /machine-spun|Spinning not assessed/);
  assert.match(r.stdout, /^Article {2}China reacts/m);
  assert.match(r.stdout, /source tracing: skipped — no index/);
  // eslint-disable-next-line no-control-regex -- NO_COLOR is set by runCli: no ANSI escapes
  assert.doesNotMatch(r.stdout, /\u001b\[/);
});

test('inspect --json prints a versioned report and --html writes one self-contained file', async () => {
  const out = path.join(tmp, 'seed.html');
  const r = await runCli(['inspect', seed, '--json', '--html', out], { env, cwd: tmp, timeoutMs: 60_000 });
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout) as { schemaVersion: number; article: { text: string }; restoration: { edits: { start: number; end: number; spun: string }[] } | null };
  assert.equal(report.schemaVersion, 1);
  for (const e of report.restoration?.edits ?? []) assert.equal(report.article.text.slice(e.start, e.end), e.spun);
  assert.ok(existsSync(out));
  const html = readFileSync(out, 'utf8');
  assert.match(html, /^<!doctype html>/);
  assert.match(html, /Content-Security-Policy/);
  assert.doesNotMatch(html, /<(link|img|iframe)\b|\ssrc=/i);
  assert.match(r.stderr, /wrote HTML report/);
});

test('inspect reads stdin and text, and fails with documented exit codes', async () => {
  const story = '<html><body><article><h1>Plan goes ahead</h1><p>The minister said on Monday that the long-delayed bridge plan would go ahead after a vote in parliament.</p><p>Officials agreed that building work would start in the spring and take about three years to finish.</p></article></body></html>';
  const fromStdin = await runCli(['inspect', '-', '--json'], { env, cwd: tmp, stdin: story });
  assert.equal(fromStdin.code, 0, fromStdin.stderr);
  assert.match((JSON.parse(fromStdin.stdout) as { article: { text: string } }).article.text, /Officials agreed/);

  const txt = path.join(tmp, 'story.txt');
  writeFileSync(txt, 'The minister said the plan would go ahead.\n\nOfficials agreed on Monday.\n');
  const fromText = await runCli(['inspect', txt, '--json'], { env, cwd: tmp });
  assert.equal(fromText.code, 0, fromText.stderr);
  assert.match((JSON.parse(fromText.stdout) as { article: { text: string } }).article.text, /^The minister said[\s\S]*Officials agreed on Monday\.$/);

  const empty = await runCli(['inspect', '-'], { env, cwd: tmp, stdin: '<html><body><nav>Home</nav></body></html>' });
  assert.equal(empty.code, 3, empty.stderr);

  const missing = await runCli(['inspect', path.join(tmp, 'nope.html')], { env, cwd: tmp });
  assert.equal(missing.code, 3);
  assert.match(missing.stderr, /^unspin: /);
  assert.doesNotMatch(missing.stderr, /at .*\.ts:\d+/, 'no stack trace');

  const noIndex = await runCli(['inspect', seed, '--db', path.join(tmp, 'none.db')], { env, cwd: tmp });
  assert.equal(noIndex.code, 7);
  assert.match(noIndex.stderr, /no index at/);

  const blocked = await runCli(['inspect', 'http://127.0.0.1:9/x'], { env, cwd: tmp });
  assert.equal(blocked.code, 5, blocked.stderr);

  const badHtmlPath = await runCli(['inspect', seed, '--html', path.join(tmp, 'no-such-dir', 'x.html')], { env, cwd: tmp, timeoutMs: 60_000 });
  assert.equal(badHtmlPath.code, 3);
  assert.match(badHtmlPath.stderr, /cannot write/);
});

test('inspect traces the source in an index given by --db or found through UNSPIN_DB', async () => {
  const { openStore, recordFromArticle } = await import('../src/index/index.js');
  const { extract } = await import('../src/extract/index.js');
  const db = path.join(tmp, 'index.db');
  const store = await openStore(db);
  const original = extract({ id: 'original', html: readFileSync(path.join(repoRoot, 'examples', 'original.html'), 'utf8'), fetchedAt: new Date().toISOString() });
  await store.addBatch([recordFromArticle('original-1', original)], 'update');
  await store.close();

  const given = await runCli(['inspect', seed, '--db', db], { env, cwd: tmp, timeoutMs: 60_000 });
  assert.equal(given.code, 0, given.stderr);
  assert.match(given.stdout.split('\n')[0], /^(Spun|Verbatim|Partial) copy of '/, 'a found source leads the verdict');
  assert.match(given.stdout, /^Source \(\d+ match/m);

  const found = await runCli(['inspect', seed, '--json'], { env: { UNSPIN_DB: db }, cwd: tmp, timeoutMs: 60_000 });
  assert.equal(found.code, 0, found.stderr);
  const report = JSON.parse(found.stdout) as { provenance: { matches: { id: string }[] } | null };
  assert.equal(report.provenance?.matches[0]?.id, 'original-1');

  const off = await runCli(['inspect', seed, '--json', '--no-index'], { env: { UNSPIN_DB: db }, cwd: tmp, timeoutMs: 60_000 });
  assert.equal((JSON.parse(off.stdout) as { provenance: unknown }).provenance, null);
});
