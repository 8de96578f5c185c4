/** Converts CMU's sphinxbase trie LM into the compact typed-array file read by src/language/lm.ts. */
import { readFileSync } from 'node:fs';
import { writeBinFile, packStrings } from '../../../src/language/binfile.js';
import { decodeSphinxTrie } from '../../../src/language/sphinx-trie.js';

export function compileLanguageModel(lmBinPath: string, outPath: string): { bytes: number; counts: number[] } {
  const model = decodeSphinxTrie(new Uint8Array(readFileSync(lmBinPath)));
  if (model.order !== 3) throw new Error(`expected a trigram model, got order ${model.order}`);
  const bi = model.middles[0];
  const bytes = writeBinFile(
    outPath,
    { order: 3, counts: [model.vocab.length, bi.word.length, model.longest.word.length], source: 'en-us.lm.bin' },
    {
      vocab: packStrings(model.vocab),
      uniProb: model.unigramProb,
      uniBo: model.unigramBackoff,
      uniNext: model.unigramNext,
      biWord: bi.word,
      biProb: bi.probIndex,
      biBo: bi.backoffIndex,
      biNext: bi.next,
      biProbTable: bi.probTable,
      biBoTable: bi.backoffTable,
      triWord: model.longest.word,
      triProb: model.longest.probIndex,
      triProbTable: model.longest.probTable,
    },
  );
  return { bytes, counts: [model.vocab.length, bi.word.length, model.longest.word.length] };
}
