/**
 * JSONL records -> pages. One record a line: `{id?, url?, html?, text?, ...}`; html or text is
 * used as given, a record with only a url is fetched; every other field is kept in
 * RawPage.meta (title, published, ... for the index). A bad line becomes an error item carrying
 * its line number and the stream goes on.
 */
import { UnspinError } from '../errors.js';
import type { RawPage } from '../model.js';
import { fetchPage } from './fetch.js';
import { asUnspinError, type IngestItem } from './items.js';
import { splitLines, type Line } from './lines.js';
import { DEFAULT_FETCH_CONCURRENCY, type IngestOptions } from './options.js';

const KNOWN_FIELDS = new Set(['id', 'url', 'html', 'text']);

function describeType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return `a ${typeof v}`;
}

/** The page a parsed record stands for (fetching it when it only has a url). */
async function recordToPage(record: unknown, line: number, opts: IngestOptions): Promise<RawPage> {
  const where = `line ${line}`;
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    throw new UnspinError('input', `${where}: expected a JSON object, got ${describeType(record)}`);
  }
  const r = record as Record<string, unknown>;
  for (const field of ['url', 'html', 'text'] as const) {
    if (r[field] !== undefined && r[field] !== null && typeof r[field] !== 'string') {
      throw new UnspinError('input', `${where}: "${field}" must be a string, got ${describeType(r[field])}`);
    }
  }
  if (r.id !== undefined && r.id !== null && typeof r.id !== 'string' && typeof r.id !== 'number') {
    throw new UnspinError('input', `${where}: "id" must be a string or a number, got ${describeType(r.id)}`);
  }
  const url = typeof r.url === 'string' && r.url !== '' ? r.url : undefined;
  const id = r.id !== undefined && r.id !== null ? String(r.id) : url ?? where;
  const html = typeof r.html === 'string' ? r.html : undefined;
  const text = typeof r.text === 'string' ? r.text : undefined;
  const meta: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(r)) if (!KNOWN_FIELDS.has(k)) meta[k] = v;

  let page: RawPage;
  if (html !== undefined || text !== undefined) {
    const body = html ?? text ?? '';
    if (body.trim() === '') throw new UnspinError('input', `${id} (${where}): input is empty`);
    page = { id, fetchedAt: new Date().toISOString(), charset: { name: 'utf-8', source: 'given' } };
    if (url !== undefined) page.url = url;
    if (html !== undefined) page.html = html;
    else page.text = text;
  } else if (url !== undefined) {
    page = await fetchPage(url, opts);
    page.id = id;
  } else {
    throw new UnspinError('input', `${where}: record has no "html", "text" or "url"`);
  }
  if (Object.keys(meta).length > 0) page.meta = meta;
  return page;
}

/** The id a record claims, even when the record is otherwise unusable, so errors can be joined back. */
function claimedId(record: unknown, line: number): string {
  if (typeof record === 'object' && record !== null) {
    const r = record as Record<string, unknown>;
    if (typeof r.id === 'string' || typeof r.id === 'number') return String(r.id);
    if (typeof r.url === 'string' && r.url !== '') return r.url;
  }
  return `line ${line}`;
}

/** One line's item. Never rejects: every failure is an error item for that line. */
async function lineToItem(line: Line, opts: IngestOptions & { maxLineBytes: number }): Promise<IngestItem> {
  if ('tooLong' in line) {
    return {
      ok: false, id: `line ${line.number}`, line: line.number,
      error: new UnspinError('tooLarge', `line ${line.number}: record too large (over ${opts.maxLineBytes} bytes); raise the limit with --max-bytes`),
    };
  }
  let record: unknown;
  try {
    record = JSON.parse(line.text);
  } catch (e) {
    return {
      ok: false, id: `line ${line.number}`, line: line.number,
      error: new UnspinError('input', `line ${line.number}: not valid JSON (${(e as Error).message})`),
    };
  }
  try {
    return { ok: true, page: await recordToPage(record, line.number, opts), line: line.number };
  } catch (e) {
    return { ok: false, id: claimedId(record, line.number), line: line.number, error: asUnspinError(e) };
  }
}

/**
 * Items for the records in `bytes`, in input order. Records that must be fetched are fetched
 * a few at a time (`fetchConcurrency`), so one slow host does not stall a crawl; at most that
 * many pages are held in memory.
 */
export async function* readJsonlItems(bytes: AsyncIterable<unknown>, opts: IngestOptions & { maxLineBytes: number }): AsyncGenerator<IngestItem> {
  const window = Math.max(1, opts.fetchConcurrency ?? DEFAULT_FETCH_CONCURRENCY);
  const pending: Promise<IngestItem>[] = [];
  for await (const line of splitLines(bytes, { maxLineBytes: opts.maxLineBytes })) {
    if (!('tooLong' in line) && line.text.trim() === '') continue;
    pending.push(lineToItem(line, opts));
    if (pending.length >= window) yield await (pending.shift() as Promise<IngestItem>);
  }
  while (pending.length > 0) yield await (pending.shift() as Promise<IngestItem>);
}
