/**
 * `unspin worker`: takes jobs from the queue and runs each through fetch (polite) -> extract ->
 * fingerprint -> index, with at most `concurrency` jobs in flight in this process. Any number of
 * workers on any number of machines may run against one database. With `analyse`, each newly
 * indexed page is also scored for spinning (the spin detector of src/spin) into page_analysis.
 *
 * Re-crawls are conditional: a URL's stored ETag / Last-Modified go out as If-None-Match /
 * If-Modified-Since, and a 304 ends the job as 'unchanged' (notModified) with nothing
 * downloaded, extracted or indexed. Feeds keep validators too, so polling one is cheap.
 *
 * Failures are sorted by whether trying again can help:
 *   permanent (bad page, refused address, robots.txt, HTTP 4xx, too large): the job completes
 *     with the reason as its output and is not retried;
 *   transient (timeouts, 5xx, connection errors, database errors): the job fails and pg-boss
 *     retries it after a backoff, up to the job's retry limit.
 * A worker that dies mid-job (SIGKILL, power cut) leaves its job 'active'; pg-boss's
 * maintenance, run by any live worker, expires it after `expireInSeconds` and it is retried.
 */
import type PgBoss from 'pg-boss';
import { UnspinError, isUnspinError } from '../errors.js';
import { extract } from '../extract/index.js';
import { pgError } from '../index/pg/connection.js';
import { recordFromArticle, recordFromText } from '../index/records.js';
import type { AddOutcome, IndexRecord } from '../index/store.js';
import type { IngestOptions } from '../ingest/index.js';
import { PoliteFetcher } from '../ingest/sources/polite.js';
import { mediaType } from '../ingest/response.js';
import { FEED_CONTENT_TYPES, parseXmlSource, sniffXmlSource } from '../ingest/sources/xml.js';
import type { Article, RawPage } from '../model.js';
import type { Restorer } from '../spin/index.js';
import { CrawlState } from './crawl-state.js';
import { Enqueuer } from './enqueue.js';
import { MAX_SOURCE_DEPTH, PAGE_QUEUE, sha256, type Job, type PageJob, type QueueTimings, type UrlJob } from './jobs.js';
import { pendingJobs, type Queue } from './queue.js';

/** How long a worker keeps retrying an unreachable database before it exits (code 7). */
const DATABASE_PATIENCE_MS = 60_000;

export interface WorkerOptions {
  concurrency?: number;
  ingest?: IngestOptions;
  /** Per-host politeness (see PoliteFetcher). */
  perHostConcurrency?: number;
  hostDelayMs?: number;
  robots?: boolean;
  /** Seconds between polls when the queue is empty (default 1). */
  pollSeconds?: number;
  /** Stop once no job is queued, retrying or running anywhere (batch runs, benchmarks, tests). */
  exitWhenIdle?: boolean;
  /** Timings given to jobs this worker discovers (feed and sitemap entries). */
  timings?: QueueTimings;
  /** Also score each newly indexed page for spinning (loads the language model once). */
  analyse?: boolean;
  onJob?: (e: JobEvent) => void;
  signal?: AbortSignal;
}

export type JobResult =
  | { status: 'indexed'; outcome: AddOutcome['status']; id: string; spinScore?: number }
  /** `notModified`: the server answered 304 to the stored validators; nothing was downloaded. */
  | { status: 'unchanged'; id: string; notModified?: boolean }
  | { status: 'source'; kind: string; found: number }
  | { status: 'skipped'; reason: string };

export interface JobEvent {
  jobId: string;
  what: string;
  result?: JobResult;
  error?: string;
  ms: number;
}

export interface WorkerSummary {
  jobs: number;
  indexed: number;
  /** Same text already indexed (retry, re-crawl, or a copy under another URL). */
  duplicates: number;
  unchanged: number;
  /** Of the unchanged, those the server confirmed with a 304 (no body downloaded). */
  notModified: number;
  sources: number;
  skipped: number;
  /** Attempts that failed and were handed back for a retry. */
  failedAttempts: number;
  seconds: number;
}

