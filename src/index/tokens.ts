/**
 * Word tokens with their UTF-16 offsets, shared by fingerprinting (src/index) and alignment
 * (src/trace) so both see the same units. Numbers keep their decimal point but lose thousands
 * separators ("155,221" and "155221" are the same figure); letters are lower-cased and curly
 * apostrophes folded, because spinners and CMSs differ in typography, not in words.
 */

export type TokenKind = 'word' | 'number';

export interface Token {
  /** Normalised form: lower-case, apostrophes folded, number separators removed. */
  norm: string;
  start: number;
  end: number;
  kind: TokenKind;
  /** Starts with an upper-case letter (as written). */
  capitalised: boolean;
  /** Written entirely in capitals and longer than one letter (acronyms: NATO, USDA). */
  allCaps: boolean;
  /** First word of a sentence or paragraph, where capitals say nothing about names. */
  sentenceInitial: boolean;
  /** In a line written mostly in capitals (a headline, a shouted link): capitals mark no names there. */
  shouted: boolean;
}

const TOKEN_RE = /\p{N}+(?:[.,]\p{N}+)*|\p{L}[\p{L}\p{M}]*(?:['’]\p{L}+)*/gu;
const UPPER_RE = /^\p{Lu}/u;
const NUMBER_START_RE = /^\p{N}/u;
const HAS_LOWER_RE = /\p{Ll}/u;

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let lastEnd = 0;
  let lineStart = 0;
  for (const m of text.matchAll(TOKEN_RE)) {
    const raw = m[0];
    const start = m.index;
    const end = start + raw.length;
    const c0 = raw.charCodeAt(0);
    // ASCII fast paths: this runs for every word of every candidate a trace aligns.
    const isNumber = c0 < 128 ? c0 >= 48 && c0 <= 57 : NUMBER_START_RE.test(raw);
    const gap = start - lastEnd === 1 && text.charCodeAt(lastEnd) === 32 ? ' ' : text.slice(lastEnd, start);
    const sentenceInitial = out.length === 0 || (gap !== ' ' && /[.!?:]["'”’)\]]*\s|\n\s*\n/.test(gap));
    if (gap !== ' ' && gap.includes('\n')) {
      markShouted(out, lineStart);
      lineStart = out.length;
    }
    const lower = isNumber ? raw : raw.toLowerCase();
    out.push({
      norm: isNumber ? (raw.includes(',') ? raw.replace(/,(?=\p{N}{3}(?:\D|$))/gu, '') : raw) : lower.includes('’') ? lower.replace(/’/g, "'") : lower,
      start,
      end,
      kind: isNumber ? 'number' : 'word',
      capitalised: !isNumber && (c0 < 128 ? c0 >= 65 && c0 <= 90 : UPPER_RE.test(raw)),
      allCaps: !isNumber && raw.length > 1 && !HAS_LOWER_RE.test(raw),
      sentenceInitial,
      shouted: false,
    });
    lastEnd = end;
  }
  markShouted(out, lineStart);
  return out;
}

function markShouted(tokens: Token[], from: number): void {
  let words = 0;
  let caps = 0;
  for (let i = from; i < tokens.length; i++) {
    if (tokens[i].kind !== 'word' || tokens[i].norm.length < 2) continue;
    words++;
    if (tokens[i].allCaps) caps++;
  }
  if (words >= 3 && caps / words >= 0.7) for (let i = from; i < tokens.length; i++) tokens[i].shouted = true;
}

/**
 * English function words. Spinners rarely keep or change these in ways that identify a text,
 * so they are never anchors, and alignment gives them little weight as evidence of copying.
 */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set(`a about above after again against all also am an and any are as at
be because been before being below between both but by can could did do does doing down during each either
every few for from further had has have having he her here hers herself him himself his how however i if in
into is it its itself just last least less like many may me might more most much must my myself neither new
no nor not now of off on once one only or other others our ours ourselves out over own per same she should
since so some still such than that the their theirs them themselves then there these they this those
through thus to too under until up upon us very via was we were what when where whether which while who
whom whose why will with within without would yet you your yours yourself said says say told according
mr mrs ms dr week year years month today yesterday tomorrow monday tuesday wednesday thursday friday
saturday sunday`.split(/\s+/));

export function isFunctionWord(norm: string): boolean {
  return FUNCTION_WORDS.has(norm);
}

const NUMBER_WORDS: Record<string, string> = {
  zero: '0', one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9', ten: '10',
  eleven: '11', twelve: '12', thirteen: '13', fourteen: '14', fifteen: '15', sixteen: '16', seventeen: '17', eighteen: '18',
  nineteen: '19', twenty: '20', thirty: '30', forty: '40', fifty: '50', sixty: '60', seventy: '70', eighty: '80', ninety: '90',
  hundred: '100', thousand: '1000', first: '1st', second: '2nd', third: '3rd',
};

/**
 * A crude English stem: enough to pair inflections ("reports"/"reported"/"reporting") in the
 * alignment and to key content-word fingerprints. Number words map to their figures.
 */
export function stem(norm: string): string {
  let s = stemMemo.get(norm);
  if (s === undefined) {
    // A text's vocabulary repeats across texts; the memo is bounded, not a leak.
    if (stemMemo.size >= MAX_STEM_MEMO) stemMemo.clear();
    s = computeStem(norm);
    stemMemo.set(norm, s);
  }
  return s;
}

const MAX_STEM_MEMO = 200_000;
const stemMemo = new Map<string, string>();

function computeStem(norm: string): string {
  const n = NUMBER_WORDS[norm];
  if (n !== undefined) return n;
  let w = norm.replace(/'s$/, '');
  if (w.length <= 3) return w;
  if (w.endsWith('ies') && w.length > 4) return `${w.slice(0, -3)}y`;
  if (w.endsWith('ied') && w.length > 4) return `${w.slice(0, -3)}y`;
  for (const suffix of ['ing', 'ed', 'es', 'ly', 's']) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 3) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  // "stopped" -> "stopp" -> "stop"
  if (w.length > 3 && w[w.length - 1] === w[w.length - 2] && !/[aeiouls]/.test(w[w.length - 1])) w = w.slice(0, -1);
  return w.replace(/e$/, '');
}
