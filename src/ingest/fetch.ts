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
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { constants as zlib, brotliDecompressSync, inflateSync } from 'node:zlib';
import { Agent, request, type Dispatcher } from 'undici';
import { UnspinError } from '../errors.js';
import type { RawPage } from '../model.js';
import { addressRefusal, hostnameRefusal } from './address-policy.js';
import { charsetFromContentType } from './charset.js';
import {
  DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_MAX_REDIRECTS, DEFAULT_TIMEOUT_MS, DEFAULT_URL_MAX_BYTES,
  DEFAULT_USER_AGENT, type IngestOptions,
} from './options.js';
import { gunzipCapped, pageFromBytes, tooLarge } from './page.js';

/** Raised from inside the socket lookup; turned into an exit-5 UnspinError by fetchPage. */
class AddressRefused extends Error {
  constructor(readonly host: string, readonly address: string, readonly what: string) {
    super(`${host} resolves to ${address}`);
  }
}

function refusal(host: string, what: string, address?: string): UnspinError {
  const where = address && address !== host ? `${host} resolves to ${address}, ` : `${host} is `;
  const article = /^[aeiou]/i.test(what) ? 'an' : 'a';
  return new UnspinError('blocked', `refused: ${where}${article} ${what} address; use --allow-private to allow`);
}

type Resolver = NonNullable<IngestOptions['resolver']>;
type Policy = NonNullable<IngestOptions['addressPolicy']>;

const systemResolver: Resolver = (hostname) => new Promise((resolve, reject) => {
  dnsLookup(hostname, { all: true }, (err, addresses: LookupAddress[]) => (err ? reject(err) : resolve(addresses)));
});

/**
 * A drop-in for dns.lookup that refuses any answer containing a non-public address. All
 * answers are checked, not only the first, because the socket may fall back to any of them.
 */
function guardedLookup(resolver: Resolver, policy: Policy): LookupFunction {
  return (hostname, options, callback) => {
    resolver(hostname).then((all) => {
      const addresses = options.family === 4 || options.family === 6 ? all.filter((a) => a.family === options.family) : all;
      if (addresses.length === 0) throw Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' });
      for (const a of addresses) {
        const what = policy(a.address);
        if (what !== null) throw new AddressRefused(hostname, a.address, what);
      }
      if (options.all) (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      else callback(null, addresses[0].address, addresses[0].family);
    }).catch((err: NodeJS.ErrnoException) => callback(err, '', 0));
  };
}

/** The policy checks that need no DNS: scheme, IP literals, blocked names. */
function checkUrl(url: URL, allowPrivate: boolean, policy: Policy): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UnspinError('blocked', `refused: only http and https URLs are fetched (got ${url.protocol.replace(/:$/, '')}:)`);
  }
  if (url.username || url.password) {
    throw new UnspinError('blocked', `refused: URLs with credentials (user:password@) are not fetched`);
  }
  if (allowPrivate) return;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) !== 0) {
    const what = policy(host);
    if (what !== null) throw refusal(host, what);
    return;
  }
  const what = hostnameRefusal(host);
  if (what !== null) throw refusal(host, what);
}

type BodyKind = 'html' | 'text' | 'sniff';

/** What a Content-Type means for us: a page to read, or a refusal saying what it is instead. */
export function classifyContentType(contentType: string | undefined): BodyKind | { refuse: string } {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (type === '' || type === 'application/octet-stream' || type === 'binary/octet-stream') return 'sniff';
  if (type === 'text/html' || type === 'application/xhtml+xml' || type === 'application/xml' || type === 'text/xml') return 'html';
  if (type.startsWith('text/')) return 'text';
  const families: [RegExp, string][] = [
    [/^image\//, 'an image'], [/^audio\//, 'audio'], [/^video\//, 'a video'], [/^font\//, 'a font'],
    [/^application\/pdf$/, 'a PDF document'], [/json$/, 'JSON'],
    [/zip|gzip|x-tar|compressed|x-7z|x-rar/, 'an archive'],
  ];
  const what = families.find(([re]) => re.test(type))?.[1] ?? 'not a web page';
  return { refuse: `${type} (${what})` };
}

function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v.join(', ') : v;
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    const value = headerValue(v);
    if (value !== undefined) out[k.toLowerCase()] = value;
  }
  return out;
}

