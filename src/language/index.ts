/**
 * Language resources for unspin: a general-English trigram LM, a reverse thesaurus (Moby +
 * WordNet) with lemmatisation and re-inflection, distributional neighbours and word vectors,
 * dictionary collocations (WordNet glosses, multi-word entries), closed-class confusion sets and
 * frequency priors.
 *
 *   const lang = await loadLanguage();
 *   lang.lm.scoreTokens(['the', 'office', 'said']);
 *   lang.reverseCandidates('stories');   // [{text: 'reports', sources: [...], weight}, ...]
 *
 * The data is compiled by `npm run build:language` (run by `npm run prepare`, i.e. on `npm ci`)
 * into `.cache/language/` or `$UNSPIN_CACHE/language/`. Nothing is downloaded at run time.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UnspinError } from '../errors.js';
import { parseBinFile, readBinFile, readSharedBytes, type BinFile } from './binfile.js';
import { TrigramModel } from './lm.js';
import { LANGUAGE_FILES, LANGUAGE_FORMAT_VERSION, languageCacheDir } from './paths.js';
import type { LanguageManifest } from './paths.js';
import { Morphology } from './morphology.js';
import { ReverseThesaurus } from './thesaurus.js';
import { NeighbourTable } from './neighbours.js';
import { CollocationTable } from './collocations.js';
import { VectorTable } from './vectors.js';
import { TermLexicon } from './terms.js';
import { CLOSED_CLASS_SETS, ClosedClassIndex } from './closed-class.js';
import type { Language, LanguageInfo } from './types.js';

export type * from './types.js';
export type { NgramLanguageModel, ScoreOptions } from './lm.js';
export { BOS, EOS } from './lm.js';
export { languageCacheDir } from './paths.js';
export { CLOSED_CLASS_SETS } from './closed-class.js';

export interface LoadOptions {
  /** Folder holding the compiled files (default: languageCacheDir()). */
  cacheDir?: string;
  /**
   * Compiled files already read, by file name (`lm.bin`, ...), as readSharedLanguage gives them:
   * the tables become views over these bytes rather than over a fresh read of the file. Files not
   * given are read from the folder. Used only by the first load of a folder (it is cached).
   */
  files?: Readonly<Record<string, Uint8Array>>;
}

/** The compiled .bin files of one folder, each read once into a SharedArrayBuffer. */
export interface SharedLanguageFiles {
  cacheDir: string;
  files: Record<string, Uint8Array>;
}

const MISSING_HINT = 'run `npm run build:language` (it needs the npm registry once; afterwards it works offline)';
const FORCE_HINT = 'rebuild them with `npm run build:language -- --force`';

function readManifest(dir: string): LanguageManifest {
  const path = join(dir, LANGUAGE_FILES.manifest);
  if (!existsSync(path) || !existsSync(join(dir, LANGUAGE_FILES.lm))) {
    throw new UnspinError('resources', `language resources are missing in ${dir}: ${MISSING_HINT}`);
  }
  let manifest: LanguageManifest;
  try {
    manifest = JSON.parse(readFileSync(path, 'utf8')) as LanguageManifest;
  } catch {
    throw new UnspinError('resources', `language manifest ${path} is unreadable: ${FORCE_HINT}`);
  }
  if (manifest.formatVersion !== LANGUAGE_FORMAT_VERSION) {
    throw new UnspinError(
      'internal',
      `language resources in ${dir} are format ${manifest.formatVersion}, this unspin needs ${LANGUAGE_FORMAT_VERSION}: ${MISSING_HINT}`,
    );
  }
  return manifest;
}

/**
 * Reads the compiled .bin files of a folder (default: languageCacheDir()) into shared memory, for
 * worker threads that each load the language with `loadLanguage({ cacheDir, files })`: their
 * tables are then views over this one copy. A file missing or unreadable here is left out, so a
 * worker reads it itself and reports it as loadLanguage always has.
 */
export function readSharedLanguage(cacheDir: string = languageCacheDir()): SharedLanguageFiles {
  const files: Record<string, Uint8Array> = {};
  for (const name of Object.values(LANGUAGE_FILES)) {
    if (!name.endsWith('.bin')) continue;
    try {
      files[name] = readSharedBytes(join(cacheDir, name));
    } catch {
      // Left to the worker's own read.
    }
  }
  return { cacheDir, files };
}

