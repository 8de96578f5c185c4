/**
 * startServer: the app on a real socket (Node's http via @hono/node-server), with socket-level
 * timeouts against slow clients, its analysis workers, and a close() that ends open connections
 * and the workers.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { UnspinError } from '../errors.js';
import type { ArticleStore } from '../index/index.js';
import { SqliteStore } from '../index/sqlite-store.js';
import { createApp, DEFAULT_CONFIG, warmPipeline, type AppConfig } from './app.js';
import { indexAccessFor } from './index-access.js';
import { startPool, type PoolStats } from './pool.js';

export { createApp, DEFAULT_CONFIG, type AppConfig } from './app.js';
export { openApiDocument } from './openapi.js';
export { indexAccessFor, type IndexAccess } from './index-access.js';
export { startPool, WorkerCrashedError, type AnalysisPool, type PoolOptions, type PoolStats } from './pool.js';
export { renderPage } from './page.js';

export interface ServerOptions extends Partial<Omit<AppConfig, 'pool'>> {
  port?: number;
  host?: string;
  /** Bearer token for POST /v1/index; without one, only a loopback server takes index writes. */
  indexToken?: string;
  /** Analysis worker threads: default `concurrency`, or 0 when a `pipeline` is given (a live
   *  object cannot cross to a thread). 0 analyses on the main thread, where one long analysis
   *  delays every other request. */
  workers?: number;
  /** The index as workers open it, read-only, for tracing: an SQLite path or PostgreSQL URL.
   *  Taken from an SQLite `store` when absent; needed for any other store. */
  storeSpec?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  host: string;
  /** Analysis worker threads (0: analyses run on the main thread). */
  workers: number;
  /** Requests holding or waiting for an analysis slot, and the workers' state (null: none). */
  stats(): ServerStats;
  close(): Promise<void>;
}

export interface ServerStats {
  requests: { active: number; queued: number };
  pool: PoolStats | null;
}

/** Where a worker opens its own connection to `store`; it never gets the live object. */
function storeSpecFor(store: ArticleStore): string {
  // An SQLite store's location is its absolute path; a PostgreSQL store's leaves out the password.
  if (store instanceof SqliteStore) return store.location;
  throw new UnspinError('usage', `analysis workers open the index themselves: give storeSpec (the SQLite path or PostgreSQL URL of ${store.location}), or workers: 0`);
}

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const { indexToken, workers: askedWorkers, storeSpec, ...appOptions } = options;
  const host = options.host ?? '127.0.0.1';
  const config: AppConfig = { ...DEFAULT_CONFIG, store: null, ...appOptions, indexAccess: options.indexAccess ?? indexAccessFor(host, indexToken) };
  const workers = askedWorkers ?? (config.pipeline ? 0 : config.concurrency);
  if (!Number.isInteger(workers) || workers < 0) throw new UnspinError('usage', `workers must be a whole number, got ${workers}`);
  if (workers > 0 && config.pipeline) throw new UnspinError('usage', 'a pipeline object stays on the main thread: pass workers: 0 with it');
  if (workers > 0) config.pool = await startPool({ size: workers, storeSpec: config.store ? storeSpec ?? storeSpecFor(config.store) : null });
  else config.pipeline ??= await warmPipeline();
  const pool = config.pool;
  const { app, limiter } = createApp(config);
  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port ?? 8080, hostname: host }, () => resolve(s)) as Server;
    s.once('error', reject);
  }).catch(async (e: unknown) => {
    // Workers keep the process alive: a server that never listened must not leave them behind.
    await pool?.close();
    throw e;
  });
  // A client that dribbles headers or a body must not hold a connection for ever.
  server.headersTimeout = 10_000;
  server.requestTimeout = config.timeoutMs + 10_000;
  server.keepAliveTimeout = 5_000;
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    host,
    workers,
    stats: () => ({ requests: limiter.stats(), pool: pool?.stats() ?? null }),
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await pool?.close();
    },
  };
}
