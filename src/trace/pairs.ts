/**
 * Aligned paragraph pairs for `unspin learn --pairs`: for each paragraph of the copy that lies
 * in copied text and was reworded, the spun paragraph and the source wording it aligns to.
 */
import type { Paragraph } from '../model.js';
import type { Alignment } from './align.js';
import type { CopyEvidence } from './evidence.js';

export interface SpinPair {
  spun: string;
  orig: string;
}

/** A paragraph is exported when this share of its tokens lies in copied blocks. */
const MIN_PARAGRAPH_COPIED = 0.6;

function paragraphsOf(text: string, given: Paragraph[] | undefined): { start: number; end: number }[] {
  if (given && given.length > 0) return given;
  const out: { start: number; end: number }[] = [];
  const re = /[^\n]+(?:\n(?!\s*\n)[^\n]*)*/g;
  for (const m of text.matchAll(re)) if (m[0].trim() !== '') out.push({ start: m.index, end: m.index + m[0].length });
  return out;
}

/**
 * Pairs from the copy's side (`copyIsQuery`: the queried page is the spun one; otherwise the
 * indexed match is, and the roles swap).
 */
export function alignedPairs(al: Alignment, ev: CopyEvidence, queryText: string, sourceText: string, paragraphs?: Paragraph[], copyIsQuery = true): SpinPair[] {
  const inBlock = new Uint8Array(al.ops.length);
  for (const [b0, b1] of ev.blocks) inBlock.fill(1, b0, b1);
  const spunTokens = copyIsQuery ? al.query : al.source;
  const spunText = copyIsQuery ? queryText : sourceText;
  const origTokens = copyIsQuery ? al.source : al.query;
  const origText = copyIsQuery ? sourceText : queryText;
  const paras = paragraphsOf(spunText, copyIsQuery ? paragraphs : undefined);
  const pairs: SpinPair[] = [];
  let k = 0;
  for (const p of paras) {
    let total = 0;
    let copied = 0;
    let changed = false;
    let oStart = Infinity;
    let oEnd = -1;
    // ops are in text order on both sides, so one pass over them serves every paragraph.
    for (; k < al.ops.length; k++) {
      const op = al.ops[k];
      const si = copyIsQuery ? op.q : op.s;
      const oi = copyIsQuery ? op.s : op.q;
      if (si >= 0 && spunTokens[si].start >= p.end) break;
      if (si < 0 || spunTokens[si].start < p.start) {
        if (si < 0 && oi >= 0 && inBlock[k] && oEnd >= 0) { oEnd = origTokens[oi].end; changed = true; }
        continue;
      }
      total++;
      if (!inBlock[k]) continue;
      copied++;
      if (op.kind !== 'equal') changed = true;
      if (oi >= 0) {
        oStart = Math.min(oStart, origTokens[oi].start);
        oEnd = Math.max(oEnd, origTokens[oi].end);
      }
    }
    if (total > 0 && copied / total >= MIN_PARAGRAPH_COPIED && changed && oEnd > oStart) {
      const spun = spunText.slice(p.start, p.end).trim();
      const orig = extendToSentenceEnd(origText, oStart, oEnd).trim();
      if (spun && orig && spun !== orig) pairs.push({ spun, orig });
    }
  }
  return pairs;
}

/** Aligned tokens stop short of punctuation; keep the sentence's opening and closing marks. */
function extendToSentenceEnd(text: string, start: number, end: number): string {
  const tail = /^[^\p{L}\p{N}\s]{0,3}/u.exec(text.slice(end))?.[0] ?? '';
  // Opening quotation marks and brackets before the first aligned word belong to the sentence.
  const head = /[^\p{L}\p{N}\s]{0,3}$/u.exec(text.slice(Math.max(0, start - 3), start))?.[0] ?? '';
  return text.slice(start - head.length, end + tail.length);
}
