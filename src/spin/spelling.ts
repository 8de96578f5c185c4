/**
 * British and American spellings. The language model is American English, so a British spelling
 * it does not know ("organisation") would read as a rare word a spinner picked, and every
 * synonym would seem to fit better; the restorer scores such a word as its American twin
 * instead. WordNet lists British spellings as synonyms, so a WordNet spinner does respell words:
 * a respelling is a candidate, restored only where the document looks spun and never counted as
 * evidence of spinning (restorer.ts).
 */

/**
 * A spelling key that British and American spellings of a word share: -ise/-ize, -our/-or,
 * -re/-er, -ence/-ense, -ogue/-og, -gramme/-gram, ae/oe for e, and doubled letters single ("travelled",
 * "focussed"). Only ever compared between a spun word and its own candidates, so two unrelated
 * words that share a key cost nothing.
 */
function spellingKey(word: string): string {
  return word.toLowerCase()
    .replace(/(\p{L})\1/gu, '$1')
    .replace(/is(e|ed|es|ing|ation|ations|er|ers)$/u, 'iz$1')
    .replace(/^(\p{L}{3,})our(s|ed|ing|ite|ites|able|er|ers)?$/u, '$1or$2')
    .replace(/([^aeiou\s])re(s|d)?$/u, '$1er$2')
    .replace(/ence(s)?$/u, 'ense$1')
    .replace(/ogue(s)?$/u, 'og$1')
    .replace(/grame(s)?$/u, 'gram$1')
    .replace(/ae|oe/gu, 'e');
}

/** True when the two differ only in spelling (or not at all), word by word. */
export function isSpellingVariant(spun: string, candidate: string): boolean {
  const a = spun.toLowerCase().split(/\s+/);
  const b = candidate.toLowerCase().split(/\s+/);
  return a.length === b.length && a.every((w, k) => spellingKey(w) === spellingKey(b[k]));
}

/** Endings that differ between British and American spelling: [British, American]. */
const ENDINGS: [RegExp, string][] = [
  [/isation(s?)$/u, 'ization$1'],
  [/is(e|ed|es|ing|er|ers)$/u, 'iz$1'],
  [/yse(d|s)?$/u, 'yze$1'],
  [/our(s|ed|ing|ite|ites|able|er|ers|ful|less)?$/u, 'or$1'],
  [/([^aeiou])re$/u, '$1er'],
  [/([^aeiou])res$/u, '$1ers'],
  [/([^aeiou])red$/u, '$1ered'],
  [/ence(s?)$/u, 'ense$1'],
  [/ogue(s?)$/u, 'og$1'],
  [/amme(s?)$/u, 'am$1'],
];

/** Doubled l ("travelled"): also how "filled" and "filing" differ, so only for words the LM lacks. */
const DOUBLED_L: [RegExp, string] = [/ll(ed|ing|er|ers)$/u, 'l$1'];

/**
 * American spellings a British-spelt word may have, for `known` to pick from (the first it knows
 * wins); empty when the word has no British ending. Short words are left alone ("four", "more").
 */
export function americanSpellings(word: string): string[] {
  const w = word.toLowerCase();
  if (w.length < 5) return [];
  const out = americanEndings(w);
  if (DOUBLED_L[0].test(w)) out.push(w.replace(DOUBLED_L[0], DOUBLED_L[1]));
  if (/ae|oe/u.test(w)) out.push(w.replace(/ae|oe/gu, 'e'));
  return out.filter((x) => x !== w);
}

/**
 * The American spellings of a British ending alone ("licence" -> "license", "colour" -> "color"),
 * for words the LM knows in both forms: a doubled l or an ae/oe is as often another word
 * ("filled", "heroes").
 */
export function americanEndingSpellings(word: string): string[] {
  const w = word.toLowerCase();
  return w.length < 5 ? [] : americanEndings(w).filter((x) => x !== w);
}

function americanEndings(w: string): string[] {
  const out: string[] = [];
  for (const [re, to] of ENDINGS) if (re.test(w)) out.push(w.replace(re, to));
  return out;
}
