/**
 * PostgreSQL for tests: the server on 127.0.0.1:5432 (trust auth, database `test`; .ci/run
 * starts it), one fresh schema per test run, dropped at the end. UNSPIN_TEST_PG overrides the
 * base URL.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const PG_BASE = process.env.UNSPIN_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface PgSchema {
  /** `postgres://...?schema=unspin_test_<pid>_<random>` */
  spec: string;
  schema: string;
  /** Drops the schema and the job queue schema derived from it. */
  drop(): Promise<void>;
}

export function freshPgSchema(tag = 'test'): PgSchema {
  const schema = `unspin_${tag}_${process.pid}_${randomBytes(4).toString('hex')}`;
  return {
    spec: `${PG_BASE}?schema=${schema}`,
    schema,
    async drop() {
      const client = new pg.Client({ connectionString: PG_BASE });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await client.query(`DROP SCHEMA IF EXISTS "${schema}_jobs" CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Runs one query against the base database (for assertions on raw tables). */
export async function pgQuery<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: PG_BASE });
  await client.connect();
  try {
    return (await client.query<R>(sql, params)).rows;
  } finally {
    await client.end();
  }
}
