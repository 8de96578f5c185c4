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
 *
 * fetchPage is what readers use; fetchIfModified is the crawler's form, which sends the
 * validators of an earlier fetch and reports a 304 as a result, not an error.
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
  DEFAULT_USER_AGENT, type FetchOptions, type Validators,
} from './options.js';
import { pageFromBytes, tooLarge } from './page.js';
import {
  acceptHeader, classifyContentType, decodeContentEncoding, flattenHeaders, headerValue, readBodyCapped,
} from './response.js';

export { classifyContentType } from './response.js';

function parseUrl(input: string): URL {
  try {
    return new URL(input);
  } catch {
    throw new UnspinError('input', `not a valid URL: ${input}`);
  }
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** A conditional fetch: the page, or word that the version the validators name is current. */
export type FetchResult =
  | { notModified: false; page: RawPage }
  /** `url` is where the 304 came from (after redirects); `headers` may carry new validators. */
  | { notModified: true; url: string; headers: Record<string, string> };

/** Fetch one http(s) page and decode it. Throws UnspinError (exit 3, 4, 5 or 6) on failure. */
export async function fetchPage(url: string, opts: FetchOptions = {}): Promise<RawPage> {
  const result = await fetchResource(url, opts, {});
  // Unreachable without validators (a 304 then is an HTTP error), but the type says otherwise.
  if (result.notModified) throw new UnspinError('fetch', `cannot fetch ${result.url}: HTTP 304`);
  return result.page;
}

/**
 * Fetch `url` unless the server says the version named by `validators` (an earlier response's
 * ETag / Last-Modified) is still current: If-None-Match / If-Modified-Since are sent and a 304
 * is `{notModified: true}`, with no body read. Without validators this is fetchPage.
 */
export function fetchIfModified(url: string, validators: Validators, opts: FetchOptions = {}): Promise<FetchResult> {
  return fetchResource(url, opts, validators);
}

/** Header values must be one line of visible text; anything else is not sent at all. */
function sendable(v: string | null | undefined): v is string {
  return typeof v === 'string' && v !== '' && /^[\t\x20-\x7e\x80-\xff]+$/.test(v);
}

function conditionalHeaders(v: Validators): Record<string, string> {
  const h: Record<string, string> = {};
  if (sendable(v.etag)) h['if-none-match'] = v.etag;
  if (sendable(v.lastModified)) h['if-modified-since'] = v.lastModified;
  return h;
}

async function fetchResource(url: string, opts: FetchOptions, validators: Validators): Promise<FetchResult> {
  const conditional = conditionalHeaders(validators);
  const accepted = opts.acceptTypes ?? [];
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
            accept: acceptHeader(accepted),
            'accept-encoding': 'gzip, deflate, br',
            ...conditional,
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
      // A 304 is an answer only to a question asked; unasked, it is a broken server (below).
      if (statusCode === 304 && Object.keys(conditional).length > 0) {
        await res.body.dump().catch(() => undefined);
        return { notModified: true, url: current.href, headers: flattenHeaders(headers) };
      }
      if (statusCode < 200 || statusCode >= 300) {
        await res.body.dump().catch(() => undefined);
        throw new UnspinError('fetch', `cannot fetch ${current.href}: HTTP ${statusCode}`);
      }
      const flat = flattenHeaders(headers);
      const kind = classifyContentType(flat['content-type'], accepted);
      if (typeof kind === 'object') {
        await res.body.dump().catch(() => undefined);
        const wanted = accepted.length > 0 ? `HTML or ${accepted.join(', ')}` : 'HTML';
        throw new UnspinError('fetch', `refused ${current.href}: content type ${kind.refuse}, not ${wanted}`);
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
      // An accepted gzip type is a file (sitemap.xml.gz), not a transfer encoding: pageFromBytes
      // gunzips it, capped, on its magic bytes, as it does .gz files.
      const page = pageFromBytes(bytes, {
        id: url,
        url: current.href,
        headerCharset: charsetFromContentType(flat['content-type']),
        headers: flat,
        kind: kind === 'text' ? 'text' : 'html',
        maxBytes,
      });
      return { notModified: false, page };
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

