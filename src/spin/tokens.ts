/**
 * Tokens and sentences for restoration: words (with their offsets in the input), and which
 * words a restorer must leave alone (quoted speech, URLs, e-mail addresses, figures glued to
 * symbols, table rows). Offsets are UTF-16 indices into the input, end exclusive.
 */

export interface WordToken {
  start: number;
  end: number;
  /** As written. */
  text: string;
  /** Lower-cased, curly apostrophes straightened: the form looked up in models. */
  norm: string;
  /** Starts with a capital and is not the first word of its sentence. */
  capitalised: boolean;
  /** Inside quotation marks, a URL, an e-mail address, a code-like run or a table row: never changed. */
  protected: boolean;
  /** Punctuation or a line break between this word and the previous one (phrases never span it). */
  breakBefore: boolean;
}

export interface Sentence {
  start: number;
  end: number;
  words: WordToken[];
}

const WORD_RE = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;
// Bounded runs only: an unbounded \S+ before "@" backtracks quadratically on long unbroken text.
const URL_RE = /\b(?:https?:\/\/|www\.)\S+|[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+/gi;

/** Spans between matching quotation marks (straight or curly), within one paragraph. */
export function quotedSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  const re = /“[^”\n]{0,3000}”|"[^"\n]{0,3000}"|‘[^’\n]{2,3000}’(?![\p{L}])/gu;
  for (const m of text.matchAll(re)) spans.push([m.index, m.index + m[0].length]);
  return spans;
}

// A figure as a table cell writes it: "4,612.1", "-0.3", "(12)", "$5", "7%", or a table's "nil" / "n/a".
const CELL_FIGURE_RE = /^(?:[-+(]?[$£€¥]?\d[\d.,:/]*%?\)?|nil|n\/a|na|--?)$/i;
const COLUMN_GAP_RE = /\S(?: {3,}|\t+)(?=\S)/g;

/**
 * Lines laid out as table rows: mostly figures, or figures in columns set apart by wide gaps.
 * Their words are row and column labels ("Redeemed", "Outstanding"), with no sentence around them
 * to judge a synonym by, so neither restoration nor spin evidence reads them.
 */
function pushTableRowSpans(text: string, spans: [number, number][]): void {
  for (const m of text.matchAll(/[^\n]+/g)) {
    const line = m[0];
    const cells = line.split(/\s+/).filter(Boolean);
    let figures = 0;
    for (const c of cells) if (CELL_FIGURE_RE.test(c)) figures++;
    const gaps = line.match(COLUMN_GAP_RE)?.length ?? 0;
    if ((figures >= 3 && figures >= 0.4 * cells.length) || (figures >= 2 && gaps >= 2)) spans.push([m.index, m.index + line.length]);
  }
}

function protectedSpans(text: string): [number, number][] {
  const spans = quotedSpans(text);
  for (const m of text.matchAll(URL_RE)) spans.push([m.index, m.index + m[0].length]);
  // Pushed one by one: a long table has more rows than a spread call takes arguments.
  pushTableRowSpans(text, spans);
  return spans.sort((a, b) => a[0] - b[0]);
}

/** Sentence ends: . ! ? followed by space/quote/end, or a blank line. Abbreviations are tolerated (a split only shortens context). */
function sentenceBoundaries(text: string): number[] {
  const ends: number[] = [];
  const re = /[.!?]+["”’)]*(?=\s|$)|\n\s*\n/g;
  for (const m of text.matchAll(re)) ends.push(m.index + m[0].length);
  ends.push(text.length);
  return ends;
}

export function splitSentences(text: string): Sentence[] {
  const prot = protectedSpans(text);
  const ends = sentenceBoundaries(text);
  const sentences: Sentence[] = [];
  let endIdx = 0;
  let protIdx = 0;
  let current: Sentence = { start: 0, end: 0, words: [] };
  let prevEnd = 0;
  for (const m of text.matchAll(WORD_RE)) {
    const start = m.index;
    const end = start + m[0].length;
    while (endIdx < ends.length && ends[endIdx] <= start) {
      if (current.words.length > 0) {
        current.end = current.words[current.words.length - 1].end;
        sentences.push(current);
      }
      current = { start, end: start, words: [] };
      endIdx++;
    }
    while (protIdx < prot.length && prot[protIdx][1] <= start) protIdx++;
    const inProt = protIdx < prot.length && prot[protIdx][0] <= start;
    const before = current.words.length === 0 ? '' : text.slice(prevEnd, start);
    // Figures glued to symbols ("1/8", "$5", "3.5%") and hyphenated compounds are not words a spinner swaps.
    const glued = /[\d/$%€£@#_\\-]/.test(text[start - 1] ?? ' ') || /^[-/%@_\\]/.test(text[end] ?? ' ');
    const word = m[0];
    current.words.push({
      start, end, text: word,
      norm: word.toLowerCase().replace(/’/g, "'"),
      capitalised: current.words.length > 0 && /^\p{Lu}/u.test(word) && !/["“(]\s*$/.test(before),
      protected: inProt || glued,
      breakBefore: current.words.length > 0 && !/^[ \t]+$/.test(before),
    });
    prevEnd = end;
  }
  if (current.words.length > 0) {
    current.end = current.words[current.words.length - 1].end;
    sentences.push(current);
  }
  return sentences;
}
