/**
 * Compiles the reverse thesaurus (spun form -> originals it may have replaced) from Moby's
 * thesaurus and WordNet, and the morphology file (WordNet exception lists and lemma lists).
 *
 * Evidence weights (combined by noisy-or per pair; they rank, they are not probabilities):
 *   Moby, original's entry lists the spun form ............ 0.40
 *   Moby, spun form's entry lists the original ............ 0.25
 *   WordNet, same synset .................................. 0.35 + 0.45 / (1 + sense rank of original)
 *   WordNet, similar-to / verb group / also-see ........... 0.20 + 0.20 / (1 + rank)
 *   WordNet, direct hypernym or hyponym ................... 0.10 + 0.15 / (1 + rank)
 *   hand-written verb <-> light-verb phrase ("decide" / "make a decision") 0.60
 *   GloVe cosine c of the two words (only for pairs above) 0.50 * (c - 0.3) / 0.7 when c > 0.3
 * Originals must be words the LM knows (it has to judge them). Each key keeps its best
 * MAX_PER_KEY originals, ranked by weight scaled up by how common the original is.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packStrings, readBinFile, writeBinFile } from '../../../src/language/binfile.js';
import { TrigramModel } from '../../../src/language/lm.js';
import { SOURCE_BIT, MAX_KEY_WORDS } from '../../../src/language/thesaurus.js';
import { LIGHT_VERB_PHRASES } from '../../../src/language/closed-class.js';
import type { WordClass } from '../../../src/language/types.js';
import { Interner, PairCollector } from './pairs.js';
import { readExceptions, readIndex, readSynsets, synsetKey } from './wordnet.js';
import type { Synset } from './wordnet.js';

const MAX_PER_KEY = 100;
/** Hand-written verb <-> light-verb phrase pairs ("decide" / "make a decision"). */
const LIGHT_VERB_WEIGHT = 0.6;
/** Cosine below this says nothing (unrelated words sit around 0.1-0.3 in 100-d GloVe). */
const SIMILARITY_FLOOR = 0.3;
/** Weight of perfect distributional similarity as evidence (it never names a candidate alone). */
const SIMILARITY_WEIGHT = 0.5;
const CLASSES: WordClass[] = ['noun', 'verb', 'adj', 'adv'];
const ACCEPTABLE = /^[a-z0-9][a-z0-9 '.-]*$/;

export function normalisePhrase(raw: string): string | null {
  const s = raw.trim().toLowerCase().replace(/\s+/g, ' ');
  if (!s || !ACCEPTABLE.test(s)) return null;
  if (s.split(' ').length > MAX_KEY_WORDS) return null;
  return s;
}

export interface ThesaurusInputs {
  mobyWordsTxt: string;
  wordnetDictDir: string;
  exceptionsDir: string;
  lmFile: string;
  /** Cosine similarity of two words' distributional vectors, null when unknown. */
  similarity?: (a: string, b: string) => number | null;
}

export function compileThesaurus(
  inputs: ThesaurusInputs,
  thesaurusOut: string,
  morphologyOut: string,
): { keys: number; entries: number; pairs: number; thesaurusBytes: number; morphologyBytes: number } {
  const lm = new TrigramModel(readBinFile(inputs.lmFile));
  const inVocab = (phrase: string): boolean => phrase.split(' ').every((w) => lm.has(w));
  const texts = new Interner();
  const pairs = new PairCollector();
  const add = (key: string, orig: string, weight: number, source: number): void => {
    if (!inVocab(orig)) return;
    pairs.add(texts.id(key), texts.id(orig), weight, source);
  };

  // Moby: "headword,synonym,synonym,..." per line.
  for (const line of readFileSync(inputs.mobyWordsTxt, 'utf8').split(/\r?\n/)) {
    const parts = line.split(',');
    const head = normalisePhrase(parts[0] ?? '');
    if (!head) continue;
    for (let i = 1; i < parts.length; i++) {
      const syn = normalisePhrase(parts[i]);
      if (!syn || syn === head) continue;
      add(syn, head, 0.4, SOURCE_BIT.moby);
      add(head, syn, 0.25, SOURCE_BIT.moby);
    }
  }

  // WordNet: synonyms within a synset, plus similar and one-step hypernym/hyponym relations.
  const synsets = new Map<string, Synset>();
  const rank = new Map<string, number>();
  const lemmas: Record<WordClass, string[]> = { noun: [], verb: [], adj: [], adv: [] };
  for (const pos of CLASSES) {
    for (const s of readSynsets(inputs.wordnetDictDir, pos)) synsets.set(synsetKey(pos, s.offset), s);
    for (const [lemma, offsets] of readIndex(inputs.wordnetDictDir, pos)) {
      lemmas[pos].push(lemma);
      offsets.forEach((off, r) => rank.set(`${synsetKey(pos, off)}|${lemma}`, r));
    }
  }
  const senseFactor = (synset: string, lemma: string): number => 1 / (1 + (rank.get(`${synset}|${lemma}`) ?? 3));
  for (const [key, s] of synsets) {
    const words = s.words.map(normalisePhrase).filter((w): w is string => w !== null);
    for (const a of words) for (const b of words) if (a !== b) add(a, b, 0.35 + 0.45 * senseFactor(key, b), SOURCE_BIT.wordnet);
    for (const p of s.pointers) {
      const t = synsets.get(p.target);
      if (!t) continue;
      const twords = t.words.map(normalisePhrase).filter((w): w is string => w !== null);
      if (p.symbol === '&' || p.symbol === '$' || p.symbol === '^') {
        for (const a of words) for (const b of twords) add(a, b, 0.2 + 0.2 * senseFactor(p.target, b), SOURCE_BIT.wordnet);
      } else if (p.symbol === '@') {
        // One step up or down the hierarchy: "vehicle" for "car" (spun up), "car" for "vehicle".
        for (const a of words) {
          for (const b of twords) {
            add(b, a, 0.1 + 0.15 * senseFactor(key, a), SOURCE_BIT.wordnet);
            add(a, b, 0.1 + 0.15 * senseFactor(p.target, b), SOURCE_BIT.wordnet);
          }
        }
      }
    }
  }

  // Hand-written light-verb phrases, both directions, as their own evidence.
  for (const [verb, phrases] of LIGHT_VERB_PHRASES) {
    for (const phrase of phrases) {
      add(phrase, verb, LIGHT_VERB_WEIGHT, SOURCE_BIT.closedClass);
      add(verb, phrase, LIGHT_VERB_WEIGHT, SOURCE_BIT.closedClass);
    }
  }

  // Group by key, keep the best originals per key.
  const nTexts = texts.strings.length;
  // Each original is ranked under many keys: score its prior once.
  const priors = new Float64Array(nTexts).fill(NaN);
  const prior = (id: number): number => {
    if (Number.isNaN(priors[id])) {
      const t = texts.strings[id];
      priors[id] = t.includes(' ') ? lm.scoreTokens(t.split(' '), { bos: false, eos: false }) : lm.unigramLogProb(t);
    }
    return priors[id];
  };
  const kept = new Map<number, { orig: number; weight: number; sources: number }[]>();
  const sim = inputs.similarity;
  pairs.forEachKey(nTexts, (key, entries) => {
    if (sim) {
      // Distributional closeness picks the sense a thesaurus list mixes in: for "organization",
      // "network" and "company" are closer than "shop". Added as one more noisy-or evidence.
      for (const e of entries) {
        const c = sim(texts.strings[key], texts.strings[e.orig]);
        if (c !== null && c > SIMILARITY_FLOOR) e.weight = 1 - (1 - e.weight) * (1 - SIMILARITY_WEIGHT * ((c - SIMILARITY_FLOOR) / (1 - SIMILARITY_FLOOR)));
      }
    }
    const scored = entries.map((e) => ({ e, score: e.weight * (1 + 0.15 * Math.max(0, prior(e.orig) + 7)) }));
    scored.sort((a, b) => b.score - a.score);
    kept.set(key, scored.slice(0, MAX_PER_KEY).map((x) => x.e));
  });
  const keyIds = [...kept.keys()].sort((a, b) => (texts.strings[a] < texts.strings[b] ? -1 : 1));
  const origTable = new Interner();
  let nEntries = 0;
  for (const k of keyIds) nEntries += kept.get(k)?.length ?? 0;
  const keyStart = new Uint32Array(keyIds.length + 1);
  const entOrig = new Uint32Array(nEntries);
  const entWeight = new Uint16Array(nEntries);
  const entSource = new Uint8Array(nEntries);
  let j = 0;
  let maxWords = 1;
  keyIds.forEach((k, i) => {
    keyStart[i] = j;
    maxWords = Math.max(maxWords, texts.strings[k].split(' ').length);
    for (const e of kept.get(k) ?? []) {
      entOrig[j] = origTable.id(texts.strings[e.orig]);
      entWeight[j] = Math.max(1, Math.round(Math.min(1, e.weight) * 65535));
      entSource[j] = e.sources;
      j++;
    }
  });
  keyStart[keyIds.length] = j;
  const thesaurusBytes = writeBinFile(
    thesaurusOut,
    { maxPhraseLength: maxWords, keys: keyIds.length, entries: nEntries },
    {
      keys: packStrings(keyIds.map((k) => texts.strings[k])),
      keyStart,
      originals: packStrings(origTable.strings),
      entOrig,
      entWeight,
      entSource,
    },
  );

  const excSections: Record<string, Uint8Array> = {};
  for (const pos of CLASSES) {
    const pairsForPos = readExceptions(join(inputs.exceptionsDir, `${pos}.exc`));
    excSections[`exc.${pos}`] = packStrings(pairsForPos.map(([f, l]) => `${f} ${l}`));
    excSections[`lemmas.${pos}`] = packStrings(lemmas[pos]);
  }
  const morphologyBytes = writeBinFile(morphologyOut, { source: 'WordNet' }, excSections);
  return { keys: keyIds.length, entries: nEntries, pairs: pairs.size, thesaurusBytes, morphologyBytes };
}
