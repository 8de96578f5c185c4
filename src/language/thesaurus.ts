/** Reverse thesaurus: placeholder until the compiled table is wired in (see build-language). */
import type { BinFile } from './binfile.js';
import type { ClosedClassIndex } from './closed-class.js';
import { normaliseKey } from './closed-class.js';
import type { NgramLanguageModel } from './lm.js';
import type { Morphology } from './morphology.js';
import type { NeighbourTable } from './neighbours.js';
import type { ReverseCandidate, ReverseOptions } from './types.js';

export interface ThesaurusDeps {
  lm: NgramLanguageModel;
  morphology: Morphology;
  closed: ClosedClassIndex;
  neighbours: NeighbourTable;
}

export class ReverseThesaurus {
  readonly maxPhraseLength: number;
  constructor(
    _file: BinFile | null,
    private readonly deps: ThesaurusDeps,
  ) {
    this.maxPhraseLength = deps.closed.maxPhraseLength;
  }

  candidates(wordOrPhrase: string, opts: ReverseOptions = {}): ReverseCandidate[] {
    const key = normaliseKey(wordOrPhrase);
    if (opts.closedClass === false) return [];
    return this.deps.closed
      .alternatives(key)
      .map((text) => ({ text, sources: ['closed-class' as const], weight: 0.5 }))
      .slice(0, opts.limit ?? 50);
  }

  phraseStartsAt(tokens: readonly string[], i: number): number[] {
    const out: number[] = [];
    for (let n = Math.min(this.maxPhraseLength, tokens.length - i); n >= 1; n--) {
      if (this.deps.closed.has(tokens.slice(i, i + n).join(' '))) out.push(n);
    }
    return out;
  }
}
