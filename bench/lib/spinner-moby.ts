/**
 * Moby's thesaurus as a spinner's dictionary: root word -> its listed synonyms (words.txt, one
 * root per line, comma-separated). Moby is one of the restorer's own resources, but a spinner
 * that picks from its unranked, sense-mixed lists behaves unlike the WordNet-ordered
 * personalities, which is the point of having it.
 *
 * Where the file is: UNSPIN_MOBY_WORDS, or .cache/bench/moby/package/words.txt. When absent, the
 * tarball the language build pins (scripts/lib/language/sources.ts) is fetched once with the
 * build's own `npm pack` helpers, sha256 checked -- a benchmark setup step, never done by the product.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { extractMembers, packTarball } from '../../scripts/lib/language/fetch.js';
import { SOURCES } from '../../scripts/lib/language/sources.js';
import { repoRoot } from './shared.js';

function ensureMobyWords(): string {
  const env = process.env.UNSPIN_MOBY_WORDS;
  if (env && existsSync(env)) return env;
  const dest = path.join(repoRoot, '.cache', 'bench', 'moby');
  const file = path.join(dest, 'package', 'words.txt');
  if (existsSync(file)) return file;
  const spec = SOURCES.find((s) => s.name === 'moby');
  if (!spec) throw new Error('spinner: the language build no longer pins a moby tarball');
  const tarball = packTarball(spec.name, spec.version, dest);
  if (tarball.sha256 !== spec.sha256) throw new Error(`spinner: ${tarball.path} sha256 ${tarball.sha256} differs from the pinned ${spec.sha256}`);
  extractMembers(tarball.path, ['package/words.txt'], dest);
  if (!existsSync(file)) throw new Error(`spinner: ${spec.name}@${spec.version} unpacked but ${file} is missing`);
  return file;
}

let cached: Map<string, string[]> | null = null;

/** Lower-case root -> its synonyms as listed (lower-case, multiword entries kept). */
export function loadMobyLists(): Map<string, string[]> {
  if (cached) return cached;
  const out = new Map<string, string[]>();
  for (const line of readFileSync(ensureMobyWords(), 'latin1').split('\n')) {
    const items = line.split(',').map((w) => w.trim()).filter(Boolean);
    if (items.length < 2) continue;
    const root = items[0];
    if (/[A-Z]/.test(root)) continue;
    out.set(root, items.slice(1).filter((w) => !/[A-Z]/.test(w)));
  }
  cached = out;
  return out;
}
