/**
 * Tracing round 2: the alignment re-aligns changed stretches once synonyms and phrase swaps
 * are known, the evidence counts unexplained gaps, and the verdict refuses a rewrite of the
 * same press release (same words, moved clauses) while accepting a spun copy of it and a short
 * spun paragraph surrounded by page chrome. Fixtures are written for these tests.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { extract } from '../src/extract/index.js';
import { openStore, recordFromText } from '../src/index/index.js';
import { alignTexts } from '../src/trace/align.js';
import { SynonymOracle, type Lexicon } from '../src/trace/equivalence.js';
import { measureCopy } from '../src/trace/evidence.js';
import { isCopyVerdict, trace } from '../src/trace/index.js';

/** A tiny reverse thesaurus: spun form -> the originals it may replace. */
function lexicon(entries: Record<string, string[]>): Lexicon {
  return {
    reverseCandidates: (w) => (entries[w.toLowerCase()] ?? []).map((text) => ({ text })),
    prior: () => -5,
  };
}

const LEX = lexicon({
  gnp: ['gross national product'],
  process: ['march'],
  firm: ['company'],
  stated: ['said'],
  acquire: ['buy'],
  stake: ['interest'],
  workplace: ['office'],
  commence: ['begin'],
  agreement: ['accord'],
});

test('alignment with synonyms: a phrase swap pairs the phrase, and a misplaced pair is re-aligned', () => {
  const oracle = new SynonymOracle(LEX);
  const source = 'Figures published on Tuesday showed that the GNP grew by three percent in March after a weak winter.';
  const query = 'Figures published on Tuesday showed that the Gross National Product grew by three percent in the Process after a weak winter.';
  const al = alignTexts(query, source, oracle);
  const norm = (side: 'q' | 's', i: number): string => (side === 'q' ? al.query[i].norm : al.source[i].norm);
  const gnp = al.ops.find((o) => o.s >= 0 && norm('s', o.s) === 'gnp');
  assert.equal(gnp?.kind, 'equiv');
  assert.equal(norm('q', gnp.q), 'gross');
  const explained = al.ops.filter((o) => o.phrase).map((o) => norm('q', o.q));
  assert.deepEqual(explained, ['national', 'product']);
  const march = al.ops.find((o) => o.s >= 0 && norm('s', o.s) === 'march');
  assert.equal(march?.kind, 'equiv');
  assert.equal(norm('q', march.q), 'process');
  const ev = measureCopy(al, query);
  // Every capitalised word is accounted for, and the phrase's extra words are not gaps.
  assert.equal(ev.factAgreement, 1);
  assert.ok(ev.gapRate < 0.1, String(ev.gapRate));
  assert.equal(ev.copiedQueryTokens, al.query.length);
  // Without the thesaurus the swapped names disagree, so the sentence is not copied text.
  const plain = measureCopy(alignTexts(query, source, null), query);
  assert.ok(plain.copiedQueryTokens < ev.copiedQueryTokens, String(plain.copiedQueryTokens));
});

const RELEASE = `Northbay Instruments Inc said it agreed to buy a 40 pct interest in Keller Optics Ltd for 12.5 mln dlrs in cash and stock.

The company said the accord is subject to approval by Keller shareholders, who will meet on June 4 to vote on the transaction.

Northbay said Keller, based in Hamilton, makes lenses for medical scanners and had sales of 31 mln dlrs last year. It said it expects the purchase to add to earnings in its first full year.`;

/** The same release rewritten by another desk: the facts and most words stay, the clauses move. */
const REWRITE = `Northbay Instruments Inc said it will pay 12.5 mln dlrs in cash and stock for a 40 pct interest in Keller Optics Ltd, a Hamilton maker of lenses for medical scanners.

Keller, which had sales of 31 mln dlrs last year, will ask its shareholders to approve the accord at a meeting on June 4, the company said.

Northbay expects the purchase to add to earnings in its first full year, it said.`;

/** The release through a spinner: words swapped in place. */
const SPUN = `Northbay Instruments Inc stated it agreed to acquire a 40 pct stake in Keller Optics Ltd for 12.5 mln dlrs in cash and stock.

The firm stated the agreement is subject to approval by Keller shareholders, who will meet on June 4 to vote on the transaction.

Northbay stated Keller, based in Hamilton, makes lenses for medical scanners and had sales of 31 mln dlrs last year. It stated it expects the purchase to add to earnings in its first full year.`;

const OTHER = `Harbour officials said on Monday the new ferry terminal would open in the spring after delays caused by winter storms and a shortage of steel.

The terminal, which cost 48 mln dlrs, will handle four sailings a day to the islands, the port authority said.`;

function articleOf(text: string) {
  return extract({ id: 'q', text, fetchedAt: new Date().toISOString() });
}

async function withStore(fn: (store: Awaited<ReturnType<typeof openStore>>) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'unspin-trace-cal-'));
  const store = await openStore(path.join(dir, 'i.db'));
  try {
    await store.addBatch([
      recordFromText({ id: 'release', url: null, title: 'Northbay to buy Keller stake', published: '1987-05-01' }, RELEASE),
      recordFromText({ id: 'harbour', url: null, title: 'Ferry terminal', published: '1987-05-02' }, OTHER),
    ], 'update');
    await fn(store);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a rewrite of the same release is not a copy; a spun copy of it is', async () => {
  await withStore(async (store) => {
    const rewrite = await trace(articleOf(REWRITE), store, { lexicon: LEX, includeUnrelated: true });
    const r = rewrite.find((m) => m.id === 'release');
    assert.ok(r, 'the release is a candidate');
    assert.ok(!isCopyVerdict(r.verdict), `${r.verdict} ${JSON.stringify(r.evidence)}`);
    const spun = await trace(articleOf(SPUN), store, { lexicon: LEX });
    assert.equal(spun[0]?.id, 'release');
    assert.ok(isCopyVerdict(spun[0].verdict), `${spun[0].verdict} ${JSON.stringify(spun[0].evidence)}`);
  });
});

test('a short spun paragraph amid page chrome is traced as a copy', async () => {
  await withStore(async (store) => {
    const page = `Home | Business | Markets\n\nThe firm stated the agreement is subject to approval by Keller shareholders, who will meet on June 4 to vote on the transaction.\n\nShare this article\n\nRELATED: HARBOUR TERMINAL DELAYED AGAIN`;
    const m = await trace(articleOf(page), store, { lexicon: LEX });
    assert.equal(m[0]?.id, 'release');
    assert.ok(isCopyVerdict(m[0].verdict), `${m[0].verdict} ${JSON.stringify(m[0].evidence)}`);
    // The chrome alone shares nothing with the release.
    const chrome = await trace(articleOf('Home | Business | Markets\n\nShare this article\n\nRELATED: KELLER OPTICS NEWS'), store, { lexicon: LEX });
    assert.ok(chrome.every((x) => !isCopyVerdict(x.verdict)));
  });
});
