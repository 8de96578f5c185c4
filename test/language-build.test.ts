/** The compiled-file container and the build's "is the cache up to date" decision (no network). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packStrings, readBinFile, unpackStrings, writeBinFile } from '../src/language/binfile.js';
import { LANGUAGE_FORMAT_VERSION } from '../src/language/paths.js';
import { manifestUpToDate } from '../scripts/lib/language/manifest.js';

function withDir(fn: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'unspin-lang-build-'));
  try {
    fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('binfile: typed sections and strings round-trip', () => {
  withDir((dir) => {
    const path = join(dir, 'x.bin');
    const f32 = new Float32Array([1.5, -2.25, 0]);
    const u16 = new Uint16Array([0, 65535, 7]);
    const u32 = new Uint32Array([4294967295, 1]);
    writeBinFile(path, { k: 20, name: 'test' }, { words: packStrings(['a', "it's", 'é', '']), f32, u16, u32, odd: new Uint8Array([1, 2, 3]) });
    const f = readBinFile(path);
    assert.deepEqual(f.meta, { k: 20, name: 'test' });
    assert.deepEqual([...f.f32('f32')], [...f32]);
    assert.deepEqual([...f.u16('u16')], [...u16]);
    assert.deepEqual([...f.u32('u32')], [...u32]);
    assert.deepEqual([...f.u8('odd')], [1, 2, 3]);
    assert.deepEqual(unpackStrings(f.u8('words')), ['a', "it's", 'é', '']);
    assert.ok(f.has('u16') && !f.has('nope'));
    assert.throws(() => f.u32('u16'), /is u16, not u32/);
    assert.throws(() => f.u8('nope'), /missing section/);
  });
});

test('binfile: a foreign file is refused', () => {
  withDir((dir) => {
    writeFileSync(join(dir, 'y.bin'), 'Trie Language Model, not ours');
    assert.throws(() => readBinFile(join(dir, 'y.bin')), /bad magic/);
  });
});

test('manifest: up to date only when versions, settings and output sizes match', () => {
  withDir((dir) => {
    const wanted = [{ name: 'pkg', version: '1.0.0' }];
    const settings = { neighbourWords: 100 };
    assert.equal(manifestUpToDate(dir, wanted, settings), false, 'no manifest');
    writeFileSync(join(dir, 'lm.bin'), 'x'.repeat(10));
    const manifest = {
      formatVersion: LANGUAGE_FORMAT_VERSION,
      builtAt: 'now',
      buildSeconds: 1,
      sources: [{ name: 'pkg', version: '1.0.0', tarballSha256: 'ab', files: [], license: 'MIT' }],
      outputs: { 'lm.bin': { bytes: 10, sha256: 'cd' } },
      settings,
    };
    const write = (m: unknown): void => writeFileSync(join(dir, 'manifest.json'), JSON.stringify(m));
    write(manifest);
    assert.equal(manifestUpToDate(dir, wanted, settings), true);
    assert.equal(manifestUpToDate(dir, [{ name: 'pkg', version: '2.0.0' }], settings), false, 'other version');
    assert.equal(manifestUpToDate(dir, [...wanted, { name: 'more', version: '1.0.0' }], settings), false, 'new source');
    assert.equal(manifestUpToDate(dir, wanted, { neighbourWords: 200 }), false, 'other setting');
    // A cache built before a new part existed lacks its setting (e.g. `collocations`): rebuilt.
    assert.equal(manifestUpToDate(dir, wanted, { ...settings, collocations: 1 }), false, 'setting the old build did not have');
    writeFileSync(join(dir, 'lm.bin'), 'x'.repeat(9));
    assert.equal(manifestUpToDate(dir, wanted, settings), false, 'truncated output');
    writeFileSync(join(dir, 'lm.bin'), 'x'.repeat(10));
    write({ ...manifest, formatVersion: LANGUAGE_FORMAT_VERSION + 1 });
    assert.equal(manifestUpToDate(dir, wanted, settings), false, 'other format');
    writeFileSync(join(dir, 'manifest.json'), '{broken');
    assert.equal(manifestUpToDate(dir, wanted, settings), false, 'unreadable manifest');
  });
});

test('neighbour table: top-k by cosine, best first, floor respected', async () => {
  const { compileNeighbours } = await import('../scripts/lib/language/build-neighbours.js');
  const { NeighbourTable } = await import('../src/language/neighbours.js');
  withDir((dir) => {
    // Unit vectors in 2-d: east, a little north of east, north, west.
    const raw: [string, number, number][] = [['east', 1, 0], ['eastish', 0.96, 0.28], ['north', 0, 1], ['west', -1, 0]];
    const vectors = new Float32Array(raw.flatMap(([, x, y]) => [x, y]));
    const source = { words: raw.map((r) => r[0]), vectors, dims: 2, index: new Map(raw.map((r, i) => [r[0], i])) };
    compileNeighbours(source, join(dir, 'n.bin'), { maxWords: 4, k: 2, minSimilarity: 0.1, exactUpTo: 100 });
    const table = new NeighbourTable(readBinFile(join(dir, 'n.bin')));
    assert.deepEqual(table.get('east').map((n) => n.text), ['eastish']);
    assert.ok(Math.abs((table.get('east')[0]?.similarity ?? 0) - 0.96) < 1e-3);
    assert.deepEqual(table.get('eastish').map((n) => n.text), ['east', 'north']);
    assert.deepEqual(table.get('west'), [], 'nothing above the floor');
    assert.deepEqual(table.get('EAST', 1).map((n) => n.text), ['eastish']);
    assert.deepEqual(table.get('unknown'), []);
  });
});

test('WordNet parsers: data, index and exception lines', async () => {
  const { readExceptions, readIndex, readSynsets, wnLemma } = await import('../scripts/lib/language/wordnet.js');
  withDir((dir) => {
    writeFileSync(
      join(dir, 'data.noun'),
      '  1 This software and database is being provided\n' +
        '00001740 03 n 02 office 0 business_office 0 002 @ 00002000 n 0000 + 00003000 v 0101 | a place of business\n' +
        '00002000 03 n 01 workplace 0 001 ~ 00001740 n 0000 | a place where work is done\n',
    );
    writeFileSync(join(dir, 'index.noun'), '  1 licence line\noffice n 2 1 @ 2 1 00001740 00009999  \nworkplace n 1 1 ~ 1 0 00002000  \n');
    writeFileSync(join(dir, 'verb.exc'), 'went go\nsaid say\nbore bear bore\n');
    const synsets = readSynsets(dir, 'noun');
    assert.equal(synsets.length, 2);
    assert.deepEqual(synsets[0].words, ['office', 'business office']);
    assert.deepEqual(synsets[0].pointers, [{ symbol: '@', target: 'noun:00002000' }], 'lexical (non-0000) pointers dropped');
    assert.deepEqual(synsets[1].pointers, [{ symbol: '~', target: 'noun:00001740' }]);
    const index = readIndex(dir, 'noun');
    assert.deepEqual(index.get('office'), ['00001740', '00009999']);
    assert.deepEqual(index.get('workplace'), ['00002000']);
    assert.deepEqual(readExceptions(join(dir, 'verb.exc')), [['went', 'go'], ['said', 'say'], ['bore', 'bear'], ['bore', 'bore']]);
    assert.equal(wnLemma('Hot_Dog(a)'), 'hot dog');
  });
});

test('clustered top-k finds most of the exact neighbours on clustered data', async () => {
  const { clusteredTopK, exactTopK, NO_NEIGHBOUR } = await import('../scripts/lib/language/topk.js');
  // 12 blobs of 50 unit vectors in 16-d, from a fixed-seed generator.
  let seed = 12345;
  const rand = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
  const dims = 16;
  const n = 600;
  const v = new Float32Array(n * dims);
  const centres = Array.from({ length: 12 }, () => Array.from({ length: dims }, rand));
  for (let i = 0; i < n; i++) {
    let norm = 0;
    for (let d = 0; d < dims; d++) {
      const x = centres[i % 12][d] + 0.35 * rand();
      v[i * dims + d] = x;
      norm += x * x;
    }
    for (let d = 0; d < dims; d++) v[i * dims + d] /= Math.sqrt(norm);
  }
  const k = 10;
  const exact = exactTopK(v, n, dims, k, 0);
  const approx = clusteredTopK(v, n, dims, k, 0, { clusters: 24, probes: 4, iterations: 3 });
  let hit = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const got = new Set(approx.ids.subarray(i * k, i * k + k));
    for (let j = 0; j < k; j++) {
      const id = exact.ids[i * k + j];
      if (id === NO_NEIGHBOUR) continue;
      total++;
      if (got.has(id)) hit++;
    }
    for (let j = 1; j < k; j++) assert.ok(approx.sims[i * k + j - 1] >= approx.sims[i * k + j], 'rows sorted');
    assert.ok(!got.has(i), 'a word is not its own neighbour');
  }
  assert.ok(total > 0);
  assert.ok(hit / total > 0.9, `recall ${hit / total}`);
});
