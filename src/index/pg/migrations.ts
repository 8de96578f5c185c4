/**
 * Schema migrations for the PostgreSQL store: an ordered list, applied in one transaction under
 * an advisory lock, recorded in schema_migrations. Two workers starting at once both take the
 * lock in turn; the second finds everything applied and does nothing.
 *
 * Layout (version 4):
 *   articles(doc, id, url, title, published, text, content_hash UNIQUE, terms bigint[], added_at)
 *     text is plain `text`: PostgreSQL compresses long values itself (TOAST).
 *   postings(term, doc)  the inverted index, primary key (term, doc).
 *     No per-term counter table, unlike SQLite: with many concurrent writers a shared df row per
 *     common term would serialise every batch on its row lock. df is counted from the postings
 *     index at query time instead (an index-only count).
 *   url_state(url, etag, last_modified, content_hash, fetched_at)  what polite re-fetching and
 *     idempotent workers know about each URL already seen.
 *   host_slots(host, next_at)  the next time any worker may start a request to a host
 *     (polite crawling across machines: see ingest/sources/polite.ts).
 *   page_analysis(id, spin_score, flags, analysed_at)  what `unspin worker --analyse` found.
 */
import type pg from 'pg';
import { UnspinError } from '../../errors.js';
import { ident } from './connection.js';

/** Never edit one that has shipped; append. */
export const PG_MIGRATIONS: { name: string; sql: string }[] = [
  {
    name: 'articles and postings',
    sql: `
      CREATE TABLE articles (
        doc bigserial PRIMARY KEY,
        id text NOT NULL UNIQUE,
        url text,
        title text,
        published text,
        text text NOT NULL,
        content_hash text NOT NULL UNIQUE,
        terms bigint[] NOT NULL,
        added_at text NOT NULL
      );
      CREATE TABLE postings (
        term bigint NOT NULL,
        doc bigint NOT NULL REFERENCES articles(doc) ON DELETE CASCADE,
        PRIMARY KEY (term, doc)
      );
      CREATE INDEX postings_doc ON postings(doc);`,
  },
  {
    name: 'url state for polite re-fetching',
    sql: `
      CREATE TABLE url_state (
        url text PRIMARY KEY,
        etag text,
        last_modified text,
        content_hash text,
        fetched_at timestamptz NOT NULL DEFAULT now()
      );`,
  },
  {
    name: 'per-host request slots shared by all workers',
    sql: `CREATE TABLE host_slots (host text PRIMARY KEY, next_at timestamptz NOT NULL);`,
  },
  {
    name: 'spin analysis of indexed pages (worker --analyse)',
    sql: `CREATE TABLE page_analysis (
        id text PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE ON UPDATE CASCADE,
        spin_score double precision NOT NULL,
        flags integer NOT NULL,
        analysed_at timestamptz NOT NULL DEFAULT now()
      );`,
  },
];

export const PG_SCHEMA_VERSION = PG_MIGRATIONS.length;

/** Lock key shared by every unspin process migrating this schema (any 64-bit value works). */
function lockKey(schema: string): string {
  return `unspin:migrate:${schema}`;
}

export async function appliedVersion(client: pg.ClientBase, schema: string): Promise<number | null> {
  const exists = await client.query<{ ok: boolean }>(
    `SELECT to_regclass($1) IS NOT NULL AS ok`, [`${ident(schema)}.schema_migrations`]);
  if (!exists.rows[0].ok) return null;
  const r = await client.query<{ v: number | null }>(`SELECT max(version) AS v FROM ${ident(schema)}.schema_migrations`);
  return r.rows[0].v ?? 0;
}

/** Applies pending migrations; returns the schema version now in place. */
export async function migrate(client: pg.ClientBase, schema: string, location: string): Promise<number> {
  await client.query('BEGIN');
  try {
    // Transaction-scoped: released by COMMIT/ROLLBACK, and by the server if this process dies.
    await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [lockKey(schema)]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${ident(schema)}`);
    await client.query(`CREATE TABLE IF NOT EXISTS ${ident(schema)}.schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const current = (await appliedVersion(client, schema)) ?? 0;
    if (current > PG_MIGRATIONS.length) {
      throw new UnspinError('database', `${location} has index schema version ${current}, newer than this unspin understands (${PG_MIGRATIONS.length}); upgrade unspin`);
    }
    await client.query(`SET LOCAL search_path = ${ident(schema)}`);
    for (let v = current; v < PG_MIGRATIONS.length; v++) {
      await client.query(PG_MIGRATIONS[v].sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [v + 1, PG_MIGRATIONS[v].name]);
    }
    await client.query('COMMIT');
    return PG_MIGRATIONS.length;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}
