/**
 * The article index: open a store (SQLite file now; the interface admits PostgreSQL), add
 * articles with fingerprints that survive spinning, and find candidate sources.
 */
import { SqliteStore } from './sqlite-store.js';
import type { ArticleStore } from './store.js';

export type * from './store.js';
export { addInputs, type AddOptions, type AddSummary, type AddProgress } from './add.js';
export { findCandidates, type Candidate, type CandidateResult } from './candidates.js';
export { fingerprint } from './fingerprint.js';
export { contentHash, recordFromText, recordFromArticle, normaliseText } from './records.js';

export const DEFAULT_DB = './unspin.db';

export interface OpenStoreOptions {
  /** Open without writing (trace): the index must exist. */
  readonly?: boolean;
}

/** The store location chosen by flag, then UNSPIN_DB, then ./unspin.db. */
export function resolveStoreSpec(spec?: string): string {
  return spec ?? (process.env.UNSPIN_DB && process.env.UNSPIN_DB !== '' ? process.env.UNSPIN_DB : DEFAULT_DB);
}

/**
 * Opens the store named by `spec` (a file path; default UNSPIN_DB or ./unspin.db).
 * postgres:// and postgresql:// URLs open the PostgreSQL store (pg-store.ts).
 */
export function openStore(spec?: string, options: OpenStoreOptions = {}): Promise<ArticleStore> {
  const chosen = resolveStoreSpec(spec);
  if (/^postgres(ql)?:\/\//i.test(chosen)) {
    return import('./pg-store.js').then((m) => m.PgStore.open(chosen, options));
  }
  try {
    return Promise.resolve(SqliteStore.open(chosen, options));
  } catch (e) {
    return Promise.reject(e instanceof Error ? e : new Error(String(e)));
  }
}
