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
    writeFileSync(join(dir, 'lm.bin'), 'x'.repeat(9));
    assert.equal(manifestUpToDate(dir, wanted, settings), false, 'truncated output');
    writeFileSync(join(dir, 'lm.bin'), 'x'.repeat(10));
    write({ ...manifest, formatVersion: LANGUAGE_FORMAT_VERSION + 1 });
    assert.equal(manifestUpToDate(dir, wanted, settings), false, 'other format');
    writeFileSync(join(dir, 'manifest.json'), '{broken');
    assert.equal(manifestUpToDate(dir, wanted, settings), false, 'unreadable manifest');
  });
});
