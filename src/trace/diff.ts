/**
 * The aligned diff as DiffSpans over both texts: equal runs, substitutions (the spinner's
 * swaps, each carrying the source wording), and insertions/deletions (a "READ MORE" line the
 * copy added, a paragraph it dropped). Long one-sided stretches are reported as such rather
 * than folded into a giant "substitution".
 */
import type { DiffSpan } from '../model.js';
import type { Alignment, Op } from './align.js';

/** One-sided stretches at least this long stand alone as inserted/deleted. */
const MIN_STANDALONE_GAP = 4;

export function diffSpans(al: Alignment, queryText: string, sourceText: string): DiffSpan[] {
  const { ops, query, source } = al;
  const spans: DiffSpan[] = [];
  // Positions "between tokens" for empty spans: just after the last token seen on each side.
  let qPos = 0;
  let sPos = 0;
  const emit = (op: DiffSpan['op'], qs: number[], ss: number[]): void => {
    const start = qs.length ? query[qs[0]].start : qPos;
    const end = qs.length ? query[qs[qs.length - 1]].end : qPos;
    const sourceStart = ss.length ? source[ss[0]].start : sPos;
    const sourceEnd = ss.length ? source[ss[ss.length - 1]].end : sPos;
    spans.push({ op, start, end, sourceStart, sourceEnd, text: queryText.slice(start, end), sourceText: sourceText.slice(sourceStart, sourceEnd) });
    if (qs.length) qPos = end;
    if (ss.length) sPos = sourceEnd;
  };

  let k = 0;
  while (k < ops.length) {
    if (ops[k].kind === 'equal') {
      const qs: number[] = [];
      const ss: number[] = [];
      while (k < ops.length && ops[k].kind === 'equal') { qs.push(ops[k].q); ss.push(ops[k].s); k++; }
      emit('equal', qs, ss);
      continue;
    }
    const run: Op[] = [];
    while (k < ops.length && ops[k].kind !== 'equal') run.push(ops[k++]);
    emitChangeRun(run, emit);
  }
  return spans;
}

function emitChangeRun(run: Op[], emit: (op: DiffSpan['op'], qs: number[], ss: number[]) => void): void {
  let qs: number[] = [];
  let ss: number[] = [];
  const flush = (): void => {
    if (qs.length && ss.length) emit('substituted', qs, ss);
    else if (qs.length) emit('inserted', qs, []);
    else if (ss.length) emit('deleted', [], ss);
    qs = [];
    ss = [];
  };
  let i = 0;
  while (i < run.length) {
    const kind = run[i].kind;
    if (kind === 'ins' || kind === 'del') {
      let e = i;
      while (e < run.length && run[e].kind === kind) e++;
      if (e - i >= MIN_STANDALONE_GAP) {
        flush();
        const idx = run.slice(i, e).map((o) => (kind === 'ins' ? o.q : o.s));
        if (kind === 'ins') emit('inserted', idx, []); else emit('deleted', [], idx);
        i = e;
        continue;
      }
    }
    if (run[i].q >= 0) qs.push(run[i].q);
    if (run[i].s >= 0) ss.push(run[i].s);
    i++;
  }
  flush();
}
