/**
 * Reverse thesaurus: given a spun word or phrase, the words and phrases it may have replaced.
 * Direct entries come from the compiled Moby + WordNet table (keys are spun forms). Inflected
 * inputs are lemmatised, looked up, and the originals re-inflected to the same form; closed-class
 * confusion sets and distributional neighbours are merged in. Evidence for one text from several
 * places is combined by noisy-or, so agreement between sources ranks higher.
 */
import type { BinFile } from './binfile.js';
import { unpackStrings } from './binfile.js';
import type { ClosedClassIndex } from './closed-class.js';
import { normaliseKey } from './closed-class.js';
import type { NgramLanguageModel } from './lm.js';
import type { Morphology } from './morphology.js';
import type { NeighbourTable } from './neighbours.js';
import type { Analysis, CandidateSource, ReverseCandidate, ReverseOptions, WordClass } from './types.js';

/** Source bits stored per compiled entry. */
export const SOURCE_BIT = { moby: 1, wordnet: 2, closedClass: 4 } as const;
/** Longest phrase (in words) kept as a key or an original. */
export const MAX_KEY_WORDS = 6;

/** Weight discount for candidates reached through lemmatise + re-inflect (one more guess). */
const INFLECTION_DISCOUNT = 0.9;
const CLOSED_CLASS_WEIGHT = 0.5;
const NEIGHBOUR_WEIGHT = 0.5;
const NEIGHBOURS_PER_WORD = 10;
const POSSESSIVE = /^([a-z][a-z.-]*)'s$/;

export interface ThesaurusDeps {
  lm: NgramLanguageModel;
  morphology: Morphology;
  closed: ClosedClassIndex;
  neighbours: NeighbourTable;
}

interface Entry {
  text: string;
  weight: number;
  sources: CandidateSource[];
}

function sourcesOf(bits: number): CandidateSource[] {
  const out: CandidateSource[] = [];
  if (bits & SOURCE_BIT.moby) out.push('moby');
  if (bits & SOURCE_BIT.wordnet) out.push('wordnet');
  if (bits & SOURCE_BIT.closedClass) out.push('closed-class');
  return out;
}

export class ReverseThesaurus {
  readonly maxPhraseLength: number;
  private readonly keyIndex = new Map<string, number>();
  private readonly originals: string[] = [];
  private readonly keyStart: Uint32Array;
  private readonly entOrig: Uint32Array;
  private readonly entWeight: Uint16Array;
  private readonly entSource: Uint8Array;

  constructor(
    file: BinFile | null,
    private readonly deps: ThesaurusDeps,
  ) {
    if (file) {
      const keys = unpackStrings(file.u8('keys'));
      for (let i = 0; i < keys.length; i++) this.keyIndex.set(keys[i], i);
      this.originals = unpackStrings(file.u8('originals'));
      this.keyStart = file.u32('keyStart');
      this.entOrig = file.u32('entOrig');
      this.entWeight = file.u16('entWeight');
      this.entSource = file.u8('entSource');
    } else {
      this.keyStart = new Uint32Array(1);
      this.entOrig = new Uint32Array(0);
      this.entWeight = new Uint16Array(0);
      this.entSource = new Uint8Array(0);
    }
    this.maxPhraseLength = Math.max(Number(file?.meta.maxPhraseLength ?? 1), deps.closed.maxPhraseLength);
  }

  /** Number of spun forms with direct entries. */
  get size(): number {
    return this.keyIndex.size;
  }

  /** Direct (not inflected) entries of a normalised key. */
  private direct(key: string): Entry[] {
    const k = this.keyIndex.get(key);
    if (k === undefined) return [];
    const out: Entry[] = [];
    for (let j = this.keyStart[k]; j < this.keyStart[k + 1]; j++) {
      out.push({ text: this.originals[this.entOrig[j]], weight: this.entWeight[j] / 65535, sources: sourcesOf(this.entSource[j]) });
    }
    return out;
  }

