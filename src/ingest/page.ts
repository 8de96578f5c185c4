/**
 * From bytes to a RawPage: the checks every source (file, stdin, URL) shares, in one order:
 * empty -> gzip -> binary -> charset -> decode.
 */
import { constants as zlibConstants, gunzipSync } from 'node:zlib';
import { UnspinError } from '../errors.js';
import type { RawPage } from '../model.js';
import { decodeBytes } from './charset.js';
import { formatBytes } from './options.js';
import { binaryKind, isGzip } from './sniff.js';

export interface PageSource {
  id: string;
  url?: string;
  /** The Content-Type charset label, for fetched pages. */
  headerCharset?: string | null;
  headers?: Record<string, string>;
  /**
   * 'text' makes RawPage.text instead of RawPage.html (text/plain responses, .txt files);
   * 'sniff' decides from the content, for stdin, which has no name or Content-Type to go by.
   */
  kind?: 'html' | 'text' | 'sniff';
  maxBytes: number;
}

export function tooLarge(id: string, limit: number, size?: number): UnspinError {
  const got = size === undefined ? `over ${formatBytes(limit)}` : `${formatBytes(size)}, over the ${formatBytes(limit)} limit`;
  return new UnspinError('tooLarge', `${id}: too large (${got}); raise the limit with --max-bytes`);
}

/**
 * Gunzip, tolerating a truncated stream (Z_SYNC_FLUSH returns what was decoded so far: a
 * truncated page is still a page) and capping the output so a gzip bomb cannot fill memory.
 */
export function gunzipCapped(bytes: Uint8Array, id: string, maxBytes: number): Buffer {
  try {
    return gunzipSync(bytes, { finishFlush: zlibConstants.Z_SYNC_FLUSH, maxOutputLength: maxBytes });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError) throw tooLarge(id, maxBytes);
    throw new UnspinError('input', `${id}: looks like gzip but cannot be decompressed (${(e as Error).message})`);
  }
}

/**
 * Whether decoded content is markup rather than prose: a doctype or one of the structural
 * tags near the start. Piped plain text (`unspin extract page.html | unspin inspect -`) has
 * none, and read as HTML its blank-line paragraphs would collapse into one.
 */
export function looksLikeHtml(text: string): boolean {
  return /<(!doctype|html|head|body|meta|title|p|div|article|section|main|span|a|br|h[1-6]|table|ul|li)[\s>/]/i.test(text.slice(0, 8192));
}

export function pageFromBytes(raw: Uint8Array, source: PageSource): RawPage {
  if (raw.length === 0) throw new UnspinError('input', `${source.id}: input is empty`);
  const bytes = isGzip(raw) ? gunzipCapped(raw, source.id, source.maxBytes) : raw;
  if (bytes.length > source.maxBytes) throw tooLarge(source.id, source.maxBytes, bytes.length);
  const binary = binaryKind(bytes);
  if (binary) throw new UnspinError('input', `${source.id}: looks like binary (${binary}), not HTML`);
  const decoded = decodeBytes(bytes, source.headerCharset);
  const charset = decoded.charset;
  // A stray NUL is a parse error that browsers render as U+FFFD; do the same so no later stage meets one.
  const text = decoded.text.includes('\0') ? decoded.text.replaceAll('\0', '\uFFFD') : decoded.text;
  if (text.trim() === '') throw new UnspinError('input', `${source.id}: input is empty (only whitespace)`);
  const page: RawPage = { id: source.id, fetchedAt: new Date().toISOString(), charset };
  if (source.url !== undefined) page.url = source.url;
  const kind = source.kind === 'sniff' ? (looksLikeHtml(text) ? 'html' : 'text') : source.kind;
  if (kind === 'text') page.text = text;
  else page.html = text;
  if (source.headers) page.headers = source.headers;
  return page;
}
