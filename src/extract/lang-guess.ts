/**
 * A fallback guess of the text's language for pages that declare none (no <html lang>, no
 * Content-Language): the writing system decides for most scripts; for Latin-script text, the
 * most frequent function words. Returns null rather than guess on thin evidence.
 */

/** Scripts that name one language well enough (BCP 47 primary tags). */
const SCRIPTS: readonly [RegExp, string][] = [
  [/[\u3040-\u30ff]/g, 'ja'], // kana: Japanese, even when mixed with kanji
  [/[\uac00-\ud7af]/g, 'ko'],
  [/[\u4e00-\u9fff]/g, 'zh'],
  [/[\u0600-\u06ff]/g, 'ar'],
  [/[\u0590-\u05ff]/g, 'he'],
  [/[\u0370-\u03ff]/g, 'el'],
  [/[\u0e00-\u0e7f]/g, 'th'],
  [/[\u0900-\u097f]/g, 'hi'],
];

/** Ten very frequent function words per language (short, unambiguous-ish sets). */
const FUNCTION_WORDS: Record<string, readonly string[]> = {
  en: ['the', 'and', 'of', 'to', 'is', 'that', 'it', 'was', 'for', 'with'],
  de: ['der', 'die', 'und', 'das', 'ist', 'nicht', 'mit', 'den', 'von', 'sich'],
  fr: ['le', 'les', 'et', 'des', 'est', 'une', 'dans', 'pour', 'qui', 'sur'],
  es: ['el', 'los', 'las', 'y', 'del', 'por', 'una', 'con', 'para', 'como'],
  it: ['il', 'di', 'che', 'è', 'per', 'non', 'una', 'sono', 'della', 'gli'],
  pt: ['o', 'os', 'que', 'do', 'da', 'em', 'não', 'uma', 'com', 'para'],
  nl: ['het', 'een', 'van', 'en', 'dat', 'niet', 'op', 'te', 'zijn', 'voor'],
  ru: ['и', 'в', 'не', 'на', 'что', 'с', 'по', 'это', 'как', 'из'],
  uk: ['і', 'в', 'не', 'на', 'що', 'з', 'та', 'це', 'як', 'до'],
  pl: ['i', 'w', 'nie', 'na', 'się', 'z', 'że', 'do', 'jest', 'to'],
  id: ['yang', 'dan', 'di', 'ini', 'itu', 'dengan', 'untuk', 'tidak', 'dari', 'dalam'],
};

const SAMPLE_CHARS = 20_000;
const MIN_HITS = 8;

export function guessLanguage(text: string): string | null {
  const sample = text.slice(0, SAMPLE_CHARS);
  const letters = (sample.match(/\p{L}/gu) ?? []).length;
  if (letters < 40) return null;
  for (const [re, tag] of SCRIPTS) {
    // A script used by at least a fifth of the letters names the language (kana checked first).
    if ((sample.match(re) ?? []).length >= letters * 0.2) return tag;
  }
  const counts = new Map<string, number>();
  const lookup = new Map<string, string[]>();
  for (const [tag, words] of Object.entries(FUNCTION_WORDS)) {
    for (const w of words) lookup.set(w, [...(lookup.get(w) ?? []), tag]);
  }
  for (const word of sample.toLowerCase().match(/\p{L}+/gu) ?? []) {
    for (const tag of lookup.get(word) ?? []) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  }
  const ranked = [...counts].sort((a, b) => b[1] - a[1]);
  if (ranked.length === 0 || ranked[0][1] < MIN_HITS) return null;
  // Close runners-up (Spanish/Portuguese, Russian/Ukrainian) mean the evidence is not enough.
  if (ranked.length > 1 && ranked[0][1] < ranked[1][1] * 1.5) return null;
  return ranked[0][0];
}
