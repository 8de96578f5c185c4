/**
 * `unspin trace <file|url|->`: find where a page's text came from in the index, with a verdict
 * per match (verbatim, spun, partial, same-story), the aligned diff and who copied whom.
 * `--jsonl` traces a stream of {id, text|html} records; `--export-pairs` writes the aligned
 * {spun, orig} paragraph pairs that `unspin learn --pairs` reads.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { UnspinError, isUnspinError } from '../../errors.js';
import { extract } from '../../extract/index.js';
import { normaliseDate } from '../../index/records.js';
import { openStore, type ArticleStore } from '../../index/index.js';
import { readOne } from '../../ingest/index.js';
import type { Article } from '../../model.js';
import { traceDetailed, type Lexicon, type SpinPair, type TraceMatch, type TraceOptions } from '../../trace/index.js';
import { createOutput, errorRecord, formatJson, parseSeconds, readJsonLines } from '../io.js';

interface TraceFlags {
  db?: string;
  json?: boolean;
  jsonl?: boolean;
  limit?: number;
  all?: boolean;
  exportPairs?: string;
  language?: boolean;
  allowPrivate?: boolean;
  timeout?: number;
}

function parseLimit(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 100) throw new InvalidArgumentError('expected a whole number from 1 to 100');
  return n;
}

/** Language resources when built; tracing works without them (inflections only, no synonyms). */
async function loadLexicon(wanted: boolean): Promise<Lexicon | null> {
  if (!wanted) return null;
  try {
    const { loadLanguage } = await import('../../language/index.js');
    return await loadLanguage();
  } catch {
    return null;
  }
}

function articleOf(id: string, page: { html?: string; text?: string; url?: string }): Article {
  const article = extract({ id, fetchedAt: new Date().toISOString(), ...page });
  if (article.text.trim() === '') throw new UnspinError('input', `no article text found in ${id}`);
  return article;
}

/** The match as printed in JSON: the ProvenanceMatch fields first, then the supporting figures. */
function publicMatch(m: TraceMatch): Record<string, unknown> {
  return {
    id: m.id, url: m.url, title: m.title, published: m.published, score: m.score, verdict: m.verdict,
    direction: m.direction, diff: m.diff, evidence: m.evidence, notes: m.notes,
  };
}

const DIRECTION_TEXT = {
  'query-copies-match': 'the page copies this article',
  'match-copies-query': 'this article copies the page',
  unknown: 'direction unknown',
} as const;

function clip(s: string, n = 100): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
}

function formatText(matches: TraceMatch[]): string {
  const lines: string[] = [];
  matches.forEach((m, i) => {
    lines.push(`${i + 1}. ${m.verdict.padEnd(10)} score ${m.score.toFixed(2)}  ${m.id}${m.title ? `  "${clip(m.title, 80)}"` : ''}${m.published ? `  (${m.published})` : ''}`);
    lines.push(`   covers ${Math.round(m.evidence.queryCoverage * 100)}% of the page, ${Math.round(m.evidence.sourceCoverage * 100)}% of the source; ${Math.round(m.evidence.identity * 100)}% of copied words unchanged`);
    if (m.verdict !== 'same-story' && m.verdict !== 'unrelated') {
      lines.push(`   direction: ${DIRECTION_TEXT[m.direction.verdict]}`);
      for (const e of m.direction.evidence) lines.push(`     - ${e}`);
    }
    for (const note of m.notes) lines.push(`   note: ${note}`);
    const changes = m.diff.filter((d) => d.op !== 'equal');
    for (const d of changes.slice(0, 40)) {
      if (d.op === 'substituted') lines.push(`   ~ "${clip(d.text, 60)}"  <-  source: "${clip(d.sourceText, 60)}"`);
      else if (d.op === 'inserted') lines.push(`   + added:   "${clip(d.text)}"`);
      else lines.push(`   - dropped: "${clip(d.sourceText)}"`);
    }
    if (changes.length > 40) lines.push(`   ... ${changes.length - 40} more changes (--json shows all)`);
  });
  return lines.length ? `${lines.join('\n')}\n` : '';
}

async function writePairs(stream: WriteStream | null, pairs: SpinPair[] | undefined): Promise<number> {
  if (!stream || !pairs) return 0;
  for (const p of pairs) {
    if (!stream.write(`${JSON.stringify({ spun: p.spun, orig: p.orig })}\n`)) await new Promise<void>((r) => stream.once('drain', () => r()));
  }
  return pairs.length;
}

function openPairs(file: string | undefined): WriteStream | null {
  if (!file) return null;
  const stream = createWriteStream(file);
  stream.on('error', () => { /* reported when closing */ });
  return stream;
}

function closePairs(stream: WriteStream | null, file: string | undefined): Promise<void> {
  if (!stream) return Promise.resolve();
  return new Promise((resolve, reject) => {
    stream.once('error', (e: Error) => reject(new UnspinError('input', `cannot write pairs to ${file}: ${e.message}`)));
    stream.end(() => resolve());
  });
}

async function emptyIndexNote(store: ArticleStore): Promise<boolean> {
  if ((await store.count()) > 0) return false;
  process.stderr.write(`unspin: the index at ${store.location} is empty; add articles with \`unspin index add\`\n`);
  return true;
}

