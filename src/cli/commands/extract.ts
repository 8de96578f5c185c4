/**
 * `unspin extract`: the article of a page, as text or JSON.
 *
 * One page (a file, .html.gz, URL or `-`) prints its headline and text, or the Article with --json, and
 * fails with the error's exit code. Several inputs, a directory or JSONL records (--jsonl) are
 * a batch: pages stream through one at a time, each failure is reported for its own item and
 * the run goes on (README "Exit codes" says how a batch's exit code is decided).
 */
import type { Command } from 'commander';
import { UnspinError } from '../../errors.js';
import { articlePlainText, extract } from '../../extract/index.js';
import { inputKind, readInputs, readOne, type IngestItem, type IngestOptions } from '../../ingest/index.js';
import type { Article, RawPage } from '../../model.js';
import { createOutput, errorRecord, formatJson, parseByteSize, parseSeconds, type Output } from '../io.js';
import { startProgress } from '../progress.js';

interface ExtractFlags {
  json?: boolean;
  jsonl?: boolean;
  allowPrivate?: boolean;
  timeout?: number;
  maxBytes?: number;
  userAgent?: string;
  /** False with --no-title: the body alone. */
  title?: boolean;
}

/** Article fields in the order of src/model.ts, so JSON output diffs cleanly between versions. */
const ARTICLE_KEYS: (keyof Article)[] = ['url', 'canonicalUrl', 'title', 'byline', 'published', 'language', 'text', 'paragraphs', 'links'];

export function orderedArticle(article: Article): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of ARTICLE_KEYS) if (key in article) out[key] = article[key];
  const extras = Object.keys(article).filter((k) => !(ARTICLE_KEYS as string[]).includes(k)).sort();
  for (const key of extras) out[key] = (article as unknown as Record<string, unknown>)[key];
  return out;
}

/** extract() with the one check every caller needs: an article must have text. */
export function extractArticle(page: RawPage): Article {
  const article = extract(page);
  if (article.text.trim() === '') throw new UnspinError('input', `no article text found in ${page.id}`);
  return article;
}

function ingestOptions(flags: ExtractFlags): IngestOptions {
  return {
    allowPrivate: flags.allowPrivate ?? false,
    timeoutMs: flags.timeout,
    maxBytes: flags.maxBytes,
    userAgent: flags.userAgent,
    jsonl: flags.jsonl ?? false,
  };
}

function refuseInteractiveStdin(inputs: string[]): void {
  if (inputs.includes('-') && process.stdin.isTTY) {
    throw new UnspinError('usage', 'stdin is a terminal; pipe a page or JSONL records in (e.g. curl ... | unspin extract -)');
  }
}

async function extractOne(input: string, flags: ExtractFlags): Promise<void> {
  const page = await readOne(input, ingestOptions(flags));
  const article = extractArticle(page);
  const out = createOutput();
  await out.write(flags.json ? formatJson(orderedArticle(article)) : `${articlePlainText(article, flags.title)}\n`);
  await out.end();
}

/** Extract a batch item, turning any failure into a failed item so the stream goes on. */
function extractItem(item: IngestItem): { id: string; article: Article; line?: number } | Extract<IngestItem, { ok: false }> {
  if (!item.ok) return item;
  try {
    return { id: item.page.id, article: extractArticle(item.page), line: item.line };
  } catch (e) {
    const error = e instanceof UnspinError ? e : new UnspinError('internal', `internal error while extracting: ${e instanceof Error ? e.message : String(e)}`);
    return { ok: false, id: item.page.id, error, line: item.line };
  }
}

async function writeText(out: Output, id: string, article: Article, withTitle: boolean): Promise<void> {
  // The `==> name <==` separator is what head(1) and tail(1) use between files.
  await out.write(`==> ${id} <==\n${articlePlainText(article, withTitle)}\n\n`);
}

async function extractBatch(inputs: string[], flags: ExtractFlags): Promise<void> {
  const asJson = Boolean(flags.json || flags.jsonl);
  const out = createOutput();
  const progress = startProgress('extract');
  let done = 0;
  let failed = 0;
  let firstInputFailure: UnspinError | null = null;
  try {
    for await (const item of readInputs(inputs, ingestOptions(flags))) {
      done++;
      const result = extractItem(item);
      if ('article' in result) {
        if (asJson) await out.writeJsonLine({ id: result.id, ...orderedArticle(result.article) });
        else await writeText(out, result.id, result.article, flags.title ?? true);
        progress.tick(false);
        continue;
      }
      failed++;
      progress.tick(true);
      if (result.wholeInput && firstInputFailure === null) firstInputFailure = result.error;
      if (asJson) {
        await out.writeJsonLine(errorRecord(result.id, result.error, result.line === undefined ? {} : { line: result.line }));
      }
      // In text mode stderr is where failures go; in JSON mode the record says it, and stderr
      // only repeats failures that decide the exit code.
      if (!asJson || result.wholeInput) process.stderr.write(`unspin: ${result.error.message}\n`);
    }
  } finally {
    progress.stop();
    await out.end();
  }
  if (failed > 0 && done > 1) process.stderr.write(`unspin: ${failed} of ${done} items failed\n`);
  if (firstInputFailure !== null) process.exitCode = firstInputFailure.exitCode;
}

export async function runExtract(inputs: string[], flags: ExtractFlags): Promise<void> {
  const given = inputs.length > 0 ? inputs : flags.jsonl ? ['-'] : [];
  if (given.length === 0) throw new UnspinError('usage', 'extract needs an input: a file, a directory, an http(s) URL, or - for stdin');
  refuseInteractiveStdin(given);
  const kinds = await Promise.all(given.map((input) => inputKind(input, { jsonl: flags.jsonl })));
  const batch = given.length > 1 || kinds.some((k) => k === 'directory' || k === 'jsonl');
  if (batch) await extractBatch(given, flags);
  else await extractOne(given[0], flags);
}

export function registerExtract(program: Command): void {
  program
    .command('extract')
    .description('print the article of a page: its text, or the Article as JSON')
    .argument('[inputs...]', 'HTML file (.html, .html.gz, .txt), directory of pages, JSONL file, http(s) URL, or - for stdin')
    .option('--json', 'print the Article as JSON (one object per line for several inputs)')
    .option('--no-title', 'text output: the body alone, without the headline line')
    .option('--jsonl', 'read JSONL records {id?, url?, html?, text?, ...} from stdin or the files given, write one JSON object per line')
    .option('--allow-private', 'allow URLs that resolve to private, loopback or link-local addresses (local testing)')
    .option('--timeout <seconds>', 'give up on a URL after this many seconds (default 20)', parseSeconds)
    .option('--max-bytes <size>', 'size cap per page, e.g. 10MB (default 10MB for URLs, 64MB for files)', parseByteSize)
    .option('--user-agent <string>', 'User-Agent header for fetching URLs')
    .addHelpText('after', `
Batch mode (several inputs, a directory, or --jsonl) streams: one page at a time, each failure
reported for its own item ({"id", "error": {"code", "kind", "message"}} with --json/--jsonl),
and the exit code is 0 unless an input named on the command line could not be read at all.

Exit codes: 0 ok, 2 usage, 3 unusable input (missing, empty, binary, no article text),
4 fetch failed (network, HTTP status, timeout, redirect loop, not HTML), 5 URL refused by the
address policy, 6 over a size limit.`)
    .action(async (inputs: string[], flags: ExtractFlags) => runExtract(inputs, flags));
}
