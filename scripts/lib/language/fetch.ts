/**
 * Fetches one package tarball from the npm registry (`npm pack`, no dependencies, no install
 * scripts) and extracts only the members we need with the system `tar`.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export class FetchError extends Error {}

export interface FetchedTarball {
  path: string;
  sha256: string;
  bytes: number;
}

export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

export function packTarball(name: string, version: string, destDir: string): FetchedTarball {
  mkdirSync(destDir, { recursive: true });
  const spec = `${name}@${version}`;
  const res = spawnSync('npm', ['pack', spec, '--pack-destination', destDir, '--loglevel=error'], {
    encoding: 'utf8',
    timeout: 10 * 60 * 1000,
    // `npm pack` of a registry spec needs no project; run it where no package.json scripts fire.
    cwd: destDir,
  });
  if (res.error || res.status !== 0) {
    const lines = (res.error?.message ?? res.stderr ?? '').split('\n').map((l) => l.replace(/^npm error\s*/, '').trim());
    const detail = lines.filter((l) => l && !/^A complete log of this run/.test(l) && !/^Log files were not written/.test(l)).slice(0, 2).join(' | ');
    throw new FetchError(
      `could not fetch ${spec} from the npm registry (is it reachable?): ${detail || `exit ${String(res.status)}`}`,
    );
  }
  const file = readdirSync(destDir).find((f) => f.endsWith('.tgz') && f.includes(`${name.replace(/^@/, '').replace('/', '-')}-${version}`));
  if (!file) throw new FetchError(`npm pack ${spec} reported success but left no tarball in ${destDir}`);
  const path = join(destDir, file);
  const data = readFileSync(path);
  return { path, sha256: createHash('sha256').update(data).digest('hex'), bytes: data.length };
}

/** Extracts the given members (paths inside the tarball) into destDir, keeping their paths. */
export function extractMembers(tarball: string, members: readonly string[], destDir: string): void {
  mkdirSync(destDir, { recursive: true });
  const res = spawnSync('tar', ['-xzf', tarball, '-C', destDir, ...members], { encoding: 'utf8' });
  if (res.error || res.status !== 0) {
    throw new FetchError(`could not extract ${members.join(', ')} from ${tarball}: ${(res.error?.message ?? res.stderr).trim()}`);
  }
}
