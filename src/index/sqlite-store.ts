/**
 * The embedded store: one SQLite file (better-sqlite3), WAL mode so readers never wait for a
 * writer, and one transaction per batch so a killed process leaves whole batches only.
 *
 * Layout (schema version 1):
 *   articles(doc, id, url, title, published, text_z, content_hash, terms, added_at)
 *     text is deflate-compressed (news text shrinks ~3x); `terms` is the article's fingerprint
 *     as a Float64Array blob, kept so removal and integrity checks need no postings-by-doc index.
 *   postings(term, doc)  WITHOUT ROWID: the inverted index, clustered by term.
 *   terms(term, df)      document frequency per term, so candidate scoring can skip common
 *                        terms without counting their postings.
 */
import Database from 'better-sqlite3';
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { UnspinError } from '../errors.js';
import type {
  AddOutcome, ArticleStore, DuplicateIdPolicy, IndexRecord, IntegrityReport, StoreStats, StoredArticle, TermLookup,
} from './store.js';

/** Ordered migrations; user_version is the number applied. Never edit one that has shipped. */
const MIGRATIONS: string[] = [
  `CREATE TABLE articles (
     doc INTEGER PRIMARY KEY,
     id TEXT NOT NULL UNIQUE,
     url TEXT,
     title TEXT,
     published TEXT,
     text_z BLOB NOT NULL,
     content_hash TEXT NOT NULL,
     terms BLOB NOT NULL,
     added_at TEXT NOT NULL
   );
   CREATE INDEX articles_content_hash ON articles(content_hash);
   CREATE TABLE postings (term INTEGER NOT NULL, doc INTEGER NOT NULL, PRIMARY KEY (term, doc)) WITHOUT ROWID;
   CREATE TABLE terms (term INTEGER PRIMARY KEY, df INTEGER NOT NULL);`,
];

export const SQLITE_SCHEMA_VERSION = MIGRATIONS.length;

interface ArticleRow {
  doc: number; id: string; url: string | null; title: string | null; published: string | null;
  text_z: Buffer; content_hash: string; added_at: string;
}

function dbError(location: string, e: unknown): UnspinError {
  const code = (e as { code?: string }).code ?? '';
  const msg = e instanceof Error ? e.message : String(e);
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    return new UnspinError('database', `${location} is not a usable unspin index (${msg}); choose another path with --db or move the file away`, { cause: e });
  }
  if (code === 'SQLITE_READONLY' || code.startsWith('SQLITE_READONLY') || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM') {
    return new UnspinError('database', `cannot write the index at ${location} (${msg}); check that its directory exists and is writable`, { cause: e });
  }
  if (code === 'SQLITE_BUSY') return new UnspinError('database', `the index at ${location} is locked by another process (${msg})`, { cause: e });
  if (code === 'SQLITE_FULL') return new UnspinError('database', `the disk holding ${location} is full`, { cause: e });
  return new UnspinError('database', `index ${location}: ${msg}`, { cause: e });
}

function termsToBlob(terms: number[]): Buffer {
  return Buffer.from(new Float64Array(terms).buffer);
}

function blobToTerms(b: Buffer): number[] {
  const copy = new Float64Array(b.byteLength / 8);
  new Uint8Array(copy.buffer).set(b);
  return Array.from(copy);
}

export interface SqliteOpenOptions {
  /** Open for reading only (trace, stats); the file must exist. */
  readonly?: boolean;
}

export class SqliteStore implements ArticleStore {
  readonly location: string;
  private readonly db: Database.Database;
  private readonly stmts;
  /** count(*) scans the table; cache it until this or another connection changes the data. */
  private countCache: { dataVersion: number; count: number } | null = null;