function build(dir: string, given: Readonly<Record<string, Uint8Array>>): Language {
  const t0 = performance.now();
  const manifest = readManifest(dir);
  /** A compiled file from the bytes given, else from the folder; null when it is not there. */
  const bin = (name: string): BinFile | null => {
    const p = join(dir, name);
    const bytes = given[name];
    if (bytes) return parseBinFile(bytes, p);
    return existsSync(p) ? readBinFile(p) : null;
  };
  const lmFile = bin(LANGUAGE_FILES.lm);
  // readManifest saw it; only a file deleted since lands here.
  if (!lmFile) throw new UnspinError('resources', `language resources are missing in ${dir}: ${MISSING_HINT}`);
  const lm = new TrigramModel(lmFile);
  const morphFile = bin(LANGUAGE_FILES.morphology);
  const morphology = new Morphology(morphFile, lm);
  const thesFile = bin(LANGUAGE_FILES.thesaurus);
  const closed = new ClosedClassIndex(CLOSED_CLASS_SETS);
  const neighFile = bin(LANGUAGE_FILES.neighbours);
  const neighbours = new NeighbourTable(neighFile);
  // Optional parts: a cache built before they existed still loads (phrase scoring then does without).
  const collFile = bin(LANGUAGE_FILES.collocations);
  const collocations = new CollocationTable(collFile);
  const vecFile = bin(LANGUAGE_FILES.vectors);
  const vectors = new VectorTable(vecFile);
  const termsPath = join(dir, LANGUAGE_FILES.terms);
  const hasTerms = existsSync(termsPath);
  const terms = new TermLexicon(hasTerms ? readFileSync(termsPath, 'utf8') : null);
  const thesaurus = new ReverseThesaurus(thesFile, { lm, morphology, closed, neighbours });
  const info: LanguageInfo = {
    cacheDir: dir,
    sources: manifest.sources.map((s) => ({ name: s.name, version: s.version, license: s.license })),
    parts: { lm: true, thesaurus: thesFile !== null, morphology: morphFile !== null, neighbours: neighFile !== null, collocations: collFile !== null, vectors: vecFile !== null, terms: hasTerms },
    loadMs: 0,
  };
  const lang: Language = {
    lm,
    reverseCandidates: (w, opts) => thesaurus.candidates(w, opts),
    get maxPhraseLength() {
      return thesaurus.maxPhraseLength;
    },
    phraseStartsAt: (tokens, i) => thesaurus.phraseStartsAt(tokens, i),
    lemmatise: (w) => morphology.lemmatise(w),
    inflect: (lemma, pos, tag) => morphology.inflect(lemma, pos, tag),
    neighbours: (w, k) => neighbours.get(w, k),
    collocation: (a, b) => collocations.pair(a, b),
    isDictionaryPhrase: (p) => collocations.isEntry(p),
    isTechnicalTerm: (p) => terms.has(p),
    termCompletions: (words, at) => terms.completions(words, at),
    similarity: (a, b) => vectors.cosine(a, b),
    topicVector: (words) => vectors.centroid(words),
    topicFit: (word, topic) => vectors.cosineTo(word, topic),
    nearestWords: (w, k, within) => vectors.nearest(w, k, within),
    closedClassSets: CLOSED_CLASS_SETS,
    closedClassAlternatives: (w) => closed.alternatives(w),
    prior: (w) => {
      const tokens = w.trim().toLowerCase().split(/\s+/).filter(Boolean);
      if (tokens.length === 0) return lm.oovLogProb;
      if (tokens.length === 1) return lm.unigramLogProb(tokens[0]);
      return lm.scoreTokens(tokens, { bos: false, eos: false });
    },
    info,
  };
  info.loadMs = Math.round(performance.now() - t0);
  return lang;
}

const cache = new Map<string, Promise<Language>>();

/**
 * Loads the compiled resources once per folder (a cached singleton). Rejects with an
 * UnspinError('resources') naming `npm run build:language` when the cache is missing or stale.
 * `files` (bytes already read, e.g. shared by the server's workers) is used on the first load only.
 */
export function loadLanguage(opts: LoadOptions = {}): Promise<Language> {
  const dir = opts.cacheDir ?? languageCacheDir();
  let p = cache.get(dir);
  if (!p) {
    p = new Promise<Language>((resolve) => {
      try {
        resolve(build(dir, opts.files ?? {}));
      } catch (err) {
        if (err instanceof UnspinError) throw err;
        // A truncated or foreign file: say which folder and how to rebuild, not a RangeError.
        const why = err instanceof Error ? err.message : String(err);
        throw new UnspinError('resources', `language resources in ${dir} are unreadable (${why}): ${FORCE_HINT}`, { cause: err });
      }
    });
    // A failed load (cache missing) must not stick: the user may build and retry in-process.
    p.catch(() => cache.delete(dir));
    cache.set(dir, p);
  }
  return p;
}