/** Errors that will not go away by trying again. */
export function isPermanent(e: unknown): boolean {
  if (!isUnspinError(e)) return false;
  if (e.kind === 'input' || e.kind === 'blocked' || e.kind === 'tooLarge' || e.kind === 'usage') return true;
  if (e.kind === 'fetch') {
    const status = /HTTP (\d{3})/.exec(e.message)?.[1];
    if (status) return status.startsWith('4') && status !== '408' && status !== '429';
    return /content type|redirect loop|too many redirects|invalid URL|unsupported content encoding/.test(e.message);
  }
  return false;
}

function nonEmpty(article: Article, where: string): Article {
  if (article.text.trim() === '') throw new UnspinError('input', `${where}: no article text found`);
  return article;
}

function withHints(record: IndexRecord, job: { title?: string; published?: string }): IndexRecord {
  return { ...record, title: record.title ?? job.title ?? null, published: record.published ?? job.published ?? null };
}

export class Worker {
  private readonly state: CrawlState;
  private readonly fetcher: PoliteFetcher;
  readonly summary: WorkerSummary = { jobs: 0, indexed: 0, duplicates: 0, unchanged: 0, notModified: 0, sources: 0, skipped: 0, failedAttempts: 0, seconds: 0 };

  constructor(private readonly q: Queue, private readonly opts: WorkerOptions = {}) {
    this.state = new CrawlState(q.sidePool);
    this.fetcher = new PoliteFetcher({
      ingest: opts.ingest ?? {},
      perHostConcurrency: opts.perHostConcurrency,
      delayMs: opts.hostDelayMs,
      robots: opts.robots,
      reserve: (host, gap) => this.state.reserve(host, gap),
    });
  }

  private restorer: Promise<Restorer> | null = null;

  private loadRestorer(): Promise<Restorer> {
    this.restorer ??= import('../spin/index.js').then((m) => m.createRestorer());
    return this.restorer;
  }

  private async index(record: IndexRecord): Promise<JobResult> {
    const [outcome] = await this.q.store.addBatch([record], 'update');
    const result: JobResult = { status: 'indexed', outcome: outcome.status, id: record.id };
    if (this.opts.analyse && (outcome.status === 'added' || outcome.status === 'updated')) {
      const detection = (await this.loadRestorer()).detect(record.text);
      await this.q.store.pool.query(
        `INSERT INTO page_analysis (id, spin_score, flags) VALUES ($1, $2, $3)
         ON CONFLICT (id) DO UPDATE SET spin_score = $2, flags = $3, analysed_at = now()`,
        [record.id, detection.spinScore, detection.flags.length]);
      result.spinScore = detection.spinScore;
    }
    return result;
  }

  private async runPage(job: PageJob): Promise<JobResult> {
    const where = job.id ?? job.url ?? 'page';
    let record: IndexRecord;
    if (job.html === undefined && job.text !== undefined) {
      record = recordFromText({ id: job.id ?? null, url: job.url ?? null, title: job.title ?? null, published: job.published ?? null }, job.text);
    } else {
      const page: RawPage = { id: where, url: job.url, html: job.html ?? '', fetchedAt: job.fetchedAt ?? new Date().toISOString() };
      const article = nonEmpty(extract(page), where);
      record = withHints(recordFromArticle(job.id ?? null, { ...article, url: article.url ?? job.url ?? null }), job);
    }
    return this.index(record);
  }

