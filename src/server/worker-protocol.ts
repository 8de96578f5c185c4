/**
 * What passes between the server's main thread and its analysis workers. Everything here is
 * structured-clone data: a RawPage and a task go in, a Report, an Article or an error comes out.
 * Errors cross as plain objects because structured cloning drops an Error subclass's own fields
 * (an UnspinError would arrive as a bare Error and lose the kind that picks its HTTP status).
 */
import { ExitCode, UnspinError, isUnspinError, type ExitCodeName } from '../errors.js';
import type { SharedLanguageFiles } from '../language/index.js';
import type { Article, RawPage } from '../model.js';
import type { Report } from '../report/types.js';
import type { AnalysisJob } from './job.js';

/** Given to each worker at start (`workerData`). */
export interface WorkerSetup {
  /** The index the worker opens read-only for tracing (SQLite path or PostgreSQL URL); null: none. */
  storeSpec: string | null;
  /** The compiled language files the pool read once into shared memory: every worker's tables
   *  are views over this one copy. */
  language: SharedLanguageFiles;
}

/** An error as it crosses the thread boundary. */
export type WireError =
  | { kind: ExitCodeName; message: string }
  /** Anything unexpected: its name only, since its message may quote page content. */
  | { name: string };

/**
 * What a worker does with a page: analyse it, or only extract its article (POST /v1/index, whose
 * write stays on the main thread's store, as a large page's parse must not hold up other requests).
 */
export type WorkerTask = { kind: 'analyse'; job: AnalysisJob } | { kind: 'extract' };

export type ToWorker = { type: 'job'; id: number; page: RawPage; task: WorkerTask };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'failed'; error: WireError }
  | { type: 'result'; id: number; report: Report }
  | { type: 'article'; id: number; article: Article }
  | { type: 'error'; id: number; error: WireError };

export function toWire(e: unknown): WireError {
  if (isUnspinError(e)) return { kind: e.kind, message: e.message };
  return { name: e instanceof Error ? e.name : 'Error' };
}

export function fromWire(w: WireError): Error {
  if ('kind' in w && w.kind in ExitCode) return new UnspinError(w.kind, w.message);
  const e = new Error('internal error');
  e.name = 'name' in w && typeof w.name === 'string' ? w.name : 'Error';
  return e;
}
