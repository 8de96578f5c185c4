/**
 * Ingestion: every way a page can arrive, turned into RawPage values.
 *
 *   readOne(input)      one page: a file (.html, .html.gz, .txt), `-` (stdin) or an http(s) URL
 *   readInputs(inputs)  a stream of pages and per-item failures: files, URLs, stdin, directories
 *                       (walked), JSONL record files (.jsonl/.ndjson, or `jsonl: true`)
 *   fetchPage(url)      one URL, behind the address policy, timeouts and size cap
 *
 * Failures are UnspinErrors with documented exit codes (src/errors.ts): 3 unreadable input,
 * 4 fetch failed, 5 refused by the address policy, 6 over a size limit.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { UnspinError } from '../errors.js';
import type { RawPage } from '../model.js';
import { maybeGunzip } from './bytes.js';
import { fetchPage, looksLikeUrl } from './fetch.js';
import { asUnspinError, type IngestItem } from './items.js';
import { readJsonlItems } from './jsonl.js';
import { fileError, readFilePage, readStdinPage } from './local.js';
import { DEFAULT_FILE_MAX_BYTES, type IngestOptions } from './options.js';
import { PAGE_EXTENSIONS, walkPages } from './walk.js';

export { fetchPage } from './fetch.js';
export type { IngestItem } from './items.js';
export { splitLines, type Line } from './lines.js';
export { maybeGunzip, toBuffer } from './bytes.js';
export { addressRefusal, hostnameRefusal } from './address-policy.js';
export { decodeBytes, decideCharset } from './charset.js';
export {
  DEFAULT_FILE_MAX_BYTES, DEFAULT_TIMEOUT_MS, DEFAULT_URL_MAX_BYTES, DEFAULT_USER_AGENT, type IngestOptions,
} from './options.js';

export function isJsonlFileName(input: string): boolean {
  return /\.(jsonl|ndjson)(\.gz)?$/i.test(input);
}

/** Read exactly one page. Throws UnspinError on any failure. */
export async function readOne(input: string, opts: IngestOptions = {}): Promise<RawPage> {
  if (input === '-') return readStdinPage(opts);
  if (looksLikeUrl(input)) return fetchPage(input, opts);
  return readFilePage(input, opts);
}

/** What an input argument is, decided without reading its contents. */
export type InputKind = 'stdin' | 'url' | 'directory' | 'jsonl' | 'file';

export async function inputKind(input: string, opts: IngestOptions = {}): Promise<InputKind> {
  if (input === '-') return opts.jsonl ? 'jsonl' : 'stdin';
  if (looksLikeUrl(input)) return 'url';
  const info = await stat(input).catch(() => null);
  if (info?.isDirectory()) return 'directory';
  if (opts.jsonl || isJsonlFileName(input)) return 'jsonl';
  return 'file';
}

async function* oneItem(input: string, opts: IngestOptions): AsyncGenerator<IngestItem> {
  try {
    yield { ok: true, page: await readOne(input, opts) };
  } catch (e) {
    yield { ok: false, id: input, error: asUnspinError(e), wholeInput: true };
  }
}

async function* directoryItems(dir: string, opts: IngestOptions): AsyncGenerator<IngestItem> {
  let found = 0;
  try {
    for await (const entry of walkPages(dir)) {
      found++;
      if (entry.error !== undefined) {
        yield { ok: false, id: entry.path, error: fileError(entry.path, entry.error) };
        continue;
      }
      try {
        yield { ok: true, page: await readFilePage(entry.path, opts) };
      } catch (e) {
        yield { ok: false, id: entry.path, error: asUnspinError(e) };
      }
    }
  } catch (e) {
    yield { ok: false, id: dir, error: fileError(dir, e), wholeInput: true };
    return;
  }
  if (found === 0) {
    const kinds = PAGE_EXTENSIONS.join(', ');
    yield { ok: false, id: dir, error: new UnspinError('input', `no pages found in ${dir} (looked for ${kinds}, optionally .gz)`), wholeInput: true };
  }
}

async function* jsonlItems(input: string, opts: IngestOptions): AsyncGenerator<IngestItem> {
  const source = input === '-' ? (opts.stdin ?? process.stdin) : createReadStream(input, { highWaterMark: 1024 * 1024 });
  // Each record is one page, so one line may be as large as one page may be.
  const maxLineBytes = opts.maxBytes ?? DEFAULT_FILE_MAX_BYTES;
  let records = 0;
  try {
    for await (const item of readJsonlItems(maybeGunzip(source), { ...opts, maxLineBytes })) {
      records++;
      yield item;
    }
  } catch (e) {
    const error = input === '-' ? asUnspinError(e) : fileError(input, e);
    yield { ok: false, id: input, error, wholeInput: true };
    return;
  }
  if (records === 0) {
    const name = input === '-' ? 'stdin' : input;
    yield { ok: false, id: input, error: new UnspinError('input', `${name}: input is empty (no JSONL records)`), wholeInput: true };
  }
}

/**
 * Every page behind `inputs`, in order, as a stream: pages are read one at a time, so memory
 * stays bounded by the largest single page however many there are. Failures are yielded as
 * items (never thrown), so one bad file, URL or record does not stop the rest.
 */
export async function* readInputs(inputs: string[], opts: IngestOptions = {}): AsyncGenerator<IngestItem> {
  for (const input of inputs) {
    const kind = await inputKind(input, opts);
    if (kind === 'directory') yield* directoryItems(input, opts);
    else if (kind === 'jsonl') yield* jsonlItems(input, opts);
    else yield* oneItem(input, opts);
  }
}
