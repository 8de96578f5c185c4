/**
 * `unspin index add | stats | remove | check`: the article index that `unspin trace` searches.
 *
 * `add` takes JSONL records ({id?, url?, title?, published?, text? | html?}) or pages (files,
 * directories, URLs, - for stdin) and stores them with their fingerprints, one transaction per
 * batch: a killed run keeps every batch it committed and nothing half-written, and rerunning it
 * skips what is already there. The summary (added, duplicates, failed, time, rate) goes to
 * stdout; a progress bar to stderr only when stderr is a terminal.
 */
import cliProgress from 'cli-progress';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { UnspinError } from '../../errors.js';
import { addInputs, openStore, resolveStoreSpec, type AddSummary, type ArticleStore } from '../../index/index.js';
import { formatJson, parseSeconds } from '../io.js';

interface DbFlags { db?: string }
interface AddFlags extends DbFlags {
  onDuplicate?: 'update' | 'skip';
  jsonl?: boolean;
  batchSize?: number;
  json?: boolean;
  allowPrivate?: boolean;
  timeout?: number;
}

const DB_HELP = 'index database file (default: $UNSPIN_DB or ./unspin.db)';

function parseBatchSize(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 100_000) throw new InvalidArgumentError('expected a whole number from 1 to 100000');
  return n;
}