/** Read the body, abandoning it as soon as it passes the cap. */
async function readBodyCapped(body: Dispatcher.ResponseData['body'], id: string, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > maxBytes) {
      body.destroy();
      throw tooLarge(id, maxBytes);
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks, size);
}

function decodeContentEncoding(bytes: Buffer, encoding: string | undefined, id: string, maxBytes: number): Buffer {
  const enc = (encoding ?? '').trim().toLowerCase();
  if (enc === '' || enc === 'identity') return bytes;
  try {
    if (enc === 'gzip' || enc === 'x-gzip') return gunzipCapped(bytes, id, maxBytes);
    if (enc === 'deflate') return inflateSync(bytes, { finishFlush: zlib.Z_SYNC_FLUSH, maxOutputLength: maxBytes });
    if (enc === 'br') return brotliDecompressSync(bytes, { maxOutputLength: maxBytes });
  } catch (e) {
    if (e instanceof UnspinError) throw e;
    if (e instanceof RangeError || (e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(id, maxBytes);
    throw new UnspinError('fetch', `${id}: cannot decode the ${enc}-compressed response (${(e as Error).message})`);
  }
  throw new UnspinError('fetch', `${id}: the server used an unsupported content encoding "${enc}"`);
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

/** Turn whatever the network threw into one clear sentence and an exit code. */
function explainNetworkError(e: unknown, url: URL, timeoutMs: number, deadline: AbortSignal, phase: 'response' | 'body'): UnspinError {
  if (e instanceof UnspinError) return e;
  const refused = findCause(e, (c): c is AddressRefused => c instanceof AddressRefused);
  if (refused) return refusal(refused.host, refused.what, refused.address);
  const where = url.host;
  if (deadline.aborted) {
    const what = phase === 'response' ? 'no response' : 'the page did not finish arriving';
    return new UnspinError('fetch', `gave up on ${url.href}: ${what} within ${seconds(timeoutMs)} (raise it with --timeout)`, { cause: e });
  }
  const code = findCause(e, (c): c is NodeJS.ErrnoException => typeof (c as NodeJS.ErrnoException | null)?.code === 'string')?.code;
  const messages: Record<string, string> = {
    UND_ERR_CONNECT_TIMEOUT: `timed out connecting to ${where}`,
    UND_ERR_HEADERS_TIMEOUT: `${where} accepted the connection but sent no response within ${seconds(timeoutMs)}`,
    UND_ERR_BODY_TIMEOUT: `${where} stopped sending the page (stalled for ${seconds(timeoutMs)})`,
    UND_ERR_SOCKET: `${where} closed the connection`,
    ECONNREFUSED: `connection refused by ${where}`,
    ECONNRESET: `${where} reset the connection`,
    ENOTFOUND: `cannot resolve host ${url.hostname}`,
    EAI_AGAIN: `cannot resolve host ${url.hostname} (DNS temporarily unavailable)`,
    EHOSTUNREACH: `host ${where} is unreachable`,
    ENETUNREACH: `network unreachable for ${where}`,
    ETIMEDOUT: `timed out connecting to ${where}`,
    UND_ERR_RES_CONTENT_LENGTH_MISMATCH: `${where} sent a body that does not match its Content-Length`,
  };
  if (code && messages[code]) return new UnspinError('fetch', `cannot fetch ${url.href}: ${messages[code]}`, { cause: e });
  if (code && /^(ERR_TLS|CERT_|UNABLE_TO|DEPTH_ZERO|SELF_SIGNED|ERR_SSL)/.test(code)) {
    return new UnspinError('fetch', `cannot fetch ${url.href}: TLS error (${code})`, { cause: e });
  }
  const detail = e instanceof Error ? e.message : String(e);
  return new UnspinError('fetch', `cannot fetch ${url.href}: ${detail}${code ? ` (${code})` : ''}`, { cause: e });
}

function findCause<T>(e: unknown, match: (c: unknown) => c is T): T | undefined {
  let cur: unknown = e;
  for (let depth = 0; cur && depth < 5; depth++) {
    if (match(cur)) return cur;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

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

