/**
 * `unspin restore` and `unspin learn`, run as a user would (the real CLI from source).
 * Fixtures are written here; the learned model comes from pairs made by a tiny made-up spinner.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from './helpers/cli.js';

const SWAPS: [string, string][] = [['buy', 'procure'], ['big', 'sizeable'], ['started', 'commenced']];
function spin(text: string): string {
  let out = text;
  for (const [from, to] of SWAPS) out = out.replace(new RegExp(`\\b${from}\\b`, 'g'), to);
  return out;
}

function withDir(fn: (dir: string) => Promise<void>): () => Promise<void> {
  return async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'unspin-cli-restore-'));
    try {
      await fn(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

test('restore -: clean text comes back unchanged on stdout', async () => {
  const text = 'The central bank raised interest rates on Tuesday.\n\nAnalysts had expected the move.\n';
  const r = await runCli(['restore', '-'], { stdin: text, timeoutMs: 60_000 });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, text);
});

test('restore --json: {text, spinScore, edits} with spans over the input', async () => {
  const text = 'NATO stated it would open a workplace within the area final month.';
  const r = await runCli(['restore', '--json', '-'], { stdin: text, timeoutMs: 60_000 });
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { text: string; spinScore: number; edits: { start: number; end: number; spun: string; original: string }[] };
  assert.deepEqual(Object.keys(out), ['text', 'spinScore', 'edits']);
  assert.ok(out.spinScore >= 0 && out.spinScore <= 1);
  for (const e of out.edits) assert.equal(text.slice(e.start, e.end), e.spun);
});

test('restore --min-confidence: only the edits at least that sure, applied to the text; out of range is a usage error', async () => {
  // Written for this test: a paragraph run through a thesaurus by hand.
  const text = 'The corporation stated on Tuesday that it would procure a sizeable stake within the firm subsequent to talks with regulators final month. '
    + 'Analysts mentioned the transaction might commence in the course of the approaching year, though the board has not but made a decision.';
  type Out = { text: string; edits: { start: number; end: number; original: string; confidence: number }[] };
  const all = await runCli(['restore', '--json', '-'], { stdin: text, timeoutMs: 60_000 });
  assert.equal(all.code, 0, all.stderr);
  const sure = await runCli(['restore', '--json', '--min-confidence', '0.8', '-'], { stdin: text, timeoutMs: 60_000 });
  assert.equal(sure.code, 0, sure.stderr);
  const a = JSON.parse(all.stdout) as Out;
  const b = JSON.parse(sure.stdout) as Out;
  const kept = a.edits.filter((e) => e.confidence >= 0.8);
  assert.ok(kept.length > 0 && kept.length < a.edits.length, `a mix of sure and unsure edits: ${JSON.stringify(a.edits)}`);
  assert.deepEqual(b.edits, kept);
  let rebuilt = '';
  let at = 0;
  for (const e of b.edits) {
    rebuilt += text.slice(at, e.start) + e.original;
    at = e.end;
  }
  assert.equal(b.text, rebuilt + text.slice(at));
  const bad = await runCli(['restore', '--min-confidence', '1.5', '-'], { stdin: text, timeoutMs: 60_000 });
  assert.equal(bad.code, 2, bad.stderr);
  assert.match(bad.stderr, /number from 0 to 1/);
});

test('learn then restore --model: the learned spinner is undone; the model is versioned JSON', withDir(async (dir) => {
  const subjects = ['The firm', 'A rival', 'The group', 'Their partner', 'The bank', 'An investor', 'The fund'];
  const lines: string[] = [];
  for (const s of subjects) {
    for (const tail of ['plans to buy a big stake', 'started talks to buy big assets', 'started to buy shares']) {
      const orig = `${s} ${tail}.`;
      lines.push(JSON.stringify({ spun: spin(orig), orig }));
    }
  }
  lines.push('not json', JSON.stringify({ spun: 1 }));
  const pairs = path.join(dir, 'pairs.jsonl');
  writeFileSync(pairs, `${lines.join('\n')}\n`);
  const model = path.join(dir, 'model.json.gz');
  const learn = await runCli(['learn', '--pairs', pairs, '--out', model], { timeoutMs: 60_000 });
  assert.equal(learn.code, 0, learn.stderr);
  assert.match(learn.stderr, /learned \d+ substitutions from 21 pairs \(2 lines skipped\)/);

  const orig = 'A new buyer started to buy big blocks of shares.';
  const r = await runCli(['restore', '--model', model, '-'], { stdin: spin(orig), timeoutMs: 60_000 });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.trim(), orig);

  const plainJson = path.join(dir, 'model.json');
  const learn2 = await runCli(['learn', '--pairs', pairs, '--out', plainJson], { timeoutMs: 60_000 });
  assert.equal(learn2.code, 0, learn2.stderr);
  const parsed = JSON.parse(readFileSync(plainJson, 'utf8')) as { format: string; version: number };
  assert.equal(parsed.format, 'unspin-spin-model');
  assert.equal(parsed.version, 1);
}));

test('restore --phrases: each line restored alone, with the learned spinner when given; --json gives candidates', withDir(async (dir) => {
  const lines: string[] = [];
  for (const s of ['The firm', 'A rival', 'The group', 'Their partner', 'The bank', 'An investor']) {
    for (const tail of ['plans to buy a big stake', 'started talks to buy big assets', 'started to buy shares']) {
      const orig = `${s} ${tail}.`;
      lines.push(JSON.stringify({ spun: spin(orig), orig }));
    }
  }
  const pairs = path.join(dir, 'pairs.jsonl');
  writeFileSync(pairs, `${lines.join('\n')}\n`);
  const model = path.join(dir, 'model.json');
  assert.equal((await runCli(['learn', '--pairs', pairs, '--out', model], { timeoutMs: 60_000 })).code, 0);

  const phrases = 'procure assets\n\n  sizeable loss  \ncommenced operations\n';
  const learned = await runCli(['restore', '--phrases', '--model', model, '-'], { stdin: phrases, timeoutMs: 60_000 });
  assert.equal(learned.code, 0, learned.stderr);
  assert.deepEqual(learned.stdout.trim().split('\n'), ['procure assets\tbuy assets', 'sizeable loss\tbig loss', 'commenced operations\tstarted operations']);

  const json = await runCli(['restore', '--phrases', '--json', '-'], { stdin: phrases, timeoutMs: 60_000 });
  assert.equal(json.code, 0, json.stderr);
  const records = json.stdout.trim().split('\n').map((l) => JSON.parse(l) as { phrase: string; text: string; candidates: string[] });
  assert.deepEqual(records.map((r) => r.phrase), ['procure assets', 'sizeable loss', 'commenced operations']);
  for (const r of records) {
    assert.ok(r.candidates.length > 0 && r.candidates.length <= 5, JSON.stringify(r));
    assert.notEqual(r.text, r.phrase);
  }

  const empty = await runCli(['restore', '--phrases', '-'], { stdin: '\n\n', timeoutMs: 60_000 });
  assert.equal(empty.code, 3);
  const both = await runCli(['restore', '--phrases', '--jsonl', '-'], { stdin: 'x\n', timeoutMs: 60_000 });
  assert.equal(both.code, 2);
  assert.match(both.stderr, /--phrases reads plain lines/);
}));

test('restore --jsonl: one result line per record, bad lines reported in place', withDir(async (dir) => {
  const input = [
    JSON.stringify({ id: 'a', text: 'Shares rose on Monday.' }),
    'this is not json',
    JSON.stringify({ id: 'c', body: 'no text field' }),
    JSON.stringify({ id: 'd', text: '' }),
  ].join('\n');
  const file = path.join(dir, 'in.jsonl');
  writeFileSync(file, input);
  const r = await runCli(['restore', '--jsonl', file], { timeoutMs: 60_000 });
  assert.equal(r.code, 0, r.stderr);
  const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.equal(out.length, 4);
  assert.equal(out[0].id, 'a');
  assert.equal(out[0].text, 'Shares rose on Monday.');
  assert.deepEqual(Object.keys(out[0]), ['id', 'text', 'spinScore', 'edits']);
  assert.ok(out[1].error);
  assert.equal(out[2].id, 'c');
  assert.ok(out[2].error);
  assert.equal(out[3].text, '');
}));

test('restore: an HTML file is extracted first', withDir(async (dir) => {
  const file = path.join(dir, 'page.html');
  writeFileSync(file, '<!doctype html><html><head><title>T</title></head><body><nav>Home | News</nav><article><h1>Rates rise</h1>'
    + '<p>The central bank raised interest rates by half a point on Tuesday, its third increase this year, and said more may follow.</p>'
    + '<p>Analysts had expected the move after inflation rose for a sixth month in a row.</p></article></body></html>');
  const r = await runCli(['restore', file], { timeoutMs: 60_000 });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /central bank raised interest rates/);
  assert.doesNotMatch(r.stdout, /<p>/);
}));

test('restore: bad model, missing file, empty stdin and conflicting flags give clear errors and exit codes', withDir(async (dir) => {
  const bad = path.join(dir, 'bad.json');
  writeFileSync(bad, '{"format": "unspin-spin-model", "version": 7}');
  const r1 = await runCli(['restore', '--model', bad, '-'], { stdin: 'text', timeoutMs: 60_000 });
  assert.equal(r1.code, 3);
  assert.match(r1.stderr, /^unspin: .*version 7 is not supported/m);
  assert.doesNotMatch(r1.stderr, /at .*\.ts:\d+/, 'no stack trace');

  const r2 = await runCli(['restore', path.join(dir, 'nope.txt')], { timeoutMs: 60_000 });
  assert.equal(r2.code, 3, r2.stderr);
  assert.match(r2.stderr, /^unspin: /);

  const r3 = await runCli(['restore', '-'], { stdin: '', timeoutMs: 60_000 });
  assert.equal(r3.code, 3, r3.stderr);
  assert.match(r3.stderr, /empty/);

  const r4 = await runCli(['restore', '--json', '--jsonl', '-'], { stdin: 'x', timeoutMs: 60_000 });
  assert.equal(r4.code, 2, r4.stderr);

  const r5 = await runCli(['learn', '--pairs', bad, '--out', path.join(dir, 'm.json')], { timeoutMs: 60_000 });
  assert.equal(r5.code, 3, r5.stderr);
  assert.match(r5.stderr, /no usable pairs/);
}));

test('learn --spun: a model learned from spun pages alone is written and usable', withDir(async (dir) => {
  // The made-up spinner, plus "stated" for "said": pages must look spun to be learned from.
  const spinMore = (t: string) => spin(t).replace(/\bsaid\b/g, 'stated');
  const base = [
    'The firm said it plans to buy a big stake in a rival and started talks on Monday, a spokesman said.',
    'Investors started to buy big blocks of shares after the bank said profits rose, traders said.',
    'The group said it wants to buy big assets abroad and started a review of its plants, officials said.',
  ];
  const pages = path.join(dir, 'pages.jsonl');
  writeFileSync(pages, `${base.map((t) => JSON.stringify({ text: spinMore(t) })).join('\n')}\n`);
  const model = path.join(dir, 'self.json');
  const learn = await runCli(['learn', '--spun', pages, '--out', model], { timeoutMs: 60_000 });
  assert.equal(learn.code, 0, learn.stderr);
  assert.match(learn.stderr, /from 3 spun pages \(self-learned; 3 of them looked spun and were used\)/);
  assert.doesNotMatch(learn.stderr, /warning/);
  const parsed = JSON.parse(readFileSync(model, 'utf8')) as { format: string; pairs: number; substitutions: Record<string, Record<string, number>> };
  assert.equal(parsed.format, 'unspin-spin-model');
  assert.ok((parsed.substitutions.stated?.said ?? 0) >= 3, JSON.stringify(parsed.substitutions));
  const r = await runCli(['restore', '--model', model, '-'], { stdin: spinMore('The bank said it would buy a big stake.'), timeoutMs: 60_000 });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /\bsaid\b/);
  const both = await runCli(['learn', '--spun', pages, '--pairs', pages, '--out', model], { timeoutMs: 60_000 });
  assert.equal(both.code, 2);
}));

test('learn --spun: pages that do not look spun give an empty model and a warning that says why', withDir(async (dir) => {
  const pages = path.join(dir, 'clean.jsonl');
  const clean = [
    'The central bank raised interest rates on Tuesday, and analysts had expected the move.',
    'Shares in the company rose after it said profits were higher than a year earlier.',
  ];
  writeFileSync(pages, `${clean.map((t) => JSON.stringify({ text: t })).join('\n')}\n`);
  const model = path.join(dir, 'empty.json');
  const learn = await runCli(['learn', '--spun', pages, '--out', model], { timeoutMs: 60_000 });
  assert.equal(learn.code, 0, learn.stderr);
  assert.match(learn.stderr, /learned 0 substitutions from 2 spun pages \(self-learned; 0 of them looked spun/);
  assert.match(learn.stderr, /warning: no page looked spun .* learn from pairs instead/);
}));