  /** Whether an original fits the class the spun form was analysed as (checks the head word). */
  private fitsClass(text: string, pos: WordClass): boolean {
    const m = this.deps.morphology;
    if (!m.hasWordNet) return true;
    if (m.isLemma(text, pos)) return true;
    const words = text.split(' ');
    if (words.length === 1) return false;
    // A phrase WordNet lists in another class ("body politic" is a noun) is not re-inflected here.
    if (m.classesOf(text).length > 0) return false;
    if (pos === 'verb') return m.isLemma(words[0], 'verb');
    if (pos === 'noun') {
      const of = words.indexOf('of');
      return m.isLemma(words[of > 0 ? of - 1 : words.length - 1], 'noun');
    }
    return false;
  }

  /** Analyses of the phrase's head that are inflected: [lemma form of the phrase, analysis]. */
  private inflectedHeads(key: string): [string, Analysis][] {
    const words = key.split(' ');
    const out: [string, Analysis][] = [];
    const m = this.deps.morphology;
    const tryHead = (idx: number, pos: WordClass): void => {
      for (const a of m.lemmatise(words[idx])) {
        if (a.tag === 'base' || a.pos !== pos) continue;
        out.push([[...words.slice(0, idx), a.lemma, ...words.slice(idx + 1)].join(' '), a]);
      }
    };
    if (words.length === 1) {
      for (const a of m.lemmatise(key)) if (a.tag !== 'base') out.push([a.lemma, a]);
      return out;
    }
    tryHead(0, 'verb');
    const of = words.indexOf('of');
    tryHead(of > 0 ? of - 1 : words.length - 1, 'noun');
    return out;
  }

  candidates(wordOrPhrase: string, opts: ReverseOptions = {}): ReverseCandidate[] {
    const key = normaliseKey(wordOrPhrase);
    if (!key) return [];
    const acc = new Map<string, { weight: number; sources: Set<CandidateSource> }>();
    const add = (text: string, weight: number, sources: readonly CandidateSource[]): void => {
      if (text === key || weight <= 0) return;
      const e = acc.get(text);
      if (e) {
        e.weight = 1 - (1 - e.weight) * (1 - weight);
        for (const s of sources) e.sources.add(s);
      } else acc.set(text, { weight, sources: new Set(sources) });
    };

    for (const e of this.direct(key)) add(e.text, e.weight, e.sources);

    // Possessives: "firm's" <- "company's", from the candidates of "firm".
    const possessive = POSSESSIVE.exec(key);
    if (possessive) {
      for (const c of this.candidates(possessive[1], { ...opts, limit: 200 })) {
        const form = `${c.text}'s`;
        if (!c.text.includes(' ') && !this.deps.lm.has(form) && opts.requireInVocab) continue;
        add(form, c.weight * INFLECTION_DISCOUNT, [...c.sources, 'inflection']);
      }
    }

    for (const [lemmaKey, a] of this.inflectedHeads(key)) {
      for (const e of this.direct(lemmaKey)) {
        if (!this.fitsClass(e.text, a.pos)) continue;
        const forms = this.deps.morphology.inflect(e.text, a.pos, a.tag).filter((f) => f.split(' ').every((w) => this.deps.lm.has(w)));
        for (const f of forms.slice(0, 2)) {
          // "more careful" for "bigger" is a weaker guess than a one-word comparative.
          const periphrastic = /^(more|most) /.test(f) && !/^(more|most) /.test(e.text);
          add(f, e.weight * INFLECTION_DISCOUNT * (periphrastic ? 0.5 : 1), [...e.sources, 'inflection']);
        }
      }
    }

    if (opts.closedClass !== false) {
      for (const alt of this.deps.closed.alternatives(key)) add(alt, CLOSED_CLASS_WEIGHT, ['closed-class']);
    }
    if (opts.neighbours !== false && !key.includes(' ')) {
      // Vectors put "stating" next to "stated"; a spinner keeps the form, so keep neighbours
      // whose possible inflections overlap the input's.
      const tags = new Set(this.deps.morphology.lemmatise(key).map((a) => a.tag));
      for (const n of this.deps.neighbours.get(key, NEIGHBOURS_PER_WORD)) {
        const ntags = this.deps.morphology.lemmatise(n.text).map((a) => a.tag);
        if (tags.size > 0 && ntags.length > 0 && !ntags.some((t) => tags.has(t))) continue;
        add(n.text, NEIGHBOUR_WEIGHT * Math.max(0, n.similarity), ['neighbour']);
      }
    }

    const lm = this.deps.lm;
    let list = [...acc.entries()].map(([text, e]) => ({ text, sources: [...e.sources], weight: Math.round(e.weight * 1e4) / 1e4 }));
    if (opts.requireInVocab) list = list.filter((c) => c.text.split(' ').every((w) => lm.has(w)));
    const prior = (t: string): number => (t.includes(' ') ? lm.scoreTokens(t.split(' '), { bos: false, eos: false }) : lm.unigramLogProb(t));
    const pw = opts.priorWeight ?? 0;
    const scored = list.map((c) => {
      const p = prior(c.text);
      return { c, p, s: c.weight + pw * p };
    });
    scored.sort((a, b) => b.s - a.s || b.p - a.p);
    return scored.slice(0, opts.limit ?? 50).map((x) => x.c);
  }

