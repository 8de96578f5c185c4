/**
 * Moby's thesaurus as a spinner's dictionary: root word -> its listed synonyms (words.txt, one
 * root per line, comma-separated). Moby is one of the restorer's own resources, but a spinner
 * that picks from its unranked, sense-mixed lists behaves unlike the WordNet-ordered
 * personalities, which is the point of having it.
 *
 * Where the file is: UNSPIN_MOBY_WORDS, or .cache/bench/moby/package/words.txt. When absent, the
 * pinned moby tarball is fetched once with `npm pack` (sha256 checked) -- a benchmark setup
 * step, never done by the product.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './shared.js';

const MOBY_PACKAGE = 'moby@1.1.2';
const MOBY_SHA256 = '68f8b3074d088efe33c1ef8064b76bece39f7774f1718fd7b48125386100b083';

function ensureMobyWords(): string {
  const env = process.env.UNSPIN_MOBY_WORDS;
  if (env && existsSync(env)) return env;
  const dest = path.join(repoRoot, '.cache', 'bench', 'moby');
  const file = path.join(dest, 'package', 'words.txt');
  if (existsSync(file)) return file;
  mkdirSync(dest, { recursive: true });
  const name = execFileSync('npm', ['pack', MOBY_PACKAGE, '--pack-destination', dest, '--silent'], { encoding: 'utf8' }).trim().split('\n').pop() ?? '';
  const tarball = path.join(dest, name);
  const sha = createHash('sha256').update(readFileSync(tarball)).digest('hex');
  if (sha !== MOBY_SHA256) throw new Error(`spinner: ${tarball} sha256 ${sha} differs from the pinned ${MOBY_SHA256}`);
  execFileSync('tar', ['xzf', tarball, '-C', dest, 'package/words.txt']);
  if (!existsSync(file)) throw new Error(`spinner: ${MOBY_PACKAGE} unpacked but ${file} is missing`);
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
