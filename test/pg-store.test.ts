/**
 * The PostgreSQL store through the real CLI: same results as SQLite on the seed example,
 * migrations safe under concurrent starts, and clear failures for unusable databases.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { openStore } from '../src/index/index.js';
import { PG_SCHEMA_VERSION } from '../src/index/pg/migrations.js';
import { runCli } from './helpers/cli.js';
import { freshPgSchema, pgQuery } from './pg-helpers.js';

const pg = freshPgSchema('pgstore');
const dir = mkdtempSync(path.join(tmpdir(), 'unspin-pgstore-'));
after(async () => {
  await pg.drop();
  rmSync(dir, { recursive: true, force: true });
});

interface TraceJson { matches: { id: string; verdict: string; score: number; direction: { verdict: string }; diff: unknown[] }[] }

test('index add and trace give the same results on PostgreSQL as on SQLite (the seed example)', async () => {
  const sqlite = path.join(dir, 'seed.db');
  const results: TraceJson[] = [];
  for (const db of [sqlite, pg.spec]) {
    const add = await runCli(['index', 'add', 'examples/original.html', '--db', db, '--json']);
    assert.equal(add.code, 0, add.stderr);
    assert.equal((JSON.parse(add.stdout) as { added: number }).added, 1);
    const tr = await runCli(['trace', 'examples/page.html', '--db', db, '--json']);
    assert.equal(tr.code, 0, tr.stderr);
    results.push(JSON.parse(tr.stdout) as TraceJson);
  }
  const [onSqlite, onPg] = results;
  assert.equal(onPg.matches[0].verdict, 'spun');
  assert.equal(onPg.matches[0].direction.verdict, 'query-copies-match');
  assert.deepEqual(onPg.matches, onSqlite.matches);
  // UNSPIN_DB is honoured too, and a second add of the same page is a duplicate, not a copy.
  const again = await runCli(['index', 'add', 'examples/original.html', '--json'], { env: { UNSPIN_DB: pg.spec } });
  assert.equal(again.code, 0, again.stderr);
  assert.equal((JSON.parse(again.stdout) as { duplicateIds: number }).duplicateIds, 1);
  const check = await runCli(['index', 'check', '--db', pg.spec]);
  assert.equal(check.code, 0, check.stderr);
  assert.match(check.stdout, /^ok: 1 articles/);
});

test('six connections migrating a fresh schema at once apply each migration exactly once', async () => {
  const race = freshPgSchema('migrate');
  try {
    const stores = await Promise.all(Array.from({ length: 6 }, () => openStore(race.spec)));
    await Promise.all(stores.map((s) => s.close()));
    const rows = await pgQuery<{ version: number }>(`SELECT version FROM "${race.schema}".schema_migrations ORDER BY version`);
    assert.deepEqual(rows.map((r) => r.version), Array.from({ length: PG_SCHEMA_VERSION }, (_, i) => i + 1));
  } finally {
    await race.drop();
  }
});

test('trace on a schema that holds no index says the index is empty (exit 7)', async () => {
  const empty = freshPgSchema('empty');
  try {
    const r = await runCli(['trace', 'examples/page.html', '--db', empty.spec]);
    assert.equal(r.code, 7, r.stderr);
    assert.match(r.stderr, /^unspin: no index at postgres:\/\/.*the index is empty/);
  } finally {
    await empty.drop();
  }
});

test('an unreachable database fails fast with exit 7 and one clear line', async () => {
  const r = await runCli(['index', 'stats', '--db', 'postgres://127.0.0.1:1/x'], { timeoutMs: 15_000 });
  assert.equal(r.code, 7);
  assert.equal(r.stderr, 'unspin: cannot connect to PostgreSQL at postgres://127.0.0.1:1/x: connection refused (is PostgreSQL running and listening there?)\n');
});

test('a server that accepts but never answers gives exit 7 after the connect timeout, not a hang', async () => {
  const sockets: Socket[] = [];
  const silent = createServer((s) => { sockets.push(s); });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const port = (silent.address() as { port: number }).port;
  try {
    const r = await runCli(['index', 'stats', '--db', `postgres://postgres@127.0.0.1:${port}/x`], { timeoutMs: 20_000 });
    assert.equal(r.code, 7, r.stderr);
    assert.match(r.stderr, /^unspin: cannot connect to PostgreSQL at .*no answer within 5 s\n$/);
  } finally {
    for (const s of sockets) s.destroy();
    silent.close();
  }
});

test('a password in the URL is never printed; a bad schema name is a usage error', async () => {
  const r = await runCli(['index', 'stats', '--db', 'postgres://u:sekret@127.0.0.1:1/x']);
  assert.equal(r.code, 7);
  assert.doesNotMatch(r.stderr, /sekret/);
  const bad = await runCli(['index', 'stats', '--db', 'postgres://postgres@127.0.0.1:5432/test?schema=x;drop']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /schema name "x;drop" is not allowed/);
});
