/**
 * The shared store: PostgreSQL via `pg`, for indexes that many workers on many machines write
 * at once. Same contract as the SQLite store (store.ts), so `index` and `trace` give the same
 * results on either; the differences are in how concurrency is handled:
 *
 * - one transaction per batch; a deadlock, serialisation failure or unique-key race with another
 *   writer re-runs the whole batch (every step of addOne is re-decided from the database), so
 *   concurrent writers never index a text twice;
 * - content_hash is UNIQUE: two workers adding the same text under different ids race on the
 *   index, the loser sees 'duplicate-content';
 * - document frequencies are counted from postings at query time (see pg/migrations.ts).
 */
import type pg from 'pg';
import { UnspinError } from '../errors.js';
import { createPool, isRetryable, parsePgSpec, pgError, type PgSpec } from './pg/connection.js';
import { appliedVersion, migrate, PG_SCHEMA_VERSION } from './pg/migrations.js';
import type {
  AddOutcome, ArticleStore, DuplicateIdPolicy, IndexRecord, IntegrityReport, StoreStats, StoredArticle, TermLookup,
} from './store.js';

export interface PgOpenOptions {
  /** Open for reading only: the schema must exist and be current (never migrates). */
  readonly?: boolean;
  /** Pool size (default 4). */
  maxConnections?: number;
}

interface ArticleRow {
  doc: string; id: string; url: string | null; title: string | null; published: string | null;
  text: string; content_hash: string; added_at: string;
}

/** How often a batch is re-run after losing a race with another writer before giving up. */
const MAX_ATTEMPTS = 8;

export class PgStore implements ArticleStore {
  readonly location: string;
  readonly schema: string;
  /** For modules that keep their own tables in the same schema (the worker's url_state). */
  readonly pool: pg.Pool;

  private constructor(spec: PgSpec, pool: pg.Pool) {
    this.location = spec.location;
    this.schema = spec.schema;
    this.pool = pool;
  }

  static async open(specText: string, options: PgOpenOptions = {}): Promise<PgStore> {
    const spec = parsePgSpec(specText);
    const pool = createPool(spec, options.maxConnections ?? 4);
    try {
      const client = await pool.connect();
      try {
        if (options.readonly) {
          const version = await appliedVersion(client, spec.schema);
          if (version === null || version === 0) {
            throw new UnspinError('database', `no index at ${spec.location} (the index is empty: add articles with \`unspin index add\`, or choose one with --db / UNSPIN_DB)`);
          }
          if (version > PG_SCHEMA_VERSION) {
            throw new UnspinError('database', `${spec.location} has index schema version ${version}, newer than this unspin understands (${PG_SCHEMA_VERSION}); upgrade unspin`);
          }
          if (version < PG_SCHEMA_VERSION) {
            throw new UnspinError('database', `${spec.location} needs a schema upgrade; run \`unspin index stats\` (which migrates) first`);
          }
        } else {
          await migrate(client, spec.schema, spec.location);
        }
      } finally {
        client.release();
      }
      return new PgStore(spec, pool);
    } catch (e) {
      await pool.end().catch(() => undefined);
      throw pgError(spec.location, e);
    }
  }

  private async query<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> {
    try {
      return (await this.pool.query<R>(sql, params)).rows;
    } catch (e) {
      throw pgError(this.location, e);
    }
  }

