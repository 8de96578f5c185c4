/**
 * The address policy applied to a fetch: checks that need no DNS (scheme, credentials, IP
 * literals, blocked names) and a DNS lookup for the socket that refuses non-public answers, so
 * the address checked is the one connected to.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { UnspinError } from '../errors.js';
import { hostnameRefusal } from './address-policy.js';
import type { IngestOptions } from './options.js';

/** Raised from inside the socket lookup; turned into an exit-5 UnspinError by fetchPage. */
export class AddressRefused extends Error {
  constructor(readonly host: string, readonly address: string, readonly what: string) {
    super(`${host} resolves to ${address}`);
  }
}

export function refusal(host: string, what: string, address?: string): UnspinError {
  const where = address && address !== host ? `${host} resolves to ${address}, ` : `${host} is `;
  const article = /^[aeiou]/i.test(what) ? 'an' : 'a';
  return new UnspinError('blocked', `refused: ${where}${article} ${what} address; use --allow-private to allow`);
}

export type Resolver = NonNullable<IngestOptions['resolver']>;
export type Policy = NonNullable<IngestOptions['addressPolicy']>;

export const systemResolver: Resolver = (hostname) => new Promise((resolve, reject) => {
  dnsLookup(hostname, { all: true }, (err, addresses: LookupAddress[]) => (err ? reject(err) : resolve(addresses)));
});

/**
 * A drop-in for dns.lookup that refuses any answer containing a non-public address. All
 * answers are checked, not only the first, because the socket may fall back to any of them.
 */
export function guardedLookup(resolver: Resolver, policy: Policy): LookupFunction {
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
export function checkUrl(url: URL, allowPrivate: boolean, policy: Policy): void {
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
