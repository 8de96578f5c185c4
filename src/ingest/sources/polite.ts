/**
 * Polite fetching for crawls: robots.txt obeyed (robots-parser), at most `perHostConcurrency`
 * requests in flight per host, and at least `delayMs` (or the site's Crawl-delay, whichever is
 * longer) between request starts to one host. Every request goes through the ingest module's
 * fetchPage, so the address policy, timeouts and size caps apply to robots.txt too.
 *
 * The delay can be shared by every worker on every machine: pass a `reserve` function (the
 * queue passes one backed by a PostgreSQL row per host) and each request books the next free
 * slot for its host before waiting for it. Without one, the delay holds within this process.
 */
import robotsModule from 'robots-parser';
import { UnspinError } from '../../errors.js';
import type { RawPage } from '../../model.js';
import { fetchIfModified, type FetchResult } from '../fetch.js';
import { fetchPage, type IngestOptions } from '../index.js';
import type { Validators } from '../options.js';

export interface PoliteOptions {
  ingest: IngestOptions;
  /** Requests in flight per host in this process (default 2). */
  perHostConcurrency?: number;
  /** Minimum gap between request starts to one host (default 1000 ms). */
  delayMs?: number;
  /** Obey robots.txt (default true). */
  robots?: boolean;
  /** Books a start time for a request to `host`; resolves to how long to wait before it. */
  reserve?: (host: string, gapMs: number) => Promise<number>;
}

const ROBOTS_TTL_MS = 24 * 3600 * 1000;

/** Robots product token: the first word of our User-Agent. */
function robotsAgent(userAgent: string | undefined): string {
  return (userAgent ?? 'unspin').split(/[\s/]/)[0] || 'unspin';
}

interface Robots {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getCrawlDelay(ua?: string): number | undefined;
}
// The package is CommonJS (module.exports = fn) but its typings declare an ES default export,
// which TypeScript then places one level too deep; at run time the import is the function.
const robotsParser = robotsModule as unknown as (url: string, contents: string) => Robots;

class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly limit: number) {}
  async acquire(): Promise<void> {
    if (this.active < this.limit) { this.active++; return; }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }
  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve();
}

export class PoliteFetcher {
  private readonly robots = new Map<string, { at: number; rules: Promise<Robots | null> }>();
  private readonly gates = new Map<string, Semaphore>();
  private readonly nextStart = new Map<string, number>();
  private readonly agent: string;

  constructor(private readonly opts: PoliteOptions) {
    this.agent = robotsAgent(opts.ingest.userAgent);
  }

  /** robots.txt for an origin, fetched once per process; unreachable or missing means allowed. */
  private robotsFor(url: URL): Promise<Robots | null> {
    const origin = url.origin;
    const hit = this.robots.get(origin);
    // Re-read after a day, as Google does, so a long-running worker sees a site's new rules.
    if (hit && Date.now() - hit.at < ROBOTS_TTL_MS) return hit.rules;
    const robotsUrl = `${origin}/robots.txt`;
    const rules = this.paced(url.host, () => fetchPage(robotsUrl, { ...this.opts.ingest, maxBytes: 512 * 1024 }))
      .then((page) => robotsParser(robotsUrl, page.text ?? page.html ?? ''))
      // No robots.txt (404), or one we cannot read: the usual reading is "no restrictions".
      // A refused address is not swallowed here: the page fetch will report it.
      .catch(() => null);
    this.robots.set(origin, { at: Date.now(), rules });
    return rules;
  }

  private gap(robots: Robots | null): number {
    const crawlDelay = robots?.getCrawlDelay(this.agent);
    return Math.max(this.opts.delayMs ?? 1000, crawlDelay !== undefined ? Math.min(crawlDelay, 60) * 1000 : 0);
  }

  private async paced<T>(host: string, run: () => Promise<T>, robots: Robots | null = null): Promise<T> {
    let gate = this.gates.get(host);
    if (!gate) {
      gate = new Semaphore(Math.max(1, this.opts.perHostConcurrency ?? 2));
      this.gates.set(host, gate);
    }
    await gate.acquire();
    try {
      const gapMs = this.gap(robots);
      if (this.opts.reserve) {
        await sleep(await this.opts.reserve(host, gapMs));
      } else {
        const now = Date.now();
        const start = Math.max(now, this.nextStart.get(host) ?? 0);
        this.nextStart.set(host, start + gapMs);
        await sleep(start - now);
      }
      return await run();
    } finally {
      gate.release();
    }
  }

  /** robots.txt's verdict on `url`, and its rules (for the host's gap). */
  private async admit(url: string): Promise<{ host: string; robots: Robots | null }> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new UnspinError('input', `not a valid URL: ${url}`);
    }
    const robots = this.opts.robots === false ? null : await this.robotsFor(parsed);
    if (robots && robots.isAllowed(url, this.agent) === false) {
      throw new UnspinError('blocked', `refused: ${url} is disallowed by ${parsed.origin}/robots.txt for ${this.agent}`);
    }
    return { host: parsed.host, robots };
  }

  /** Fetches `url` politely. Throws UnspinError; exit 5 ('blocked') when robots.txt forbids it. */
  async fetch(url: string): Promise<RawPage> {
    const { host, robots } = await this.admit(url);
    return this.paced(host, () => fetchPage(url, this.opts.ingest), robots);
  }

  /**
   * Fetches `url` politely unless `validators` (from the last fetch) are still current: a 304
   * costs the site one header exchange instead of the page. `acceptTypes` widens the content
   * types read (feeds, gzip sitemaps) for this request only.
   */
  async fetchIfModified(url: string, extra: { validators?: Validators; acceptTypes?: readonly string[] } = {}): Promise<FetchResult> {
    const { host, robots } = await this.admit(url);
    const opts = extra.acceptTypes ? { ...this.opts.ingest, acceptTypes: extra.acceptTypes } : this.opts.ingest;
    return this.paced(host, () => fetchIfModified(url, extra.validators ?? {}, opts), robots);
  }
}
