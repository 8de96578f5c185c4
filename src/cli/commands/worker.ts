/**
 * `unspin worker`: process queued jobs (fetch politely, extract, fingerprint, index) until
 * stopped, or with --exit-when-idle until nothing is left. Run as many as you like, on as many
 * machines as can reach the database. SIGINT/SIGTERM stop it after the jobs in flight finish.
 */
import type { Command } from 'commander';
import { addTimingOptions, QUEUE_DB_HELP, timingsFrom, wholeNumber, type TimingFlags } from '../../queue/cli-flags.js';
import type { JobEvent, WorkerSummary } from '../../queue/worker.js';
import { formatJson, parseSeconds } from '../io.js';

interface WorkerFlags extends TimingFlags {
  db?: string;
  concurrency?: number;
  perHost?: number;
  hostDelay?: number;
  robots?: boolean;
  allowPrivate?: boolean;
  timeout?: number;
  exitWhenIdle?: boolean;
  maintenanceSeconds?: number;
  poll?: number;
  verbose?: boolean;
  json?: boolean;
  analyse?: boolean;
}

function describe(e: JobEvent): string {
  if (e.error !== undefined) return `retry   ${e.what}: ${e.error}`;
  const r = e.result;
  if (!r) return `done    ${e.what}`;
  if (r.status === 'indexed') return `${r.outcome.padEnd(7).slice(0, 7)} ${r.id}${r.spinScore !== undefined ? ` spin ${r.spinScore.toFixed(2)}` : ''} (${e.ms} ms)`;
  if (r.status === 'source') return `${r.kind} ${e.what}: ${r.found} links queued`;
  if (r.status === 'unchanged') return `same    ${r.id}`;
  return `skipped ${r.reason}`;
}

function formatSummary(s: WorkerSummary): string {
  return `${s.jobs} jobs: ${s.indexed} indexed, ${s.duplicates} duplicates, ${s.unchanged} unchanged, ${s.sources} feeds/sitemaps, ${s.skipped} skipped, ${s.failedAttempts} failed attempts (retried)\n${s.seconds.toFixed(1)} s, ${(s.jobs / Math.max(s.seconds, 1e-9)).toFixed(1)} jobs/s\n`;
}

async function runWorker(flags: WorkerFlags): Promise<void> {
  // Loaded here, not at start-up: other commands need neither pg-boss nor the crawler.
  const { openQueue } = await import('../../queue/queue.js');
  const { Worker } = await import('../../queue/worker.js');
  const q = await openQueue(flags.db, { supervise: true, asyncCommit: true, maintenanceSeconds: flags.maintenanceSeconds, maxConnections: (flags.concurrency ?? 2) + 2 });
  const stop = new AbortController();
  const onSignal = (): void => {
    if (stop.signal.aborted) process.exit(130);
    process.stderr.write('unspin: worker stopping after the jobs in flight (signal again to quit now)\n');
    stop.abort();
  };
  process.removeAllListeners('SIGINT');
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.stderr.write(`unspin: worker ready: ${flags.concurrency ?? 2} jobs at a time from ${q.store.location}\n`);
  try {
    const worker = new Worker(q, {
      concurrency: flags.concurrency,
      perHostConcurrency: flags.perHost,
      hostDelayMs: flags.hostDelay, // parseSeconds gives milliseconds
      robots: flags.robots,
      pollSeconds: flags.poll !== undefined ? flags.poll / 1000 : undefined,
      exitWhenIdle: flags.exitWhenIdle,
      analyse: flags.analyse,
      timings: timingsFrom(flags),
      ingest: { allowPrivate: flags.allowPrivate ?? false, timeoutMs: flags.timeout },
      signal: stop.signal,
      onJob: flags.verbose ? (e) => process.stderr.write(`${describe(e)}\n`) : undefined,
    });
    const summary = await worker.runUntilDone();
    process.stdout.write(flags.json ? formatJson(summary) : formatSummary(summary));
  } finally {
    await q.close();
  }
}

export function registerWorker(program: Command): void {
  const cmd = program.command('worker')
    .description('process queued jobs: fetch politely, extract, fingerprint and index (run any number, anywhere)')
    .option('--db <url>', QUEUE_DB_HELP)
    .option('--concurrency <n>', 'jobs in flight in this process (default 2)', wholeNumber(1, 256))
    .option('--per-host <n>', 'requests in flight per host from this process (default 2)', wholeNumber(1, 64))
    .option('--host-delay <seconds>', 'minimum gap between requests to one host, shared by all workers (default 1; robots.txt Crawl-delay wins when longer)', parseSeconds)
    .option('--no-robots', 'ignore robots.txt (only for sites you run)')
    .option('--allow-private', 'allow URLs that resolve to private or loopback addresses (local testing)')
    .option('--timeout <seconds>', 'give up on a URL after this many seconds', parseSeconds)
    .option('--exit-when-idle', 'stop when no job is queued, retrying or running anywhere')
    .option('--maintenance-seconds <n>', 'how often lost jobs are looked for (default 10)', wholeNumber(1, 3600))
    .option('--poll <seconds>', 'wait between polls of an empty queue (default 1)', parseSeconds)
    .option('--analyse', 'also score each newly indexed page for spinning (stored in the page_analysis table)')
    .option('--verbose', 'one line per job on stderr')
    .option('--json', 'print the summary as JSON');
  addTimingOptions(cmd)
    .addHelpText('after', `
--job-timeout, --retries and --retry-delay apply to jobs this worker discovers (feed and sitemap
entries); jobs from \`unspin ingest\` carry the values given there.
Exit codes: 0 ok (stopped or idle), 2 usage, 7 database.`)
    .action(async (flags: WorkerFlags) => runWorker(flags));
}