async function withStore<T>(flags: DbFlags, readonly: boolean, fn: (store: ArticleStore) => Promise<T>): Promise<T> {
  const store = await openStore(flags.db, { readonly });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

function progressBar(): { update(n: number, added: number): void; stop(): void } {
  if (!process.stderr.isTTY || process.env.NO_PROGRESS || process.env.CI) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar({
    stream: process.stderr, hideCursor: true, clearOnComplete: true, fps: 5,
    format: 'index add {value} records | {added} added | {duration_formatted}',
  }, cliProgress.Presets.shades_classic);
  bar.start(1, 0, { added: 0 });
  return {
    update(n, added) { bar.setTotal(n + 1); bar.update(n, { added }); },
    stop() { bar.stop(); },
  };
}

export function formatSummary(s: AddSummary): string {
  const dup = s.duplicateIds + s.duplicateContent;
  const lines = [
    `added ${s.added}, updated ${s.updated}, duplicates ${dup} (${s.duplicateIds} same id, ${s.duplicateContent} same text under another id), failed ${s.failed}`,
    `${s.seconds.toFixed(1)} s, ${Math.round(s.rate)} records/s`,
  ];
  return `${lines.join('\n')}\n`;
}

async function runAdd(inputs: string[], flags: AddFlags): Promise<void> {
  if (inputs.length === 0) throw new UnspinError('usage', 'index add needs inputs: JSONL files, pages, directories, URLs, or - for stdin');
  if (inputs.includes('-') && process.stdin.isTTY) throw new UnspinError('usage', 'stdin is a terminal; pipe JSONL records or a page in');
  const bar = progressBar();
  const summary = await withStore(flags, false, (store) => addInputs(store, inputs, {
    onDuplicateId: flags.onDuplicate ?? 'update',
    batchSize: flags.batchSize,
    jsonl: flags.jsonl,
    onProgress: (p) => bar.update(p.processed, p.added),
    ingest: { allowPrivate: flags.allowPrivate ?? false, timeoutMs: flags.timeout, jsonl: false },
  })).finally(() => bar.stop());
  for (const f of summary.failures.slice(0, 10)) process.stderr.write(`unspin: ${f.message.startsWith(f.id) ? f.message : `${f.id}: ${f.message}`}\n`);
  if (summary.failed > 10) process.stderr.write(`unspin: ... and ${summary.failed - 10} more failures\n`);
  process.stdout.write(flags.json ? formatJson(summary) : formatSummary(summary));
  const stored = summary.added + summary.updated + summary.duplicateIds + summary.duplicateContent;
  if (stored === 0) {
    // Nothing usable at all: the inputs were the problem, say so with the input exit code.
    throw new UnspinError('input', summary.failed > 0 ? 'nothing was indexed: every input failed' : 'nothing was indexed: the inputs held no records');
  }
}

function formatBytes(n: number | null): string {
  if (n === null) return 'unknown';
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}

export function registerIndex(program: Command): void {
  const index = program.command('index').description('the article index that `unspin trace` searches (add, stats, remove, check)');

  index.command('add')
    .description('add articles: JSONL records {id?, url?, title?, published?, text?|html?} or pages')
    .argument('[inputs...]', 'JSONL files (.jsonl, .ndjson, .gz), HTML files, directories, http(s) URLs, or - for stdin')
    .option('--db <path>', DB_HELP)
    .addOption(new Option('--on-duplicate <policy>', 'when an id is already indexed with other text').choices(['update', 'skip']).default('update'))
    .option('--jsonl', 'read every input (and -) as JSONL records')
    .option('--batch-size <n>', 'records per transaction (default 500)', parseBatchSize)
    .option('--json', 'print the summary as JSON')
    .option('--allow-private', 'allow URLs that resolve to private or loopback addresses (local testing)')
    .option('--timeout <seconds>', 'give up on a URL after this many seconds', parseSeconds)
    .addHelpText('after', `
Ids: a record's "id" is kept and is what trace reports; otherwise the page URL, else a hash of the
text. Same id again: updated (or skipped with --on-duplicate skip; unchanged text is skipped).
Same text under another id: skipped. Exit codes: 0 ok, 2 usage, 3 nothing indexable, 7 database.`)
    .action(async (inputs: string[], flags: AddFlags) => runAdd(inputs, flags));

  index.command('stats')
    .description('how many articles, terms and bytes the index holds')
    .option('--db <path>', DB_HELP)
    .option('--json', 'print as JSON')
    .action(async (flags: DbFlags & { json?: boolean }) => {
      const stats = await withStore(flags, false, (s) => s.stats());
      if (flags.json) { process.stdout.write(formatJson(stats)); return; }
      process.stdout.write([
        `index      ${stats.location} (schema ${stats.schemaVersion})`,
        `articles   ${stats.articles}`,
        `terms      ${stats.terms} distinct, ${stats.postings} postings`,
        `size       ${formatBytes(stats.bytes)}`,
        `published  ${stats.oldestPublished ?? '?'} .. ${stats.newestPublished ?? '?'}`,
      ].join('\n') + '\n');
    });

  index.command('remove')
    .description('remove an article (and its fingerprints) by id')
    .argument('<id>', 'the id as stored (see trace output)')
    .option('--db <path>', DB_HELP)
    .action(async (id: string, flags: DbFlags) => {
      const removed = await withStore(flags, false, (s) => s.remove(id));
      if (!removed) throw new UnspinError('input', `no article with id ${JSON.stringify(id)} in ${resolveStoreSpec(flags.db)}`);
      process.stdout.write(`removed ${id}\n`);
    });

  index.command('check')
    .description('verify the index: every article has exactly its fingerprints, counters agree')
    .option('--db <path>', DB_HELP)
    .option('--json', 'print the report as JSON')
    .action(async (flags: DbFlags & { json?: boolean }) => {
      const report = await withStore(flags, true, (s) => s.checkIntegrity());
      if (flags.json) process.stdout.write(formatJson(report));
      else process.stdout.write(`${report.ok ? 'ok' : 'INCONSISTENT'}: ${report.articles} articles, ${report.inconsistentArticles.length} with wrong fingerprints, ${report.orphanPostings} orphan postings, ${report.badTermCounts} bad term counts, ${report.duplicateContentHashes} duplicate texts\n`);
      if (!report.ok) throw new UnspinError('database', `the index at ${resolveStoreSpec(flags.db)} is inconsistent`);
    });
}
