/**
 * Fetches one Debian package (.deb) from the Debian archive by its pool path, checks its sha256,
 * and extracts the members we need. A .deb is an `ar` archive whose data.tar.xz holds the files:
 * the `ar` layer is read here (a fixed 60-byte header per member), the tarball by the system
 * `tar` (xz support is standard wherever the npm tarballs' gzip is).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FetchError } from './fetch.js';

export const DEBIAN_MIRROR = process.env.UNSPIN_DEBIAN_MIRROR ?? 'https://deb.debian.org/debian';

export interface FetchedDeb {
  sha256: string;
  bytes: number;
  data: Buffer;
}

export async function fetchDeb(poolPath: string, sha256: string, mirror: string = DEBIAN_MIRROR): Promise<FetchedDeb> {
  const url = `${mirror.replace(/\/+$/, '')}/${poolPath}`;
  let data: Buffer;
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(5 * 60 * 1000) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    data = Buffer.from(await res.arrayBuffer());
  } catch (err) {
    throw new FetchError(`could not fetch ${url} (is the Debian archive reachable?): ${err instanceof Error ? err.message : String(err)}`);
  }
  const got = createHash('sha256').update(data).digest('hex');
  if (got !== sha256) throw new FetchError(`${url}: sha256 ${got} differs from the pinned ${sha256}; refusing to build from it`);
  return { sha256: got, bytes: data.length, data };
}

/** The members of an `ar` archive (name -> bytes). */
export function readAr(buf: Buffer): Map<string, Buffer> {
  if (buf.subarray(0, 8).toString('latin1') !== '!<arch>\n') throw new FetchError('not a Debian package (no ar header)');
  const out = new Map<string, Buffer>();
  let at = 8;
  while (at + 60 <= buf.length) {
    const name = buf.subarray(at, at + 16).toString('latin1').trim().replace(/\/$/, '');
    const size = Number(buf.subarray(at + 48, at + 58).toString('latin1').trim());
    if (!Number.isInteger(size) || size < 0 || at + 60 + size > buf.length) throw new FetchError('truncated Debian package');
    out.set(name, buf.subarray(at + 60, at + 60 + size));
    at += 60 + size + (size % 2);
  }
  return out;
}

/** Extracts the given members (paths inside data.tar.xz, e.g. "./usr/share/dictd/foldoc.index") into destDir. */
export function extractDebMembers(deb: Buffer, members: readonly string[], destDir: string): void {
  const parts = readAr(deb);
  const dataName = [...parts.keys()].find((n) => n.startsWith('data.tar'));
  if (!dataName) throw new FetchError('Debian package without data.tar');
  mkdirSync(destDir, { recursive: true });
  const tarball = join(destDir, dataName);
  writeFileSync(tarball, parts.get(dataName) ?? Buffer.alloc(0));
  const flag = dataName.endsWith('.xz') ? '-xJf' : dataName.endsWith('.gz') ? '-xzf' : '-xf';
  const res = spawnSync('tar', [flag, tarball, '-C', destDir, ...members], { encoding: 'utf8' });
  if (res.error || res.status !== 0) {
    throw new FetchError(`could not extract ${members.join(', ')} from ${dataName}: ${(res.error?.message ?? res.stderr).trim()}`);
  }
}
