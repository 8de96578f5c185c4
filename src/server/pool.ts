/**
 * The analysis workers: a fixed number of worker threads, each holding the loaded pipeline and
 * running one job at a time, so restoration (seconds of synchronous CPU work on a long article)
 * never holds the server's event loop. A job whose request is gone (deadline, client closed) is
 * dropped from the queue, or, when already running, its worker is terminated and a fresh one
 * started: the only way to stop synchronous work is to end its thread. A worker that dies
 * mid-job fails that job alone (a WorkerCrashedError: 500 internal) and is replaced.
 */
import { Worker } from 'node:worker_threads';
import { UnspinError } from '../errors.js';
import { readSharedLanguage, type SharedLanguageFiles } from '../language/index.js';
import type { Article, RawPage } from '../model.js';
import type { Report } from '../report/types.js';
import type { AnalysisJob } from './job.js';
import { fromWire, type FromWorker, type ToWorker, type WorkerSetup, type WorkerTask } from './worker-protocol.js';

export class WorkerCrashedError extends Error {
  constructor() {
    super('the analysis worker stopped unexpectedly');
    this.name = 'WorkerCrashedError';
  }
}

export interface PoolOptions {
  /** Worker threads (each builds its own lookup tables over the one shared copy of the language files). */
  size: number;
  /** The index each worker opens read-only for tracing (SQLite path or PostgreSQL URL). */
  storeSpec: string | null;
  /** The worker module; tests substitute their own. Default: ./analysis-worker beside this file. */
  entry?: URL;
  /** The language files the workers share; tests pass their own. Default: readSharedLanguage(). */
  language?: SharedLanguageFiles;
}

export interface PoolStats {
  /** Workers started or starting (not those whose start failed). */
  workers: number;
  /** Ready and waiting for a job. */
  idle: number;
  busy: number;
  queued: number;
  /** Workers terminated mid-job (cancelled or crashed) and replaced. */
  replaced: number;
}

export interface AnalysisPool {
  readonly size: number;
  /** Analyses `page` in the first free worker; `signal` cancels it, queued or running. */
  run(page: RawPage, job: AnalysisJob, signal?: AbortSignal): Promise<Report>;
  /** Extracts `page`'s article in the first free worker (queued and cancelled like `run`). */
  extract(page: RawPage, signal?: AbortSignal): Promise<Article>;
  stats(): PoolStats;
  /** Fails what is queued or running and terminates every worker. */
  close(): Promise<void>;
}

interface Pending {
  id: number;
  page: RawPage;
  task: WorkerTask;
  settle(outcome: { value: Report | Article } | { error: Error }): void;
}

interface Slot {
  worker: Worker | null;
  /** Bumped when a worker is retired, so late events from it are ignored. */
  generation: number;
  state: 'starting' | 'idle' | 'busy' | 'broken';
  job: Pending | null;
  /** Why the last start failed (state 'broken'). */
  error: Error | null;
  /** Settles when the current worker is ready or has failed to start. */
  ready: Promise<void>;
}

function defaultEntry(): URL {
  // Built, this file is pool.js beside analysis-worker.js; under tsx (tests, `node --import tsx`)
  // it is pool.ts beside analysis-worker.ts.
  return new URL(`./analysis-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);
}

function createWorker(entry: URL, setup: WorkerSetup): Worker {
  if (entry.protocol === 'file:' && entry.pathname.endsWith('.ts')) {
    // Node 20 does not apply tsx's loader hooks to a worker's entry module even with
    // `--import tsx` inherited, so the thread registers them itself before importing the entry.
    const tsx = import.meta.resolve('tsx/esm/api');
    const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); });`;
    return new Worker(boot, { eval: true, workerData: setup });
  }
  return new Worker(entry, { workerData: setup });
}

/** A worker that died before it was ready: one line for the operator, not a stack trace. */
function startupError(e: unknown): UnspinError {
  return new UnspinError('internal', `an analysis worker could not start (${e instanceof Error ? e.message : String(e)})`, { cause: e });
}

function asError(reason: unknown): Error {
  return reason instanceof Error ? reason : new UnspinError('internal', 'analysis cancelled');
}