  private constructor(location: string, db: Database.Database) {
    this.location = location;
    this.db = db;
    this.stmts = {
      byId: db.prepare<[string], ArticleRow & { terms: Buffer }>('SELECT * FROM articles WHERE id = ?'),
      byHash: db.prepare<[string], { id: string }>('SELECT id FROM articles WHERE content_hash = ? LIMIT 1'),
      byDoc: db.prepare<[number], ArticleRow>('SELECT doc, id, url, title, published, text_z, content_hash, added_at FROM articles WHERE doc = ?'),
      insertArticle: db.prepare('INSERT INTO articles (id, url, title, published, text_z, content_hash, terms, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
      updateArticle: db.prepare('UPDATE articles SET url = ?, title = ?, published = ?, text_z = ?, content_hash = ?, terms = ?, added_at = ? WHERE doc = ?'),
      deleteArticle: db.prepare('DELETE FROM articles WHERE doc = ?'),
      insertPosting: db.prepare('INSERT INTO postings (term, doc) VALUES (?, ?)'),
      deletePosting: db.prepare('DELETE FROM postings WHERE term = ? AND doc = ?'),
      incTerm: db.prepare('INSERT INTO terms (term, df) VALUES (?, 1) ON CONFLICT(term) DO UPDATE SET df = df + 1'),
      decTerm: db.prepare('UPDATE terms SET df = df - 1 WHERE term = ?'),
      dropEmptyTerm: db.prepare('DELETE FROM terms WHERE term = ? AND df <= 0'),
      df: db.prepare<[number], number>('SELECT df FROM terms WHERE term = ?').pluck(),
      postingsOf: db.prepare<[number], number>('SELECT doc FROM postings WHERE term = ?').pluck(),
      hasPosting: db.prepare<[number, number], number>('SELECT 1 FROM postings WHERE term = ? AND doc = ?').pluck(),
      count: db.prepare<[], number>('SELECT count(*) FROM articles').pluck(),
    };
  }

  static open(file: string, options: SqliteOpenOptions = {}): SqliteStore {
    const location = path.resolve(file);
    const dir = path.dirname(location);
    if (!existsSync(dir)) throw new UnspinError('database', `cannot create the index at ${location}: directory ${dir} does not exist`);
    if (options.readonly && !existsSync(location)) {
      throw new UnspinError('database', `no index at ${location} (the index is empty: add articles with \`unspin index add\`, or choose one with --db / UNSPIN_DB)`);
    }
    if (existsSync(location) && statSync(location).isDirectory()) throw new UnspinError('database', `${location} is a directory, not an index file`);
    if (!options.readonly) {
      try {
        // WAL mode writes -wal and -shm files beside the database: the directory must be writable.
        accessSync(dir, constants.W_OK);
      } catch {
        throw new UnspinError('database', `cannot write the index at ${location}: directory ${dir} is read-only`);
      }
    }
    let db: Database.Database | undefined;
    try {
      db = new Database(location, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false, timeout: 5000 });
      const store = new SqliteStore(location, SqliteStore.prepareSchema(db, location, options.readonly ?? false));
      return store;
    } catch (e) {
      try { db?.close(); } catch { /* already failing; the first error is the one to report */ }
      if (e instanceof UnspinError) throw e;
      throw dbError(location, e);
    }
  }