  private async runUrl(job: UrlJob): Promise<JobResult> {
    const known = await this.state.get(job.url);
    // Validators are stored only once a URL's content was processed, so a 304 means "done".
    const validators = known?.contentHash ? { etag: known.etag, lastModified: known.lastModified } : undefined;
    // Any URL may turn out to be a feed or a sitemap, so their content types are read too.
    const fetched = await this.fetcher.fetchIfModified(job.url, { validators, acceptTypes: FEED_CONTENT_TYPES });
    if (fetched.notModified) {
      // A 304 may carry a fresh ETag; the content hash is kept (coalesce in CrawlState.set).
      await this.state.set(job.url, {
        etag: fetched.headers.etag ?? known?.etag ?? null,
        lastModified: fetched.headers['last-modified'] ?? known?.lastModified ?? null,
        contentHash: null,
      });
      return { status: 'unchanged', id: job.url, notModified: true };
    }
    const page = fetched.page;
    const body = page.html ?? page.text ?? '';
    const xmlKind = sniffXmlSource(body);
    const type = mediaType(page.headers?.['content-type']);
    if (!xmlKind && FEED_CONTENT_TYPES.includes(type)) {
      throw new UnspinError('fetch', `refused ${job.url}: content type ${type} but not a feed or sitemap`);
    }
    if (xmlKind) {
      if (job.depth >= MAX_SOURCE_DEPTH) return { status: 'skipped', reason: `${job.url}: ${xmlKind} nested more than ${MAX_SOURCE_DEPTH} deep` };
      const source = parseXmlSource(body, job.url, page.url ?? job.url);
      const e = new Enqueuer(this.q, { timings: this.opts.timings, maxBacklog: Number.MAX_SAFE_INTEGER });
      for (const entry of source.entries) {
        await e.add({ kind: 'url', url: entry.url, depth: job.depth + 1, title: entry.title, published: entry.published });
      }
      await e.flush();
      // Stored after the entries are queued, so a failure before then re-reads the whole source;
      // a feed polled again is then a 304 when the site supports it.
      const etag = page.headers?.etag ?? null;
      const lastModified = page.headers?.['last-modified'] ?? null;
      if (etag || lastModified) await this.state.set(job.url, { etag, lastModified, contentHash: sha256(body) });
      return { status: 'source', kind: source.kind, found: source.entries.length };
    }
    const headers = page.headers ?? {};
    const etag = headers.etag ?? null;
    const lastModified = headers['last-modified'] ?? null;
    // A server that ignores conditional requests but sends the same validators: the page is
    // the one already processed, so the extraction is skipped.
    if (known && known.contentHash && ((etag && known.etag === etag) || (!etag && lastModified && known.lastModified === lastModified))) {
      return { status: 'unchanged', id: job.url };
    }
    const article = nonEmpty(extract(page), job.url);
    const record = withHints(recordFromArticle(null, { ...article, url: article.url ?? page.url ?? job.url }), job);
    if (known?.contentHash === record.contentHash) {
      await this.state.set(job.url, { etag, lastModified, contentHash: record.contentHash });
      return { status: 'unchanged', id: record.id };
    }
    const result = await this.index(record);
    await this.state.set(job.url, { etag, lastModified, contentHash: record.contentHash });
    return result;
  }

  /** Runs one job; throws only for failures worth a retry. */
  async run(job: Job): Promise<JobResult> {
    try {
      return job.kind === 'url' ? await this.runUrl(job) : await this.runPage(job);
    } catch (e) {
      if (isPermanent(e)) return { status: 'skipped', reason: (e as Error).message };
      throw e;
    }
  }

  private tally(r: JobResult): void {
    this.summary.jobs++;
    if (r.status === 'indexed') {
      if (r.outcome === 'added' || r.outcome === 'updated') this.summary.indexed++;
      else this.summary.duplicates++;
    } else if (r.status === 'unchanged') {
      this.summary.unchanged++;
      if (r.notModified) this.summary.notModified++;
    }
    else if (r.status === 'source') this.summary.sources++;
    else this.summary.skipped++;
  }

