/**
 * Which network addresses a fetch may connect to. A URL handed to unspin (by a user, a JSONL
 * crawl file or the HTTP API) must not be able to reach the machine's own services, the local
 * network or a cloud metadata endpoint (169.254.169.254 hands out credentials), so everything
 * that is not a public unicast address is refused unless the caller opts in (`allowPrivate`).
 *
 * The check runs on the address actually connected to (see fetch.ts: the DNS answer is checked
 * inside the socket's own lookup), never on a name, so DNS rebinding cannot slip past it.
 */
import { BlockList, isIP } from 'node:net';

interface Range {
  network: string;
  prefix: number;
  /** Words for the refusal message: "... resolves to a <what> address". */
  what: string;
}

const IPV4_RANGES: Range[] = [
  { network: '0.0.0.0', prefix: 8, what: 'unspecified ("this network")' },
  { network: '10.0.0.0', prefix: 8, what: 'private' },
  { network: '100.64.0.0', prefix: 10, what: 'carrier-grade NAT (shared)' },
  { network: '127.0.0.0', prefix: 8, what: 'loopback' },
  { network: '169.254.0.0', prefix: 16, what: 'link-local (cloud metadata)' },
  { network: '172.16.0.0', prefix: 12, what: 'private' },
  { network: '192.0.0.0', prefix: 24, what: 'IETF protocol-assignment' },
  { network: '192.0.2.0', prefix: 24, what: 'documentation' },
  { network: '192.168.0.0', prefix: 16, what: 'private' },
  { network: '198.18.0.0', prefix: 15, what: 'benchmarking' },
  { network: '198.51.100.0', prefix: 24, what: 'documentation' },
  { network: '203.0.113.0', prefix: 24, what: 'documentation' },
  { network: '224.0.0.0', prefix: 4, what: 'multicast' },
  { network: '240.0.0.0', prefix: 4, what: 'reserved' },
];

const IPV6_RANGES: Range[] = [
  { network: '::', prefix: 128, what: 'unspecified' },
  { network: '::1', prefix: 128, what: 'loopback' },
  { network: '64:ff9b:1::', prefix: 48, what: 'local-use NAT64' },
  { network: '100::', prefix: 64, what: 'discard-only' },
  { network: '2001:db8::', prefix: 32, what: 'documentation' },
  { network: 'fc00::', prefix: 7, what: 'private (unique local)' },
  { network: 'fe80::', prefix: 10, what: 'link-local' },
  { network: 'fec0::', prefix: 10, what: 'site-local' },
  { network: 'ff00::', prefix: 8, what: 'multicast' },
];

/** One BlockList per range so a refusal can say which kind of address it was. */
const RULES: { list: BlockList; what: string }[] = [
  ...IPV4_RANGES.map((r) => ({ list: subnet(r, 'ipv4'), what: r.what })),
  ...IPV6_RANGES.map((r) => ({ list: subnet(r, 'ipv6'), what: r.what })),
];

function subnet(range: Range, family: 'ipv4' | 'ipv6'): BlockList {
  const list = new BlockList();
  list.addSubnet(range.network, range.prefix, family);
  return list;
}

/**
 * Host names that only ever mean a metadata service or the machine itself. Refused before any
 * lookup so that a resolver configured to answer them is never consulted.
 */
const BLOCKED_NAMES = new Map<string, string>([
  ['localhost', 'loopback'],
  ['metadata', 'cloud metadata'],
  ['metadata.google.internal', 'cloud metadata'],
  ['metadata.goog', 'cloud metadata'],
  ['metadata.azure.internal', 'cloud metadata'],
  ['instance-data', 'cloud metadata'],
  ['instance-data.ec2.internal', 'cloud metadata'],
]);

/**
 * An IPv4 address hidden inside an IPv6 one (::ffff:a.b.c.d, the deprecated ::a.b.c.d, and the
 * well-known NAT64 prefix 64:ff9b::/96) reaches the IPv4 host, so it is judged as that host.
 */
function embeddedIpv4(address: string): string | null {
  const lower = address.toLowerCase();
  const dotted = /^(?:::ffff:|::|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted) return dotted[1];
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (hex) {
    const hi = parseInt(hex[1], 16);
    const lo = parseInt(hex[2], 16);
    return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
  }
  return null;
}

/**
 * Why `address` (an IP literal) may not be connected to, e.g. "loopback", or null when it is a
 * public unicast address. Anything that is not an IP address at all is refused as "invalid".
 */
export function addressRefusal(address: string): string | null {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(bare);
  if (family === 0) return 'invalid';
  const v4 = family === 6 ? embeddedIpv4(bare) : null;
  if (v4 !== null) {
    const inner = addressRefusal(v4);
    return inner === null ? null : `IPv4-mapped ${inner}`;
  }
  const type = family === 4 ? 'ipv4' : 'ipv6';
  for (const rule of RULES) {
    if (rule.list.check(bare, type)) return rule.what;
  }
  return null;
}

/** Why a host *name* is refused before any lookup (localhost, metadata names), or null. */
export function hostnameRefusal(hostname: string): string | null {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  if (name.endsWith('.localhost')) return 'loopback';
  return BLOCKED_NAMES.get(name) ?? null;
}
