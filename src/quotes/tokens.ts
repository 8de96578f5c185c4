/**
 * Tokens and sentences for attribution. A whole quotation (marks included) is one token, so a
 * sentence never breaks inside quoted speech and patterns like `"...," NAME said` are read over
 * the words around the quote. Paragraph breaks outside quotes end sentences.
 */
import type { QuoteMark } from './marks.js';

export interface Tok {
  start: number;
  end: number;
  text: string;
  lower: string;
  kind: 'word' | 'punct' | 'quote';
  /** Index into the quote list, for quote tokens. */
  quote: number;
  /** Word starts with an upper-case letter. */
  cap: boolean;
}

export interface Sentence {
  toks: Tok[];
  start: number;
  end: number;
  paragraph: number;
}

/** Longer sentences are cut: real ones are far shorter, and attribution looks within a sentence. */
const MAX_SENTENCE_TOKENS = 160;
// Numbers with thousands separators ("3,000") are one token, so their comma separates nothing.
const WORD_RE = /&[a-z]+;|&#\d+;|\p{N}{1,3}(?:,\p{N}{3})+(?:\.\p{N}+)?(?![\p{L}\p{N}])|[\p{L}\p{N}]+(?:['’.\-&][\p{L}\p{N}]+)*|\S/gu;
const UPPER = /^\p{Lu}/u;
const ABBREVIATIONS = new Set(['mr', 'mrs', 'ms', 'dr', 'st', 'gen', 'sen', 'rep', 'gov', 'lt', 'col', 'sgt', 'capt', 'cmdr', 'adm', 'maj', 'prof', 'jr', 'sr', 'inc', 'co', 'corp', 'ltd', 'no', 'vs', 'v', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'mt', 'ft', 'rev', 'hon', 'est', 'approx', 'dept', 'univ', 'e.g', 'i.e', 'etc', 'u.s', 'u.k', 'u.n', 'e.u', 'a.m', 'p.m']);
/** Capitalised words that start a new sentence even after an abbreviation-like word. */
const SENTENCE_STARTERS = new Set(['the', 'he', 'she', 'it', 'they', 'we', 'i', 'but', 'in', 'on', 'a', 'an', 'this', 'that', 'there', 'his', 'her', 'its', 'their', 'asked', 'according', 'however', 'meanwhile']);

function pushWords(text: string, from: number, to: number, out: Tok[]): void {
  WORD_RE.lastIndex = from;
  for (let m = WORD_RE.exec(text); m && m.index < to; m = WORD_RE.exec(text)) {
    const s = m.index + m[0].length > to ? m[0].slice(0, to - m.index) : m[0];
    // Split a possessive off its noun ("NATO’s" -> "NATO", "’s") so names stay whole.
    const poss = /^(.+?)(['’]s)$/u.exec(s);
    const parts = poss && s.length > 2 ? [poss[1], poss[2]] : [s];
    let at = m.index;
    for (const p of parts) {
      const isWord = /[\p{L}\p{N}]/u.test(p[0]) || /^['’]s$/u.test(p);
      out.push({ start: at, end: at + p.length, text: p, lower: p.toLowerCase(), kind: isWord ? 'word' : 'punct', quote: -1, cap: UPPER.test(p) });
      at += p.length;
    }
  }
}

/** Paragraph start offsets (paragraphs are separated by blank lines). */
export function paragraphStarts(text: string): number[] {
  const starts = [0];
  const re = /\n[ \t\r]*\n\s*/g;
  for (let m = re.exec(text); m; m = re.exec(text)) starts.push(m.index + m[0].length);
  return starts;
}

export function paragraphOf(starts: number[], pos: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Splits the text into sentences of tokens, each quotation one token. */
export function sentencesOf(text: string, quotes: QuoteMark[]): Sentence[] {
  const starts = paragraphStarts(text);
  const sentences: Sentence[] = [];
  let cur: Tok[] = [];
  let curPara = 0;
  const flush = () => {
    if (cur.length) sentences.push({ toks: cur, start: cur[0].start, end: cur[cur.length - 1].end, paragraph: curPara });
    cur = [];
  };
  const addRange = (from: number, to: number) => {
    if (to <= from) return;
    const toks: Tok[] = [];
    pushWords(text, from, to, toks);
    for (const t of toks) addTok(t);
  };
  // Tokens arrive in text order, so the paragraph index only moves forward.
  let paraAt = 0;
  let lastEndPara = 0;
  const paraOf = (pos: number) => {
    while (paraAt + 1 < starts.length && starts[paraAt + 1] <= pos) paraAt++;
    return paraAt;
  };
  // Text written without capitals (a lower-cased copy): a sentence may start with a small letter.
  const lowerCase = !/\p{Lu}/u.test(text.slice(0, 20000));
  const addTok = (t: Tok) => {
    const para = paraOf(t.start);
    if (cur.length && para !== lastEndPara) flush();
    if (!cur.length) curPara = para;
    const prev = cur[cur.length - 1];
    // A run-on "sentence" (no punctuation, hostile input) is cut so work per sentence stays bounded.
    if (prev && (cur.length >= MAX_SENTENCE_TOKENS || endsSentence(prev, cur[cur.length - 2], t, quotes, text, lowerCase))) {
      flush();
      curPara = para;
    }
    cur.push(t);
    lastEndPara = t.kind === 'quote' ? paragraphOf(starts, t.end - 1) : para;
    if (lastEndPara > paraAt) paraAt = lastEndPara;
  };
  let pos = 0;
  quotes.forEach((q, qi) => {
    addRange(pos, q.open);
    const qtext = text.slice(q.open, q.after);
    addTok({ start: q.open, end: q.after, text: qtext, lower: '', kind: 'quote', quote: qi, cap: UPPER.test(text.slice(q.start, q.start + 1)) });
    pos = q.after;
  });
  addRange(pos, text.length);
  flush();
  return sentences;
}

function endsSentence(prev: Tok, before: Tok | undefined, next: Tok, quotes: QuoteMark[], text: string, lowerCase = false): boolean {
  const nextStarts = next.kind === 'quote' || next.cap || /^\p{N}/u.test(next.text) || next.text === '(' || (lowerCase && next.kind === 'word');
  if (!nextStarts) return false;
  if (prev.kind === 'quote') {
    const q = quotes[prev.quote];
    return /[.!?]$/.test(text.slice(q.start, q.end)) && !q.unclosed;
  }
  if (prev.text !== '.' && prev.text !== '!' && prev.text !== '?') return false;
  if (prev.text === '.' && before && before.end === prev.start) {
    const w = before.lower;
    const abbreviation = ABBREVIATIONS.has(w) || /^(\p{L}\.)*\p{Lu}$/u.test(before.text);
    if (abbreviation && !SENTENCE_STARTERS.has(next.lower)) return false;
  }
  return true;
}
