/**
 * Compiles a list of technical terms (multi-word names of things in computing and science:
 * "neural network", "denial of service", "light emitting diode") from two dictionaries in Debian:
 * FOLDOC's headwords (dict-foldoc) and V.E.R.A.'s acronym expansions (dict-vera). A news LM barely
 * knows such terms; restoring a "tortured phrase" ("neural organization") needs to know them.
 *
 * Output: terms.txt, one folded term per line (lower case, hyphens as spaces), sorted and unique.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

/** Terms of this many words (a longer "term" is a sentence or a product name). */
const MIN_WORDS = 2;
const MAX_WORDS = 6;

export function foldTerm(text: string): string {
  return text.toLowerCase().replace(/[-\s]+/g, ' ').trim();
}

function acceptable(term: string): boolean {
  const words = term.split(' ');
  if (words.length < MIN_WORDS || words.length > MAX_WORDS) return false;
  // Letters, digits and apostrophes only; at least two words of letters.
  if (!words.every((w) => /^[\p{L}\p{N}']+$/u.test(w))) return false;
  return words.filter((w) => /\p{L}{2}/u.test(w)).length >= 2;
}

/** A dictd index (FOLDOC)'s headwords (first tab-separated field). */
export function dictdHeadwordTerms(indexFile: string): string[] {
  return readFileSync(indexFile, 'utf8').split('\n').map((line) => foldTerm(line.split('\t')[0] ?? '')).filter(acceptable);
}

/**
 * V.E.R.A.: each entry is an acronym on its own line, then its expansion indented; asides in
 * parentheses, brackets or quotes (cross-references, fields) are not part of the name.
 */
export function veraTerms(dictDz: string): string[] {
  const text = gunzipSync(readFileSync(dictDz)).toString('utf8');
  const out: string[] = [];
  for (const line of text.split('\n')) {
    if (!/^\s{4,}\S/.test(line)) continue;
    const name = line.replace(/\([^)]*\)?|\[[^\]]*\]?|"[^"]*"?/g, ' ').replace(/[,;.:]+\s*$/, '');
    const term = foldTerm(name);
    if (acceptable(term)) out.push(term);
  }
  return out;
}

export function compileTerms(lists: readonly string[][], outFile: string): { terms: number; bytes: number } {
  const all = [...new Set(lists.flat())].sort();
  const body = `${all.join('\n')}\n`;
  writeFileSync(outFile, body);
  return { terms: all.length, bytes: Buffer.byteLength(body) };
}
