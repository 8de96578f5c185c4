/**
 * The ArticleStore conformance suite: every store implementation (SQLite, PostgreSQL) must pass
 * it unchanged, so `index` and `trace` behave the same whichever database holds the index.
 * Records are built with the real fingerprint (recordFromText), not hand-made term lists.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { findCandidates } from '../src/index/candidates.js';
import { recordFromText } from '../src/index/records.js';
import type { ArticleStore, IndexRecord } from '../src/index/store.js';

export interface StoreFactory {
  name: string;
  /** Opens a fresh, empty store. Calling it again after `reopen: true` opens the same one. */
  open(opts?: { reopen?: boolean; readonly?: boolean }): Promise<ArticleStore>;
  /** Removes everything the factory created. */
  cleanup(): Promise<void>;
}

const TEXTS = {
  harbour: 'The Harbour Authority of Port Elmsworth said on Tuesday that cargo volumes rose 14 percent in 2023.\n\nChief executive Maria Okonkwo told reporters the new container terminal, opened in March, handled 310,000 units.',
  mill: 'Workers at the Brantley Paper Mill in Ohio voted to strike after talks with Consolidated Fibre broke down on Friday.\n\nUnion leader Dale Hutchins said 420 members backed the action.',
  orchard: 'A frost in late April destroyed a third of the apple crop in the Okanagan Valley, growers in British Columbia said.\n\nThe BC Fruit Growers Association estimated losses at 48 million Canadian dollars.',
  unicode: 'Zoë Brontë-Łukasiewicz 👩‍🔬 won the Ørsted Prize in Kraków for work on 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 text.\n\n"Ça marche," she said in Zürich.',
};

function rec(id: string | null, text: string, extra: Partial<IndexRecord> = {}): IndexRecord {
  return { ...recordFromText({ id, url: extra.url ?? null, title: extra.title ?? null, published: extra.published ?? null }, text), ...extra };
}

