/**
 * bench:scale — throughput of 1, 2 and 4 `unspin worker` processes sharing one PostgreSQL
 * index and job queue, on a synthetic corpus served by a loopback HTTP server, and the latency
 * of `trace` queries made against the same database while the workers write.
 *
 *   npm run bench:scale [-- --pages 400 --workers 1,2,4 --concurrency 2 --latency-ms 0 --analyse]
 *
 * Pages/s is measured over the processing window (first job started to last job completed,
 * from the job table), so process start-up is left out; the wall time including start-up is
 * printed beside it. Per-host politeness is switched off (one loopback host would otherwise
 * serialise everything): this measures the pipeline and the database, not a crawl's manners.
 * Needs PostgreSQL on 127.0.0.1:5432 (UNSPIN_BENCH_PG overrides); without it, says so, exits 0.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { extract } from '../src/extract/index.js';
import { openStore } from '../src/index/index.js';
import { trace } from '../src/trace/index.js';
import { runCli } from '../test/helpers/cli.js';
import { articleHtml, spawnCli, startPageServer } from '../test/queue-helpers.js';

const BASE = process.env.UNSPIN_BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const PAGES = Number(arg('pages', '400'));
const WORKERS = arg('workers', '1,2,4').split(',').map(Number);
const CONCURRENCY = Number(arg('concurrency', '2'));
const LATENCY_MS = Number(arg('latency-ms', '0'));
/** Workers also run the spin detector on every page (CPU-heavy: loads the language model). */
const ANALYSE = process.argv.includes('--analyse');

function quantile(xs: number[], q: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

async function sql<R extends pg.QueryResultRow>(text: string, params: unknown[] = []): Promise<R[]> {
  const c = new pg.Client({ connectionString: BASE });
  await c.connect();
  try { return (await c.query<R>(text, params)).rows; } finally { await c.end(); }
}

interface Row {
  workers: number; pagesPerSec: number; wallSec: number; windowSec: number; indexed: number;
  traceP50: number; traceP95: number; traces: number;
  /** CPU milliseconds per page spent in worker processes and in their PostgreSQL backends. */
  workerCpuMsPerPage: number; pgCpuMsPerPage: number;
}

const TICK_MS = 10; // Linux USER_HZ is 100: /proc times are in hundredths of a second.

/** utime + stime of a process in ms, or null once it has gone. */
function cpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return null;
  }
}

/** Samples the CPU time of the worker processes and of unspin's PostgreSQL backends. */
function cpuSampler(workerPids: number[]): { stop(): Promise<{ worker: number; pg: number }> } {
  const last = new Map<string, number>();
  let stopped = false;
  const sample = async (): Promise<void> => {
    for (const pid of workerPids) { const v = cpuMs(pid); if (v !== null) last.set(`w${pid}`, v); }
    const rows = await sql<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE application_name LIKE 'unspin%'").catch(() => []);
    for (const { pid } of rows) { const v = cpuMs(pid); if (v !== null) last.set(`p${pid}`, v); }
  };
  const loop = (async () => { while (!stopped) { await sample(); await new Promise((r) => setTimeout(r, 500)); } })();
  return {
    async stop() {
      stopped = true;
      await loop;
      let worker = 0;
      let pgCpu = 0;
      for (const [k, v] of last) { if (k.startsWith('w')) worker += v; else pgCpu += v; }
      return { worker, pg: pgCpu };
    },
  };
}

