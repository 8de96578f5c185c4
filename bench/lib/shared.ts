/**
 * Where benchmarks find `../shared/data` (benchmark corpora that are not part of the product).
 * UNSPIN_SHARED overrides the location. When absent, benchmarks say so and exit 0.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function sharedRoot(): string {
  return path.resolve(process.env.UNSPIN_SHARED ?? path.join(repoRoot, '..', 'shared'));
}

/** Absolute path of `rel` under shared/, or null (after saying so on stderr) when it is absent. */
export function sharedPath(rel: string): string | null {
  const p = path.join(sharedRoot(), rel);
  if (existsSync(p)) return p;
  process.stderr.write(`bench: ${p} is absent; this benchmark needs ../shared/${rel} (set UNSPIN_SHARED to its folder). Skipping.\n`);
  return null;
}