  /** Applies pragmas and pending migrations; returns the db ready for statements. */
  private static prepareSchema(db: Database.Database, location: string, readonly: boolean): Database.Database {
    // Reading the header fails here (SQLITE_NOTADB) for a file that is not SQLite.
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > MIGRATIONS.length) {
      throw new UnspinError('database', `${location} has index schema version ${version}, newer than this unspin understands (${MIGRATIONS.length}); upgrade unspin`);
    }
    if (readonly) {
      if (version < MIGRATIONS.length) {
        // An older or blank file: its tables are missing or stale; reading it would mislead.
        if (version === 0 && !SqliteStore.hasTable(db, 'articles')) {
          throw new UnspinError('database', `${location} is not an unspin index (no articles table); the index is empty`);
        }
        throw new UnspinError('database', `${location} needs a schema upgrade; run \`unspin index stats\` (which migrates) first`);
      }
      return db;
    }
    db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode loses nothing when the process dies; only an OS crash may drop the
    // last commits, never corrupt the file.
    db.pragma('synchronous = NORMAL');
    db.pragma('cache_size = -262144');
    // Reads through a memory map skip a copy per page; the map only reserves address space.
    db.pragma('mmap_size = 1073741824');
    if (version === 0 && SqliteStore.hasForeignTables(db)) {
      throw new UnspinError('database', `${location} is an SQLite database but not an unspin index; choose another path with --db`);
    }
    const migrate = db.transaction(() => {
      for (let v = version; v < MIGRATIONS.length; v++) db.exec(MIGRATIONS[v]);
      db.pragma(`user_version = ${MIGRATIONS.length}`);
    });
    if (version < MIGRATIONS.length) migrate.immediate();
    return db;
  }

  private static hasTable(db: Database.Database, name: string): boolean {
    return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
  }

  private static hasForeignTables(db: Database.Database): boolean {
    return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' LIMIT 1").get() !== undefined;
  }

  private run<T>(fn: () => T): Promise<T> {
    try {
      return Promise.resolve(fn());
    } catch (e) {
      return Promise.reject(e instanceof UnspinError ? e : dbError(this.location, e));
    }
  }

  /**
   * Postings changes of a batch, applied in term order: the postings B-tree is clustered by
   * term, so sorted inserts touch each page once per batch instead of once per posting (what
   * keeps ingest fast once the index outgrows the page cache).
   */
  private applyPostings(allAdds: [number, number][], allDrops: [number, number][]): void {
    // Net the changes first: an update that keeps a term, or a record updated twice in one
    // batch, must neither drop a posting it re-adds nor add one it dropped.
    const net = new Map<string, { t: number; doc: number; n: number }>();
    for (const [t, doc] of allDrops) {
      const k = `${t}:${doc}`;
      const e = net.get(k);
      if (e) e.n--; else net.set(k, { t, doc, n: -1 });
    }
    for (const [t, doc] of allAdds) {
      const k = `${t}:${doc}`;
      const e = net.get(k);
      if (e) e.n++; else net.set(k, { t, doc, n: 1 });
    }
    const adds: [number, number][] = [];
    const drops: [number, number][] = [];
    for (const e of net.values()) {
      if (e.n > 0) adds.push([e.t, e.doc]);
      else if (e.n < 0) drops.push([e.t, e.doc]);
    }
    drops.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    for (const [t, doc] of drops) {
      this.stmts.deletePosting.run(t, doc);
      this.stmts.decTerm.run(t);
      this.stmts.dropEmptyTerm.run(t);
    }
    adds.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    for (const [t, doc] of adds) {
      this.stmts.insertPosting.run(t, doc);
      this.stmts.incTerm.run(t);
    }
  }

  addBatch(records: IndexRecord[], onDuplicateId: DuplicateIdPolicy): Promise<AddOutcome[]> {
    const tx = this.db.transaction((batch: IndexRecord[]): AddOutcome[] => {
      const adds: [number, number][] = [];
      const drops: [number, number][] = [];
      const outcomes = batch.map((r) => this.addOne(r, onDuplicateId, adds, drops));
      this.applyPostings(adds, drops);
      return outcomes;
    });
    this.countCache = null;
    return this.run(() => tx.immediate(records));
  }

  private addOne(r: IndexRecord, onDuplicateId: DuplicateIdPolicy, adds: [number, number][], drops: [number, number][]): AddOutcome {
    const now = new Date().toISOString();
    const existing = this.stmts.byId.get(r.id);
    if (existing) {
      if (onDuplicateId === 'skip' || existing.content_hash === r.contentHash) return { status: 'duplicate-id', id: r.id };
      const sameText = this.stmts.byHash.get(r.contentHash);
      if (sameText && sameText.id !== r.id) return { status: 'duplicate-content', id: r.id, existingId: sameText.id };
      for (const t of blobToTerms(existing.terms)) drops.push([t, existing.doc]);
      this.stmts.updateArticle.run(r.url, r.title, r.published, deflateRawSync(r.text), r.contentHash, termsToBlob(r.terms), now, existing.doc);
      for (const t of r.terms) adds.push([t, existing.doc]);
      return { status: 'updated', id: r.id };
    }
    const sameText = this.stmts.byHash.get(r.contentHash);
    if (sameText) return { status: 'duplicate-content', id: r.id, existingId: sameText.id };
    const info = this.stmts.insertArticle.run(r.id, r.url, r.title, r.published, deflateRawSync(r.text), r.contentHash, termsToBlob(r.terms), now);
    const doc = Number(info.lastInsertRowid);
    for (const t of r.terms) adds.push([t, doc]);
    return { status: 'added', id: r.id };
  }

  private toArticle(row: ArticleRow): StoredArticle {
    return {
      key: row.doc, id: row.id, url: row.url, title: row.title, published: row.published,
      text: inflateRawSync(row.text_z).toString('utf8'), contentHash: row.content_hash, addedAt: row.added_at,
    };
  }

  get(id: string): Promise<StoredArticle | null> {
    return this.run(() => {
      const row = this.stmts.byId.get(id);
      return row ? this.toArticle(row) : null;
    });
  }

  getByKeys(keys: number[]): Promise<StoredArticle[]> {
    return this.run(() => keys.map((k) => this.stmts.byDoc.get(k)).filter((r): r is ArticleRow => r !== undefined).map((r) => this.toArticle(r)));
  }

  remove(id: string): Promise<boolean> {
    const tx = this.db.transaction((): boolean => {
      const row = this.stmts.byId.get(id);
      if (!row) return false;
      this.applyPostings([], blobToTerms(row.terms).map((t): [number, number] => [t, row.doc]));
      this.stmts.deleteArticle.run(row.doc);
      return true;
    });
    this.countCache = null;
    return this.run(() => tx.immediate());
  }

  count(): Promise<number> {
    return this.run(() => {
      // data_version changes when another connection commits; local writes clear the cache.
      const dataVersion = this.db.pragma('data_version', { simple: true }) as number;
      if (this.countCache?.dataVersion === dataVersion) return this.countCache.count;
      const count = this.stmts.count.get() ?? 0;
      this.countCache = { dataVersion, count };
      return count;
    });
  }

  lookupTerms(terms: number[], maxDf: number): Promise<TermLookup[]> {
    return this.run(() => terms.map((term) => {
      const df = this.stmts.df.get(term) ?? 0;
      return { term, df, keys: df > 0 && df <= maxDf ? this.stmts.postingsOf.all(term) : null };
    }));
  }

  stats(): Promise<StoreStats> {
    return this.run(() => {
      const one = <T>(sql: string): T => this.db.prepare<[], T>(sql).pluck().get() as T;
      let bytes = 0;
      for (const suffix of ['', '-wal', '-shm']) {
        if (existsSync(this.location + suffix)) bytes += statSync(this.location + suffix).size;
      }
      return {
        articles: one<number>('SELECT count(*) FROM articles'),
        terms: one<number>('SELECT count(*) FROM terms'),
        postings: one<number>('SELECT coalesce(sum(df), 0) FROM terms'),
        bytes,
        schemaVersion: this.db.pragma('user_version', { simple: true }) as number,
        location: this.location,
        oldestPublished: one<string | null>('SELECT min(published) FROM articles'),
        newestPublished: one<string | null>('SELECT max(published) FROM articles'),
      };
    });
  }

  checkIntegrity(): Promise<IntegrityReport> {
    return this.run(() => {
      const inconsistent: string[] = [];
      let expectedPostings = 0;
      for (const row of this.db.prepare<[], { id: string; doc: number; terms: Buffer }>('SELECT id, doc, terms FROM articles').iterate()) {
        const terms = blobToTerms(row.terms);
        expectedPostings += terms.length;
        if (terms.some((t) => this.stmts.hasPosting.get(t, row.doc) === undefined)) inconsistent.push(row.id);
      }
      const postings = this.db.prepare<[], number>('SELECT count(*) FROM postings').pluck().get() ?? 0;
      const orphanPostings = this.db.prepare<[], number>(
        'SELECT count(*) FROM postings p WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.doc = p.doc)').pluck().get() ?? 0;
      const badTermCounts = this.db.prepare<[], number>(
        'SELECT count(*) FROM (SELECT t.term FROM terms t LEFT JOIN (SELECT term, count(*) AS n FROM postings GROUP BY term) p ON p.term = t.term WHERE coalesce(p.n, 0) != t.df)').pluck().get() ?? 0;
      const duplicateContentHashes = this.db.prepare<[], number>(
        'SELECT count(*) FROM (SELECT content_hash FROM articles GROUP BY content_hash HAVING count(*) > 1)').pluck().get() ?? 0;
      const articles = this.stmts.count.get() ?? 0;
      const extra = postings !== expectedPostings;
      return {
        ok: inconsistent.length === 0 && orphanPostings === 0 && badTermCounts === 0 && duplicateContentHashes === 0 && !extra,
        articles, inconsistentArticles: inconsistent, badTermCounts, orphanPostings, duplicateContentHashes,
      };
    });
  }

  close(): Promise<void> {
    return this.run(() => { if (this.db.open) this.db.close(); });
  }
}
