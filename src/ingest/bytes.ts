/** Small byte-stream helpers shared by the readers. */
import { pipeline, Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { isGzip } from './sniff.js';

/** A stream chunk as a Buffer, without copying when it already is one. */
export function toBuffer(chunk: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  throw new TypeError(`unexpected stream chunk of type ${typeof chunk}`);
}

/**
 * The bytes of `source`, gunzipped on the fly when they start with the gzip magic bytes, so
 * `crawl.jsonl.gz` and `zcat`-less pipelines work without a flag.
 */
export async function* maybeGunzip(source: AsyncIterable<unknown>): AsyncGenerator<Buffer> {
  const it = source[Symbol.asyncIterator]();
  let head = Buffer.alloc(0);
  // Two bytes decide; a first chunk of one byte is rare but possible on a pipe.
  while (head.length < 2) {
    const next = await it.next();
    if (next.done) {
      if (head.length > 0) yield head;
      return;
    }
    head = Buffer.concat([head, toBuffer(next.value)]);
  }
  const all = (async function* (): AsyncGenerator<Buffer> {
    yield head;
    for (;;) {
      const next = await it.next();
      if (next.done) return;
      yield toBuffer(next.value);
    }
  })();
  if (!isGzip(head)) {
    yield* all;
    return;
  }
  const gunzip = pipeline(Readable.from(all), createGunzip(), () => { /* errors surface through iteration */ });
  for await (const chunk of gunzip) yield toBuffer(chunk);
}
