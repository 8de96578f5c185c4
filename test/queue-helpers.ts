/**
 * For queue tests and the scale benchmark: generated news pages (distinct names, numbers and
 * sentences, so each has its own fingerprint) served by a real HTTP server on 127.0.0.1, and a
 * way to spawn `unspin worker` processes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import { repoRoot } from './helpers/cli.js';

const NAMES = ['Okafor', 'Lindqvist', 'Moreau', 'Tanaka', 'Castellanos', 'Novak', 'Abernathy', 'Iyer', 'Petrov', 'Haddad', 'Kowalczyk', 'Mbeki'];
const PLACES = ['Tromsø', 'Valparaíso', 'Kisumu', 'Ostrava', 'Hobart', 'Tabriz', 'Cuenca', 'Dundee', 'Matsue', 'Gdynia', 'Nelson', 'Arusha'];
const ORGS = ['Harbour Board', 'Water Authority', 'Rail Union', 'Grain Exchange', 'Transit Agency', 'Port Council'];
const VERBS = ['said', 'told reporters', 'announced', 'warned', 'confirmed'];

/** Deterministic pseudo-random numbers, so a page's text depends only on its number. */
function rng(seed: number): () => number {
  let s = seed * 2654435761 >>> 0 || 1;
  return () => { s ^= s << 13; s >>>= 0; s ^= s >> 17; s ^= s << 5; s >>>= 0; return s / 4294967296; };
}

export function articleHtml(n: number, paragraphs = 6): string {
  const r = rng(n + 1);
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)];
  const place = `${pick(PLACES)}`;
  const org = `${pick(ORGS)} of ${place}`;
  const paras: string[] = [];
  for (let i = 0; i < paragraphs; i++) {
    const who = `${pick(NAMES)}-${n}`;
    const figure = Math.floor(r() * 90_000) + 1000;
    paras.push(`${who}, a spokesperson for the ${org}, ${pick(VERBS)} on day ${i + 1} that spending reached ${figure} units in report ${n}. ` +
      `The ${org} expects a further ${Math.floor(r() * 40) + 2} percent change before the review number ${n * 10 + i}, according to ${pick(NAMES)}.`);
  }
  return `<!doctype html><html><head><meta charset="utf-8"><title>Report ${n} from ${place}</title>
<meta property="article:published_time" content="2024-03-${String((n % 28) + 1).padStart(2, '0')}T10:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>Report ${n} from ${place}</h1>
${paras.map((p) => `<p>${p}</p>`).join('\n')}
</article><footer>Copyright the example press</footer></body></html>`;
}

export interface PageServer {
  server: Server;
  base: string;
  /** Requests seen per path. */
  hits: Map<string, number>;
  close(): Promise<void>;
}

/**
 * Serves /page/<n> articles and /robots.txt; `hook` may take over a request (return true).
 */
export async function startPageServer(hook?: (req: IncomingMessage, res: ServerResponse) => boolean): Promise<PageServer> {
  const hits = new Map<string, number>();
  const server = createServer((req, res) => {
    const p = req.url ?? '/';
    hits.set(p, (hits.get(p) ?? 0) + 1);
    if (hook?.(req, res)) return;
    const m = /^\/page\/(\d+)$/.exec(p);
    if (m) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', etag: `"p${m[1]}"` });
      res.end(articleHtml(Number(m[1])));
      return;
    }
    if (p === '/robots.txt') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('User-agent: *\nDisallow: /private/\n');
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    server, base: `http://127.0.0.1:${port}`, hits,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** Spawns `unspin <args>` from source; output is collected for assertions. */
export function spawnCli(args: string[]): { child: ChildProcess; done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'src', 'cli', 'main.ts'), ...args], {
    cwd: repoRoot, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (b: Buffer) => { stdout += b.toString(); });
  child.stderr?.on('data', (b: Buffer) => { stderr += b.toString(); });
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}
