/**
 * startServer: the app on a real socket (Node's http via @hono/node-server), with socket-level
 * timeouts against slow clients, and a close() that ends open connections.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp, DEFAULT_CONFIG, warmPipeline, type AppConfig } from './app.js';
import { indexAccessFor } from './index-access.js';

export { createApp, DEFAULT_CONFIG, type AppConfig } from './app.js';
export { openApiDocument } from './openapi.js';
export { indexAccessFor, type IndexAccess } from './index-access.js';
export { renderPage } from './page.js';

export interface ServerOptions extends Partial<AppConfig> {
  port?: number;
  host?: string;
  /** Bearer token for POST /v1/index; without one, only a loopback server takes index writes. */
  indexToken?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  host: string;
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const { indexToken, ...appOptions } = options;
  const host = options.host ?? '127.0.0.1';
  const config: AppConfig = { ...DEFAULT_CONFIG, store: null, ...appOptions, indexAccess: options.indexAccess ?? indexAccessFor(host, indexToken) };
  config.pipeline ??= await warmPipeline();
  const { app } = createApp(config);
  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port ?? 8080, hostname: host }, () => resolve(s)) as Server;
    s.once('error', reject);
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
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
