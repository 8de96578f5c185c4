/**
 * What a job carries, and its id. Jobs are idempotent by construction: the id is derived from
 * what the job is about (a URL, or a record's id plus its content hash), so enqueueing the same
 * thing twice while the first is still queued adds nothing (pg-boss inserts ON CONFLICT DO
 * NOTHING on the id), and the indexing step is an upsert, so a retried job never indexes twice.
 */
import { createHash } from 'node:crypto';

export const PAGE_QUEUE = 'unspin-pages';

/** A URL to fetch; the worker finds out whether it is a page, a feed or a sitemap. */
export interface UrlJob {
  kind: 'url';
  url: string;
  /** How many sitemap indexes / feeds led here (bounded, so a sitemap loop ends). */
  depth: number;
  /** Hints from the feed or sitemap that listed the URL. */
  title?: string;
  published?: string;
}

/** A page already in hand (WARC record, JSONL record, local file): extract and index it. */
export interface PageJob {
  kind: 'page';
  id?: string;
  url?: string;
  title?: string;
  published?: string;
  html?: string;
  text?: string;
  fetchedAt?: string;
}

export type Job = UrlJob | PageJob;

export interface QueueTimings {
  /** A job not finished this long after it started is presumed lost (worker died) and retried. */
  expireInSeconds: number;
  /** Retries after the first attempt. */
  retryLimit: number;
  /** First retry delay; doubled (with jitter) each retry. */
  retryDelaySeconds: number;
}

export const DEFAULT_TIMINGS: QueueTimings = { expireInSeconds: 120, retryLimit: 4, retryDelaySeconds: 10 };

/** Sitemap index -> sitemap -> page is depth 2; beyond this a chain of sources is a loop. */
export const MAX_SOURCE_DEPTH = 4;

export function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

/** A UUID (the form pg-boss ids take) derived from a key: same key, same id. */
export function jobIdFor(key: string): string {
  const h = sha256(key);
  // Shaped as a version-5-style UUID: the version and variant nibbles fixed, the rest hash.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function jobKey(job: Job): string {
  if (job.kind === 'url') return `url ${job.url}`;
  return `page ${job.id ?? job.url ?? ''} ${sha256(job.html ?? job.text ?? '')}`;
}
