/**
 * analyse: one page in, one report out. A thin composition of the stages
 * (extract -> detect + restore -> quotes -> trace); it computes nothing itself beyond timing
 * and the verdict line. A stage whose module is missing or fails leaves its section `null`
 * with the reason in `stages`, never a made-up result.
 */
import { existsSync } from 'node:fs';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { UnspinError, isUnspinError } from './errors.js';
import type { ArticleStore } from './index/index.js';
import type { Article, Quote, RawPage, Restoration, SpinDetection } from './model.js';
import { REPORT_SCHEMA_VERSION, type Provenance, type Report, type StageName, type StageOutcome } from './report/types.js';
import { summarise } from './report/verdict.js';
import { VERSION } from './version.js';

/** What analyse needs from src/spin (its `Restorer`). */
export interface RestorerLike {
  restore(text: string): Restoration;
  detect(text: string): SpinDetection;
}

/** The index trace searches (src/index). */
export type StoreLike = ArticleStore;

type Unavailable = { unavailable: string };

/** The stage entry points, each either loaded or the reason it is not. */
export interface Pipeline {
  extract: ((page: RawPage) => Article) | Unavailable;
  restorer: RestorerLike | Unavailable;
  findQuotes: ((text: string) => Quote[]) | Unavailable;
  trace: ((article: Article, store: StoreLike) => Promise<Provenance>) | Unavailable;
}

const isUnavailable = (v: unknown): v is Unavailable =>
  typeof v === 'object' && v !== null && 'unavailable' in v;

function describeLoadFailure(stage: string, e: unknown): string {
  const code = (e as { code?: string } | null)?.code;
  if (code === 'ERR_MODULE_NOT_FOUND') return `the ${stage} module is not part of this build`;
  if (isUnspinError(e)) return e.message;
  return `the ${stage} module failed to load: ${e instanceof Error ? e.message : String(e)}`;
}

async function load<T>(stage: string, loader: () => Promise<T>): Promise<T | Unavailable> {
  try {
    return await loader();
  } catch (e) {
    return { unavailable: describeLoadFailure(stage, e) };
  }
}

let pipelinePromise: Promise<Pipeline> | null = null;

/**
 * Loads every stage once per process (the restorer's language resources are the costly part)
 * and remembers what is missing.
 */
export function loadPipeline(): Promise<Pipeline> {
  pipelinePromise ??= (async (): Promise<Pipeline> => {
    // Imported lazily: loading the library should not load language resources.
    const [extract, restorer, findQuotes, trace] = await Promise.all([
      load('extract', async () => (await import('./extract/index.js')).extract),
      load('spin', async () => (await import('./spin/index.js')).createRestorer()),
      load('quotes', async () => (await import('./quotes/index.js')).findQuotes),
      load('trace', async () => {
        const { traceDetailed } = await import('./trace/index.js');
        // Synonyms from the language resources let the alignment see through swaps; tracing
        // works without them.
        const lexicon = await import('./language/index.js').then((m) => m.loadLanguage()).catch(() => null);
        return async (article: Article, store: StoreLike): Promise<Provenance> => {
          const r = await traceDetailed(article, store, { lexicon });
          return { matches: r.matches, indexSize: r.indexSize };
        };
      }),
    ]);
    return { extract, restorer, findQuotes, trace };
  })();
  return pipelinePromise;
}

export interface AnalyseOptions {
  /** Stages to use; defaults to loadPipeline(). Tests and the server pass their own. */
  pipeline?: Pipeline;
  /** An opened index; provenance is traced only when one is given. */
  store?: StoreLike | null;
  /** Why there is no store, reported in stages.provenance (e.g. "no index given"). */
  noStoreReason?: string;
  /** Skip quote finding. */
  quotes?: boolean;
  /** Skip restoration (spin detection still runs). */
  restore?: boolean;
  /** Refuse articles longer than this many UTF-16 units (the server's bound on how long one
   *  request holds an analysis worker); unlimited when absent. */
  maxTextLength?: number;
  /** Cancels between stages (the server's request timeout). */
  signal?: AbortSignal;
  now?: () => Date;
}

async function timed<T>(run: () => T | Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await run();
  return { value, ms: Math.round((performance.now() - t0) * 10) / 10 };
}

function failure(stage: string, e: unknown): StageOutcome {
  if (isUnspinError(e)) return { status: 'failed', reason: e.message };
  return { status: 'failed', reason: `${stage} failed: ${e instanceof Error ? e.message : String(e)}` };
}

/** Lets timers and sockets run between CPU-heavy stages, and honours cancellation. */
async function checkpoint(signal: AbortSignal | undefined): Promise<void> {
  await yieldToEventLoop();
  if (signal?.aborted) {
    throw signal.reason instanceof Error ? signal.reason : new UnspinError('internal', 'analysis cancelled');
  }
}

