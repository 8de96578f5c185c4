/**
 * The job queue: pg-boss 10 in its own schema next to the index (`<schema>_jobs`), so one
 * PostgreSQL URL names both and every worker that can reach the database takes part. pg-boss
 * gives at-least-once delivery with SKIP LOCKED fetching, per-job expiry (a job whose worker
 * died is retried after `expireInSeconds`), retries with exponential backoff, and idempotent
 * inserts by job id.
 */
import PgBoss from 'pg-boss';
import { UnspinError } from '../errors.js';
import type pg from 'pg';
import { createPool, isPostgresSpec, parsePgSpec, pgError } from '../index/pg/connection.js';
import { PgStore } from '../index/pg-store.js';
import { resolveStoreSpec } from '../index/index.js';
import { PAGE_QUEUE } from './jobs.js';

export interface Queue {
  store: PgStore;
  /** For crawl state and queue bookkeeping; asynchronous commits when asked (workers). */
  sidePool: pg.Pool;
  boss: PgBoss;
  /** Schema holding pg-boss's tables. */
  jobSchema: string;
  close(): Promise<void>;
}

export interface OpenQueueOptions {
  /** Run pg-boss maintenance (expiry of lost jobs) every this many seconds; workers only. */
  maintenanceSeconds?: number;
  /** Whether this process takes part in maintenance (workers do; `ingest` does not). */
  supervise?: boolean;
  maxConnections?: number;
  /**
   * Queue bookkeeping (fetch, complete, fail) and crawl state commit without waiting for the
   * WAL flush. Safe because jobs are idempotent and the index writes stay synchronous: a
   * server crash can only forget that a job finished (it is re-run, and the upsert adds
   * nothing) or a politeness slot. Workers use it; `ingest` does not (a lost insert would be
   * lost work). It saves three of the four disk flushes a page costs.
   */
  asyncCommit?: boolean;
}

export async function openQueue(spec: string | undefined, opts: OpenQueueOptions = {}): Promise<Queue> {
  const chosen = resolveStoreSpec(spec);
  if (!isPostgresSpec(chosen)) {
    throw new UnspinError('usage', `the job queue needs a PostgreSQL database (--db postgres://... or UNSPIN_DB); got ${chosen}`);
  }
  const pgSpec = parsePgSpec(chosen);
  const store = await PgStore.open(chosen, { maxConnections: opts.maxConnections });
  const jobSchema = `${pgSpec.schema}_jobs`;
  const sidePool = createPool(pgSpec, 2, opts.asyncCommit ?? false);
  const bossConfig: PgBoss.ConstructorOptions & { options?: string } = {
    connectionString: pgSpec.connectionString,
    // Passed through to pg.Pool by pg-boss.
    ...(opts.asyncCommit ? { options: '-c synchronous_commit=off' } : {}),
    schema: jobSchema,
    max: 3,
    application_name: 'unspin-queue',
    supervise: opts.supervise ?? false,
    schedule: false,
    maintenanceIntervalSeconds: opts.maintenanceSeconds ?? 10,
    // Completed jobs stay visible (and block duplicate enqueues) for a day, then are archived.
    archiveCompletedAfterSeconds: 24 * 3600,
  };
  const boss = new PgBoss(bossConfig);
  let lastError = '';
  boss.on('error', (e: Error) => {
    // pg-boss retries on its own; say each distinct problem once rather than every poll.
    if (e.message !== lastError) process.stderr.write(`unspin: job queue: ${e.message}\n`);
    lastError = e.message;
  });
  try {
    await boss.start();
    await boss.createQueue(PAGE_QUEUE);
  } catch (e) {
    await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
    await sidePool.end().catch(() => undefined);
    await store.close();
    throw pgError(pgSpec.location, e);
  }
  return {
    store, sidePool, boss, jobSchema,
    async close() {
      await boss.stop({ graceful: false, wait: true, timeout: 1000 }).catch(() => undefined);
      await sidePool.end().catch(() => undefined);
      await store.close();
    },
  };
}

/** Jobs not yet finished: waiting, waiting to retry, or running. */
export async function pendingJobs(q: Queue): Promise<{ queued: number; active: number }> {
  const r = await q.store.pool.query<{ queued: string; active: string }>(
    `SELECT count(*) FILTER (WHERE state IN ('created', 'retry')) AS queued, count(*) FILTER (WHERE state = 'active') AS active
     FROM "${q.jobSchema}".job WHERE name = $1`, [PAGE_QUEUE]).catch((e: unknown) => { throw pgError(q.store.location, e); });
  return { queued: Number(r.rows[0].queued), active: Number(r.rows[0].active) };
}
