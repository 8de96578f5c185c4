/**
 * `unspin serve` as a user starts it: it prints where it listens and how many analysis workers
 * it runs, answers, and stops on SIGTERM; from source (tsx) and as built JavaScript.
 */
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { repoRoot } from './helpers/cli.js';

interface Serving {
  base: string;
  stderr(): string;
  /** SIGTERM, then the exit code (null if it had to be killed). */
  stop(): Promise<number | null>;
}

/** Starts `node <args>` (a serve command) and waits for its "serving on" line. */
async function serve(args: string[]): Promise<Serving> {
  const child = spawn(process.execPath, args, {
    cwd: repoRoot, env: { ...process.env, UNSPIN_DB: path.join(repoRoot, 'test', 'tmp', 'serve-cli-absent.db') }, stdio: ['ignore', 'ignore', 'pipe'],
  });
  const killer = setTimeout(() => child.kill('SIGKILL'), 90_000);
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => { stderr += b.toString(); });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => { clearTimeout(killer); r(code); }));
  const stop = async (): Promise<number | null> => {
    child.kill('SIGTERM');
    return exited;
  };
  try {
    const base = await new Promise<string>((resolve, reject) => {
      child.stderr.on('data', () => {
        const m = /serving on (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr);
        if (m) resolve(m[1]);
      });
      void exited.then((code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
    });
    return { base, stderr: () => stderr, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

const postText = (base: string, route: string, text: string): Promise<Response> =>
  fetch(`${base}${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text }) });

test('unspin serve listens on loopback, serves the page and the API, and stops on SIGTERM', async () => {
  const s = await serve(['--import', 'tsx', path.join(repoRoot, 'src', 'cli', 'main.ts'), 'serve', '--port', '0']);
  try {
    assert.match(s.stderr(), /no index/);
    assert.match(s.stderr(), /; 2 analysis workers\)/);
    const page = await fetch(`${s.base}/`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<form method="post"/);
    const api = await postText(s.base, '/v1/inspect', 'The bridge reopened on Monday after repairs.');
    assert.equal(api.status, 200);
    // The access log line: method, path, status, duration.
    await new Promise((r) => setTimeout(r, 100));
    assert.match(s.stderr(), /^POST \/v1\/inspect 200 \d+\.\dms$/m);
    assert.doesNotMatch(s.stderr(), /bridge reopened/);
  } finally {
    assert.equal(await s.stop(), 0, s.stderr());
  }
});

test('the built CLI runs its analysis workers from the compiled JavaScript and stops on SIGTERM', { timeout: 180_000 }, async () => {
  // A fresh build of this source (dist/ may be stale), inside the repository so packages resolve.
  const out = path.join(repoRoot, 'test', 'tmp', `build-${process.pid}`);
  try {
    await promisify(execFile)(process.execPath, [path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json',
      '--outDir', out, '--declaration', 'false', '--sourceMap', 'false'], { cwd: repoRoot });
    const s = await serve([path.join(out, 'cli', 'main.js'), 'serve', '--port', '0', '--concurrency', '1', '--quiet']);
    try {
      assert.match(s.stderr(), /; 1 analysis worker\)/);
      const res = await postText(s.base, '/v1/restore', 'The bridge reopened on Monday after repairs.');
      assert.equal(res.status, 200);
      const body = await res.json() as { restoration: { text: string } | null; stages: Record<string, { status: string }> };
      assert.equal(body.stages.restoration.status, 'ok');
      assert.equal(body.restoration?.text, 'The bridge reopened on Monday after repairs.');
    } finally {
      assert.equal(await s.stop(), 0, s.stderr());
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('unspin serve --workers 0 analyses on the main thread', async () => {
  const s = await serve(['--import', 'tsx', path.join(repoRoot, 'src', 'cli', 'main.ts'), 'serve', '--port', '0', '--workers', '0', '--quiet']);
  try {
    assert.match(s.stderr(), /; analyses on the main thread\)/);
    assert.equal((await postText(s.base, '/v1/detect', 'The bridge reopened on Monday after repairs.')).status, 200);
  } finally {
    assert.equal(await s.stop(), 0, s.stderr());
  }
});

test('unspin serve refuses a bad port with a usage error', async () => {
  const { runCli } = await import('./helpers/cli.js');
  const r = await runCli(['serve', '--port', '70000']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--port expects/);
});

test('unspin serve refuses a bad --workers value with a usage error', async () => {
  const { runCli } = await import('./helpers/cli.js');
  const r = await runCli(['serve', '--port', '0', '--workers', 'many']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--workers expects a whole number up to 1024, got "many"/);
});

test('unspin serve refuses a short UNSPIN_INDEX_TOKEN before it listens', async () => {
  const { runCli } = await import('./helpers/cli.js');
  const r = await runCli(['serve', '--port', '0'], { env: { UNSPIN_INDEX_TOKEN: 'short' } });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /UNSPIN_INDEX_TOKEN must be at least 16 characters/);
});
