/**
 * Bad input for the restorer: empty, one word, very large, other scripts, only figures, only
 * capitals, hostile punctuation. Sensible output (spans inside the text, text rebuilt from
 * them), no crash; large inputs must finish (time grows linearly: sentences are decoded one by
 * one and over-long "sentences" in fixed-size pieces).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRestorer, type Restorer } from '../src/spin/index.js';
import type { Restoration } from '../src/model.js';

let shared: Restorer | null = null;
async function restorer(): Promise<Restorer> {
  shared ??= await createRestorer();
  return shared;
}

/** Every restoration must be consistent: spans inside the input, ordered, and the text rebuilt from them. */
function assertConsistent(input: string, r: Restoration): void {
  assert.ok(r.spinScore >= 0 && r.spinScore <= 1, `spinScore ${r.spinScore}`);
  let at = 0;
  let rebuilt = '';
  for (const e of r.edits) {
    assert.ok(e.start >= at && e.end > e.start && e.end <= input.length, `edit span ${e.start}-${e.end}`);
    assert.equal(input.slice(e.start, e.end), e.spun);
    rebuilt += input.slice(at, e.start) + e.original;
    at = e.end;
  }
  rebuilt += input.slice(at);
  assert.equal(r.text, rebuilt);
}

test('empty and whitespace-only text: nothing to do', async () => {
  const r = await restorer();
  for (const input of ['', ' ', '\n\n\t']) {
    const out = r.restore(input);
    assert.deepEqual(out, { text: input, spinScore: 0, edits: [] });
    assert.deepEqual(r.detect(input), { spinScore: 0, flags: [], paragraphs: [] });
  }
});

test('one word, one letter, punctuation only', async () => {
  const r = await restorer();
  for (const input of ['workplace', 'a', '...', '?!', '"', '“”']) {
    const out = r.restore(input);
    assertConsistent(input, out);
  }
});

test('other languages and scripts pass through unchanged', async () => {
  const r = await restorer();
  const inputs = [
    '北约计划在东京开设联络处。中国外交部表示反对。',
    'Министерство иностранных дел Китая призвало соседей проявлять бдительность.',
    'وزارة الخارجية الصينية تحث جيرانها على اليقظة.',
    'Le ministère a déclaré que le bureau ouvrirait le mois prochain.',
    '😀 🚀 ✨ emoji only 🎉',
  ];
  for (const input of inputs) {
    const out = r.restore(input);
    assertConsistent(input, out);
    if (!/[a-z]{4}/.test(input)) assert.equal(out.text, input);
  }
});

test('only figures, and only capitals', async () => {
  const r = await restorer();
  const figures = '1 2 3 4 5 6 7 8 9 10 11 12 1987 3.5% $1,200 1/8 11-1/2 2,000,000 0.0001';
  const figOut = r.restore(figures);
  assertConsistent(figures, figOut);
  assert.equal(figOut.text, figures);
  const caps = 'THE COMPANY SAID IT WOULD BUY THE PLANT FOR 20 MLN DLRS IN CASH AND STOCK. SHARES ROSE.';
  const capsOut = r.restore(caps);
  assertConsistent(caps, capsOut);
  for (const e of capsOut.edits) assert.equal(e.original, e.original.toUpperCase(), 'capitals stay capitals');
});

test('hostile text: unbalanced quotes, control characters, a huge token, long runs of punctuation', async () => {
  const r = await restorer();
  const inputs = [
    '“The office said '.repeat(200),
    'a\u0000b\u0007c the office\u202Esaid',
    'x'.repeat(200_000),
    '!?.,;:'.repeat(20_000),
    'word '.repeat(5000),
  ];
  for (const input of inputs) assertConsistent(input, r.restore(input));
});

test('a table of 400,000 rows: its labels are protected, nothing overflows', async () => {
  const r = await restorer();
  const input = Array.from({ length: 400_000 }, (_, i) => `Row ${i} 1.5 2.5`).join('\n');
  const out = r.restore(input);
  assertConsistent(input, out);
  assert.equal(out.edits.length, 0, 'table rows are never changed');
});

test('5 MB of text without words, and a large text of prose, finish with consistent output', async () => {
  const r = await restorer();
  const noWords = '— 12,345.67 — '.repeat(Math.ceil(5_000_000 / 14)).slice(0, 5_000_000);
  const out = r.restore(noWords);
  assert.equal(out.text, noWords);
  // Prose without any sentence punctuation: decoded in fixed-size pieces.
  const words = ['the', 'firm', 'said', 'its', 'new', 'office', 'would', 'open', 'next', 'month', 'in', 'the', 'capital'];
  const prose = Array.from({ length: 40_000 }, (_, i) => words[(i * 7) % words.length]).join(' ');
  assertConsistent(prose, r.restore(prose));
  assert.ok(r.detect(prose).spinScore <= 1);
});
