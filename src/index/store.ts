/**
 * The article store: what `index` and `trace` need from a database, and nothing about SQL.
 * Every method is async so a networked implementation (PostgreSQL via `pg`) can stand in for
 * the embedded SQLite one without changing any caller. Candidate scoring lives outside the
 * store (candidates.ts) and uses only `lookupTerms`, so both implementations rank alike.
 */

/** One article ready to be stored: text plus its fingerprint terms (see fingerprint.ts). */
export interface IndexRecord {
  /** Caller's id (kept as given); what `trace` reports. */
  id: string;
  url: string | null;
  title: string | null;
  /** ISO 8601 date or date-time, when known. */
  published: string | null;
  text: string;
  /** sha256 hex of the normalised text (records.ts `contentHash`). */
  contentHash: string;
  /** Distinct hashed fingerprint terms. */
  terms: number[];
}

export interface StoredArticle {
  /** Internal integer key, used only between `lookupTerms` and `getByKeys`. */
  key: number;
  id: string;
  url: string | null;
  title: string | null;
  published: string | null;
  text: string;
  contentHash: string;
  addedAt: string;
}

/** What happened to one record of a batch. */
export type AddOutcome =
  | { status: 'added'; id: string }
  | { status: 'updated'; id: string }
  /** Same id already stored and the policy is 'skip', or the same text under that id. */
  | { status: 'duplicate-id'; id: string }
  /** Identical text already stored under another id. */
  | { status: 'duplicate-content'; id: string; existingId: string };

export type DuplicateIdPolicy = 'update' | 'skip';

export interface TermLookup {
  term: number;
  /** Number of stored articles carrying the term. */
  df: number;
  /** Keys of those articles, present only when df <= the maxDf asked for. */
  keys: number[] | null;
}

export interface StoreStats {
  articles: number;
  /** Distinct fingerprint terms. */
  terms: number;
  /** Stored (term, article) pairs. */
  postings: number;
  /** Bytes on disk (database plus journal files), when the store knows. */
  bytes: number | null;
  schemaVersion: number;
  location: string;
  oldestPublished: string | null;
  newestPublished: string | null;
}

/** Result of an integrity check: every article carries exactly its fingerprints. */
export interface IntegrityReport {
  ok: boolean;
  articles: number;
  /** Articles whose postings are missing or extra. */
  inconsistentArticles: string[];
  /** Term document-frequency counters that disagree with the postings. */
  badTermCounts: number;
  /** Postings pointing to no article. */
  orphanPostings: number;
  duplicateContentHashes: number;
}

export interface ArticleStore {
  /** Human-readable place of the store (file path or connection string without secrets). */
  readonly location: string;
  /**
   * Stores a batch atomically: all records with their fingerprints, or none (a killed process
   * leaves the previous batch boundary). Outcomes are in input order.
   */
  addBatch(records: IndexRecord[], onDuplicateId: DuplicateIdPolicy): Promise<AddOutcome[]>;
  get(id: string): Promise<StoredArticle | null>;
  getByKeys(keys: number[]): Promise<StoredArticle[]>;
  remove(id: string): Promise<boolean>;
  count(): Promise<number>;
  /** Document frequencies of terms, with posting lists for those no more common than maxDf. */
  lookupTerms(terms: number[], maxDf: number): Promise<TermLookup[]>;
  stats(): Promise<StoreStats>;
  checkIntegrity(): Promise<IntegrityReport>;
  close(): Promise<void>;
}
