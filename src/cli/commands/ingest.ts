/**
 * `unspin ingest <sources...>`: put work on the shared job queue (PostgreSQL) for `unspin worker`
 * processes to do. Sources are URLs (pages, feeds, sitemaps: the worker tells them apart), WARC
 * files, JSONL records, local feeds/sitemaps, HTML files and directories. Enqueueing is
 * idempotent: the same URL, or the same record with the same text, is queued once.
 */
import type { Command } from 'commander';
import { UnspinError } from '../../errors.js';
import { addTimingOptions, QUEUE_DB_HELP, timingsFrom, wholeNumber, type TimingFlags } from '../../queue/cli-flags.js';
import type { EnqueueSummary } from '../../queue/enqueue.js';
import { formatJson } from '../io.js';

interface IngestFlags extends TimingFlags {
  db?: string;
  json?: boolean;
  maxBacklog?: number;
}

function formatSummary(s: EnqueueSummary): string {
  return `enqueued ${s.enqueued} jobs, ${s.alreadyQueued} already queued (or done within the last day), ${s.failed} sources or records failed\n`;
}

async function runIngest(sources: string[], flags: IngestFlags): Promise<void> {
  if (sources.length === 0) throw new UnspinError('usage', 'ingest needs sources: URLs, feeds, sitemaps, WARC or JSONL files, pages');
  // Loaded here, not at start-up: other commands need neither pg-boss nor the WARC reader.
  const { openQueue } = await import('../../queue/queue.js');
  const { enqueueSources } = await import('../../queue/enqueue.js');
  const q = await openQueue(flags.db);
  let summary: EnqueueSummary;
  try {
    summary = await enqueueSources(q, sources, {
      timings: timingsFrom(flags),
      maxBacklog: flags.maxBacklog,
    });
  } finally {
    await q.close();
  }
  for (const f of summary.failures.slice(0, 10)) process.stderr.write(`unspin: ${f.message.startsWith(f.source) ? f.message : `${f.source}: ${f.message}`}\n`);
  if (summary.failed > 10) process.stderr.write(`unspin: ... and ${summary.failed - 10} more failures\n`);
  process.stdout.write(flags.json ? formatJson(summary) : formatSummary(summary));
  if (summary.enqueued + summary.alreadyQueued === 0 && summary.failed > 0) {
    throw new UnspinError('input', 'nothing was enqueued: every source failed');
  }
}

export function registerIngest(program: Command): void {
  const cmd = program.command('ingest')
    .description('queue pages, feeds, sitemaps, WARC and JSONL files for `unspin worker` processes to index')
    .argument('[sources...]', 'http(s) URLs (pages, RSS/Atom feeds, sitemaps), .warc(.gz), .jsonl(.gz), .xml/.rss/.atom files, HTML files, directories')
    .option('--db <url>', QUEUE_DB_HELP)
    .option('--json', 'print the summary as JSON')
    .option('--max-backlog <n>', 'wait while more jobs than this are unfinished (default 20000)', wholeNumber(1, 10_000_000));
  addTimingOptions(cmd)
    .addHelpText('after', `
Jobs live in the database's <schema>_jobs schema (pg-boss); start workers with \`unspin worker\`.
Exit codes: 0 ok, 2 usage, 3 nothing could be enqueued, 7 database.`)
    .action(async (sources: string[], flags: IngestFlags) => runIngest(sources, flags));
}
