/**
 * Whether a stretch of text is English prose. The spin detector's evidence (LM fit, thesaurus
 * candidates, word vectors) is English; on another language every word looks like an odd pick,
 * and pages in Russian or Indonesian scored as near-certainly spun. Judged on the words that
 * start in lower case or in a caseless script (names, acronyms and figures say nothing of the
 * language): English prose has a third or more function words among them; another language has
 * almost none, and many of its longer words are unknown to the English LM. Tables have few
 * function words too, but their lower-case words are short abbreviations ("Shr 45 cts vs 58
 * cts"), so they are still judged. Chosen on the ScrapingHub bodies and Reuters (one-off
 * script): 4 of 266 paragraphs of the 20 non-English pages pass (2 pages pass whole), and no
 * paragraph or article of the English pages or of 3,000 Reuters articles fails.
 */

/**
 * Common English function words that are not also common words of other Latin-script languages
 * ("a", "as", "in", "an", "on", "was", "will", "no" are left out for that reason).
 */
const FUNCTION_WORDS = new Set(`the of and to that for with is are from this by be at it he his they their have has had were
 not but or which been would said who we you there more than its after about also can could when what all one into out up
 new our your she her him them if so do did does these those being over such only other some any most very just how where
 why while because before between through during under against`.split(/\s+/).filter(Boolean));

/** Fewer judged words than this: too short to judge, counts as English. */
export const MIN_WORDS_TO_JUDGE = 8;
/** Least share of function words among judged words in English prose. */
export const MIN_FUNCTION_SHARE = 0.08;
/**
 * Share of judged words that are long (5+ letters, or any word of a caseless script) and unknown
 * to the English LM, from which a text with few function words is another language.
 */
export const MIN_UNKNOWN_SHARE = 0.2;

export interface EnglishJudgement {
  /** Words starting in lower case or in a caseless script. */
  words: number;
  functionShare: number;
  /** Share of judged words that are long and unknown to the LM. */
  unknownShare: number;
}

export function judgeEnglish(text: string, isKnown: (word: string) => boolean): EnglishJudgement {
  const words = (text.match(/\p{L}+/gu) ?? []).filter((w) => /^[\p{Ll}\p{Lo}]/u.test(w));
  if (words.length === 0) return { words: 0, functionShare: 0, unknownShare: 0 };
  let fn = 0;
  let unknown = 0;
  for (const w of words) {
    if (FUNCTION_WORDS.has(w)) fn++;
    if ((w.length >= 5 || /^\p{Lo}/u.test(w)) && !isKnown(w)) unknown++;
  }
  return { words: words.length, functionShare: fn / words.length, unknownShare: unknown / words.length };
}

/** False for a stretch long enough to judge with almost no English function words and many unknown long words. */
export function looksEnglish(text: string, isKnown: (word: string) => boolean): boolean {
  const j = judgeEnglish(text, isKnown);
  return j.words < MIN_WORDS_TO_JUDGE || j.functionShare >= MIN_FUNCTION_SHARE || j.unknownShare < MIN_UNKNOWN_SHARE;
}
