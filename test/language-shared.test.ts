/**
 * The language files read once into shared memory, as the server's pool gives them to its
 * workers: loadLanguage over those bytes answers as from the folder, its tables are views over
 * that memory (not copies), and broken bytes fail with the same clear error as a broken file.
 * Each load goes through its own folder of links to the cache, since loadLanguage caches per folder.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { isUnspinError } from '../src/errors.js';
import { parseBinFile } from '../src/language/binfile.js';
import { languageCacheDir, loadLanguage, readSharedLanguage } from '../src/language/index.js';
import { repoRoot } from './helpers/cli.js';
import { languageOrExplain } from './language-helpers.js';

const tmp = path.join(repoRoot, 'test', 'tmp', `language-shared-${process.pid}`);
test.after(() => rmSync(tmp, { recursive: true, force: true }));

/** A folder of links to the compiled cache: the same files under another name. */
function linkedCache(name: string): string {
  const real = languageCacheDir();
  const dir = path.join(tmp, name);
  mkdirSync(dir, { recursive: true });
  for (const f of readdirSync(real)) symlinkSync(path.join(real, f), path.join(dir, f));
  return dir;
}

test('readSharedLanguage puts each .bin file in a SharedArrayBuffer; a language loaded over them answers as from the folder and reads that memory', async () => {
  const fromFolder = await languageOrExplain();
  const shared = readSharedLanguage();
  assert.deepEqual(Object.keys(shared.files).sort(), readdirSync(languageCacheDir()).filter((f) => f.endsWith('.bin')).sort());
  for (const [name, bytes] of Object.entries(shared.files)) assert.ok(bytes.buffer instanceof SharedArrayBuffer, name);

  const lang = await loadLanguage({ cacheDir: linkedCache('ok'), files: shared.files });
  assert.notEqual(lang, fromFolder, 'a load of its own, not the cached one');
  assert.deepEqual(lang.info.parts, fromFolder.info.parts);
  const sentence = ['the', 'office', 'said', 'on', 'monday'];
  assert.equal(lang.lm.scoreTokens(sentence), fromFolder.lm.scoreTokens(sentence));
  assert.deepEqual(lang.reverseCandidates('stories'), fromFolder.reverseCandidates('stories'));
  assert.deepEqual(lang.lemmatise('running'), fromFolder.lemmatise('running'));
  assert.deepEqual(lang.neighbours('house', 5), fromFolder.neighbours('house', 5));
  assert.equal(lang.similarity('house', 'home'), fromFolder.similarity('house', 'home'));
  assert.deepEqual(lang.collocation('heavy', 'rain'), fromFolder.collocation('heavy', 'rain'));

  // A change to the shared bytes shows in the loaded model: its table is that memory, not a copy.
  const uniProb = parseBinFile(shared.files['lm.bin'], 'lm.bin').f32('uniProb');
  const id = lang.lm.id('office');
  assert.ok(id >= 0);
  const was = uniProb[id];
  uniProb[id] = -42;
  try {
    assert.equal(lang.lm.unigramLogProb('office'), -42);
    assert.equal(fromFolder.lm.unigramLogProb('office'), was, 'the folder load has its own bytes');
  } finally {
    uniProb[id] = was;
  }
});

test('bytes that are not a language file fail as a broken file does: resources, naming the file and the rebuild', async () => {
  const dir = linkedCache('broken');
  const shared = readSharedLanguage();
  const foreign = new Uint8Array(new SharedArrayBuffer(64)).fill(0x41);
  const truncated = shared.files['lm.bin'].subarray(0, 200);
  for (const [bytes, why] of [[foreign, /bad magic/], [truncated, /unreadable/]] as const) {
    await assert.rejects(loadLanguage({ cacheDir: dir, files: { ...shared.files, 'lm.bin': bytes } }), (e: unknown) => {
      assert.ok(isUnspinError(e), String(e));
      assert.equal(e.kind, 'resources');
      assert.match(e.message, why);
      assert.ok(e.message.includes(dir), e.message);
      assert.match(e.message, /npm run build:language -- --force/);
      return true;
    });
  }
  // A failed load is not cached: the same folder then loads from its files.
  const lang = await loadLanguage({ cacheDir: dir });
  assert.ok(lang.lm.vocabSize > 0);
});