  /** Runs fn in a transaction, re-running it when it lost a race with a concurrent writer. */
  private async transaction<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (e) {
      throw pgError(this.location, e);
    }
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          await client.query('BEGIN');
          const result = await fn(client);
          await client.query('COMMIT');
          return result;
        } catch (e) {
          await client.query('ROLLBACK').catch(() => undefined);
          if (!isRetryable(e) || attempt >= MAX_ATTEMPTS) throw pgError(this.location, e);
          // Randomised backoff so two writers that collided do not collide again in step.
          await new Promise((r) => setTimeout(r, Math.random() * 20 * attempt));
        }
      }
    } finally {
      client.release();
    }
  }

  addBatch(records: IndexRecord[], onDuplicateId: DuplicateIdPolicy): Promise<AddOutcome[]> {
    return this.transaction(async (client) => {
      const out: AddOutcome[] = [];
      for (const r of records) out.push(await this.addOne(client, r, onDuplicateId));
      return out;
    });
  }

  private async addOne(client: pg.PoolClient, r: IndexRecord, onDuplicateId: DuplicateIdPolicy): Promise<AddOutcome> {
    const now = new Date().toISOString();
    // One round trip finds both the row with this id and any row with this text, and locks
    // them, so a concurrent writer cannot change either before this transaction ends.
    const rows = (await client.query<{ doc: string; id: string; content_hash: string }>(
      'SELECT doc, id, content_hash FROM articles WHERE id = $1 OR content_hash = $2 FOR UPDATE', [r.id, r.contentHash])).rows;
    const existing = rows.find((row) => row.id === r.id);
    const sameText = rows.find((row) => row.content_hash === r.contentHash && row.id !== r.id);
    if (existing) {
      if (onDuplicateId === 'skip' || existing.content_hash === r.contentHash) return { status: 'duplicate-id', id: r.id };
      if (sameText) return { status: 'duplicate-content', id: r.id, existingId: sameText.id };
      await client.query('DELETE FROM postings WHERE doc = $1', [existing.doc]);
      await client.query(
        'UPDATE articles SET url = $1, title = $2, published = $3, text = $4, content_hash = $5, terms = $6, added_at = $7 WHERE doc = $8',
        [r.url, r.title, r.published, r.text, r.contentHash, r.terms, now, existing.doc]);
      await this.insertPostings(client, existing.doc, r.terms);
      return { status: 'updated', id: r.id };
    }
    if (sameText) return { status: 'duplicate-content', id: r.id, existingId: sameText.id };
    // A concurrent writer may insert the same id or text after the check: the unique violation
    // aborts the batch and transaction() re-runs it, deciding afresh. Article and postings go
    // in one statement (one round trip).
    await client.query(
      `WITH a AS (
         INSERT INTO articles (id, url, title, published, text, content_hash, terms, added_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING doc)
       INSERT INTO postings (term, doc) SELECT DISTINCT t, a.doc FROM a, unnest($7::bigint[]) AS t`,
      [r.id, r.url, r.title, r.published, r.text, r.contentHash, r.terms, now]);
    return { status: 'added', id: r.id };
  }

  private async insertPostings(client: pg.PoolClient, doc: string, terms: number[]): Promise<void> {
    if (terms.length === 0) return;
    await client.query('INSERT INTO postings (term, doc) SELECT DISTINCT t, $2::bigint FROM unnest($1::bigint[]) AS t', [terms, doc]);
  }

  private toArticle(row: ArticleRow): StoredArticle {
    return {
      key: Number(row.doc), id: row.id, url: row.url, title: row.title, published: row.published,
      text: row.text, contentHash: row.content_hash, addedAt: row.added_at,
    };
  }

  async get(id: string): Promise<StoredArticle | null> {
    const rows = await this.query<ArticleRow>('SELECT doc, id, url, title, published, text, content_hash, added_at FROM articles WHERE id = $1', [id]);
    return rows[0] ? this.toArticle(rows[0]) : null;
  }

  async getByKeys(keys: number[]): Promise<StoredArticle[]> {
    if (keys.length === 0) return [];
    const rows = await this.query<ArticleRow>(
      'SELECT doc, id, url, title, published, text, content_hash, added_at FROM articles WHERE doc = ANY($1::bigint[])', [keys]);
    const byKey = new Map(rows.map((r) => [Number(r.doc), r]));
    // In the order asked, like the SQLite store; missing keys are dropped.
    return keys.map((k) => byKey.get(k)).filter((r): r is ArticleRow => r !== undefined).map((r) => this.toArticle(r));
  }

  remove(id: string): Promise<boolean> {
    return this.transaction(async (client) => {
      const r = await client.query('DELETE FROM articles WHERE id = $1', [id]);
      return (r.rowCount ?? 0) > 0;
    });
  }

  async count(): Promise<number> {
    const rows = await this.query<{ n: string }>('SELECT count(*) AS n FROM articles');
    return Number(rows[0].n);
  }

  async lookupTerms(terms: number[], maxDf: number): Promise<TermLookup[]> {
    if (terms.length === 0) return [];
    const dfRows = await this.query<{ term: string; df: string }>(
      'SELECT term, count(*) AS df FROM postings WHERE term = ANY($1::bigint[]) GROUP BY term', [terms]);
    const df = new Map(dfRows.map((r) => [Number(r.term), Number(r.df)]));
    const rare = terms.filter((t) => { const n = df.get(t) ?? 0; return n > 0 && n <= maxDf; });
    const keys = new Map<number, number[]>();
    if (rare.length > 0) {
      const rows = await this.query<{ term: string; docs: string[] }>(
        'SELECT term, array_agg(doc ORDER BY doc) AS docs FROM postings WHERE term = ANY($1::bigint[]) GROUP BY term', [rare]);
      for (const r of rows) keys.set(Number(r.term), r.docs.map(Number));
    }
    return terms.map((term) => ({ term, df: df.get(term) ?? 0, keys: keys.get(term) ?? null }));
  }

  async stats(): Promise<StoreStats> {
    const [row] = await this.query<{
      articles: string; terms: string; postings: string; bytes: string; version: number;
      oldest: string | null; newest: string | null;
    }>(`SELECT
          (SELECT count(*) FROM articles) AS articles,
          (SELECT count(DISTINCT term) FROM postings) AS terms,
          (SELECT count(*) FROM postings) AS postings,
          (SELECT pg_total_relation_size('articles') + pg_total_relation_size('postings')) AS bytes,
          (SELECT max(version) FROM schema_migrations) AS version,
          (SELECT min(published) FROM articles) AS oldest,
          (SELECT max(published) FROM articles) AS newest`);
    return {
      articles: Number(row.articles), terms: Number(row.terms), postings: Number(row.postings),
      bytes: Number(row.bytes), schemaVersion: row.version, location: this.location,
      oldestPublished: row.oldest, newestPublished: row.newest,
    };
  }

  async checkIntegrity(): Promise<IntegrityReport> {
    const inconsistent = await this.query<{ id: string }>(`
      SELECT a.id FROM articles a
      LEFT JOIN (SELECT doc, count(*) AS n FROM postings GROUP BY doc) p ON p.doc = a.doc
      WHERE coalesce(p.n, 0) <> (SELECT count(DISTINCT t) FROM unnest(a.terms) AS t)
         OR EXISTS (SELECT 1 FROM unnest(a.terms) AS t WHERE NOT EXISTS (SELECT 1 FROM postings q WHERE q.term = t AND q.doc = a.doc))
      ORDER BY a.id`);
    const [row] = await this.query<{ articles: string; orphans: string; dups: string }>(`SELECT
        (SELECT count(*) FROM articles) AS articles,
        (SELECT count(*) FROM postings p WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.doc = p.doc)) AS orphans,
        (SELECT count(*) FROM (SELECT content_hash FROM articles GROUP BY content_hash HAVING count(*) > 1) d) AS dups`);
    const orphanPostings = Number(row.orphans);
    const duplicateContentHashes = Number(row.dups);
    return {
      ok: inconsistent.length === 0 && orphanPostings === 0 && duplicateContentHashes === 0,
      articles: Number(row.articles),
      inconsistentArticles: inconsistent.map((r) => r.id),
      // No counters to disagree: df is always counted from the postings themselves.
      badTermCounts: 0,
      orphanPostings, duplicateContentHashes,
    };
  }

  async close(): Promise<void> {
    await this.pool.end().catch(() => undefined);
  }
}
