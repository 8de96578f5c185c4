/**
 * `unspin serve`: the HTTP API (/v1/...) and the web page (/) on one port. Listens on
 * 127.0.0.1 unless told otherwise; fetches URLs under the same address rules as the CLI.
 * Analyses run in --workers threads (default: one per --concurrency slot), which open the index
 * read-only themselves; index writes stay on the main thread's store.
 * POST /v1/index takes a bearer token from UNSPIN_INDEX_TOKEN (an environment variable, so it
 * never shows in a process list); without one only a loopback server takes index writes.
 */
import type { Command } from 'commander';
import { chooseIndex } from '../../analyse.js';
import { UnspinError } from '../../errors.js';
import { resolveStoreSpec } from '../../index/index.js';
import { DEFAULT_CONFIG, startServer } from '../../server/index.js';
import { indexAccessFor, MIN_TOKEN_LENGTH } from '../../server/index-access.js';

interface ServeFlags {
  port: string;
  host: string;
  db?: string;
  allowPrivate?: boolean;
  maxBody: string;
  timeout: string;
  concurrency: string;
  workers?: string;
  queue: string;
  maxChars: string;
  quiet?: boolean;
}

function positiveInt(name: string, value: string, max = Number.MAX_SAFE_INTEGER, allowZero = false): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < (allowZero ? 0 : 1) || n > max) throw new UnspinError('usage', `${name} expects ${allowZero ? 'a whole number' : 'a positive whole number'} up to ${max}, got "${value}"`);
  return n;
}

/** UNSPIN_INDEX_TOKEN, checked: unset or empty is no token; a short one is refused. */
function indexTokenFromEnv(): string | undefined {
  const token = process.env.UNSPIN_INDEX_TOKEN?.trim();
  if (!token) return undefined;
  if (token.length < MIN_TOKEN_LENGTH || /\s/.test(token)) {
    throw new UnspinError('usage', `UNSPIN_INDEX_TOKEN must be at least ${MIN_TOKEN_LENGTH} characters with no spaces (e.g. from \`openssl rand -hex 24\`)`);
  }
  return token;
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the HTTP API (/v1/inspect, /v1/restore, /v1/trace, /v1/index) and the web page (/)')
    .addHelpText('after', `\nEnvironment:\n  UNSPIN_INDEX_TOKEN  bearer token POST /v1/index requires (at least ${MIN_TOKEN_LENGTH} characters); without it,\n                      only a server on a loopback address adds to its index`)
    .option('--port <n>', 'port to listen on (0 picks a free one)', '8080')
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--db <path>', 'index for tracing and /v1/index (default: UNSPIN_DB or ./unspin.db when present)')
    .option('--allow-private', 'let the server fetch URLs on private, loopback or link-local addresses')
    .option('--max-body <bytes>', 'largest request body', String(DEFAULT_CONFIG.maxBodyBytes))
    .option('--timeout <ms>', 'deadline for one request, queueing included', String(DEFAULT_CONFIG.timeoutMs))
    .option('--max-chars <n>', 'longest article text analysed, in characters', String(DEFAULT_CONFIG.maxArticleChars))
    .option('--concurrency <n>', 'analyses at once', String(DEFAULT_CONFIG.concurrency))
    .option('--workers <n>', 'analysis threads (about 100 MB each; they share one copy of the language files); 0 analyses on the main thread, where a long analysis delays every request (default: the --concurrency value)')
    .option('--queue <n>', 'requests that may wait for a slot before the server answers 503', String(DEFAULT_CONFIG.maxQueue))
    .option('--quiet', 'no access log')
    .action(async (flags: ServeFlags) => {
      const port = positiveInt('--port', flags.port, 65535, true);
      const indexAccess = indexAccessFor(flags.host, indexTokenFromEnv());
      const concurrency = positiveInt('--concurrency', flags.concurrency, 1024);
      const workers = flags.workers === undefined ? concurrency : positiveInt('--workers', flags.workers, 1024, true);
      const index = await chooseIndex(flags.db, { readonly: false });
      const server = await startServer({
        port, host: flags.host,
        allowPrivate: flags.allowPrivate === true,
        maxBodyBytes: positiveInt('--max-body', flags.maxBody),
        timeoutMs: positiveInt('--timeout', flags.timeout),
        maxArticleChars: positiveInt('--max-chars', flags.maxChars),
        concurrency,
        workers,
        maxQueue: positiveInt('--queue', flags.queue, 1_000_000, true),
        store: index.store,
        // Workers open the index themselves, read-only; the live store stays here for writes.
        storeSpec: index.store ? resolveStoreSpec(flags.db) : undefined,
        noStoreReason: index.reason,
        indexAccess,
        log: flags.quiet ? null : undefined,
      }).catch((e: NodeJS.ErrnoException) => {
        if (e.code === 'EADDRINUSE') throw new UnspinError('usage', `port ${port} on ${flags.host} is in use`);
        if (e.code === 'EACCES' || e.code === 'EADDRNOTAVAIL') throw new UnspinError('usage', `cannot listen on ${flags.host}:${port} (${e.code})`);
        throw e;
      });
      const writes = indexAccess.kind === 'token' ? 'index writes need the bearer token' : indexAccess.kind === 'open' ? 'index writes open (loopback)' : 'index writes off (set UNSPIN_INDEX_TOKEN)';
      const threads = server.workers === 0 ? 'analyses on the main thread' : `${server.workers} analysis worker${server.workers === 1 ? '' : 's'}`;
      process.stderr.write(`unspin: serving on ${server.url} (web page at /, API under /v1, OpenAPI at /v1/openapi.json; ${threads})${index.store ? `; ${writes}` : `; ${index.reason ?? 'no index'}`}\n`);
      await new Promise<void>((resolve) => {
        const stop = (): void => {
          void server.close().then(() => index.close()).then(resolve);
        };
        process.once('SIGTERM', stop);
        process.once('SIGINT', stop);
      });
    });
}
