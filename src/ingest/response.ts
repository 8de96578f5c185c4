/** Judging and reading an HTTP response: its content type, headers, body (capped) and encoding. */
import { constants as zlib, brotliDecompressSync, inflateSync } from 'node:zlib';
import type { Dispatcher } from 'undici';
import { UnspinError } from '../errors.js';
import { gunzipCapped, tooLarge } from './page.js';

export type BodyKind = 'html' | 'text' | 'sniff';

/** The media type of a Content-Type header, lower-cased, without parameters. */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

/**
 * What a Content-Type means for us: a page to read, or a refusal saying what it is instead.
 * `accepted` types (feeds, gzip for sitemaps) are read as markup when a caller asks for them.
 */
export function classifyContentType(contentType: string | undefined, accepted: readonly string[] = []): BodyKind | { refuse: string } {
  const type = mediaType(contentType);
  if (type !== '' && accepted.some((a) => a.toLowerCase() === type)) return 'html';
  if (type === '' || type === 'application/octet-stream' || type === 'binary/octet-stream') return 'sniff';
  if (type === 'text/html' || type === 'application/xhtml+xml' || type === 'application/xml' || type === 'text/xml') return 'html';
  if (type.startsWith('text/')) return 'text';
  const families: [RegExp, string][] = [
    [/^image\//, 'an image'], [/^audio\//, 'audio'], [/^video\//, 'a video'], [/^font\//, 'a font'],
    [/^application\/pdf$/, 'a PDF document'], [/json$/, 'JSON'],
    [/zip|gzip|x-tar|compressed|x-7z|x-rar/, 'an archive'],
  ];
  const what = families.find(([re]) => re.test(type))?.[1] ?? 'not a web page';
  return { refuse: `${type} (${what})` };
}

const PAGE_ACCEPT = ['text/html', 'application/xhtml+xml;q=0.9'];
const FALLBACK_ACCEPT = ['text/plain;q=0.8', '*/*;q=0.1'];

/** The Accept header: page types first, then the extra types a caller accepts, then anything. */
export function acceptHeader(accepted: readonly string[] = []): string {
  return [...PAGE_ACCEPT, ...accepted.map((t) => `${t};q=0.9`), ...FALLBACK_ACCEPT].join(',');
}

export function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v.join(', ') : v;
}

export function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    const value = headerValue(v);
    if (value !== undefined) out[k.toLowerCase()] = value;
  }
  return out;
}

/** Read the body, abandoning it as soon as it passes the cap. */
export async function readBodyCapped(body: Dispatcher.ResponseData['body'], id: string, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > maxBytes) {
      body.destroy();
      throw tooLarge(id, maxBytes);
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks, size);
}

export function decodeContentEncoding(bytes: Buffer, encoding: string | undefined, id: string, maxBytes: number): Buffer {
  const enc = (encoding ?? '').trim().toLowerCase();
  if (enc === '' || enc === 'identity') return bytes;
  try {
    if (enc === 'gzip' || enc === 'x-gzip') return gunzipCapped(bytes, id, maxBytes);
    if (enc === 'deflate') return inflateSync(bytes, { finishFlush: zlib.Z_SYNC_FLUSH, maxOutputLength: maxBytes });
    if (enc === 'br') return brotliDecompressSync(bytes, { maxOutputLength: maxBytes });
  } catch (e) {
    if (e instanceof UnspinError) throw e;
    if (e instanceof RangeError || (e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(id, maxBytes);
    throw new UnspinError('fetch', `${id}: cannot decode the ${enc}-compressed response (${(e as Error).message})`);
  }
  throw new UnspinError('fetch', `${id}: the server used an unsupported content encoding "${enc}"`);
}
