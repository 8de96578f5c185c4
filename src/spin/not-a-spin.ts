/**
 * Thesaurus pairs no spinner's swap explains. A spinner replaces words with synonyms; it does not
 * change what a figure says ("billion" for "million", "December 31" for "New Year's Eve"), so
 * the restorer drops such candidates before pricing them. (Respellings are another matter:
 * spelling.ts.) Learned swaps are not filtered: a model learned from a spinner's own pairs is
 * evidence enough.
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