async function runOnce(workers: number, base: string): Promise<Row> {
  const schema = `unspin_bench_${process.pid}_${randomBytes(3).toString('hex')}`;
  const spec = `${BASE}?schema=${schema}`;
  try {
    const urls = Array.from({ length: PAGES }, (_, i) => `${base}/page/${i + 1}`);
    const ing = await runCli(['ingest', ...urls, '--db', spec], { timeoutMs: 120_000 });
    if (ing.code !== 0) throw new Error(`ingest failed: ${ing.stderr}`);
    const started = performance.now();
    const procs = Array.from({ length: workers }, () => spawnCli(['worker', '--db', spec, '--allow-private', '--exit-when-idle',
      '--concurrency', String(CONCURRENCY), '--per-host', '64', '--host-delay', '0.001', '--no-robots', '--poll', '0.2', '--json', ...(ANALYSE ? ['--analyse'] : [])]));
    const cpu = cpuSampler(procs.map((p) => p.child.pid ?? -1));
    // Trace queries while the workers write: a page whose source is being indexed right now.
    const store = await openStore(spec);
    const latencies: number[] = [];
    let running = true;
    const done = Promise.all(procs.map((p) => p.done)).finally(() => { running = false; });
    const tracer = (async () => {
      for (let k = 1; running; k = (k % PAGES) + 1) {
        const article = extract({ id: `q${k}`, html: articleHtml(k * 7 % PAGES + 1), fetchedAt: new Date().toISOString() });
        const t0 = performance.now();
        await trace(article, store);
        latencies.push(performance.now() - t0);
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    const results = await done;
    await tracer;
    const used = await cpu.stop();
    const wallSec = (performance.now() - started) / 1000;
    for (const r of results) if (r.code !== 0) throw new Error(`worker failed (${r.code}): ${r.stderr}`);
    const indexed = await store.count();
    await store.close();
    const [w] = await sql<{ s: number }>(
      `SELECT extract(epoch FROM max(completed_on) - min(started_on))::float8 AS s FROM "${schema}_jobs".job`);
    return {
      workers, wallSec, windowSec: w.s, indexed, pagesPerSec: PAGES / w.s,
      traceP50: quantile(latencies, 0.5), traceP95: quantile(latencies, 0.95), traces: latencies.length,
      workerCpuMsPerPage: used.worker / PAGES, pgCpuMsPerPage: used.pg / PAGES,
    };
  } finally {
    await sql(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    await sql(`DROP SCHEMA IF EXISTS "${schema}_jobs" CASCADE`).catch(() => undefined);
  }
}

async function main(): Promise<void> {
  try {
    await sql('SELECT 1');
  } catch (e) {
    console.log(`bench:scale: PostgreSQL is not reachable at ${BASE} (${(e as Error).message}); nothing measured.`);
    return;
  }
  const site = await startPageServer(LATENCY_MS > 0 ? (req, res) => {
    const m = /^\/page\/(\d+)$/.exec(req.url ?? '');
    if (!m) return false;
    setTimeout(() => { res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }); res.end(articleHtml(Number(m[1]))); }, LATENCY_MS);
    return true;
  } : undefined);
  const rows: Row[] = [];
  try {
    for (const w of WORKERS) rows.push(await runOnce(w, site.base));
  } finally {
    await site.close();
  }
  console.log(`command: npm run bench:scale -- --pages ${PAGES} --workers ${WORKERS.join(',')} --concurrency ${CONCURRENCY} --latency-ms ${LATENCY_MS}${ANALYSE ? ' --analyse' : ''}`);
  console.log(`machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), PostgreSQL on the same machine; synthetic pages (~${articleHtml(1).length} bytes each)`);
  console.log('workers  indexed  pages/s  speed-up  window s  wall s  trace p50 ms  trace p95 ms  traces  worker cpu ms/page  pg cpu ms/page');
  for (const r of rows) {
    console.log(`${String(r.workers).padStart(7)}  ${String(r.indexed).padStart(7)}  ${r.pagesPerSec.toFixed(1).padStart(7)}  ${(r.pagesPerSec / rows[0].pagesPerSec).toFixed(2).padStart(8)}  ${r.windowSec.toFixed(1).padStart(8)}  ${r.wallSec.toFixed(1).padStart(6)}  ${r.traceP50.toFixed(1).padStart(12)}  ${r.traceP95.toFixed(1).padStart(12)}  ${String(r.traces).padStart(6)}  ${r.workerCpuMsPerPage.toFixed(1).padStart(18)}  ${r.pgCpuMsPerPage.toFixed(1).padStart(14)}`);
  }
  console.log('(worker cpu includes process start-up and, with --analyse, loading the language model; pg cpu includes the trace queries)');
}

main().catch((e: unknown) => {
  console.error(`bench:scale failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