class WorkerPool implements AnalysisPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private readonly entry: URL;
  /** Read once here; each worker, replacements included, gets the same shared memory. */
  private readonly language: SharedLanguageFiles;
  private nextId = 1;
  private replaced = 0;
  private closed = false;

  constructor(private readonly options: PoolOptions) {
    this.entry = options.entry ?? defaultEntry();
    this.language = options.language ?? readSharedLanguage();
    for (let i = 0; i < options.size; i++) {
      const slot: Slot = { worker: null, generation: 0, state: 'starting', job: null, error: null, ready: Promise.resolve() };
      this.slots.push(slot);
      this.start(slot);
    }
  }

  get size(): number {
    return this.slots.length;
  }

  /** Resolves when every worker is ready; rejects with the first start-up failure. */
  started(): Promise<void> {
    return Promise.all(this.slots.map((s) => s.ready)).then(() => undefined);
  }

  run(page: RawPage, job: AnalysisJob, signal?: AbortSignal): Promise<Report> {
    return this.submit<Report>(page, { kind: 'analyse', job }, signal);
  }

  extract(page: RawPage, signal?: AbortSignal): Promise<Article> {
    return this.submit<Article>(page, { kind: 'extract' }, signal);
  }

  /** `T` is what the worker answers to `task`: a Report to an analysis, an Article to an extraction. */
  private submit<T extends Report | Article>(page: RawPage, task: WorkerTask, signal?: AbortSignal): Promise<T> {
    if (this.closed) return Promise.reject(new UnspinError('interrupted', 'the server is shutting down'));
    if (signal?.aborted) return Promise.reject(asError(signal.reason));
    // A worker whose start failed (say, the index was briefly unreachable) gets another try.
    for (const slot of this.slots) if (slot.state === 'broken') this.start(slot);
    return new Promise<T>((resolve, reject) => {
      const onAbort = (): void => this.cancel(pending, asError(signal?.reason));
      const pending: Pending = {
        id: this.nextId++, page, task,
        settle: (outcome) => {
          signal?.removeEventListener('abort', onAbort);
          // The worker answers each task with its own kind of value (analysis-worker.ts).
          if ('value' in outcome) resolve(outcome.value as T);
          else reject(outcome.error);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(pending);
      this.dispatch();
    });
  }

  stats(): PoolStats {
    return {
      workers: this.slots.filter((s) => s.state !== 'broken').length,
      idle: this.slots.filter((s) => s.state === 'idle').length,
      busy: this.slots.filter((s) => s.state === 'busy').length,
      queued: this.queue.length,
      replaced: this.replaced,
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    const shutdown = new UnspinError('interrupted', 'the server is shutting down');
    for (const p of this.queue.splice(0)) p.settle({ error: shutdown });
    await Promise.all(this.slots.map(async (slot) => {
      slot.job?.settle({ error: shutdown });
      slot.job = null;
      slot.state = 'broken';
      await this.retire(slot);
    }));
  }

  private start(slot: Slot): void {
    const generation = ++slot.generation;
    slot.state = 'starting';
    slot.job = null;
    slot.error = null;
    let markReady: () => void = () => {};
    let markFailed: (e: Error) => void = () => {};
    slot.ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      markFailed = reject;
    });
    // Only startPool waits on this; a replacement's failure is reported to the jobs instead.
    slot.ready.catch(() => undefined);
    let worker: Worker;
    try {
      worker = createWorker(this.entry, { storeSpec: this.options.storeSpec, language: this.language });
    } catch (e) {
      this.broken(slot, startupError(e), markFailed);
      return;
    }
    slot.worker = worker;
    const current = (): boolean => slot.generation === generation;

    worker.on('message', (message: FromWorker) => {
      if (!current()) return;
      if (message.type === 'ready') {
        slot.state = 'idle';
        markReady();
        this.dispatch();
      } else if (message.type === 'failed') {
        this.broken(slot, fromWire(message.error), markFailed);
      } else {
        const job = slot.job;
        if (!job || job.id !== message.id) return;
        slot.job = null;
        slot.state = 'idle';
        if (message.type === 'result') job.settle({ value: message.report });
        else if (message.type === 'article') job.settle({ value: message.article });
        else job.settle({ error: fromWire(message.error) });
        this.dispatch();
      }
    });
    const died = (why: Error): void => {
      if (!current()) return;
      if (slot.state === 'starting') {
        this.broken(slot, startupError(why), markFailed);
        return;
      }
      const job = slot.job;
      void this.retire(slot);
      if (this.closed) return;
      if (job) {
        this.replaced++;
        job.settle({ error: new WorkerCrashedError() });
      }
      this.start(slot);
    };
    worker.on('error', died);
    worker.on('exit', (code) => died(new Error(`exit code ${code}`)));
  }

  /** A worker that could not start: no job ever went to it, so none is failed here. */
  private broken(slot: Slot, error: Error, markFailed: (e: Error) => void): void {
    void this.retire(slot);
    slot.state = 'broken';
    slot.error = error;
    markFailed(error);
    this.dispatch();
  }

  /** Ends a slot's worker and ignores whatever it still says. */
  private async retire(slot: Slot): Promise<void> {
    slot.generation++;
    const worker = slot.worker;
    slot.worker = null;
    await worker?.terminate().catch(() => undefined);
  }

  private cancel(pending: Pending, reason: Error): void {
    const queued = this.queue.indexOf(pending);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      pending.settle({ error: reason });
      return;
    }
    const slot = this.slots.find((s) => s.job === pending);
    if (!slot) return;
    // Synchronous work cannot be interrupted from outside: end the thread to free the CPU.
    slot.job = null;
    pending.settle({ error: reason });
    this.replaced++;
    void this.retire(slot);
    if (!this.closed) this.start(slot);
  }

  private dispatch(): void {
    if (this.closed) return;
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.state !== 'idle') continue;
      const pending = this.queue.shift() as Pending;
      slot.state = 'busy';
      slot.job = pending;
      const message: ToWorker = { type: 'job', id: pending.id, page: pending.page, task: pending.task };
      try {
        slot.worker?.postMessage(message);
      } catch (e) {
        // Not cloneable (a caller's page with a function in its meta, say): that job alone fails.
        slot.job = null;
        slot.state = 'idle';
        pending.settle({ error: e instanceof Error ? e : new Error(String(e)) });
      }
    }
    // No worker can take them: answer now rather than at the deadline.
    const failed = this.slots.every((s) => s.state === 'broken') ? this.slots[0]?.error : null;
    if (failed) for (const p of this.queue.splice(0)) p.settle({ error: failed });
  }
}

/** Starts `size` workers and waits until each is ready; a start-up failure closes them all. */
export async function startPool(options: PoolOptions): Promise<AnalysisPool> {
  if (!Number.isInteger(options.size) || options.size < 1) throw new UnspinError('usage', `the pool needs at least one worker, got ${options.size}`);
  const pool = new WorkerPool(options);
  try {
    await pool.started();
  } catch (e) {
    await pool.close();
    throw e;
  }
  return pool;
}
