/**
 * `index add`: reads inputs (JSONL records, or pages through ingest + extract), fingerprints
 * them and stores them in batches, one transaction per batch. A failure on one record is
 * counted and reported; it never stops the run or leaves a half-written article.
 */
import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { UnspinError, isUnspinError } from '../errors.js';
import type { IngestOptions } from '../ingest/index.js';
import { parseJsonRecord, recordFromText, type JsonRecord } from './records.js';
import type { AddOutcome, ArticleStore, DuplicateIdPolicy, IndexRecord } from './store.js';

export interface AddOptions {
  onDuplicateId?: DuplicateIdPolicy;
  /** Records per transaction. */
  batchSize?: number;
  /** Treat every input as JSONL (otherwise by extension: .jsonl, .ndjson, optionally .gz). */
  jsonl?: boolean;
  stdin?: Readable;
  /** Called after each committed batch. */
  onProgress?: (p: AddProgress) => void;
  /** Passed to ingest when reading pages (e.g. allowPrivate for tests on loopback). */
  ingest?: IngestOptions;
}

export interface AddProgress {
  processed: number;
  added: number;
  /** Bytes read of the current JSONL input, and its size, when known. */
  bytesRead?: number;
  bytesTotal?: number;
}

export interface AddFailure { id: string; message: string }

export interface AddSummary {
  added: number;
  updated: number;
  /** Same id already present (skipped, or unchanged text). */
  duplicateIds: number;
  /** Same text already present under another id (skipped). */
  duplicateContent: number;
  failed: number;
  failures: AddFailure[];
  seconds: number;
  /** Records processed per second. */
  rate: number;
}

/** Only the first few failures are kept in full; the count is always exact. */
const MAX_FAILURES_KEPT = 50;

export function isJsonlPath(p: string): boolean {
  return /\.(jsonl|ndjson)(\.gz)?$/i.test(p);
}

type Item = { ok: true; record: IndexRecord } | { ok: false; id: string; error: UnspinError };

async function* jsonlItems(input: string, stdin: Readable | undefined, onBytes: (read: number) => void): AsyncGenerator<Item> {
  // Loaded before the line reader starts: lines emitted during an await would be lost.
  const pages = await import('./pages.js').catch(() => null);
  let stream: Readable;
  if (input === '-') {
    stream = stdin ?? process.stdin;
  } else {
    const file = createReadStream(input);
    await new Promise<void>((resolve, reject) => {
      file.once('open', () => resolve());
      file.once('error', (e: NodeJS.ErrnoException) => reject(new UnspinError('input', `cannot read ${input}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`)));
    });
    file.on('data', () => onBytes(file.bytesRead));
    stream = /\.gz$/i.test(input) ? file.pipe(createGunzip()) : file;
  }
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    n++;
    if (line.trim() === '') continue;
    const where = `${input === '-' ? 'stdin' : input}:${n}`;
    try {
      if (line.includes('\u0000')) throw new UnspinError('input', `${where}: binary data, not a JSON line`);
      const rec: JsonRecord = parseJsonRecord(line, where);
      if (rec.text !== null && rec.text.trim() !== '') {
        yield { ok: true, record: recordFromText(rec, rec.text) };
      } else {
        if (!pages) throw new UnspinError('input', `${where}: HTML records need the extractor, which is not available`);
        yield { ok: true, record: pages.recordFromHtml(rec, where) };
      }
    } catch (e) {
      yield { ok: false, id: where, error: isUnspinError(e) ? e : new UnspinError('input', `${where}: ${e instanceof Error ? e.message : String(e)}`) };
    }
  }
}

async function* pageItems(inputs: string[], opts: AddOptions): AsyncGenerator<Item> {
  let pages: typeof import('./pages.js');
  try {
    pages = await import('./pages.js');
  } catch (e) {
    throw new UnspinError('internal', `page ingestion is unavailable: ${e instanceof Error ? e.message : String(e)}`);
  }
  yield* pages.pageRecords(inputs, { ...opts.ingest, stdin: opts.stdin });
}

export async function addInputs(store: ArticleStore, inputs: string[], opts: AddOptions = {}): Promise<AddSummary> {
  const started = process.hrtime.bigint();
  const batchSize = Math.max(1, opts.batchSize ?? 500);
  const summary: AddSummary = { added: 0, updated: 0, duplicateIds: 0, duplicateContent: 0, failed: 0, failures: [], seconds: 0, rate: 0 };
  let processed = 0;
  let bytesRead: number | undefined;
  let bytesTotal: number | undefined;
  const fail = (id: string, message: string): void => {
    summary.failed++;
    if (summary.failures.length < MAX_FAILURES_KEPT) summary.failures.push({ id, message });
  };
  const tally = (o: AddOutcome): void => {
    if (o.status === 'added') summary.added++;
    else if (o.status === 'updated') summary.updated++;
    else if (o.status === 'duplicate-id') summary.duplicateIds++;
    else summary.duplicateContent++;
  };
  let batch: IndexRecord[] = [];
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const outcomes = await store.addBatch(batch, opts.onDuplicateId ?? 'update');
    outcomes.forEach(tally);
    processed += batch.length;
    batch = [];
    opts.onProgress?.({ processed: processed + summary.failed, added: summary.added, bytesRead, bytesTotal });
  };
  const consume = async (items: AsyncIterable<Item>): Promise<void> => {
    for await (const item of items) {
      if (item.ok) {
        batch.push(item.record);
        if (batch.length >= batchSize) await flush();
      } else {
        fail(item.id, item.error.message);
      }
    }
  };

  const jsonInputs = inputs.filter((i) => opts.jsonl || isJsonlPath(i));
  const pageInputs = inputs.filter((i) => !(opts.jsonl || isJsonlPath(i)));
  for (const input of jsonInputs) {
    if (input !== '-') {
      try {
        bytesTotal = statSync(input).size;
      } catch { bytesTotal = undefined; }
    }
    try {
      await consume(jsonlItems(input, opts.stdin, (n) => { bytesRead = n; }));
    } catch (e) {
      if (!isUnspinError(e) || e.kind !== 'input') throw e;
      fail(input, e.message);
    }
  }
  if (pageInputs.length > 0) await consume(pageItems(pageInputs, opts));
  await flush();

  summary.seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const total = summary.added + summary.updated + summary.duplicateIds + summary.duplicateContent + summary.failed;
  summary.rate = summary.seconds > 0 ? total / summary.seconds : 0;
  return summary;
}
