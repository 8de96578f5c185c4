/**
 * Who may add articles to the index over HTTP (POST /v1/index). Reading the API changes nothing,
 * but a write puts a page into every later trace, so a server on a public address takes writes
 * only with a bearer token, and a loopback server (one machine, one user) takes them as before.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { ApiError } from './errors.js';

export type IndexAccess =
  | { kind: 'open' }
  | { kind: 'token'; token: string }
  | { kind: 'closed'; reason: string };

/** The shortest token accepted: a guessable one would be no lock at all. */
export const MIN_TOKEN_LENGTH = 16;

export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(?:\.\d{1,3}){3}$/.test(h);
}

/** The access rule for a server on `host`: a token when given, else open on loopback only. */
export function indexAccessFor(host: string, token: string | undefined): IndexAccess {
  if (token) return { kind: 'token', token };
  if (isLoopbackHost(host)) return { kind: 'open' };
  return { kind: 'closed', reason: `this server listens on ${host}, so it adds to its index only with a token (start it with UNSPIN_INDEX_TOKEN set)` };
}

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

/** Null when the request may write; otherwise the error to answer with (401 or 403). */
export function indexAccessError(access: IndexAccess, authorization: string | undefined): ApiError | null {
  if (access.kind === 'open') return null;
  if (access.kind === 'closed') return new ApiError(403, 'index_writes_disabled', access.reason);
  const given = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  if (!given) return new ApiError(401, 'unauthorized', 'adding to this index needs "Authorization: Bearer <token>"');
  // Digests have equal length, so the comparison takes the same time whatever the guess.
  if (!timingSafeEqual(digest(given), digest(access.token))) return new ApiError(401, 'unauthorized', 'the bearer token is not this index\'s');
  return null;
}
