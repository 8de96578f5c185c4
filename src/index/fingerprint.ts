/**
 * Fingerprints that survive spinning. A spinner swaps common words for "synonyms" but leaves
 * names, figures and acronyms alone (it has no synonym for "Stoltenberg" or "5.93"), so word
 * n-grams are broken every few words while the sequence of these anchors stays intact.
 * The fingerprint of a text is the set of
 *   - anchor terms: numbers, capitalised non-function words, acronyms;
 *   - anchor pairs: each anchor with the next anchor in the same paragraph (order survives
 *     spinning, and a pair is far rarer than either term, which separates templated reports
 *     that share vocabulary but not the facts in sequence);
 *   - content words (stemmed, five letters or more, not names): a spinner swaps only the words
 *     its dictionary knows, so the technical vocabulary of a text ("debentures", "subordinated")
 *     survives. A short copy of two paragraphs may carry only a few common names; its rare
 *     words are what finds its source. Only rare ones are read at query time.
 * Terms are hashed to 52-bit integers; rarity is judged at query time from the index's own
 * document frequencies (see candidates.ts), so no outside word list is needed.
 */
import { hash52 } from './hash.js';
import { isFunctionWord, stem, tokenize, type Token } from './tokens.js';

export interface Fingerprint {
  /** Distinct hashed terms, ascending. */
  terms: number[];
  /** How many anchors the text had (before deduplication); 0 means nothing to trace by. */
  anchors: number;
}

/** At most this many terms per text: bounds index growth for very long pages. */
export const MAX_TERMS = 1500;

export function isAnchor(t: Token): boolean {
  if (t.kind === 'number') return true;
  if (t.norm.length < 2) return false;
  if (isFunctionWord(t.norm) || t.shouted) return false;
  return t.capitalised || t.allCaps;
}

/** Shorter words are too common (and too often swapped) to find a source by. */
const MIN_CONTENT_WORD_LENGTH = 5;

/** A content word worth indexing: lower-case prose, not a name, a figure or a function word. */
function isContentWord(t: Token): boolean {
  return t.kind === 'word' && !t.capitalised && t.norm.length >= MIN_CONTENT_WORD_LENGTH && !isFunctionWord(t.norm);
}

/** The anchor sequence of a text, paragraph by paragraph (pairs never cross a paragraph). */
export function anchorsOf(text: string, tokens: Token[] = tokenize(text)): string[][] {
  const paragraphs: string[][] = [[]];
  let lastEnd = 0;
  for (const t of tokens) {
    if (/\n\s*\n/.test(text.slice(lastEnd, t.start)) && paragraphs[paragraphs.length - 1].length > 0) paragraphs.push([]);
    lastEnd = t.end;
    if (isAnchor(t)) paragraphs[paragraphs.length - 1].push(t.kind === 'number' ? `#${t.norm}` : t.norm.replace(/'s$/, ''));
  }
  return paragraphs.filter((p) => p.length > 0);
}

export function fingerprint(text: string): Fingerprint {
  const set = new Set<number>();
  let anchors = 0;
  const tokens = tokenize(text);
  for (const para of anchorsOf(text, tokens)) {
    anchors += para.length;
    for (let i = 0; i < para.length; i++) {
      set.add(hash52(`a ${para[i]}`));
      if (i + 1 < para.length && para[i + 1] !== para[i]) set.add(hash52(`p ${para[i]} ${para[i + 1]}`));
    }
    if (set.size >= MAX_TERMS) break;
  }
  for (const t of tokens) {
    if (set.size >= MAX_TERMS) break;
    if (isContentWord(t)) set.add(hash52(`w ${stem(t.norm)}`));
  }
  const terms = [...set].sort((x, y) => x - y).slice(0, MAX_TERMS);
  return { terms, anchors };
}
