/**
 * The article index: the SQLite store (WAL, migrations, dedup, atomic batches), `unspin index`
 * commands, and their failures (corrupt file, missing or read-only directory, bad input,
 * kill -9 in the middle of an ingest).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openStore, recordFromText } from '../src/index/index.js';
import { fingerprint } from '../src/index/fingerprint.js';
import { repoRoot, runCli } from './helpers/cli.js';

const fixtures = path.join(repoRoot, 'test', 'fixtures', 'index');
const articlesJsonl = path.join(fixtures, 'articles.jsonl');

function tempDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'unspin-index-test-'));
}

function rec(id: string, text: string) {
  return recordFromText({ id, url: null, title: null, published: null }, text);
}

test('store: WAL file with schema version, add/get/remove, integrity', async () => {
  const dir = tempDir();
  try {
    const file = path.join(dir, 'i.db');
    const store = await openStore(file);
    const outcomes = await store.addBatch([rec('a', 'Alpha Corp said on Monday it sold 12 ships to Beta Lines.'), rec('b', 'Gamma Bank cut its rate to 4.5 pct, Delta Trust said.')], 'update');
    assert.deepEqual(outcomes.map((o) => o.status), ['added', 'added']);
    const a = await store.get('a');
    assert.equal(a?.text, 'Alpha Corp said on Monday it sold 12 ships to Beta Lines.');
    assert.equal(await store.count(), 2);
    assert.equal((await store.checkIntegrity()).ok, true);
    assert.equal(await store.remove('a'), true);
    assert.equal(await store.remove('a'), false);
    assert.equal(await store.count(), 1);
    const integrity = await store.checkIntegrity();
    assert.equal(integrity.ok, true, JSON.stringify(integrity));
    await store.close();
    const raw = new Database(file, { readonly: true });
    assert.equal(raw.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(raw.pragma('user_version', { simple: true }), 1);
    // Removing an article removed its postings and term counts too: only b's remain.
    const bTerms = fingerprint('Gamma Bank cut its rate to 4.5 pct, Delta Trust said.').terms.length;
    assert.equal((raw.prepare('SELECT count(*) AS n FROM postings').get() as { n: number }).n, bTerms);
    assert.equal((raw.prepare('SELECT sum(df) AS n FROM terms').get() as { n: number }).n, bTerms);
    raw.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('store: same id updates or skips, same text under another id is skipped', async () => {
  const dir = tempDir();
  try {
    const store = await openStore(path.join(dir, 'i.db'));
    await store.addBatch([rec('x', 'Omega Airlines ordered 30 jets from Sigma Aero.')], 'update');
    const again = await store.addBatch([
      rec('x', 'Omega Airlines ordered 30 jets from Sigma Aero.'),
      rec('y', 'Omega Airlines ordered 30 jets from Sigma Aero.'),
      rec('x', 'Omega Airlines ordered 32 jets from Sigma Aero, up from 30.'),
    ], 'update');
    assert.deepEqual(again.map((o) => o.status), ['duplicate-id', 'duplicate-content', 'updated']);
    assert.match((await store.get('x'))!.text, /32 jets/);
    const skipped = await store.addBatch([rec('x', 'Something else entirely from Kappa.')], 'skip');
    assert.equal(skipped[0].status, 'duplicate-id');
    assert.equal(await store.count(), 1);
    assert.equal((await store.checkIntegrity()).ok, true);
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('store: a reader sees committed batches while a writer holds the file', async () => {
  const dir = tempDir();
  try {
    const file = path.join(dir, 'i.db');
    const writer = await openStore(file);
    await writer.addBatch([rec('r1', 'Lambda Mining found gold near Rho Creek in 2023.')], 'update');
    const reader = await openStore(file, { readonly: true });
    assert.equal(await reader.count(), 1);
    await writer.addBatch([rec('r2', 'Mu Foods bought Nu Dairy for 80 million.')], 'update');
    assert.equal(await reader.count(), 2);
    await reader.close();
    await writer.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('fingerprint: names, figures and unswapped words survive synonym swaps', () => {
  const orig = fingerprint('The council of Port Alden approved a 240 million euro expansion, Mayor Ingrid Solberg said.');
  const spun = fingerprint('The board of Port Alden accepted a 240 million euro enlargement, Mayor Ingrid Solberg stated.');
  assert.ok(orig.terms.length > 5);
  // Every anchor term and pair survives, and so does the content word left alone ("million");
  // lost are exactly the content-word terms of the swapped words.
  const lost = orig.terms.filter((t) => !spun.terms.includes(t));
  const swapped = fingerprint('council approved expansion').terms;
  assert.equal(swapped.length, 3);
  assert.deepEqual(lost.sort(), swapped.sort());
  const other = fingerprint('Grain exports from Kessel rose to 412,000 tonnes.');
  assert.equal(other.terms.filter((t) => orig.terms.includes(t)).length, 0);
});

test('cli: index add JSONL keeps ids, reports duplicates; stats and remove', async () => {
  const dir = tempDir();
  try {
    const db = path.join(dir, 'cli.db');
    const first = await runCli(['index', 'add', '--db', db, '--json', articlesJsonl]);
    assert.equal(first.code, 0, first.stderr);
    const s1 = JSON.parse(first.stdout) as { added: number; failed: number; rate: number };
    assert.equal(s1.added, 5);
    assert.equal(s1.failed, 0);
    const second = await runCli(['index', 'add', '--db', db, articlesJsonl]);
    assert.equal(second.code, 0);
    assert.match(second.stdout, /added 0, updated 0, duplicates 5 \(5 same id/);
    // No id: derived from the URL, else from the text.
    const noId = path.join(dir, 'noid.jsonl');
    writeFileSync(noId, `${JSON.stringify({ url: 'https://x.example/a', text: 'Tau Motors recalled 9,000 cars in Upsilon.' })}\n${JSON.stringify({ text: 'Phi Energy shut its Chi plant for 3 weeks.' })}\n`);
    assert.equal((await runCli(['index', 'add', '--db', db, noId])).code, 0);
    const stats = await runCli(['index', 'stats', '--db', db, '--json']);
    const st = JSON.parse(stats.stdout) as { articles: number; schemaVersion: number; postings: number };
    assert.equal(st.articles, 7);
    assert.equal(st.schemaVersion, 1);
    assert.ok(st.postings > 0);
    const store = await openStore(db, { readonly: true });
    assert.ok(await store.get('https://x.example/a'));
    assert.ok(await store.get('harbour-2'));
    await store.close();
    const removed = await runCli(['index', 'remove', '--db', db, 'grain-2']);
    assert.equal(removed.code, 0);
    const missing = await runCli(['index', 'remove', '--db', db, 'grain-2']);
    assert.equal(missing.code, 3);
    assert.match(missing.stderr, /no article with id "grain-2"/);
    const check = await runCli(['index', 'check', '--db', db]);
    assert.equal(check.code, 0, check.stdout + check.stderr);
    assert.match(check.stdout, /^ok: 6 articles/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('cli: UNSPIN_DB chooses the index when --db is absent', async () => {
  const dir = tempDir();
  try {
    const db = path.join(dir, 'env.db');
    const r = await runCli(['index', 'add', articlesJsonl], { env: { UNSPIN_DB: db } });
    assert.equal(r.code, 0, r.stderr);
    const store = await openStore(db, { readonly: true });
    assert.equal(await store.count(), 5);
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('cli: corrupt or foreign database files fail with exit 7 and a clear message', async () => {
  const dir = tempDir();
  try {
    const corrupt = path.join(dir, 'corrupt.db');
    writeFileSync(corrupt, Buffer.concat([Buffer.from('not a database at all\n'), Buffer.alloc(4096, 0xab)]));
    for (const args of [['index', 'add', '--db', corrupt, articlesJsonl], ['index', 'stats', '--db', corrupt], ['trace', '--db', corrupt, path.join(fixtures, 'harbour-1-spun.txt')]]) {
      const r = await runCli(args);
      assert.equal(r.code, 7, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, /^unspin: .*corrupt\.db is not a usable unspin index/);
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    }
    const foreign = path.join(dir, 'foreign.db');
    const f = new Database(foreign);
    f.exec('CREATE TABLE recipes (name TEXT)');
    f.close();
    const r = await runCli(['index', 'add', '--db', foreign, articlesJsonl]);
    assert.equal(r.code, 7);
    assert.match(r.stderr, /not an unspin index/);
    const future = path.join(dir, 'future.db');
    const fu = new Database(future);
    fu.pragma('user_version = 99');
    fu.close();
    const r2 = await runCli(['index', 'stats', '--db', future]);
    assert.equal(r2.code, 7);
    assert.match(r2.stderr, /newer than this unspin understands/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('cli: a db path in a missing or read-only directory fails with exit 7', async () => {
  const dir = tempDir();
  try {
    const missing = await runCli(['index', 'add', '--db', path.join(dir, 'no', 'such', 'dir', 'i.db'), articlesJsonl]);
    assert.equal(missing.code, 7);
    assert.match(missing.stderr, /directory .* does not exist/);
    // root ignores directory permissions, so use a read-only filesystem there instead.
    let readOnlyDb: string;
    if (process.getuid?.() === 0) {
      readOnlyDb = '/proc/self/unspin-test.db';
    } else {
      const ro = path.join(dir, 'ro');
      mkdirSync(ro);
      chmodSync(ro, 0o555);
      readOnlyDb = path.join(ro, 'i.db');
    }
    const r = await runCli(['index', 'add', '--db', readOnlyDb, articlesJsonl]);
    assert.equal(r.code, 7, r.stderr);
    assert.match(r.stderr, /^unspin: cannot (write|create) the index/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('cli: empty, binary and malformed inputs are counted, never crash', async () => {
  const dir = tempDir();
  try {
    const db = path.join(dir, 'i.db');
    const empty = path.join(dir, 'empty.jsonl');
    writeFileSync(empty, '');
    const r1 = await runCli(['index', 'add', '--db', db, empty]);
    assert.equal(r1.code, 3);
    assert.match(r1.stderr, /nothing was indexed/);
    const binary = path.join(dir, 'binary.jsonl');
    writeFileSync(binary, Buffer.from([0, 1, 2, 3, 0xff, 0xfe, 10, 0, 0, 7, 10]));
    const r2 = await runCli(['index', 'add', '--db', db, binary]);
    assert.equal(r2.code, 3);
    assert.match(r2.stderr, /binary data|not valid JSON/);
    const mixed = path.join(dir, 'mixed.jsonl');
    writeFileSync(mixed, `{"id": "ok-1", "text": "Psi Holdings opened 4 stores in Omicron."}\n{broken\n{"id": "no-text"}\n[1,2]\n`);
    const r3 = await runCli(['index', 'add', '--db', db, '--json', mixed]);
    assert.equal(r3.code, 0, r3.stderr);
    const s = JSON.parse(r3.stdout) as { added: number; failed: number };
    assert.equal(s.added, 1);
    assert.equal(s.failed, 3);
    assert.match(r3.stderr, /mixed\.jsonl:2: not valid JSON/);
    assert.match(r3.stderr, /mixed\.jsonl:3: the record has no text/);
    const emptyPage = path.join(dir, 'empty.html');
    writeFileSync(emptyPage, '');
    const r4 = await runCli(['index', 'add', '--db', db, emptyPage]);
    assert.equal(r4.code, 3, r4.stderr);
    const binPage = path.join(dir, 'blob.html');
    writeFileSync(binPage, Buffer.from(Array.from({ length: 2000 }, (_, i) => (i * 37) % 256)));
    const r5 = await runCli(['index', 'add', '--db', db, binPage]);
    assert.equal(r5.code, 3, r5.stderr);
    assert.doesNotMatch(r4.stderr + r5.stderr, /\n\s+at /);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('kill -9 during index add: the database opens, nothing half-written, rerun completes without duplicates', { timeout: 120_000 }, async () => {
  const dir = tempDir();
  try {
    const db = path.join(dir, 'kill.db');
    const big = path.join(dir, 'big.jsonl');
    const total = 40_000;
    const lines: string[] = [];
    const names = ['Arden', 'Balfour', 'Castel', 'Dunmore', 'Elwood', 'Fenwick', 'Garrow', 'Holt'];
    for (let i = 0; i < total; i++) {
      const a = names[i % names.length];
      const b = names[(i * 7 + 3) % names.length];
      lines.push(JSON.stringify({ id: `rec-${i}`, text: `${a} Industries said on day ${i} that it sold ${i * 3 + 17} units to ${b} Holdings.\n\nThe ${a} plant in ${b}ville employs ${i % 900 + 100} people, ${a} said in report number ${i}.` }));
    }
    writeFileSync(big, `${lines.join('\n')}\n`);
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'src', 'cli', 'main.ts'), 'index', 'add', '--db', db, '--batch-size', '250', big], {
      cwd: repoRoot, stdio: 'ignore', env: { ...process.env, NO_PROGRESS: '1' },
    });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    // Wait until some batches are committed, then kill without warning.
    let seen = 0;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      try {
        const probe = new Database(db, { readonly: true, fileMustExist: true });
        try { seen = (probe.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n; } finally { probe.close(); }
      } catch { /* not created yet */ }
      if (seen >= 1000) break;
    }
    child.kill('SIGKILL');
    await exited;
    assert.ok(seen >= 1000, 'the ingest made progress before the kill');

    const store = await openStore(db);
    const afterKill = await store.count();
    assert.ok(afterKill > 0 && afterKill < total, `killed mid-way (${afterKill} of ${total})`);
    assert.equal(afterKill % 250, 0, 'only whole batches were committed');
    const integrity = await store.checkIntegrity();
    assert.equal(integrity.ok, true, JSON.stringify(integrity));
    await store.close();

    const rerun = await runCli(['index', 'add', '--db', db, '--json', big], { timeoutMs: 120_000 });
    assert.equal(rerun.code, 0, rerun.stderr);
    const summary = JSON.parse(rerun.stdout) as { added: number; duplicateIds: number };
    assert.equal(summary.duplicateIds, afterKill);
    assert.equal(summary.added, total - afterKill);
    const final = await openStore(db, { readonly: true });
    assert.equal(await final.count(), total);
    const finalIntegrity = await final.checkIntegrity();
    assert.equal(finalIntegrity.ok, true, JSON.stringify(finalIntegrity));
    await final.close();
    assert.ok(readFileSync(db).subarray(0, 15).toString() === 'SQLite format 3');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('store: a record updated twice in one batch keeps exactly its last fingerprints', async () => {
  const dir = tempDir();
  try {
    const store = await openStore(path.join(dir, 'i.db'));
    const out = await store.addBatch([
      rec('u', 'Zeta Ports handled 500 ships at Eta Bay.'),
      rec('u', 'Zeta Ports handled 520 ships at Theta Bay, Iota said.'),
      rec('v', 'Kappa Rail carried 70 trains to Lambda.'),
    ], 'update');
    assert.deepEqual(out.map((o) => o.status), ['added', 'updated', 'added']);
    await store.addBatch([rec('v', 'Kappa Rail carried 75 trains to Lambda.')], 'update');
    const integrity = await store.checkIntegrity();
    assert.equal(integrity.ok, true, JSON.stringify(integrity));
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
