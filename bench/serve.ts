/**
 * bench:serve — N concurrent POST /v1/inspect requests (default 200, all at once) against a real
 * `unspin serve` in a child process on loopback, sent with undici. Prints errors, status counts,
 * latency p50/p95/max, requests/s, and the server's RSS before, after each round and at peak.
 *
 *   npm run bench:serve [-- --requests 200 --concurrency 200 --rounds 2 --input examples/page.html
 *                          --server-concurrency N --server-workers N]
 *
 * Uses only files in the repository (the seed page), so it runs without ../shared.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Agent, request } from 'undici';
import { repoRoot } from './lib/shared.js';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '200' },
    concurrency: { type: 'string', default: '200' },
    input: { type: 'string', default: path.join(repoRoot, 'examples', 'page.html') },
    rounds: { type: 'string', default: '2' },
    'server-concurrency': { type: 'string' },
    'server-workers': { type: 'string' },
  },
});
const total = Number(values.requests);
const rounds = Number(values.rounds);
const clients = Number(values.concurrency);
const html = readFileSync(values.input, 'utf8');

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : Number.NaN;
}

const serveArgs = ['--import', 'tsx', path.join(repoRoot, 'src', 'cli', 'main.ts'), 'serve', '--port', '0', '--quiet', '--queue', String(Math.max(256, total))];
if (values['server-concurrency']) serveArgs.push('--concurrency', values['server-concurrency']);
if (values['server-workers']) serveArgs.push('--workers', values['server-workers']);
const child = spawn(process.execPath, serveArgs, {
  cwd: repoRoot, env: { ...process.env, UNSPIN_DB: path.join(repoRoot, 'bench', 'out', 'no-index.db') }, stdio: ['ignore', 'ignore', 'pipe'],
});
const stop = (): void => { if (child.exitCode === null) child.kill('SIGTERM'); };
process.on('exit', stop);

const base = await new Promise<string>((resolve, reject) => {
  let err = '';
  child.stderr.on('data', (b: Buffer) => {
    err += b.toString();
    const m = /serving on (http:\/\/\S+?)[ (]/.exec(err);
    if (m) resolve(m[1]);
  });
  child.once('exit', (code) => reject(new Error(`server exited (${code}): ${err}`)));
});

const agent = new Agent({ connections: clients, headersTimeout: 300_000, bodyTimeout: 300_000 });
const body = JSON.stringify({ html });

async function inspectOnce(): Promise<{ status: number; ms: number }> {
  const t0 = performance.now();
  const res = await request(`${base}/v1/inspect`, { method: 'POST', dispatcher: agent, headers: { 'content-type': 'application/json' }, body });
  await res.body.text();
  return { status: res.statusCode, ms: performance.now() - t0 };
}

// Warm-up: the first analyses pay for lazy work (JIT, caches); they are not measured.
for (let i = 0; i < 3; i++) await inspectOnce();
const rssBefore = rssMb(child.pid!);
let rssPeak = rssBefore;
const sampler = setInterval(() => { rssPeak = Math.max(rssPeak, rssMb(child.pid!)); }, 100);

const results: { status: number; ms: number }[] = [];
let errors = 0;
const rssAfterRound: number[] = [];
const t0 = performance.now();
// Several rounds of the same burst: if memory is bounded, RSS after each round levels off.
for (let round = 0; round < rounds; round++) {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(clients, total) }, async () => {
    while (next < total) {
      next++;
      try {
        results.push(await inspectOnce());
      } catch (e) {
        errors++;
        process.stderr.write(`request failed: ${e instanceof Error ? e.message : String(e)}\n`);
      }
    }
  }));
  rssAfterRound.push(rssMb(child.pid!));
}
const wall = (performance.now() - t0) / 1000;
clearInterval(sampler);
await new Promise((r) => setTimeout(r, 1000));
const rssAfter = rssMb(child.pid!);
stop();
await agent.close();

const lat = results.map((r) => r.ms).sort((a, b) => a - b);
const q = (p: number): number => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))] ?? Number.NaN;
const statuses: Record<number, number> = {};
for (const r of results) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
const non200 = results.filter((r) => r.status !== 200).length;

console.log(`bench:serve  POST /v1/inspect ×${total} in each of ${rounds} rounds, ${clients} at once, body ${Math.round(body.length / 1024)} KB (${path.relative(repoRoot, values.input)})`);
console.log(`  statuses     ${JSON.stringify(statuses)}   transport errors ${errors}   non-200 ${non200}`);
console.log(`  latency      p50 ${q(0.5).toFixed(0)} ms   p95 ${q(0.95).toFixed(0)} ms   max ${(lat.at(-1) ?? Number.NaN).toFixed(0)} ms`);
console.log(`  throughput   ${(results.length / wall).toFixed(1)} requests/s   (${wall.toFixed(1)} s wall)`);
console.log(`  server RSS   before ${rssBefore} MB   after each round ${rssAfterRound.join(' / ')} MB   peak ${rssPeak} MB   1 s after ${rssAfter} MB`);
console.log(`  command      npm run bench:serve -- --requests ${total} --concurrency ${clients} --rounds ${rounds}${values['server-concurrency'] ? ` --server-concurrency ${values['server-concurrency']}` : ''}${values['server-workers'] ? ` --server-workers ${values['server-workers']}` : ''}`);
process.exitCode = errors + non200 > 0 ? 1 : 0;