export function storeContract(factory: StoreFactory): void {
  describe(`ArticleStore contract: ${factory.name}`, () => {
    let store: ArticleStore;
    before(async () => { store = await factory.open(); });
    after(async () => { await store.close(); await factory.cleanup(); });

    test('an empty store has nothing and says so', async () => {
      assert.equal(await store.count(), 0);
      assert.equal(await store.get('nope'), null);
      assert.deepEqual(await store.getByKeys([]), []);
      const [l] = await store.lookupTerms([12345], 10);
      assert.deepEqual(l, { term: 12345, df: 0, keys: null });
      assert.equal((await store.checkIntegrity()).ok, true);
    });

    test('addBatch stores records with every field and reports outcomes in order', async () => {
      const a = rec('harbour', TEXTS.harbour, { url: 'https://example.org/a', title: 'Cargo up', published: '2024-01-02' });
      const b = rec(null, TEXTS.mill, { url: 'https://example.org/mill' });
      const out = await store.addBatch([a, b], 'update');
      assert.deepEqual(out, [{ status: 'added', id: 'harbour' }, { status: 'added', id: 'https://example.org/mill' }]);
      const got = await store.get('harbour');
      assert.ok(got);
      assert.equal(got.text, a.text);
      assert.equal(got.url, 'https://example.org/a');
      assert.equal(got.title, 'Cargo up');
      assert.equal(got.published, '2024-01-02');
      assert.equal(got.contentHash, a.contentHash);
      assert.ok(!Number.isNaN(Date.parse(got.addedAt)));
      assert.equal(await store.count(), 2);
    });

    test('lookupTerms gives document frequencies and posting keys that getByKeys resolves', async () => {
      const a = (await store.get('harbour'))!;
      const terms = rec('x', TEXTS.harbour).terms;
      const lookups = await store.lookupTerms(terms, 10);
      assert.equal(lookups.length, terms.length);
      assert.deepEqual(lookups.map((l) => l.term), terms, 'one answer per term, in order');
      for (const l of lookups) {
        assert.equal(l.df, 1);
        assert.deepEqual(l.keys, [a.key]);
      }
      // Terms more common than maxDf come without postings.
      const capped = await store.lookupTerms(terms.slice(0, 3), 0);
      assert.ok(capped.every((l) => l.df === 1 && l.keys === null));
      const [byKey] = await store.getByKeys([a.key]);
      assert.equal(byKey.id, 'harbour');
    });

    test('getByKeys keeps the order asked and drops unknown keys', async () => {
      const a = (await store.get('harbour'))!;
      const b = (await store.get('https://example.org/mill'))!;
      const got = await store.getByKeys([b.key, 987654321, a.key]);
      assert.deepEqual(got.map((g) => g.id), ['https://example.org/mill', 'harbour']);
    });

    test('same id and same text is a duplicate; same id with new text updates it and its fingerprint', async () => {
      assert.deepEqual(await store.addBatch([rec('harbour', TEXTS.harbour)], 'update'), [{ status: 'duplicate-id', id: 'harbour' }]);
      assert.deepEqual(await store.addBatch([rec('harbour', TEXTS.orchard)], 'skip'), [{ status: 'duplicate-id', id: 'harbour' }]);
      assert.equal((await store.get('harbour'))!.text, rec('h', TEXTS.harbour).text, 'skip left it alone');
      assert.deepEqual(await store.addBatch([rec('harbour', TEXTS.orchard)], 'update'), [{ status: 'updated', id: 'harbour' }]);
      const now = (await store.get('harbour'))!;
      assert.equal(now.text, rec('h', TEXTS.orchard).text);
      const oldOnly = rec('h', TEXTS.harbour).terms.filter((t) => !rec('o', TEXTS.orchard).terms.includes(t));
      assert.ok(oldOnly.length > 0);
      assert.ok((await store.lookupTerms(oldOnly, 10)).every((l) => l.df === 0), 'old fingerprint removed');
      assert.equal(await store.count(), 2);
      assert.equal((await store.checkIntegrity()).ok, true);
    });

    test('the same text under another id is skipped as duplicate content, also within one batch', async () => {
      const out = await store.addBatch([rec('copy-of-mill', TEXTS.mill)], 'update');
      assert.deepEqual(out, [{ status: 'duplicate-content', id: 'copy-of-mill', existingId: 'https://example.org/mill' }]);
      const inBatch = await store.addBatch([rec('u1', TEXTS.unicode), rec('u2', TEXTS.unicode), rec('u1', TEXTS.unicode)], 'update');
      assert.deepEqual(inBatch, [
        { status: 'added', id: 'u1' },
        { status: 'duplicate-content', id: 'u2', existingId: 'u1' },
        { status: 'duplicate-id', id: 'u1' },
      ]);
      assert.equal((await store.get('u1'))!.text, rec('u', TEXTS.unicode).text, 'astral characters and accents survive');
    });

    test('a batch that fails stores nothing of it', async () => {
      const before = await store.count();
      const bad = { ...rec('bad', 'Some Perfectly Fine Text about Zanzibar and 1999.'), text: null as unknown as string };
      await assert.rejects(store.addBatch([rec('good-before-bad', 'Another Article about Quito in 2011.'), bad], 'update'));
      assert.equal(await store.count(), before);
      assert.equal(await store.get('good-before-bad'), null);
    });

    test('remove drops the article and its fingerprint; removing twice says false', async () => {
      const terms = rec('x', TEXTS.unicode).terms;
      assert.equal(await store.remove('u1'), true);
      assert.equal(await store.remove('u1'), false);
      assert.equal(await store.get('u1'), null);
      assert.ok((await store.lookupTerms(terms, 10)).every((l) => l.df === 0));
      assert.equal((await store.checkIntegrity()).ok, true);
    });

    test('stats count articles, terms and postings', async () => {
      const s = await store.stats();
      const n = await store.count();
      assert.equal(s.articles, n);
      const all = [rec('a', TEXTS.orchard), rec('b', TEXTS.mill)];
      const distinct = new Set(all.flatMap((r) => r.terms));
      assert.equal(s.postings, all.reduce((k, r) => k + r.terms.length, 0));
      assert.equal(s.terms, distinct.size);
      assert.ok(s.schemaVersion >= 1);
      assert.equal(s.oldestPublished, null, 'the only dated article was replaced without a date');
      assert.equal(typeof s.location, 'string');
    });

    test('findCandidates ranks the source of a partial copy first', async () => {
      await store.addBatch([rec('harbour2', TEXTS.harbour)], 'update');
      const query = TEXTS.harbour.split('\n\n')[1];
      const { candidates } = await findCandidates(store, query);
      assert.ok(candidates.length >= 1);
      const [best] = await store.getByKeys([candidates[0].key]);
      assert.equal(best.id, 'harbour2');
    });

    test('closing and reopening keeps everything; a read-only open sees it', async () => {
      const n = await store.count();
      await store.close();
      store = await factory.open({ reopen: true, readonly: true });
      assert.equal(await store.count(), n);
      assert.equal((await store.get('harbour2'))!.text, rec('h', TEXTS.harbour).text);
      assert.equal((await store.checkIntegrity()).ok, true);
      await store.close();
      store = await factory.open({ reopen: true });
    });

    test('two connections adding overlapping batches at once index each text once', async () => {
      const other = await factory.open({ reopen: true });
      try {
        const texts = Array.from({ length: 30 }, (_, i) => `Report ${i} from Vantaa: the Kestrel Board met Auditor ${i * 7} on day ${i}.`);
        const batchA = texts.map((t, i) => rec(`c${i}`, t));
        const batchB = [...texts].reverse().map((t, i) => rec(`c${texts.length - 1 - i}`, t));
        const [outA, outB] = await Promise.all([store.addBatch(batchA, 'update'), other.addBatch(batchB, 'update')]);
        const added = [...outA, ...outB].filter((o) => o.status === 'added').length;
        assert.equal(added, texts.length, 'each record added exactly once across both writers');
        const termSets = texts.map((t) => rec('q', t).terms);
        const counts = new Map<number, number>();
        for (const ts of termSets) for (const t of ts) counts.set(t, (counts.get(t) ?? 0) + 1);
        const ownTerms = termSets.map((ts) => ts.filter((t) => counts.get(t) === 1));
        assert.ok(ownTerms.every((ts) => ts.length > 0));
        const lookups = await store.lookupTerms(ownTerms.flat(), 100);
        assert.ok(lookups.every((l) => l.df === 1), 'no text has two copies of its fingerprint');
        assert.equal((await store.checkIntegrity()).ok, true);
      } finally {
        await other.close();
      }
    });
  });
}
