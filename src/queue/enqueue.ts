/**
 * `unspin ingest`: turning sources into jobs. Sources are read as streams and jobs inserted in
 * batches; when the queue already holds `maxBacklog` unfinished jobs the reader waits for the
 * workers to catch up (backpressure), so a 50 GB WARC never becomes a 50 GB job table.
 *
 *   http(s) URL                   one url job (the worker tells a page from a feed or sitemap)
 *   .warc / .warc.gz              a page job per HTML response record
 *   .jsonl / .ndjson (.gz)        a page job per record with text/html, a url job per url-only one
 *   .xml / .rss / .atom (.gz)     a local feed or sitemap: a url job per entry
 *   anything else                 pages read by ingest (files, directories, -): a page job each
 */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { UnspinError, isUnspinError } from '../errors.js';
import { maybeGunzip, readInputs, type IngestOptions } from '../ingest/index.js';
import { pgError } from '../index/pg/connection.js';
import { isWarcPath, readWarcPages } from '../ingest/sources/warc.js';
import { parseXmlSource } from '../ingest/sources/xml.js';
import type { RawPage } from '../model.js';
import { DEFAULT_TIMINGS, PAGE_QUEUE, jobIdFor, jobKey, type Job, type QueueTimings } from './jobs.js';
import { pendingJobs, type Queue } from './queue.js';

export interface EnqueueOptions {
  timings?: QueueTimings;
  /** Jobs inserted per statement (default 200). */
  batchSize?: number;
  /** Wait while the queue holds more unfinished jobs than this (default 20,000). */
  maxBacklog?: number;
  ingest?: IngestOptions;
  onBatch?: (s: EnqueueSummary) => void;
}

export interface EnqueueSummary {
  /** New jobs inserted. */
  enqueued: number;
  /** Jobs already queued under the same id (same URL, or same record and text). */
  alreadyQueued: number;
  failed: number;
  failures: { source: string; message: string }[];
}

/** Buffers jobs and inserts them in batches, waiting when the backlog is full. */
export class Enqueuer {
  private buffer: Job[] = [];
  readonly summary: EnqueueSummary = { enqueued: 0, alreadyQueued: 0, failed: 0, failures: [] };
  private readonly timings: QueueTimings;

  constructor(private readonly q: Queue, private readonly opts: EnqueueOptions = {}) {
    this.timings = opts.timings ?? DEFAULT_TIMINGS;
  }

  async add(job: Job): Promise<void> {
    this.buffer.push(job);
    if (this.buffer.length >= (this.opts.batchSize ?? 200)) await this.flush();
  }

  fail(source: string, e: unknown): void {
    this.summary.failed++;
    const message = e instanceof Error ? e.message : String(e);
    if (this.summary.failures.length < 50) this.summary.failures.push({ source, message });
  }

  async flush(): Promise<void> {
    try {
      await this.insertBuffered();
    } catch (e) {
      throw pgError(this.q.store.location, e);
    }
  }

