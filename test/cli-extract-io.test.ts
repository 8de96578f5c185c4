/**
 * The shared CLI helpers in src/cli/io.ts: backpressure-aware output, JSONL line reading,
 * flag parsing, error records.
 */
import assert from 'node:assert/strict';
import { Readable, Writable } from 'node:stream';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { InvalidArgumentError } from 'commander';
import { createOutput, errorRecord, formatJson, parseByteSize, parseSeconds, readJsonLines } from '../src/cli/io.js';
import { UnspinError } from '../src/errors.js';

test('createOutput waits for drain instead of buffering without bound', async () => {
  const received: string[] = [];
  let release: (() => void) | null = null;
  const slow = new Writable({
    highWaterMark: 4,
    write(chunk: Buffer, _enc, done) {
      received.push(chunk.toString());
      release = done; // completes only when the test says so
    },
  });
  const releaseWrite = (): void => {
    const done = release;
    release = null;
    done?.();
  };
  const out = createOutput(slow);
  let settled = false;
  const first = out.writeLine('0123456789').then(() => { settled = true; });
  await new Promise((r) => setImmediate(r));
  assert.equal(settled, false, 'the write must wait while the stream is full');
  releaseWrite();
  await first;
  assert.equal(settled, true);
  const second = out.writeJsonLine({ a: 1 });
  await new Promise((r) => setImmediate(r));
  releaseWrite();
  await second;
  await out.end();
  assert.deepEqual(received, ['0123456789\n', '{"a":1}\n']);
});

test('readJsonLines yields values and per-line errors, and reads gzip', async () => {
  const text = '{"a":1}\n\nnot json\n[2]\n';
  const got = [];
  for await (const l of readJsonLines(Readable.from([gzipSync(text)]))) got.push(l);
  assert.equal(got.length, 3);
  assert.deepEqual(got[0], { line: 1, value: { a: 1 } });
  assert.equal(got[1].line, 3);
  assert.match(got[1].error ?? '', /line 3: not valid JSON/);
  assert.deepEqual(got[2], { line: 4, value: [2] });
});

test('parseByteSize and parseSeconds accept the documented forms and reject the rest', () => {
  assert.equal(parseByteSize('5000'), 5000);
  assert.equal(parseByteSize('500k'), 500 * 1024);
  assert.equal(parseByteSize('10MB'), 10 * 1024 * 1024);
  assert.equal(parseByteSize('1.5 m'), 1.5 * 1024 * 1024);
  for (const bad of ['', 'lots', '-5', '0', '10 parsecs']) assert.throws(() => parseByteSize(bad), InvalidArgumentError, bad);
  assert.equal(parseSeconds('2'), 2000);
  assert.equal(parseSeconds('0.5'), 500);
  for (const bad of ['0', '-1', 'soon', '']) assert.throws(() => parseSeconds(bad), InvalidArgumentError, bad);
});

test('errorRecord and formatJson have one stable shape', () => {
  const rec = errorRecord('p1', new UnspinError('fetch', 'cannot fetch x'), { line: 3 });
  assert.deepEqual(Object.keys(rec), ['id', 'line', 'error']);
  assert.deepEqual(rec.error, { code: 4, kind: 'fetch', message: 'cannot fetch x' });
  assert.equal(formatJson({ b: 1 }), '{\n  "b": 1\n}\n');
});
