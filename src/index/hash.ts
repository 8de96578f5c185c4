/**
 * A 52-bit string hash (two 32-bit FNV-1a variants), so fingerprint terms are plain JS numbers
 * that SQLite stores as 64-bit integers and PostgreSQL as bigint, with no BigInt handling.
 */
export function hash52(s: string): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  h1 ^= h1 >>> 13;
  h1 = Math.imul(h1, 0xc2b2ae35);
  h1 ^= h1 >>> 16;
  return (h2 >>> 12) * 0x100000000 + (h1 >>> 0);
}
