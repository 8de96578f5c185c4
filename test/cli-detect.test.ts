/**
 * `unspin detect`, run as a user would (the real CLI from source). The paragraphs are written
 * for this test: one clean, the same run through a thesaurus by hand, one in German.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from './helpers/cli.js';

const CLEAN = 'The company said on Tuesday that it would buy a large stake in the firm after talks with regulators last month. '
  + 'Analysts said the deal might begin during the coming year, though the board has not yet made a decision.';
const SPUN = 'The corporation stated on Tuesday that it would procure a sizeable stake within the firm subsequent to talks with regulators final month. '
  + 'Analysts mentioned the transaction might commence in the course of the approaching year, though the board has not but made a decision.';
const GERMAN = 'Die Bundesregierung hat am Dienstag neue Regeln für den Ausbau der Windenergie beschlossen. Nach Angaben des '
  + 'Wirtschaftsministeriums sollen die Genehmigungsverfahren deutlich schneller werden, damit bis zum Ende des Jahrzehnts doppelt '
  + 'so viele Anlagen am Netz sind wie heute. Kritiker aus den Ländern warnen jedoch, dass die Kommunen überfordert sein könnten.';

interface Detection {
  spinScore: number; likelySpun: boolean; flags: { start: number; end: number; score: number; reason: string }[];
  paragraphs?: { start: number; end: number; score: number }[]; notAssessed?: string;
}

test('detect --json: the spun paragraph scores above the threshold and its clean twin below; flags are spans over the input', async () => {
  const spun = await runCli(['detect', '--json', '-'], { stdin: SPUN, timeoutMs: 60_000 });
  assert.equal(spun.code, 0, spun.stderr);
  const s = JSON.parse(spun.stdout) as Detection;
  assert.deepEqual(Object.keys(s), ['spinScore', 'likelySpun', 'flags', 'paragraphs']);
  const clean = await runCli(['detect', '--json', '-'], { stdin: CLEAN, timeoutMs: 60_000 });
  const c = JSON.parse(clean.stdout) as Detection;
  assert.ok(s.likelySpun && !c.likelySpun, `spun ${s.spinScore}, clean ${c.spinScore}`);
  assert.ok(s.flags.length > 0, 'the spun paragraph has flagged words');
  const flagged = s.flags.map((f) => SPUN.slice(f.start, f.end));
  assert.ok(flagged.includes('sizeable') || flagged.includes('final'), `flagged: ${flagged.join(', ')}`);
  for (const f of s.flags) assert.ok(f.score >= 0 && f.score <= 1 && f.reason.length > 0);
});

test('detect: one summary line, then one line per flagged word quoting it', async () => {
  const r = await runCli(['detect', '-'], { stdin: SPUN, timeoutMs: 60_000 });
  assert.equal(r.code, 0, r.stderr);
  const [head, ...rows] = r.stdout.trimEnd().split('\n');
  assert.match(head, /^spin score \d\.\d\d: likely machine-spun \(threshold 0\.46\); \d+ flagged words; 1 of 1 paragraph scored 0\.7 or more$/);
  assert.ok(rows.length > 0);
  for (const row of rows) {
    const [span, , quoted] = row.trim().split('\t');
    const [start, end] = span.split('-').map(Number);
    assert.equal(JSON.parse(quoted), SPUN.slice(start, end));
  }
});

test('detect --json: text that is not English is not assessed, and so not called spun', async () => {
  const r = await runCli(['detect', '--json', '-'], { stdin: GERMAN, timeoutMs: 60_000 });
  assert.equal(r.code, 0, r.stderr);
  const d = JSON.parse(r.stdout) as Detection;
  assert.equal(d.likelySpun, false);
  assert.match(d.notAssessed ?? '', /not English/);
});

test('detect --jsonl: one line per record with its id; a bad line costs only itself; no records is an input error', async () => {
  const input = [JSON.stringify({ id: 'a', text: SPUN }), 'not json', JSON.stringify({ id: 7, body: 'no text field' }), JSON.stringify({ id: 'b', text: CLEAN })].join('\n');
  const r = await runCli(['detect', '--jsonl', '-'], { stdin: input, timeoutMs: 60_000 });
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { id: string | null; likelySpun?: boolean; error?: { code: number } });
  assert.equal(lines.length, 4);
  assert.deepEqual(lines.map((l) => l.id), ['a', null, '7', 'b']);
  assert.deepEqual(lines.map((l) => l.error?.code ?? null), [null, 3, 3, null]);
  assert.deepEqual([lines[0].likelySpun, lines[3].likelySpun], [true, false]);
  const empty = await runCli(['detect', '--jsonl', '-'], { stdin: '', timeoutMs: 60_000 });
  assert.equal(empty.code, 3);
  assert.match(empty.stderr, /empty/);
  const both = await runCli(['detect', '--json', '--jsonl', '-'], { stdin: CLEAN, timeoutMs: 60_000 });
  assert.equal(both.code, 2);
});

test('detect --json: a page spun in part shows which paragraph, each scored over its own span', async () => {
  const page = `${CLEAN}\n\n${SPUN}\n\n${CLEAN}`;
  const r = await runCli(['detect', '--json', '-'], { stdin: page, timeoutMs: 60_000 });
  assert.equal(r.code, 0, r.stderr);
  const d = JSON.parse(r.stdout) as Detection;
  const paragraphs = d.paragraphs ?? [];
  assert.deepEqual(paragraphs.map((p) => page.slice(p.start, p.end)), [CLEAN, SPUN, CLEAN]);
  assert.ok(paragraphs[1].score > 0.5 && paragraphs[0].score < 0.5 && paragraphs[2].score < 0.5, JSON.stringify(paragraphs));
});
