/**
 * Settings for reading pages, in one place so the CLI, the library and the HTTP server share
 * the same defaults (README "Ingestion").
 */
import type { Readable } from 'node:stream';
import { VERSION } from '../version.js';

export interface IngestOptions {
  /** Allow URLs that resolve to private, loopback, link-local or metadata addresses (local testing only). */
  allowPrivate?: boolean;
  /** Give up on a URL after this long in total, all redirects and the body included. */
  timeoutMs?: number;
  /** Size cap in bytes (after decompression). Defaults: 10 MB for URLs, 64 MB for files and stdin. */
  maxBytes?: number;
  /** User-Agent header sent with every request. */
  userAgent?: string;
  /** Where `-` reads from (default process.stdin). */
  stdin?: Readable;
  /** Treat `-` and files without a .jsonl/.ndjson name as JSONL records. */
  jsonl?: boolean;
  /** How many JSONL url-only records are fetched at once (output order is kept). */
  fetchConcurrency?: number;
  /** How many redirects a fetch follows before giving up. */
  maxRedirects?: number;
  /**
   * For tests and embedders: the DNS resolver (default dns.lookup) and the address policy
   * (default: refuse every non-public address, see address-policy.ts). The CLI never sets them.
   */
  resolver?: (hostname: string) => Promise<{ address: string; family: number }[]>;
  addressPolicy?: (address: string) => string | null;
}

/** Options of a single fetch, beyond what every reader shares. */
export interface FetchOptions extends IngestOptions {
  /**
   * Content types accepted besides the page types (HTML, XHTML, XML, text), read as markup.
   * Crawls pass feed and gzip types (sources/xml.ts FEED_CONTENT_TYPES); gzip bodies go through
   * the same capped gunzip as .gz files. Pages keep the default: an archive is not an article.
   */
  acceptTypes?: readonly string[];
}

/** What an earlier response said about its version, sent back to ask "changed since?". */
export interface Validators {
  etag?: string | null;
  lastModified?: string | null;
}

export const DEFAULT_TIMEOUT_MS = 20_000;
/** Connecting is quick or it is not happening; a dead host should not eat the whole budget. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
export const DEFAULT_URL_MAX_BYTES = 10 * 1024 * 1024;
/** Files are the user's own, so they get a larger cap than the network; a 50 MB page still works. */
export const DEFAULT_FILE_MAX_BYTES = 64 * 1024 * 1024;
export const DEFAULT_MAX_REDIRECTS = 10;
export const DEFAULT_FETCH_CONCURRENCY = 4;
export const DEFAULT_USER_AGENT = `unspin/${VERSION} (+https://github.com/unspin/unspin; article analysis)`;

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(n % 1024 === 0 ? 0 : 1)} KB`;
  return `${n} bytes`;
}
