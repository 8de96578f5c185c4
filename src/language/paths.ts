/**
 * Where the compiled language files live and what the build manifest records.
 * The folder is `.cache/language/` under the project root, or `$UNSPIN_CACHE/language/`.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Bump when the compiled layout changes, so stale caches are rebuilt rather than misread. */
export const LANGUAGE_FORMAT_VERSION = 1;

export const LANGUAGE_FILES = {
  manifest: 'manifest.json',
  lm: 'lm.bin',
  thesaurus: 'thesaurus.bin',
  morphology: 'morphology.bin',
  neighbours: 'neighbours.bin',
  collocations: 'collocations.bin',
  vectors: 'vectors.bin',
  terms: 'terms.txt',
} as const;

export interface SourcePackage {
  name: string;
  version: string;
  /** sha256 of the npm tarball (or Debian package) the files were taken from. */
  tarballSha256: string;
  files: string[];
  license: string;
  /** Licence text copied into the cache folder (relative path). */
  licenseFile?: string;
}

export interface LanguageManifest {
  formatVersion: number;
  builtAt: string;
  buildSeconds: number;
  sources: SourcePackage[];
  /** Compiled file name -> {bytes, sha256}. */
  outputs: Record<string, { bytes: number; sha256: string }>;
  /** Build settings that change the output (a different value triggers a rebuild). */
  settings?: Record<string, number | string | boolean>;
  /** Parts deliberately left out, with the reason (e.g. neighbours skipped). */
  skipped?: Record<string, string>;
}

function projectRoot(): string {
  // src/language/paths.ts and dist/src/language/paths.js both sit under the root.
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    dir = dirname(dir);
  }
  return process.cwd();
}

export function languageCacheDir(): string {
  const override = process.env.UNSPIN_CACHE;
  if (override && override.trim() !== '') return resolve(override, 'language');
  return join(projectRoot(), '.cache', 'language');
}