async function traceOne(input: string, flags: TraceFlags, store: ArticleStore, options: TraceOptions, pairs: WriteStream | null): Promise<void> {
  const page = await readOne(input, { allowPrivate: flags.allowPrivate ?? false, timeoutMs: flags.timeout });
  const article = articleOf(page.id, page);
  const result = await traceDetailed(article, store, options);
  const exported = await writePairs(pairs, result.matches.flatMap((m) => m.pairs ?? []));
  if (flags.json) process.stdout.write(formatJson({ matches: result.matches.map(publicMatch) }));
  else if (result.matches.length === 0) process.stdout.write(`no source found among ${result.indexSize} indexed articles (${result.candidatesChecked} candidates checked)\n`);
  else process.stdout.write(formatText(result.matches));
  if (flags.exportPairs) process.stderr.write(`unspin: wrote ${exported} aligned pairs to ${flags.exportPairs}\n`);
}

async function traceJsonl(inputs: string[], flags: TraceFlags, store: ArticleStore, options: TraceOptions, pairs: WriteStream | null): Promise<void> {
  const out = createOutput();
  let exported = 0;
  for (const input of inputs.length ? inputs : ['-']) {
    for await (const line of readJsonLines(input)) {
      if (line.error !== undefined) { await out.writeJsonLine(errorRecord(null, new UnspinError('input', line.error), { line: line.line })); continue; }
      const v = line.value as Record<string, unknown> | null;
      const id = v && typeof v === 'object' && (typeof v.id === 'string' || typeof v.id === 'number') ? String(v.id) : `line ${line.line}`;
      try {
        if (!v || typeof v !== 'object' || Array.isArray(v)) throw new UnspinError('input', `line ${line.line}: expected a JSON object`);
        const html = typeof v.html === 'string' ? v.html : undefined;
        const text = typeof v.text === 'string' ? v.text : typeof v.body === 'string' ? v.body : undefined;
        if (!html?.trim() && !text?.trim()) throw new UnspinError('input', `${id}: the record has no text or html`);
        const article = articleOf(id, { html: html?.trim() ? html : undefined, text: html?.trim() ? undefined : text, url: typeof v.url === 'string' ? v.url : undefined });
        const published = normaliseDate(v.published ?? v.date);
        const result = await traceDetailed(published ? { ...article, published } : article, store, options);
        exported += await writePairs(pairs, result.matches.flatMap((m) => m.pairs ?? []));
        await out.writeJsonLine({ id, matches: result.matches.map(publicMatch) });
      } catch (e) {
        if (!isUnspinError(e) || e.kind === 'database') throw e;
        await out.writeJsonLine(errorRecord(id, e, { line: line.line }));
      }
    }
  }
  await out.end();
  if (flags.exportPairs) process.stderr.write(`unspin: wrote ${exported} aligned pairs to ${flags.exportPairs}\n`);
}

export async function runTrace(inputs: string[], flags: TraceFlags): Promise<void> {
  if (!flags.jsonl && inputs.length !== 1) throw new UnspinError('usage', 'trace takes one input (a file, an http(s) URL or -); use --jsonl for many');
  if ((inputs.includes('-') || (flags.jsonl && inputs.length === 0)) && process.stdin.isTTY) {
    throw new UnspinError('usage', 'stdin is a terminal; pipe a page or JSONL records in');
  }
  const store = await openStore(flags.db, { readonly: true });
  const pairs = openPairs(flags.exportPairs);
  try {
    if (await emptyIndexNote(store)) {
      if (flags.json) process.stdout.write(formatJson({ matches: [] }));
      return;
    }
    const options: TraceOptions = {
      limit: flags.limit ?? 5,
      includeUnrelated: flags.all ?? false,
      lexicon: await loadLexicon(flags.language !== false),
      pairs: Boolean(flags.exportPairs),
    };
    if (flags.jsonl) await traceJsonl(inputs, flags, store, options, pairs);
    else await traceOne(inputs[0], flags, store, options, pairs);
  } finally {
    await closePairs(pairs, flags.exportPairs);
    await store.close();
  }
}

export function registerTrace(program: Command): void {
  program
    .command('trace')
    .description('find the source of a page in the index: verdict, aligned diff, direction of copying')
    .argument('[input...]', 'HTML or text file, http(s) URL, or - for stdin (with --jsonl: JSONL files, default stdin)')
    .option('--db <path>', 'index database file (default: $UNSPIN_DB or ./unspin.db)')
    .option('--json', 'print {matches: [{id, url, title, published, score, verdict, direction, diff, ...}]}')
    .option('--jsonl', 'read {id, text|html} lines, write {id, matches} lines')
    .option('--limit <n>', 'most matches to show (default 5)', parseLimit)
    .option('--all', 'also list candidates judged unrelated')
    .option('--export-pairs <file>', 'write aligned {spun, orig} paragraph pairs (JSONL) for `unspin learn --pairs`')
    .option('--no-language', 'do not load language resources (no thesaurus synonyms in the alignment)')
    .option('--allow-private', 'allow URLs that resolve to private or loopback addresses (local testing)')
    .option('--timeout <seconds>', 'give up on a URL after this many seconds', parseSeconds)
    .addHelpText('after', `
Verdicts: verbatim (copied as is), spun (copied and reworded throughout), partial (part of the
page or of the source is copied), same-story (same names and figures, different text).
Exit codes: 0 ok (also when nothing is found), 2 usage, 3 unusable input, 4 fetch failed,
5 URL refused, 7 index missing or unreadable.`)
    .action(async (inputs: string[], flags: TraceFlags) => runTrace(inputs, flags));
}
