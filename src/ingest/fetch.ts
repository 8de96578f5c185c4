/**
 * Fetching one page over http(s), defensively: URLs come from users, crawl files and the HTTP
 * API, so a fetch must not reach internal addresses, hang, follow redirects forever, or read an
 * unbounded body.
 *
 * - Address policy (address-policy.ts) is enforced inside the socket's DNS lookup, so the
 *   address checked is the address connected to (no DNS rebinding), and on every redirect hop
 *   (redirects are followed here, one request per hop, never by the HTTP client).
 * - One deadline covers the whole fetch (all hops and the body); connect, headers and body
 *   stalls have their own shorter timeouts inside it.
 * - The body is counted as it arrives and abandoned past the cap.
 */
import { Agent, request, type Dispatcher } from 'undici';
import { UnspinError } from '../errors.js';
import type { RawPage } from '../model.js';
import { addressRefusal } from './address-policy.js';
import { charsetFromContentType } from './charset.js';
import { explainNetworkError } from './fetch-errors.js';
import { checkUrl, guardedLookup, systemResolver } from './fetch-guard.js';
import {
  DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_MAX_REDIRECTS, DEFAULT_TIMEOUT_MS, DEFAULT_URL_MAX_BYTES,
  DEFAULT_USER_AGENT, type IngestOptions,
} from './options.js';
import { pageFromBytes, tooLarge } from './page.js';
import { classifyContentType, decodeContentEncoding, flattenHeaders, headerValue, readBodyCapped } from './response.js';

export { classifyContentType } from './response.js';

function parseUrl(input: string): URL {
  try {
    return new URL(input);
  } catch {
    throw new UnspinError('input', `not a valid URL: ${input}`);
  }
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Fetch one http(s) page and decode it. Throws UnspinError (exit 3, 4, 5 or 6) on failure. */
export async function fetchPage(url: string, opts: IngestOptions = {}): Promise<RawPage> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = opts.maxBytes ?? DEFAULT_URL_MAX_BYTES;
  const maxRedirects = opts.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const allowPrivate = opts.allowPrivate ?? false;
  const policy = opts.addressPolicy ?? addressRefusal;
  const deadline = AbortSignal.timeout(timeoutMs);
  const agent = new Agent({
    connect: {
      timeout: Math.min(timeoutMs, DEFAULT_CONNECT_TIMEOUT_MS),
      ...(allowPrivate ? {} : { lookup: guardedLookup(opts.resolver ?? systemResolver, policy) }),
    },
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    // One connection per hop; nothing to keep alive after the fetch.
    pipelining: 0,
  });
  const chain: string[] = [];
  let current = parseUrl(url);
  try {
    for (;;) {
      checkUrl(current, allowPrivate, policy);
      chain.push(current.href);
      let res: Dispatcher.ResponseData;
      try {
        res = await request(current, {
          dispatcher: agent,
          method: 'GET',
          signal: deadline,
          headers: {
            'user-agent': opts.userAgent ?? DEFAULT_USER_AGENT,
            accept: 'text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.1',
            'accept-encoding': 'gzip, deflate, br',
          },
        });
      } catch (e) {
        throw explainNetworkError(e, current, timeoutMs, deadline, 'response');
      }
      const { statusCode, headers } = res;
      if (REDIRECT_STATUSES.has(statusCode)) {
        await res.body.dump().catch(() => undefined);
        const location = headerValue(headers.location);
        if (!location) throw new UnspinError('fetch', `cannot fetch ${current.href}: HTTP ${statusCode} redirect without a Location header`);
        let next: URL;
        try {
          next = new URL(location, current);
        } catch {
          throw new UnspinError('fetch', `cannot fetch ${current.href}: redirect to an invalid URL (${location})`);
        }
        if (chain.includes(next.href)) {
          throw new UnspinError('fetch', `redirect loop: ${[...chain, next.href].join(' -> ')}`);
        }
        if (chain.length > maxRedirects) {
          throw new UnspinError('fetch', `too many redirects (more than ${maxRedirects}) starting at ${chain[0]}`);
        }
        current = next;
        continue;
      }
      if (statusCode < 200 || statusCode >= 300) {
        await res.body.dump().catch(() => undefined);
        throw new UnspinError('fetch', `cannot fetch ${current.href}: HTTP ${statusCode}`);
      }
      const flat = flattenHeaders(headers);
      const kind = classifyContentType(flat['content-type']);
      if (typeof kind === 'object') {
        await res.body.dump().catch(() => undefined);
        throw new UnspinError('fetch', `refused ${current.href}: content type ${kind.refuse}, not HTML`);
      }
      const declared = Number(flat['content-length']);
      if (Number.isFinite(declared) && declared > maxBytes) {
        res.body.destroy();
        throw tooLarge(current.href, maxBytes, declared);
      }
      let bytes: Buffer;
      try {
        bytes = await readBodyCapped(res.body, current.href, maxBytes);
      } catch (e) {
        throw explainNetworkError(e, current, timeoutMs, deadline, 'body');
      }
      bytes = decodeContentEncoding(bytes, flat['content-encoding'], current.href, maxBytes);
      return pageFromBytes(bytes, {
        id: url,
        url: current.href,
        headerCharset: charsetFromContentType(flat['content-type']),
        headers: flat,
        kind: kind === 'text' ? 'text' : 'html',
        maxBytes,
      });
    }
  } finally {
    // destroy, not close: a stalled server must not keep the process alive.
    agent.destroy().catch(() => undefined);
  }
}

/** True for inputs that are URLs (any scheme), as opposed to paths. */
export function looksLikeUrl(input: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(input) || /^(data|javascript|mailto):/i.test(input);
}

