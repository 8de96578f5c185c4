/**
 * Technical terms (terms.txt from FOLDOC and V.E.R.A. in Debian): the parsers on small files
 * written here in the dictionaries' formats, the .deb reader on an archive built here, the
 * lexicon, and what restorePhrase makes of it. No Debian package is fetched.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { TermLexicon } from '../src/language/terms.js';
import { compileTerms, dictdHeadwordTerms, foldTerm, veraTerms } from '../scripts/lib/language/build-terms.js';
import { extractDebMembers, fetchDeb, readAr } from '../scripts/lib/language/debian.js';
import { createServer } from 'node:http';
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { FetchError } from '../scripts/lib/language/fetch.js';
import { LmScorer } from '../src/spin/lattice.js';
import { PHRASE_FEATURES, phraseCandidates, tokenisePhrase } from '../src/spin/phrase.js';
import type { Language } from '../src/language/index.js';
import { languageOrExplain } from './language-helpers.js';

test('term lexicon: membership and the words that complete a term', () => {
  const lex = new TermLexicon('denial of service\nneural net\nneural network\nwide area network\n');
  assert.equal(lex.size, 4);
  assert.ok(lex.has('neural network'));
  assert.ok(!lex.has('neural organization'));
  assert.deepEqual(lex.completions(['neural', 'organization'], 1).sort(), ['net', 'network']);
  assert.deepEqual(lex.completions(['denial', 'of', 'carrier'], 2), ['service']);
  assert.deepEqual(lex.completions(['neural', 'network'], 1), ['net'], 'the word already there is not a completion');
  assert.deepEqual(lex.completions(['neural'], 3), []);
  assert.equal(new TermLexicon(null).completions(['a', 'b'], 0).length, 0);
});

test('term parsers: dictd headwords and V.E.R.A. expansions, asides dropped, single words and oddities left out', () => {
  const dir = mkdtempSync(join(tmpdir(), 'unspin-terms-'));
  const index = join(dir, 'foldoc.index');
  writeFileSync(index, 'Neural Network\tAb\tCd\nlambda\tAb\tCd\nC++ compiler\tAb\tCd\nback-propagation network\tAb\tCd\n');
  assert.deepEqual(dictdHeadwordTerms(index), ['neural network', 'back propagation network']);
  const vera = join(dir, 'vera.dict.dz');
  const text = [
    '00-database-short', '     V.E.R.A. -- Virtual Entity of Relevant Acronyms', '',
    'DOS', '       Denial Of Service (attack, DDOS)', '       ',
    'LED', '       Light Emitting Diode [electronics]', '',
    'X', '       X', '',
  ].join('\n');
  writeFileSync(vera, gzipSync(Buffer.from(text)));
  // The database's own header line (dots, dashes) is not a term.
  assert.deepEqual(veraTerms(vera), ['denial of service', 'light emitting diode']);
  const out = join(dir, 'terms.txt');
  const r = compileTerms([['b c', 'a b'], ['a b']], out);
  assert.equal(r.terms, 2);
  assert.equal(readFileSync(out, 'utf8'), 'a b\nb c\n');
  assert.equal(foldTerm('  Light-Emitting  Diode '), 'light emitting diode');
});

/** An `ar` archive as a .deb lays it out (60-byte member headers, even padding). */
function arArchive(members: [string, Buffer][]): Buffer {
  const parts: Buffer[] = [Buffer.from('!<arch>\n', 'latin1')];
  for (const [name, data] of members) {
    const header = `${name.padEnd(16)}${'0'.padEnd(12)}${'0'.padEnd(6)}${'0'.padEnd(6)}${'100644'.padEnd(8)}${String(data.length).padEnd(10)}\`\n`;
    parts.push(Buffer.from(header, 'latin1'), data);
    if (data.length % 2) parts.push(Buffer.from('\n'));
  }
  return Buffer.concat(parts);
}

test('.deb reader: members of the ar layer, data.tar extracted; a truncated or foreign file is refused', () => {
  const dir = mkdtempSync(join(tmpdir(), 'unspin-deb-'));
  const root = join(dir, 'root');
  spawnSync('mkdir', ['-p', join(root, 'usr/share/dictd')]);
  writeFileSync(join(root, 'usr/share/dictd/x.index'), 'neural network\tA\tB\n');
  const tar = spawnSync('tar', ['-czf', join(dir, 'data.tar.gz'), '-C', root, './usr/share/dictd/x.index']);
  assert.equal(tar.status, 0);
  const deb = arArchive([['debian-binary', Buffer.from('2.0\n')], ['data.tar.gz', readFileSync(join(dir, 'data.tar.gz'))]]);
  assert.deepEqual([...readAr(deb).keys()], ['debian-binary', 'data.tar.gz']);
  const dest = join(dir, 'out');
  extractDebMembers(deb, ['./usr/share/dictd/x.index'], dest);
  assert.ok(existsSync(join(dest, 'usr/share/dictd/x.index')));
  assert.throws(() => readAr(Buffer.from('not an archive')), FetchError);
  assert.throws(() => readAr(deb.subarray(0, deb.length - 20)), FetchError);
});

test('phrase restoration: a word that completes a technical term becomes a candidate, and the term is marked', async () => {
  const lang = await languageOrExplain();
  // A lexicon of made-up size: the feature must come from it, not from the real terms.txt.
  const lex = new TermLexicon('zorblat network\n');
  const withTerms: Language = { ...lang, isTechnicalTerm: (p) => lex.has(p), termCompletions: (w, i) => lex.completions(w, i) };
  const scorer = new LmScorer(lang.lm);
  const at = (name: (typeof PHRASE_FEATURES)[number]) => PHRASE_FEATURES.indexOf(name);
  const cands = phraseCandidates(withTerms, scorer, () => [], tokenisePhrase('zorblat organization'));
  const term = cands.find((c) => c.text === 'zorblat network');
  assert.ok(term, 'the completion is a candidate');
  assert.equal(term.features[at('term')], 1);
  assert.equal(cands.filter((c) => c.features[at('term')] === 1).length, 1);
  const without: Language = { ...lang, isTechnicalTerm: () => false, termCompletions: () => [] };
  const plain = phraseCandidates(without, scorer, () => [], tokenisePhrase('zorblat organization'));
  assert.ok(plain.every((c) => c.features[at('term')] === 0));
});

test('.deb fetch: the pinned sha256 is checked; a missing package or a wrong digest is a FetchError', async () => {
  const body = arArchive([['debian-binary', Buffer.from('2.0\n')]]);
  const server = createServer((req, res) => {
    if (req.url === '/debian/pool/main/x/x.deb') res.end(body);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const mirror = `http://127.0.0.1:${(server.address() as AddressInfo).port}/debian/`;
  try {
    const sha = createHash('sha256').update(body).digest('hex');
    const got = await fetchDeb('pool/main/x/x.deb', sha, mirror);
    assert.equal(got.bytes, body.length);
    assert.deepEqual([...readAr(got.data).keys()], ['debian-binary']);
    await assert.rejects(fetchDeb('pool/main/x/x.deb', '0'.repeat(64), mirror), (e: unknown) => e instanceof FetchError && /differs from the pinned/.test(e.message));
    await assert.rejects(fetchDeb('pool/main/x/missing.deb', sha, mirror), (e: unknown) => e instanceof FetchError && /HTTP 404/.test(e.message));
  } finally {
    server.close();
  }
});
