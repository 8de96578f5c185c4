/** Parsers for the WordNet database files (index.*, data.*, *.exc), build time only. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WordClass } from '../../../src/language/types.js';

export const WN_FILE_POS: Record<WordClass, string> = { noun: 'noun', verb: 'verb', adj: 'adj', adv: 'adv' };

export interface Synset {
  pos: WordClass;
  offset: string;
  words: string[];
  /** Semantic (synset-to-synset) pointers: symbol and target key `${pos}:${offset}`. */
  pointers: { symbol: string; target: string }[];
}

const POS_LETTER: Record<string, WordClass> = { n: 'noun', v: 'verb', a: 'adj', s: 'adj', r: 'adv' };

/** WordNet writes multi-word lemmas with underscores and marks some adjectives "(a)", "(p)". */
export function wnLemma(raw: string): string {
  return raw.replace(/\([a-z]+\)$/, '').replace(/_/g, ' ').toLowerCase();
}

export const synsetKey = (pos: WordClass, offset: string): string => `${pos}:${offset}`;

function lines(path: string): string[] {
  // License header lines start with two spaces; data lines never do.
  return readFileSync(path, 'utf8').split('\n').filter((l) => l.length > 0 && !l.startsWith('  '));
}

export function readSynsets(dictDir: string, pos: WordClass): Synset[] {
  const out: Synset[] = [];
  for (const line of lines(join(dictDir, `data.${WN_FILE_POS[pos]}`))) {
    const bar = line.indexOf(' | ');
    const f = (bar >= 0 ? line.slice(0, bar) : line).trim().split(' ');
    const offset = f[0];
    const wCnt = parseInt(f[3], 16);
    const words: string[] = [];
    let i = 4;
    for (let w = 0; w < wCnt; w++, i += 2) words.push(wnLemma(f[i]));
    const pCnt = parseInt(f[i], 10);
    i++;
    const pointers: Synset['pointers'] = [];
    for (let p = 0; p < pCnt; p++, i += 4) {
      const symbol = f[i];
      const target = f[i + 1];
      const tpos = POS_LETTER[f[i + 2]];
      const st = f[i + 3];
      if (st === '0000' && tpos) pointers.push({ symbol, target: synsetKey(tpos, target) });
    }
    out.push({ pos, offset, words: [...new Set(words)], pointers });
  }
  return out;
}

/** lemma -> synset offsets in sense-frequency order (most frequent sense first). */
export function readIndex(dictDir: string, pos: WordClass): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const line of lines(join(dictDir, `index.${WN_FILE_POS[pos]}`))) {
    const f = line.trim().split(' ');
    const lemma = wnLemma(f[0]);
    const synsetCnt = parseInt(f[2], 10);
    const pCnt = parseInt(f[3], 10);
    const offsets = f.slice(4 + pCnt + 2, 4 + pCnt + 2 + synsetCnt);
    out.set(lemma, offsets);
  }
  return out;
}

/** "form lemma [lemma...]" lines of an exception list, as [form, lemma] pairs. */
export function readExceptions(path: string): [string, string][] {
  const out: [string, string][] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const f = line.trim().split(' ');
    if (f.length < 2) continue;
    for (const lemma of f.slice(1)) out.push([wnLemma(f[0]), wnLemma(lemma)]);
  }
  return out;
}
