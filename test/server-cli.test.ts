/**
 * `unspin serve` as a user starts it: it prints where it listens, answers, and stops on SIGTERM.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { repoRoot } from './helpers/cli.js';

test('unspin serve listens on loopback, serves the page and the API, and stops on SIGTERM', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'src', 'cli', 'main.ts'), 'serve', '--port', '0'], {
    cwd: repoRoot, env: { ...process.env, UNSPIN_DB: path.join(repoRoot, 'test', 'tmp', 'serve-cli-absent.db') }, stdio: ['ignore', 'ignore', 'pipe'],
  });
  const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => { stderr += b.toString(); });
  try {
    const base = await new Promise<string>((resolve, reject) => {
      child.stderr.on('data', () => {
        const m = /serving on (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr);
        if (m) resolve(m[1]);
      });
      child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
    });
    assert.match(stderr, /no index/);
    const page = await fetch(`${base}/`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<form method="post"/);
    const api = await fetch(`${base}/v1/inspect`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text":"The bridge reopened on Monday after repairs."}' });
    assert.equal(api.status, 200);
    // The access log line: method, path, status, duration.
    await new Promise((r) => setTimeout(r, 100));
    assert.match(stderr, /^POST \/v1\/inspect 200 \d+\.\dms$/m);
    assert.doesNotMatch(stderr, /bridge reopened/);
  } finally {
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.kill('SIGTERM');
    const code = await exited;
    clearTimeout(killer);
    assert.equal(code, 0, stderr);
  }
});

test('unspin serve refuses a bad port with a usage error', async () => {
  const { runCli } = await import('./helpers/cli.js');
  const r = await runCli(['serve', '--port', '70000']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--port expects/);
});

test('unspin serve refuses a short UNSPIN_INDEX_TOKEN before it listens', async () => {
  const { runCli } = await import('./helpers/cli.js');
  const r = await runCli(['serve', '--port', '0'], { env: { UNSPIN_INDEX_TOKEN: 'short' } });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /UNSPIN_INDEX_TOKEN must be at least 16 characters/);
});
