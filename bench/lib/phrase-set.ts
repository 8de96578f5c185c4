/**
 * Short spun phrases with their originals, made from simulated spinning (for choosing the
 * restorePhrase weights without touching any real tortured-phrase list): each change the
 * spinner made, with one untouched content word next to it, as "spun phrase" -> "original phrase".
 */
import type { SpinResult } from './spinner.js';

const FUNCTION_WORDS = new Set(('a an the of in on at to for from by with and or but as is are was were be been it its this that these those '
  + 'he she they we you i his her their our your not no said says will would can could may might has have had do does did than then '
  + 'there here which who whom what when where while also about into over after before up down out more most some any all per').split(' '));

export interface PhrasePair {
  spun: string;
  original: string;
}

const isContentWord = (w: string) => /^[a-z]{3,}$/.test(w) && !FUNCTION_WORDS.has(w);

/** One phrase per change at most, alternating which side the context word comes from. */
export function phrasePairs(spin: SpinResult, isTerm: (phrase: string) => boolean = () => true): PhrasePair[] {
  const all: PhrasePair[] = [];
  const out = { push: (p: PhrasePair) => { if (isTerm(p.original)) all.push(p); } };
  const text = spin.text;
  const changed = (s: number, e: number) => spin.changes.some((c) => s < c.spunEnd && e > c.spunStart);
  const simple = (x: string) => /^[a-z]+( [a-z]+)*$/.test(x);
  spin.changes.forEach((c, k) => {
    // Two neighbouring changes make one phrase with both words swapped.
    const next = spin.changes[k + 1];
    if (next && next.spunStart === c.spunEnd + 1 && text[c.spunEnd] === ' ' && c.orig === c.orig.toLowerCase() && next.orig === next.orig.toLowerCase()
      && simple(c.orig) && simple(next.orig) && simple(c.spun.toLowerCase()) && simple(next.spun.toLowerCase())) {
      out.push({ spun: `${c.spun.toLowerCase()} ${next.spun.toLowerCase()}`, original: `${c.orig} ${next.orig}` });
      return;
    }
    const orig = c.orig.toLowerCase();
    const spun = c.spun.toLowerCase();
    if (c.orig !== orig || !/^[a-z]+( [a-z]+)*$/.test(orig) || !/^[a-z]+( [a-z]+)*$/.test(spun)) return;
    if (!orig.split(' ').some(isContentWord)) return;
    const right = /^ ([a-z]+)/.exec(text.slice(c.spunEnd, c.spunEnd + 40));
    const left = /([a-z]+) $/.exec(text.slice(Math.max(0, c.spunStart - 40), c.spunStart));
    const useRight = (k % 2 === 0 && right) || !left;
    if (useRight && right && isContentWord(right[1]) && !changed(c.spunEnd + 1, c.spunEnd + 1 + right[1].length)) {
      out.push({ spun: `${spun} ${right[1]}`, original: `${orig} ${right[1]}` });
    } else if (left && isContentWord(left[1]) && !changed(c.spunStart - 1 - left[1].length, c.spunStart - 1)) {
      out.push({ spun: `${left[1]} ${spun}`, original: `${left[1]} ${orig}` });
    }
  });
  return all;
}