  private async handle(job: PgBoss.Job<Job>): Promise<void> {
    const started = Date.now();
    const what = job.data.kind === 'url' ? job.data.url : job.data.id ?? job.data.url ?? job.id;
    try {
      const result = await this.run(job.data);
      this.tally(result);
      await this.q.boss.complete(PAGE_QUEUE, job.id, result);
      if (job.data.kind === 'page') await this.forgetPageBody(job.id);
      this.opts.onJob?.({ jobId: job.id, what, result, ms: Date.now() - started });
    } catch (e) {
      this.summary.failedAttempts++;
      const message = e instanceof Error ? e.message : String(e);
      await this.q.boss.fail(PAGE_QUEUE, job.id, { message }).catch(() => undefined);
      this.opts.onJob?.({ jobId: job.id, what, error: message, ms: Date.now() - started });
    }
  }

  /**
   * A finished page job keeps its id (so the same record is not queued again for a day) but
   * not its HTML: a WARC's pages would otherwise sit in the job tables for a week. Best effort.
   */
  private async forgetPageBody(jobId: string): Promise<void> {
    await this.q.sidePool.query(
      `UPDATE "${this.q.jobSchema}".job SET data = data - 'html' - 'text' WHERE name = $1 AND id = $2 AND state = 'completed'`,
      [PAGE_QUEUE, jobId]).catch(() => undefined);
  }

  /**
   * Pulls jobs while slots are free (at most `concurrency` in flight), until stopped by the
   * signal or, with exitWhenIdle, until nothing is left to do anywhere.
   */
  async runUntilDone(): Promise<WorkerSummary> {
    const started = Date.now();
    // Missing language resources are this worker's problem, not the jobs': fail before taking any.
    if (this.opts.analyse) await this.loadRestorer();
    const concurrency = Math.max(1, this.opts.concurrency ?? 2);
    const pollMs = Math.max(100, (this.opts.pollSeconds ?? 1) * 1000);
    const inFlight = new Set<Promise<void>>();
    let idleChecks = 0;
    let failingSince: number | null = null;
    const sleep = (ms: number): Promise<void> => new Promise((resolve) => {
      const t = setTimeout(resolve, ms);
      this.opts.signal?.addEventListener('abort', () => { clearTimeout(t); resolve(); }, { once: true });
    });
    while (!this.opts.signal?.aborted) {
      const free = concurrency - inFlight.size;
      let jobs: PgBoss.Job<Job>[];
      try {
        jobs = free > 0 ? (await this.q.boss.fetch<Job>(PAGE_QUEUE, { batchSize: free })) ?? [] : [];
        failingSince = null;
      } catch (e) {
        // A database restart or network blip: keep the jobs in flight, try again, and give up
        // (exit 7) only when the database has been unreachable for a while.
        failingSince ??= Date.now();
        if (Date.now() - failingSince > DATABASE_PATIENCE_MS) {
          await Promise.allSettled(inFlight);
          throw pgError(this.q.store.location, e);
        }
        process.stderr.write(`unspin: worker: cannot fetch jobs (${e instanceof Error ? e.message : String(e)}); retrying\n`);
        await sleep(pollMs);
        continue;
      }
      for (const job of jobs) {
        const p = this.handle(job).finally(() => inFlight.delete(p));
        inFlight.add(p);
      }
      if (jobs.length > 0) { idleChecks = 0; }
      if (inFlight.size >= concurrency) {
        await Promise.race(inFlight);
        continue;
      }
      if (jobs.length > 0) continue;
      if (this.opts.exitWhenIdle && inFlight.size === 0) {
        const p = await pendingJobs(this.q);
        // Twice in a row: a job failing elsewhere right now reappears as 'retry' in between.
        idleChecks = p.queued + p.active === 0 ? idleChecks + 1 : 0;
        if (idleChecks >= 2) break;
      }
      await Promise.race([sleep(pollMs), ...inFlight]);
    }
    await Promise.all(inFlight);
    this.summary.seconds = (Date.now() - started) / 1000;
    return this.summary;
  }
}
