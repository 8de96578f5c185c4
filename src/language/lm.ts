/**
 * Trigram language model with Katz-style backoff (log10), over typed arrays compiled from
 * CMU's general-English model. Vocabulary is lower-case; `id()` lower-cases when the exact form
 * is unknown. Unknown words get `oovLogProb` and break the history (the next word is scored
 * as if it started fresh), so an OOV costs the same wherever it stands.
 */
import { findSorted } from './sorted.js';
import type { BinFile } from './binfile.js';
import { unpackStrings } from './binfile.js';

export const BOS = '<s>';
export const EOS = '</s>';

export interface ScoreOptions {
  /** Score the first token after a sentence-start marker (default true). */
  bos?: boolean;
  /** Add the probability of the sentence-end marker after the last token (default true). */
  eos?: boolean;
}

export interface NgramLanguageModel {
  readonly order: number;
  readonly vocabSize: number;
  readonly bosId: number;
  readonly eosId: number;
  /** log10 probability charged for a word outside the vocabulary. */
  readonly oovLogProb: number;
  /** Word id, or -1 when unknown. Tries the exact form, then lower case. */
  id(word: string): number;
  word(id: number): string;
  has(word: string): boolean;
  /** log10 P(word) from the unigram table; `oovLogProb` when unknown. */
  unigramLogProb(word: string): number;
  unigramLogProbId(id: number): number;
  /** log10 P(w3 | w1 w2) with backoff. Pass null (or '') for missing history words. */
  logProb(w1: string | null, w2: string | null, w3: string): number;
  /** Same with ids; -1 means "no history word" (sentence start is `bosId`). */
  logProbIds(id1: number, id2: number, id3: number): number;
  /**
   * Order of the longest n-gram the model has for w3 after (id1 id2): 3 trigram, 2 bigram,
   * 1 unigram only, 0 unknown word. Lets callers tell evidence from backoff guesses.
   */
  matchedOrderIds(id1: number, id2: number, id3: number): number;
  /** log10 backoff weight of a context: one word (unigram backoff) or two (bigram backoff); 0 if unseen. */
  backoffIds(id1: number, id2: number): number;
  /** Sum of log10 probabilities of the tokens, each given the two before it. */
  scoreTokens(tokens: readonly string[], opts?: ScoreOptions): number;
  scoreIds(ids: readonly number[], opts?: ScoreOptions): number;
}

export class TrigramModel implements NgramLanguageModel {
  readonly order = 3;
  readonly vocabSize: number;
  readonly bosId: number;
  readonly eosId: number;
  readonly oovLogProb: number;
  private readonly words: string[];
  private readonly ids: Map<string, number>;
  private readonly uniProb: Float32Array;
  private readonly uniBo: Float32Array;
  private readonly uniNext: Uint32Array;
  private readonly biWord: Uint32Array;
  private readonly biProb: Uint16Array;
  private readonly biBo: Uint16Array;
  private readonly biNext: Uint32Array;
  private readonly biProbTable: Float32Array;
  private readonly biBoTable: Float32Array;
  private readonly triWord: Uint32Array;
  private readonly triProb: Uint16Array;
  private readonly triProbTable: Float32Array;

  constructor(file: BinFile) {
    if (file.meta.order !== 3) throw new Error(`language model order ${String(file.meta.order)} unsupported (need 3)`);
    this.words = unpackStrings(file.u8('vocab'));
    this.vocabSize = this.words.length;
    this.ids = new Map();
    for (let i = 0; i < this.words.length; i++) this.ids.set(this.words[i], i);
    this.uniProb = file.f32('uniProb');
    this.uniBo = file.f32('uniBo');
    this.uniNext = file.u32('uniNext');
    this.biWord = file.u32('biWord');
    this.biProb = file.u16('biProb');
    this.biBo = file.u16('biBo');
    this.biNext = file.u32('biNext');
    this.biProbTable = file.f32('biProbTable');
    this.biBoTable = file.f32('biBoTable');
    this.triWord = file.u32('triWord');
    this.triProb = file.u16('triProb');
    this.triProbTable = file.f32('triProbTable');
    this.bosId = this.ids.get(BOS) ?? -1;
    this.eosId = this.ids.get(EOS) ?? -1;
    let min = 0;
    for (let i = 0; i < this.uniProb.length; i++) {
      if (i !== this.bosId && this.uniProb[i] < min) min = this.uniProb[i];
    }
    // An unseen word should cost a little more than the rarest word the model knows.
    this.oovLogProb = min - 1;
  }

