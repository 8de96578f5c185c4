/**
 * Finding quotations by their marks, in one pass over the text (linear time whatever the input:
 * unbalanced marks, a megabyte of marks, nested quotes).
 *
 * - Curly (“ ” ‘ ’), straight (" '), low-9 („ ‚) and guillemets (« ») are recognised; a straight
 *   mark opens or closes by its neighbours (space before and a letter after opens).
 * - Single marks inside a double-quoted span are nested quotes: part of the outer quote.
 *   A straight apostrophe is never taken for a quotation mark; a curly ’ closes a ‘ only when
 *   no letter follows it (so "don’t", "NATO’s" stay words).
 * - A quote still open at the end of a paragraph continues when the next paragraph opens with a
 *   mark (the convention for speech over several paragraphs); otherwise it is cut at the
 *   paragraph end and marked unclosed.
 */

export interface QuoteMark {
  /** Offset of the opening mark. */
  open: number;
  /** Offset just past the closing mark, or the paragraph end when unclosed. */
  after: number;
  /** The quoted words: [start, end) between the marks, whitespace trimmed. */
  start: number;
  end: number;
  unclosed: boolean;
  /** Offsets of continuation marks that opened later paragraphs of the same quote. */
  continuations: number[];
}

const DOUBLE_OPEN = new Set(['“', '„', '«', '‟']);
const DOUBLE_CLOSE = new Set(['”', '»']);
const SPACE = /\s/;
const WORDCHAR = /[\p{L}\p{N}]/u;
// A comma or colon counts too: newswires drop the space in `said,"The report ...`.
const OPENING_CONTEXT = /[\s([{\u2014\u2013\-/“‘«„,:]/u;

function isParagraphBreak(text: string, i: number): number {
  // Returns the offset after the blank line starting at i, or -1.
  if (text[i] !== '\n') return -1;
  let j = i + 1;
  while (j < text.length && (text[j] === ' ' || text[j] === '\t' || text[j] === '\r')) j++;
  if (text[j] !== '\n') return -1;
  while (j < text.length && SPACE.test(text[j])) j++;
  return j;
}

function trimSpan(text: string, start: number, end: number): [number, number] {
  while (start < end && SPACE.test(text[start])) start++;
  while (end > start && SPACE.test(text[end - 1])) end--;
  return [start, end];
}

function opensStraight(text: string, i: number): boolean {
  const prev = i > 0 ? text[i - 1] : ' ';
  const next = i + 1 < text.length ? text[i + 1] : ' ';
  return OPENING_CONTEXT.test(prev) && !SPACE.test(next);
}

function closesStraight(text: string, i: number): boolean {
  const prev = i > 0 ? text[i - 1] : ' ';
  const next = i + 1 < text.length ? text[i + 1] : ' ';
  return !SPACE.test(prev) && !WORDCHAR.test(next);
}

export function findQuoteMarks(text: string): QuoteMark[] {
  const out: QuoteMark[] = [];
  let open = -1;
  let openChar = '';
  let continuations: number[] = [];
  let single = -1;

  const emit = (closeAt: number, after: number, unclosed: boolean) => {
    const [s, e] = trimSpan(text, open + 1, closeAt);
    if (e > s && WORDCHAR.test(text.slice(s, e))) out.push({ open, after, start: s, end: e, unclosed, continuations });
    open = -1;
    continuations = [];
  };
  const emitSingle = (closeAt: number) => {
    const [s, e] = trimSpan(text, single + 1, closeAt);
    if (e > s && WORDCHAR.test(text.slice(s, e))) out.push({ open: single, after: closeAt + 1, start: s, end: e, unclosed: false, continuations: [] });
    single = -1;
  };

  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      const next = isParagraphBreak(text, i);
      if (next < 0) continue;
      single = -1;
      if (open >= 0) {
        const first = text[next];
        if (first !== undefined && (DOUBLE_OPEN.has(first) || (first === '"' && openChar === '"'))) {
          continuations.push(next);
          i = next;
          continue;
        }
        emit(i, i, true);
      }
      i = next - 1;
      continue;
    }
    if (open < 0) {
      if (DOUBLE_OPEN.has(c) || (c === '"' && opensStraight(text, i))) {
        open = i;
        openChar = c;
        single = -1;
      } else if (c === '‘' || c === '‚') {
        const prev = i > 0 ? text[i - 1] : ' ';
        if (single < 0 && OPENING_CONTEXT.test(prev)) single = i;
      } else if (c === '’' && single >= 0) {
        const next = i + 1 < text.length ? text[i + 1] : ' ';
        if (!WORDCHAR.test(next)) emitSingle(i);
      }
      continue;
    }
    // Inside a double quote.
    if (DOUBLE_CLOSE.has(c) || (c === '“' && openChar === '„')) {
      emit(i, i + 1, false);
    } else if (c === '"') {
      if (closesStraight(text, i) || !opensStraight(text, i)) emit(i, i + 1, false);
      else {
        // A second opening-looking mark: the first was never closed. Start again here.
        open = i;
        continuations = [];
      }
    } else if (DOUBLE_OPEN.has(c) && openChar !== '„') {
      // “ inside “...: the earlier mark was never closed; start again here.
      open = i;
      openChar = c;
      continuations = [];
    }
  }
  if (open >= 0) emit(text.length, text.length, true);
  return out;
}
