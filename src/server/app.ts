/**
 * The HTTP app (Hono): the JSON API under /v1, its OpenAPI document, and the web page at `/`.
 * Every analysis passes one gate (bounded concurrency and queue), one deadline, one body limit;
 * every failure is a JSON error `{error: {code, status, message}}` (or, for the web page, the
 * page with the message). Logs carry method, path, status and duration only: no page content.
 * Fetching stays on this thread (it is I/O); the analysis itself runs in the worker pool when
 * there is one, so a long restoration never delays the cheap routes.
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { loadPipeline, type Pipeline } from '../analyse.js';
import { extract } from '../extract/index.js';
import { recordFromArticle, type ArticleStore } from '../index/index.js';
import type { RawPage } from '../model.js';
import { renderReportDocument } from '../report/html.js';
import { reportCsp } from '../report/assets.js';
import type { Report } from '../report/types.js';
import { ApiError, errorBody, toApiError } from './errors.js';
import { guessKind, pageFromRequest, parsePageRequest, type PageRequest } from './input.js';
import { indexAccessError, type IndexAccess } from './index-access.js';
import { runAnalysisJob, type AnalysisJob } from './job.js';
import { createLimiter, type Limiter } from './limits.js';
import { openApiDocument } from './openapi.js';
import { pageCsp, renderPage, type InputKind } from './page.js';
import type { AnalysisPool } from './pool.js';

export interface AppConfig {
  /** Fetch URLs on private/loopback/link-local addresses (off unless --allow-private). */
  allowPrivate: boolean;
  /** Largest request body accepted, in bytes. */
  maxBodyBytes: number;
  /** Deadline for one request, queue wait included. */
  timeoutMs: number;
  /** Deadline and size cap for fetching a URL. */
  fetchTimeoutMs: number;
  maxFetchBytes: number;
  /** Longest article text analysed (characters); restoration is synchronous work, so this
   *  bounds how long one request holds a worker (or, without workers, the event loop). */
  maxArticleChars: number;
  /** Analyses at once, and how many may wait (beyond: 503 + Retry-After). */
  concurrency: number;
  maxQueue: number;
  store: ArticleStore | null;
  noStoreReason?: string;
  /** Who may POST /v1/index (startServer derives it from the host and token). */
  indexAccess: IndexAccess;
  /** Worker threads that run the analyses (startServer starts them). Without a pool, analyses
   *  run on this thread with `pipeline` (default: loadPipeline()) and block it while they run. */
  pool?: AnalysisPool;
  pipeline?: Pipeline;
  /** Where access lines go (default: stderr); null for silence. */
  log?: ((line: string) => void) | null;
}

export const DEFAULT_CONFIG: Omit<AppConfig, 'store'> = {
  allowPrivate: false,
  maxBodyBytes: 2 * 1024 * 1024,
  timeoutMs: 60_000,
  fetchTimeoutMs: 15_000,
  maxFetchBytes: 10 * 1024 * 1024,
  maxArticleChars: 200_000,
  concurrency: 2,
  maxQueue: 256,
  indexAccess: { kind: 'open' },
};

const API_ROUTES = ['/v1/inspect', '/v1/restore', '/v1/trace', '/v1/index'] as const;

function jsonError(c: Context, e: ApiError): Response {
  if (e.retryAfterSeconds !== undefined) c.header('Retry-After', String(e.retryAfterSeconds));
  return c.json(errorBody(e), e.status as 400);
}

async function readJsonBody(c: Context): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new ApiError(415, 'unsupported_media_type', `send the body as application/json (got ${type ? `"${type.slice(0, 80)}"` : 'no Content-Type'})`);
  }
  const raw = await c.req.text();
  if (raw.trim() === '') throw new ApiError(400, 'empty_body', 'the request body is empty');
  try {
    return JSON.parse(raw) as unknown;
  } catch (e) {
    throw new ApiError(400, 'invalid_json', `the body is not valid JSON: ${e instanceof Error ? e.message : 'parse error'}`);
  }
}

/**
 * Runs `work` under the request deadline. The signal also fires when the client goes away, so
 * queued work for a gone or expired request is dropped and running work stops (a worker's job
 * at once, with its thread; an analysis on this thread between stages).
 */
