/**
 * One analysis as the server asks for it, run the same way on the main thread (library users and
 * tests that pass a pipeline) and in an analysis worker, so both answer alike.
 */
import { analyse, type Pipeline } from '../analyse.js';
import type { ArticleStore } from '../index/index.js';
import type { RawPage } from '../model.js';
import type { Report } from '../report/types.js';

/** The options that cross to a worker with the page: plain data only. */
export interface AnalysisJob {
  quotes?: boolean;
  restore?: boolean;
  /** Trace against the index (the worker's own read connection, or the given store). */
  trace: boolean;
  /** Longest article text analysed; longer ones are refused (413) before the heavy stages. */
  maxTextLength: number;
  /** Shown in stages.provenance when there is nothing to trace against. */
  noStoreReason: string;
}

export function runAnalysisJob(page: RawPage, job: AnalysisJob, using: { pipeline?: Pipeline; store: ArticleStore | null },
  signal?: AbortSignal): Promise<Report> {
  return analyse(page, {
    pipeline: using.pipeline, store: job.trace ? using.store : null, quotes: job.quotes, restore: job.restore,
    signal, maxTextLength: job.maxTextLength, noStoreReason: job.noStoreReason,
  });
}