  private async insertBuffered(): Promise<void> {
    if (this.buffer.length === 0) return;
    const maxBacklog = this.opts.maxBacklog ?? 20_000;
    for (;;) {
      const p = await pendingJobs(this.q);
      if (p.queued + p.active < maxBacklog) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    const batch = this.buffer;
    this.buffer = [];
    const ids = batch.map((j) => jobIdFor(jobKey(j)));
    const unique = new Map(ids.map((id, i) => [id, batch[i]]));
    const existing = await this.q.store.pool.query<{ id: string }>(
      `SELECT id FROM "${this.q.jobSchema}".job WHERE name = $1 AND id = ANY($2::uuid[])`, [PAGE_QUEUE, [...unique.keys()]]);
    const known = new Set(existing.rows.map((r) => r.id));
    const fresh = [...unique].filter(([id]) => !known.has(id));
    await this.q.boss.insert(fresh.map(([id, data]) => ({
      id, name: PAGE_QUEUE, data,
      retryLimit: this.timings.retryLimit,
      retryDelay: this.timings.retryDelaySeconds,
      retryBackoff: true,
      expireInSeconds: this.timings.expireInSeconds,
    })));
    this.summary.enqueued += fresh.length;
    this.summary.alreadyQueued += batch.length - fresh.length;
    this.opts.onBatch?.(this.summary);
  }
}

function pageJob(page: RawPage): Job {
  const meta = page.meta ?? {};
  const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
  return {
    kind: 'page',
    id: str(meta.id), url: page.url, title: str(meta.title), published: str(meta.published),
    html: page.html, text: page.text, fetchedAt: page.fetchedAt,
  };
}

function isJsonl(p: string): boolean {
  return /\.(jsonl|ndjson)(\.gz)?$/i.test(p);
}

function isXmlSource(p: string): boolean {
  return /\.(xml|rss|atom)(\.gz)?$/i.test(p);
}

async function enqueueJsonl(file: string, e: Enqueuer): Promise<void> {
  const stream = createReadStream(file);
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', (err: NodeJS.ErrnoException) => reject(new UnspinError('input', `cannot read ${file}: ${err.code === 'ENOENT' ? 'no such file' : err.message}`)));
  });
  const lines = createInterface({ input: Readable.from(maybeGunzip(stream)), crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    n++;
    if (line.trim() === '') continue;
    const where = `${file}:${n}`;
    let o: Record<string, unknown>;
    try {
      const v: unknown = JSON.parse(line);
      if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Error('expected a JSON object');
      o = v as Record<string, unknown>;
    } catch (err) {
      e.fail(where, new UnspinError('input', `${where}: not a JSON object (${err instanceof Error ? err.message : String(err)})`));
      continue;
    }
    const s = (k: string): string | undefined => (typeof o[k] === 'string' && (o[k]).trim() !== '' ? o[k] : undefined);
    const id = typeof o.id === 'number' ? String(o.id) : s('id');
    const text = s('text') ?? s('body');
    const html = s('html');
    const url = s('url');
    if (text !== undefined || html !== undefined) {
      await e.add({ kind: 'page', id, url, title: s('title'), published: s('published') ?? s('date'), text, html });
    } else if (url !== undefined && /^https?:\/\//i.test(url)) {
      await e.add({ kind: 'url', url, depth: 0, title: s('title'), published: s('published') });
    } else {
      e.fail(where, new UnspinError('input', `${where}: the record has no text, html or http(s) url`));
    }
  }
}

async function enqueueLocalXml(file: string, e: Enqueuer): Promise<void> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UnspinError('input', `cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes, { maxOutputLength: 256 * 1024 * 1024 });
    } catch (err) {
      throw new UnspinError('input', `${file}: cannot be decompressed (${(err as Error).message})`);
    }
  }
  const source = parseXmlSource(bytes.toString('utf8'), file);
  if (source.kind === 'sitemap-index') {
    for (const entry of source.entries) await e.add({ kind: 'url', url: entry.url, depth: 1 });
    return;
  }
  for (const entry of source.entries) await e.add({ kind: 'url', url: entry.url, depth: 1, title: entry.title, published: entry.published });
  if (source.entries.length === 0) throw new UnspinError('input', `${file}: the ${source.kind} lists no http(s) links`);
}

/** Enqueues everything behind `sources`; a failing source is counted and the rest go on. */
export async function enqueueSources(q: Queue, sources: string[], opts: EnqueueOptions = {}): Promise<EnqueueSummary> {
  const e = new Enqueuer(q, opts);
  const pagesViaIngest: string[] = [];
  for (const source of sources) {
    try {
      if (/^https?:\/\//i.test(source)) await e.add({ kind: 'url', url: source, depth: 0 });
      else if (isWarcPath(source)) {
        for await (const page of readWarcPages(source)) await e.add(pageJob(page));
      } else if (isJsonl(source)) await enqueueJsonl(source, e);
      else if (isXmlSource(source)) await enqueueLocalXml(source, e);
      else pagesViaIngest.push(source);
    } catch (err) {
      if (!isUnspinError(err) || err.kind === 'database' || err.kind === 'internal') throw err;
      e.fail(source, err);
    }
  }
  if (pagesViaIngest.length > 0) {
    for await (const item of readInputs(pagesViaIngest, opts.ingest ?? {})) {
      if (item.ok) await e.add(pageJob(item.page));
      else e.fail(item.id, item.error);
    }
  }
  await e.flush();
  return e.summary;
}