  /**
   * First words (and first-word lemmas' surface forms are checked at query time) of every
   * multi-word key: a phrase can start only at such a word, which rules out most positions.
   */
  private firstWordsCache: Set<string> | null = null;
  private readonly knownCache = new Map<string, boolean>();

  private firstWords(): Set<string> {
    if (!this.firstWordsCache) {
      const set = this.deps.closed.phraseFirstWords();
      for (const k of this.keyIndex.keys()) {
        const sp = k.indexOf(' ');
        if (sp > 0) set.add(k.slice(0, sp));
      }
      this.firstWordsCache = set;
    }
    return this.firstWordsCache;
  }

  /** Whether a phrase may start at this word: the word, or one of its lemmas, begins some key. */
  private mayStartPhrase(word: string): boolean {
    const first = this.firstWords();
    if (first.has(word)) return true;
    return this.deps.morphology.lemmatise(word).some((a) => a.tag !== 'base' && first.has(a.lemma));
  }

  /** Whether the normalised key has any candidate source (direct, inflected, closed-class). */
  private known(key: string): boolean {
    let hit = this.knownCache.get(key);
    if (hit === undefined) {
      hit = this.computeKnown(key);
      // Bounded memo: the decoder asks about the same words and phrases again and again.
      if (this.knownCache.size > 200_000) this.knownCache.clear();
      this.knownCache.set(key, hit);
    }
    return hit;
  }

  private computeKnown(key: string): boolean {
    if (this.keyIndex.has(key) || this.deps.closed.has(key)) return true;
    const possessive = POSSESSIVE.exec(key);
    if (possessive && this.computeKnown(possessive[1])) return true;
    if (!key.includes(' ') && this.deps.neighbours.get(key, 1).length > 0) return true;
    for (const [lemmaKey] of this.inflectedHeads(key)) if (this.keyIndex.has(lemmaKey)) return true;
    return false;
  }

  phraseStartsAt(tokens: readonly string[], i: number): number[] {
    const out: number[] = [];
    if (i < 0 || i >= tokens.length) return out;
    const first = normaliseKey(tokens[i]);
    const longest = this.mayStartPhrase(first) ? Math.min(this.maxPhraseLength, tokens.length - i) : 1;
    for (let n = longest; n >= 1; n--) {
      const key = normaliseKey(tokens.slice(i, i + n).join(' '));
      if (key && this.known(key)) out.push(n);
    }
    return out;
  }
}
