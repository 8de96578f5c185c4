/**
 * Extraction benchmark: unspin's extract() and Readability.js (on linkedom) side by side over
 * the ScrapingHub article-extraction corpus (../shared/data/extraction/scrapinghub), scored with
 * the ScrapingHub shingle metric (bench/lib/shingle-metric.ts). Speed counts only extraction,
 * HTML parsing included, for both tools (not reading or gunzipping files).
 *
 *   npm run bench:extract -- [--limit N] [--only unspin|readability] [--json] [--worst N]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { extract } from '../src/extract/index.js';
import { sharedPath } from './lib/shared.js';
import { scoreCorpus, scorePage, type CorpusScore, type PageScore } from './lib/shingle-metric.js';

interface Args {
  limit: number;
  only: 'unspin' | 'readability' | null;
  json: boolean;
  worst: number;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { limit: Infinity, only: null, json: false, worst: 0 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--limit') args.limit = Number(argv[++i]);
    else if (a === '--only') {
      const v = argv[++i];
      if (v !== 'unspin' && v !== 'readability') throw new Error(`--only takes unspin or readability, not ${v}`);
      args.only = v;
    } else if (a === '--json') args.json = true;
    else if (a === '--worst') args.worst = Number(argv[++i]);
    else throw new Error(`unknown option ${a}`);
  }
  return args;
}

type Extractor = (html: string, url: string) => string;

/** Pages each tool extracts once, untimed, before the measured run. */
const WARMUP_PAGES = 3;

const tools: Record<'unspin' | 'readability', Extractor> = {
  unspin: (html, url) => extract({ id: url, url, html, fetchedAt: new Date(0).toISOString() }).text,
  readability: (html) => {
    // Our tsconfig has no DOM lib, so Readability's `Document` parameter type does not resolve;
    // linkedom's document is DOM-shaped at run time, which is all Readability needs.
    const window: unknown = parseHTML(html);
    const { document } = window as { document: object };
    const article = new Readability(document).parse();
    return article?.textContent ?? '';
  },
};

interface ToolResult {
  tool: string;
  score: CorpusScore;
  seconds: number;
  pagesPerSecond: number;
  perPage: (PageScore & { id: string; url: string })[];
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const root = sharedPath('data/extraction/scrapinghub');
  if (!root) return;
  const truth = JSON.parse(readFileSync(path.join(root, 'ground-truth.json'), 'utf8')) as Record<string, { articleBody: string; url: string }>;
  const ids = Object.keys(truth).sort().slice(0, args.limit);
  // Read and gunzip everything first so IO stays out of the timings.
  const pages = ids.map((id) => ({ id, url: truth[id].url, html: gunzipSync(readFileSync(path.join(root, 'html', `${id}.html.gz`))).toString('utf8') }));

  const names = args.only ? [args.only] : (['unspin', 'readability'] as const);
  // Tools take turns page by page (alternating who goes first), so a machine shared with other
  // jobs slows both alike and the speed ratio stays fair.
  const perPage = new Map<string, ToolResult['perPage']>(names.map((n) => [n, []]));
  const ns = new Map<string, bigint>(names.map((n) => [n, 0n]));
  // Warm-up (untimed, unscored): both tools compile their hot paths on a few pages first.
  for (const name of names) for (const p of pages.slice(0, WARMUP_PAGES)) tools[name](p.html, p.url);
  pages.forEach((p, index) => {
    const turn = index % 2 === 0 ? names : [...names].reverse();
    for (const name of turn) {
      const t0 = process.hrtime.bigint();
      let text = '';
      try {
        text = tools[name](p.html, p.url);
      } catch (e) {
        process.stderr.write(`${name}: ${p.id}: ${(e as Error).message}\n`);
      }
      ns.set(name, ns.get(name)! + process.hrtime.bigint() - t0);
      perPage.get(name)!.push({ id: p.id, url: p.url, ...scorePage(truth[p.id].articleBody, text) });
    }
  });
  const results: ToolResult[] = names.map((name) => {
    const seconds = Number(ns.get(name)!) / 1e9;
    const pp = perPage.get(name)!;
    return { tool: name, score: scoreCorpus(pp), seconds, pagesPerSecond: pages.length / seconds, perPage: pp };
  });

  const command = `npm run bench:extract${process.argv.length > 2 ? ' -- ' + process.argv.slice(2).join(' ') : ''}`;
  if (args.json) {
    process.stdout.write(JSON.stringify({ command, corpus: 'scrapinghub', pages: pages.length, results }, null, 2) + '\n');
    return;
  }
  const row = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  const lines = [
    `ScrapingHub article-extraction benchmark, ${pages.length} pages (node ${process.version}; speed = extraction incl. HTML parsing, after ${WARMUP_PAGES} warm-up pages, tools alternating page by page)`,
    '',
    row(['tool', 'precision', 'recall', 'F1', 'pages/s', 'seconds']),
    row(['---', '---:', '---:', '---:', '---:', '---:']),
    ...results.map((r) => row([r.tool, r.score.precision.toFixed(4), r.score.recall.toFixed(4), r.score.f1.toFixed(4), r.pagesPerSecond.toFixed(1), r.seconds.toFixed(2)])),
    '',
    `command: ${command}`,
  ];
  process.stdout.write(lines.join('\n') + '\n');
  if (args.worst > 0) {
    for (const r of results) {
      const worst = [...r.perPage].sort((a, b) => Math.min(a.precision, a.recall) - Math.min(b.precision, b.recall)).slice(0, args.worst);
      process.stdout.write(`\nworst pages for ${r.tool} (P / R):\n`);
      for (const w of worst) process.stdout.write(`  ${w.precision.toFixed(2)} / ${w.recall.toFixed(2)}  ${w.id.slice(0, 12)}  ${w.url}\n`);
    }
  }
}

main();
