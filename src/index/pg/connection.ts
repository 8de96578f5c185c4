/**
 * PostgreSQL connection specs: `postgres://user@host:port/db?schema=name`. The `schema` query
 * parameter is ours (pg does not know it): every table lives in that schema, so one database
 * can hold several independent indexes (tests use a fresh schema per run). Errors from the
 * driver become one-line UnspinErrors with exit code 7.
 */
import pg from 'pg';
import { UnspinError } from '../../errors.js';

export const DEFAULT_PG_SCHEMA = 'unspin';
/** A dead or unreachable server must fail quickly, not hang a worker or a CLI call. */
export const CONNECT_TIMEOUT_MS = 5000;

export function isPostgresSpec(spec: string): boolean {
  return /^postgres(ql)?:\/\//i.test(spec);
}

export interface PgSpec {
  /** The connection string handed to pg (our parameters removed). */
  connectionString: string;
  schema: string;
  /** The spec with any password masked, for messages and `stats`. */
  location: string;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function parsePgSpec(spec: string): PgSpec {
  let url: URL;
  try {
    url = new URL(spec);
  } catch {
    throw new UnspinError('usage', `not a valid PostgreSQL URL: ${maskPassword(spec)}`);
  }
  const schema = url.searchParams.get('schema') ?? DEFAULT_PG_SCHEMA;
  if (!SCHEMA_NAME.test(schema)) {
    throw new UnspinError('usage', `schema name ${JSON.stringify(schema)} is not allowed (lower-case letters, digits and _, starting with a letter or _)`);
  }
  url.searchParams.delete('schema');
  const connectionString = url.toString();
  const shown = new URL(connectionString);
  if (shown.password) shown.password = '***';
  if (schema !== DEFAULT_PG_SCHEMA) shown.searchParams.set('schema', schema);
  return { connectionString, schema, location: shown.toString() };
}

function maskPassword(spec: string): string {
  return spec.replace(/(\/\/[^:/@]*:)[^@]*@/, '$1***@');
}

/** Quotes an identifier already checked against SCHEMA_NAME (defence in depth). */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * @param asyncCommit commit without waiting for the WAL flush: only for data whose loss in a
 *   server crash is harmless (see queue.ts), never for the index itself.
 */
export function createPool(spec: PgSpec, max = 4, asyncCommit = false): pg.Pool {
  const pool = new pg.Pool({
    connectionString: spec.connectionString,
    max,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    idleTimeoutMillis: 10_000,
    application_name: 'unspin',
    // Every connection sees only our schema, so SQL needs no schema prefixes.
    options: `-c search_path=${spec.schema}${asyncCommit ? ' -c synchronous_commit=off' : ''}`,
  });
  // An idle client losing its connection must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  return pool;
}

const SQLSTATE_MESSAGES: Record<string, string> = {
  '3D000': 'the database does not exist',
  '28P01': 'password authentication failed',
  '28000': 'the server refused this user (authentication)',
  '42501': 'permission denied',
  '53300': 'the server has too many connections',
  '57P03': 'the server is starting up or shutting down',
  '53100': 'the server\'s disk is full',
};

/** Turns a driver or server error into one clear sentence (exit code 7). */
export function pgError(location: string, e: unknown): UnspinError {
  if (e instanceof UnspinError) return e;
  const err = e as { code?: string; message?: string; errors?: { code?: string }[] };
  const code = err.code ?? err.errors?.[0]?.code ?? '';
  const msg = e instanceof Error ? e.message : String(e);
  const networkReasons: Record<string, string> = {
    ECONNREFUSED: 'connection refused (is PostgreSQL running and listening there?)',
    ENOTFOUND: 'unknown host',
    EAI_AGAIN: 'host name lookup failed',
    ETIMEDOUT: 'timed out connecting',
    EHOSTUNREACH: 'host unreachable',
    ECONNRESET: 'the server closed the connection',
  };
  if (networkReasons[code]) return new UnspinError('database', `cannot connect to PostgreSQL at ${location}: ${networkReasons[code]}`, { cause: e });
  if (/timeout exceeded when trying to connect|Connection terminated due to connection timeout/i.test(msg)) {
    return new UnspinError('database', `cannot connect to PostgreSQL at ${location}: no answer within ${CONNECT_TIMEOUT_MS / 1000} s`, { cause: e });
  }
  if (SQLSTATE_MESSAGES[code]) return new UnspinError('database', `PostgreSQL at ${location}: ${SQLSTATE_MESSAGES[code]} (${msg})`, { cause: e });
  return new UnspinError('database', `PostgreSQL index ${location}: ${msg}`, { cause: e });
}

/** SQLSTATEs after which re-running the whole transaction is correct and likely to succeed. */
export function isRetryable(e: unknown): boolean {
  const code = (e as { code?: string }).code;
  return code === '40001' || code === '40P01' || code === '23505';
}