async function withDeadline<T>(ms: number, work: (signal: AbortSignal) => Promise<T>, client?: AbortSignal): Promise<T> {
  const controller = new AbortController();
  const onClientGone = (): void => controller.abort(new ApiError(499, 'client_closed', 'the client closed the connection'));
  client?.addEventListener('abort', onClientGone, { once: true });
  const timeout = new ApiError(504, 'timeout', `the request took longer than ${Math.round(ms / 1000)} s`);
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort(timeout);
      reject(timeout);
    }, ms);
  });
  try {
    return await Promise.race([work(controller.signal), expired]);
  } finally {
    clearTimeout(timer);
    client?.removeEventListener('abort', onClientGone);
  }
}

export interface UnspinApp {
  app: Hono;
  limiter: Limiter;
}

export function createApp(config: AppConfig): UnspinApp {
  const app = new Hono();
  const limiter = createLimiter({ concurrency: config.concurrency, maxQueue: config.maxQueue, maxWaitMs: config.timeoutMs });
  const log = config.log === undefined ? (line: string) => process.stderr.write(`${line}\n`) : config.log;
  const fetchRules = { allowPrivate: config.allowPrivate, fetchTimeoutMs: config.fetchTimeoutMs, maxFetchBytes: config.maxFetchBytes };

  app.use(async (c, next) => {
    const t0 = performance.now();
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('Cache-Control', 'no-store');
    if (!c.res.headers.has('Content-Security-Policy')) c.header('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
    log?.(`${c.req.method} ${c.req.path.slice(0, 200)} ${c.res.status} ${(performance.now() - t0).toFixed(1)}ms`);
  });

  const limitBody = (html: boolean) => bodyLimit({
    maxSize: config.maxBodyBytes,
    onError: (c) => {
      const e = new ApiError(413, 'payload_too_large', `the request body is over ${config.maxBodyBytes} bytes`);
      if (!html) return jsonError(c, e);
      c.header('Content-Security-Policy', pageCsp());
      return c.html(renderPage({ error: { status: 413, message: e.message }, allowPrivate: config.allowPrivate }), 413);
    },
  });

  const pool = config.pool;
  const analysePage = pool
    ? (page: RawPage, job: AnalysisJob, signal: AbortSignal) => pool.run(page, job, signal)
    : (page: RawPage, job: AnalysisJob, signal: AbortSignal) => runAnalysisJob(page, job, { pipeline: config.pipeline, store: config.store }, signal);

  /** One analysis: admitted by the gate, bounded by the deadline (which also cancels it). */
  const runAnalysis = (req: PageRequest, opts: { quotes?: boolean; trace?: boolean; restore?: boolean }, client?: AbortSignal): Promise<Report> =>
    withDeadline(config.timeoutMs, (signal) => limiter.run(async () => {
      const page = await pageFromRequest(req, fetchRules);
      return analysePage(page, {
        quotes: opts.quotes, restore: opts.restore, trace: opts.trace !== false && config.store !== null, maxTextLength: config.maxArticleChars,
        noStoreReason: opts.trace === false ? 'not requested' : config.noStoreReason ?? 'this server has no index',
      }, signal);
    }, signal), client);

  const requireStore = (): ArticleStore => {
    if (!config.store) throw new ApiError(409, 'no_index', `this server has no index (${config.noStoreReason ?? 'start it with --db <path>'})`);
    return config.store;
  };

  app.get('/v1/openapi.json', (c) => c.json(openApiDocument()));

  app.post('/v1/inspect', limitBody(false), async (c) => {
    const report = await runAnalysis(parsePageRequest(await readJsonBody(c)), {}, c.req.raw.signal);
    if (c.req.query('format') === 'html') {
      c.header('Content-Security-Policy', reportCsp());
      return c.html(renderReportDocument(report));
    }
    return c.json(report);
  });

  app.post('/v1/restore', limitBody(false), async (c) => {
    const r = await runAnalysis(parsePageRequest(await readJsonBody(c)), { quotes: false, trace: false }, c.req.raw.signal);
    return c.json({ schemaVersion: r.schemaVersion, article: r.article, spin: r.spin, restoration: r.restoration, stages: r.stages });
  });

  app.post('/v1/detect', limitBody(false), async (c) => {
    const r = await runAnalysis(parsePageRequest(await readJsonBody(c)), { quotes: false, trace: false, restore: false }, c.req.raw.signal);
    return c.json({ schemaVersion: r.schemaVersion, article: r.article, summary: r.summary, spin: r.spin, stages: r.stages });
  });

  app.post('/v1/trace', limitBody(false), async (c) => {
    const req = parsePageRequest(await readJsonBody(c));
    requireStore();
    const r = await runAnalysis(req, { quotes: false }, c.req.raw.signal);
    return c.json({ schemaVersion: r.schemaVersion, article: r.article, provenance: r.provenance, stages: r.stages });
  });

  app.post('/v1/index', limitBody(false), async (c) => {
    const denied = indexAccessError(config.indexAccess, c.req.header('authorization'));
    if (denied) {
      if (denied.status === 401) c.header('WWW-Authenticate', 'Bearer realm="unspin index"');
      return jsonError(c, denied);
    }
    const req = parsePageRequest(await readJsonBody(c));
    const store = requireStore();
    const outcome = await withDeadline(config.timeoutMs, (signal) => limiter.run(async () => {
      const page = await pageFromRequest(req, fetchRules);
      // In a worker when there is a pool: a large page's parse must not hold up other requests.
      const article = pool ? await pool.extract(page, signal) : extract(page);
      if (req.title) article.title = req.title;
      if (req.published) article.published = req.published;
      const [result] = await store.addBatch([recordFromArticle(req.id ?? null, article)], 'update');
      return result;
    }, signal), c.req.raw.signal);
    return c.json(outcome, outcome.status === 'added' ? 201 : 200);
  });

  for (const path of API_ROUTES) {
    app.all(path, (c) => {
      c.header('Allow', 'POST');
      return jsonError(c, new ApiError(405, 'method_not_allowed', `${path} accepts POST only`));
    });
  }

  app.get('/', (c) => {
    c.header('Content-Security-Policy', pageCsp());
    return c.html(renderPage({ allowPrivate: config.allowPrivate }));
  });

  app.post('/', limitBody(true), async (c) => {
    c.header('Content-Security-Policy', pageCsp());
    let input = '';
    let kind: InputKind = 'auto';
    try {
      const type = c.req.header('content-type') ?? '';
      if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) {
        throw new ApiError(415, 'unsupported_media_type', 'post the form as application/x-www-form-urlencoded');
      }
      const form = await c.req.parseBody();
      input = typeof form.input === 'string' ? form.input : '';
      const k = typeof form.kind === 'string' ? form.kind : 'auto';
      kind = k === 'url' || k === 'html' || k === 'text' ? k : 'auto';
      if (input.trim() === '') throw new ApiError(400, 'empty_body', 'paste a URL, HTML or text first');
      const chosen = kind === 'auto' ? guessKind(input) : kind;
      const report = await runAnalysis({ [chosen]: chosen === 'url' ? input.trim() : input }, {}, c.req.raw.signal);
      return c.html(renderPage({ input, kind, report, allowPrivate: config.allowPrivate }));
    } catch (err) {
      const e = toApiError(err);
      if (e.status >= 500 && e.code === 'internal') log?.(`error: ${err instanceof Error ? err.name : 'unknown'} on POST /`);
      if (e.retryAfterSeconds !== undefined) c.header('Retry-After', String(e.retryAfterSeconds));
      return c.html(renderPage({ input, kind, error: { status: e.status, message: e.message }, allowPrivate: config.allowPrivate }), e.status as 400);
    }
  });

  app.all('/', (c) => {
    c.header('Allow', 'GET, POST');
    return jsonError(c, new ApiError(405, 'method_not_allowed', '/ accepts GET and POST only'));
  });

  app.notFound((c) => jsonError(c, new ApiError(404, 'not_found', `no route ${c.req.method} ${c.req.path.slice(0, 200)}`)));

  app.onError((err, c) => {
    const e = toApiError(err);
    // Unexpected failures are logged by kind only: their messages may quote page content.
    if (e.code === 'internal') log?.(`error: ${err.name} on ${c.req.method} ${c.req.path.slice(0, 200)}`);
    return jsonError(c, e);
  });

  return { app, limiter };
}

/** Loads the stages once before the first request, so it is not the slow one. */
export async function warmPipeline(): Promise<Pipeline> {
  return loadPipeline();
}