  id(word: string): number {
    const exact = this.ids.get(word);
    if (exact !== undefined) return exact;
    const lower = word.toLowerCase();
    return lower === word ? -1 : (this.ids.get(lower) ?? -1);
  }

  word(id: number): string {
    return this.words[id] ?? '';
  }

  has(word: string): boolean {
    return this.id(word) >= 0;
  }

  unigramLogProb(word: string): number {
    return this.unigramLogProbId(this.id(word));
  }

  unigramLogProbId(id: number): number {
    return id >= 0 && id < this.vocabSize ? this.uniProb[id] : this.oovLogProb;
  }

  logProb(w1: string | null, w2: string | null, w3: string): number {
    const id1 = w1 ? this.id(w1) : -1;
    const id2 = w2 ? this.id(w2) : -1;
    return this.logProbIds(id2 >= 0 ? id1 : -1, id2, this.id(w3));
  }

  logProbIds(id1: number, id2: number, id3: number): number {
    if (id3 < 0 || id3 >= this.vocabSize) return this.oovLogProb;
    if (id2 < 0) return this.uniProb[id3];
    // Trie paths run backwards: the bigram "id2 id3" is id3 -> id2.
    const b = findSorted(this.biWord, id2, this.uniNext[id3], this.uniNext[id3 + 1]);
    const bigram = b >= 0 ? this.biProbTable[this.biProb[b]] : this.uniProb[id3] + this.uniBo[id2];
    if (id1 < 0) return bigram;
    if (b >= 0) {
      const t = findSorted(this.triWord, id1, this.biNext[b], this.biNext[b + 1]);
      if (t >= 0) return this.triProbTable[this.triProb[t]];
    }
    return bigram + this.contextBackoff(id1, id2);
  }

  matchedOrderIds(id1: number, id2: number, id3: number): number {
    if (id3 < 0 || id3 >= this.vocabSize) return 0;
    if (id2 < 0) return 1;
    const b = findSorted(this.biWord, id2, this.uniNext[id3], this.uniNext[id3 + 1]);
    if (b < 0) return 1;
    if (id1 >= 0 && findSorted(this.triWord, id1, this.biNext[b], this.biNext[b + 1]) >= 0) return 3;
    return 2;
  }

  backoffIds(id1: number, id2: number): number {
    if (id2 < 0 || id2 >= this.vocabSize) return 0;
    if (id1 < 0) return this.uniBo[id2];
    return this.contextBackoff(id1, id2);
  }

  /** Backoff weight of the context "id1 id2" (0 when the model never saw that context). */
  private contextBackoff(id1: number, id2: number): number {
    const c = findSorted(this.biWord, id1, this.uniNext[id2], this.uniNext[id2 + 1]);
    return c >= 0 ? this.biBoTable[this.biBo[c]] : 0;
  }

  scoreTokens(tokens: readonly string[], opts: ScoreOptions = {}): number {
    return this.scoreIds(tokens.map((t) => this.id(t)), opts);
  }

  scoreIds(ids: readonly number[], opts: ScoreOptions = {}): number {
    let h1 = -1;
    let h2 = opts.bos === false ? -1 : this.bosId;
    let total = 0;
    for (const id of ids) {
      total += this.logProbIds(h2 >= 0 ? h1 : -1, h2, id);
      h1 = h2;
      h2 = id;
      if (id < 0) h1 = -1;
    }
    if (opts.eos !== false) total += this.logProbIds(h2 >= 0 ? h1 : -1, h2, this.eosId);
    return total;
  }
}
