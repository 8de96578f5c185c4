/**
 * Thesaurus pairs that are never a spinner's swap, whatever the language model prefers. A
 * spinner replaces words with synonyms: it does not respell a word ("criticised" for
 * "criticized") and it does not change what a figure says ("billion" for "million", "December 31"
 * for "New Year's Eve"). Restoring such a pair changes a writer's spelling or a fact, so the
 * restorer drops these candidates before pricing them. Learned swaps are not filtered: a model
 * learned from a spinner's own pairs is evidence enough.
 */

/**
 * Tokens whose value a change would alter: figures, amounts, months and days. Not "one" (mostly a
 * pronoun), "half" or "quarter" (a district, a period), "may" or "march" (a modal, a verb).
 */
const VALUE_WORDS = new Set(`two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen
 seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million billion trillion
 dozen dozens hundreds thousands millions billions trillions january february april june july august
 september october november december monday tuesday wednesday thursday friday saturday sunday`.split(/\s+/).filter(Boolean));

function valueTokens(words: readonly string[]): string[] {
  return words.filter((w) => /\d/.test(w) || VALUE_WORDS.has(w));
}

/**
 * True when the candidate would drop or alter a figure, amount or date the spun text states. A
 * candidate may bring one in where the spun text has none: thesaurus spinners swap "five" for
 * "cinque" and "three" for "trio".
 */
export function changesValue(spun: string, candidate: string): boolean {
  const have = valueTokens(spun.toLowerCase().split(/[\s-]+/));
  if (have.length === 0) return false;
  const want = valueTokens(candidate.toLowerCase().split(/[\s-]+/));
  if (have.length !== want.length) return true;
  return have.some((w, k) => w !== want[k]);
}

/**
 * A spelling key that British and American spellings of a word share: -ise/-ize, -our/-or,
 * -re/-er, -ence/-ense, -ogue/-og, ae/oe for e, and doubled letters single ("travelled",
 * "focussed"). Only ever compared between a spun word and its own candidates, so two unrelated
 * words that share a key cost nothing.
 */
export function spellingKey(word: string): string {
  return word.toLowerCase()
    .replace(/(\p{L})\1/gu, '$1')
    .replace(/is(e|ed|es|ing|ation|ations|er|ers)$/u, 'iz$1')
    .replace(/^(\p{L}{3,})our(s|ed|ing|ite|ites|able|er|ers)?$/u, '$1or$2')
    .replace(/([^aeiou\s])re(s|d)?$/u, '$1er$2')
    .replace(/ence(s)?$/u, 'ense$1')
    .replace(/ogue(s)?$/u, 'og$1')
    .replace(/ae|oe/gu, 'e');
}

/** True when the two differ only in spelling (or not at all), word by word. */
export function isSpellingVariant(spun: string, candidate: string): boolean {
  const a = spun.toLowerCase().split(/\s+/);
  const b = candidate.toLowerCase().split(/\s+/);
  return a.length === b.length && a.every((w, k) => spellingKey(w) === spellingKey(b[k]));
}

/** A thesaurus candidate a spinner could not have produced the spun text from. */
export function isNeverASwap(spun: string, candidate: string): boolean {
  return isSpellingVariant(spun, candidate) || changesValue(spun, candidate);
}
