/**
 * WARC files (Common Crawl's format, plain or as concatenated gzip members) read with warcio:
 * each `response` record whose HTTP payload is HTML becomes a RawPage. Other records (request,
 * metadata, warcinfo, revisit, non-HTML responses) are counted and skipped. A file that is not
 * a WARC, or is cut off mid-record, is an input error (exit 3) naming the record it reached,
 * after the pages before it have been yielded.
 */
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { WARCParser, type WARCRecord } from 'warcio';
import { UnspinError } from '../../errors.js';
import type { RawPage } from '../../model.js';
import { decodeBytes } from '../index.js';

export interface WarcStats {
  records: number;
  pages: number;
  skipped: number;
}

/** Pages larger than this are skipped (Common Crawl itself truncates payloads at 1 MiB). */
export const WARC_MAX_PAGE_BYTES = 10 * 1024 * 1024;

export function isWarcPath(p: string): boolean {
  return /\.warc(\.gz)?$/i.test(p);
}

function headerOf(record: WARCRecord, name: string): string | undefined {
  return record.httpHeaders?.headers.get(name) ?? undefined;
}

function isHtmlResponse(record: WARCRecord): boolean {
  if (record.warcType !== 'response' || !record.httpHeaders) return false;
  const status = Number(record.httpHeaders.statusCode);
  if (!(status >= 200 && status < 300)) return false;
  const type = (headerOf(record, 'content-type') ?? '').split(';')[0].trim().toLowerCase();
  return type === 'text/html' || type === 'application/xhtml+xml';
}

async function firstBytes(file: string): Promise<Buffer> {
  const stream = createReadStream(file, { start: 0, end: 15 });
  const chunks: Buffer[] = [];
  try {
    for await (const c of stream) chunks.push(c as Buffer);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UnspinError('input', `cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  return Buffer.concat(chunks);
}

/**
 * Bytes the record's Content-Length promised but the file did not hold. warcio 2.4 returns a
 * short payload without complaint; its LimitReader keeps the shortfall in `limit` (pinned
 * version, checked by the tests).
 */
function unreadBytes(record: WARCRecord): number {
  const limit = (record as unknown as { _reader?: { limit?: unknown } })._reader?.limit;
  return typeof limit === 'number' ? limit : 0;
}

/** Streams the HTML pages of a WARC file; `stats` is filled in as it goes. */
export async function* readWarcPages(file: string, stats: WarcStats = { records: 0, pages: 0, skipped: 0 }): AsyncGenerator<RawPage> {
  const head = await firstBytes(file);
  const gz = head[0] === 0x1f && head[1] === 0x8b;
  if (head.length === 0) throw new UnspinError('input', `${file}: empty file, not a WARC`);
  if (!gz && !head.toString('latin1').startsWith('WARC/')) {
    throw new UnspinError('input', `${file}: not a WARC file (it should start with "WARC/1.0" or be gzip-compressed WARC)`);
  }
  // Gzip members are inflated here, not by warcio: zlib reports a truncated last member, which
  // warcio would silently drop. createGunzip reads concatenated members, as WARC needs.
  const parser = new WARCParser(gz ? createReadStream(file).pipe(createGunzip()) : createReadStream(file));
  for (;;) {
    let record: WARCRecord | null;
    try {
      record = await parser.parse();
    } catch (e) {
      throw new UnspinError('input', `${file}: malformed WARC after ${stats.records} records (${e instanceof Error ? e.message : String(e)})`);
    }
    if (!record) break;
    stats.records++;
    if (record.warcHeaders.headers.get('Content-Length') == null) {
      throw new UnspinError('input', `${file}: malformed WARC: record ${stats.records} has no Content-Length (a cut-off or damaged header)`);
    }
    if (!isHtmlResponse(record) || record.warcContentLength > WARC_MAX_PAGE_BYTES + 64 * 1024) {
      await record.skipFully();
      stats.skipped++;
      continue;
    }
    let body: Uint8Array;
    try {
      body = await record.readFully(true);
    } catch (e) {
      throw new UnspinError('input', `${file}: record ${stats.records} is truncated or its payload cannot be decoded (${e instanceof Error ? e.message : String(e)})`);
    }
    if (unreadBytes(record) > 0) {
      throw new UnspinError('input', `${file}: record ${stats.records} is truncated (${unreadBytes(record)} bytes of its payload missing)`);
    }
    const url = record.warcTargetURI ?? undefined;
    if (body.length === 0 || body.length > WARC_MAX_PAGE_BYTES) {
      stats.skipped++;
      continue;
    }
    const contentType = headerOf(record, 'content-type') ?? '';
    const charsetLabel = /charset\s*=\s*"?([^";\s]+)/i.exec(contentType)?.[1] ?? null;
    const { text, charset } = decodeBytes(Buffer.from(body), charsetLabel);
    const id = record.warcHeader('WARC-Record-ID') ?? `${file}#${stats.records}`;
    const headers: Record<string, string> = {};
    for (const [k, v] of record.httpHeaders?.headers ?? []) headers[k.toLowerCase()] = v;
    stats.pages++;
    yield {
      id, url, html: text, charset,
      fetchedAt: record.warcDate ?? new Date().toISOString(),
      headers,
      meta: { warcRecordId: id },
    };
  }
  if (stats.records === 0) throw new UnspinError('input', `${file}: no WARC records found`);
}