/**
 * Runs one stage: its outcome (time, or why it failed) goes into `stages`, a failure leaves its
 * section null, and the event loop gets a turn before the next stage.
 */
async function runStage<T>(stages: Partial<Record<StageName, StageOutcome>>, name: StageName, label: string,
  run: () => T | Promise<T>, signal: AbortSignal | undefined): Promise<T | null> {
  let value: T | null = null;
  try {
    const r = await timed(run);
    value = r.value;
    stages[name] = { status: 'ok', ms: r.ms };
  } catch (e) {
    stages[name] = failure(label, e);
  }
  await checkpoint(signal);
  return value;
}

/** Runs the pipeline on one page. Throws only when no article can be had at all. */
export async function analyse(page: RawPage, options: AnalyseOptions = {}): Promise<Report> {
  const pipeline = options.pipeline ?? (await loadPipeline());
  const stages = {} as Record<StageName, StageOutcome>;

  if (isUnavailable(pipeline.extract)) throw new UnspinError('internal', `cannot analyse: ${pipeline.extract.unavailable}`);
  const extractFn = pipeline.extract;
  const extracted = await timed(() => extractFn(page));
  const article = extracted.value;
  if (article.text.trim() === '') throw new UnspinError('input', `${page.id}: no article text found`);
  if (options.maxTextLength !== undefined && article.text.length > options.maxTextLength) {
    throw new UnspinError('tooLarge', `the article is ${article.text.length} characters long; at most ${options.maxTextLength} are analysed here`);
  }
  stages.extract = { status: 'ok', ms: extracted.ms };
  await checkpoint(options.signal);

  const text = article.text;
  let spin: SpinDetection | null = null;
  let restoration: Restoration | null = null;
  const restorer = pipeline.restorer;
  if (isUnavailable(restorer)) {
    stages.spin = { status: 'unavailable', reason: restorer.unavailable };
    stages.restoration = { status: 'unavailable', reason: restorer.unavailable };
  } else {
    spin = await runStage(stages, 'spin', 'spin detection', () => restorer.detect(text), options.signal);
    if (options.restore === false) stages.restoration = { status: 'skipped', reason: 'restoration not requested' };
    else restoration = await runStage(stages, 'restoration', 'restoration', () => restorer.restore(text), options.signal);
  }

  let quotes: Quote[] | null = null;
  const findQuotes = pipeline.findQuotes;
  if (options.quotes === false) stages.quotes = { status: 'skipped', reason: 'quotes not requested' };
  else if (isUnavailable(findQuotes)) stages.quotes = { status: 'unavailable', reason: findQuotes.unavailable };
  else quotes = await runStage(stages, 'quotes', 'quote finding', () => findQuotes(text), options.signal);

  let provenance: Provenance | null = null;
  const trace = pipeline.trace;
  if (!options.store) stages.provenance = { status: 'skipped', reason: options.noStoreReason ?? 'no index given' };
  else if (isUnavailable(trace)) stages.provenance = { status: 'unavailable', reason: trace.unavailable };
  else {
    const store = options.store;
    provenance = await runStage(stages, 'provenance', 'tracing', () => trace(article, store), options.signal);
  }

  const now = options.now?.() ?? new Date();
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    generator: { name: 'unspin', version: VERSION },
    createdAt: now.toISOString(),
    input: { id: page.id, url: page.url ?? null, fetchedAt: page.fetchedAt ?? null },
    article,
    summary: summarise({ article, spin, restoration, provenance, stages }),
    spin,
    restoration,
    quotes,
    provenance,
    stages,
  };
}

/** A store to trace against, or why there is none. */
export interface IndexChoice {
  store: StoreLike | null;
  reason?: string;
  close(): Promise<void>;
}

/**
 * The index for `inspect` and `serve`: the one named by --db (it must exist), else UNSPIN_DB or
 * ./unspin.db when such a file exists; otherwise none, with the reason the report will show.
 */
export async function chooseIndex(db: string | undefined, options: { readonly?: boolean } = {}): Promise<IndexChoice> {
  // Imported when needed: opening an index loads the native SQLite binding.
  const { openStore, resolveStoreSpec } = await import('./index/index.js');
  const spec = resolveStoreSpec(db);
  const isUrl = /^[a-z]+:\/\//i.test(spec);
  if (db === undefined && !isUrl && !existsSync(spec)) {
    return { store: null, reason: `no index (pass --db, set UNSPIN_DB, or create ${spec} with \`unspin index\`)`, close: async () => {} };
  }
  if (db !== undefined && !isUrl && !existsSync(spec) && options.readonly !== false) {
    throw new UnspinError('database', `no index at ${spec} (build one with \`unspin index\`)`);
  }
  const store = await openStore(spec, { readonly: options.readonly ?? true });
  return { store, close: () => store.close() };
}
