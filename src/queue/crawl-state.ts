/**
 * What every worker shares about the web beyond the index, in the store's PostgreSQL schema:
 * per-URL validators (ETag, Last-Modified, content hash) so an unchanged page is not
 * re-processed, and per-host request slots so politeness holds across all workers.
 */
import type pg from 'pg';

export interface UrlState {
  etag: string | null;
  lastModified: string | null;
  contentHash: string | null;
}

export class CrawlState {
  constructor(private readonly pool: pg.Pool) {}

  async get(url: string): Promise<UrlState | null> {
    const r = await this.pool.query<{ etag: string | null; last_modified: string | null; content_hash: string | null }>(
      'SELECT etag, last_modified, content_hash FROM url_state WHERE url = $1', [url]);
    const row = r.rows[0];
    return row ? { etag: row.etag, lastModified: row.last_modified, contentHash: row.content_hash } : null;
  }

  async set(url: string, state: UrlState): Promise<void> {
    await this.pool.query(
      `INSERT INTO url_state (url, etag, last_modified, content_hash, fetched_at) VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (url) DO UPDATE SET etag = $2, last_modified = $3, content_hash = coalesce($4, url_state.content_hash), fetched_at = now()`,
      [url, state.etag, state.lastModified, state.contentHash]);
  }

  /**
   * Books the next request slot for `host`, `gapMs` after the previous booking (or now), and
   * returns how long to wait for it. One short statement: the row lock is held for microseconds.
   */
  async reserve(host: string, gapMs: number): Promise<number> {
    const r = await this.pool.query<{ wait_ms: number }>(
      `INSERT INTO host_slots AS h (host, next_at) VALUES ($1, clock_timestamp() + $2 * interval '1 millisecond')
       ON CONFLICT (host) DO UPDATE SET next_at = greatest(h.next_at, clock_timestamp()) + $2 * interval '1 millisecond'
       RETURNING (extract(epoch FROM (next_at - clock_timestamp())) * 1000 - $2)::float8 AS wait_ms`,
      [host, gapMs]);
    return Math.max(0, r.rows[0].wait_ms);
  }
}
