/**
 * Corpora for the detection and restoration benchmarks: Reuters-21578 train bodies (hard wraps
 * rejoined, shuffled with seed 7) and the ScrapingHub extraction benchmark's article bodies.
 */
import { readFileSync } from 'node:fs';
import { shuffled } from './random.js';
import { sharedPath } from './shared.js';

/** Deterministic shuffle, shared with bench/restore.ts so article ranges mean the same. */
export { shuffled };

export interface ReutersArticle { id: string; body: string }

/** Reuters bodies are hard-wrapped; paragraphs start with indented lines. Rejoin to plain prose. */
export function cleanBody(body: string): string {
  return body.replace(/&#\d+;/g, '').replace(/\s+Reuter\s*$/, '').split(/\n\s{3,}/).map((p) => p.replace(/\s*\n\s*/g, ' ').trim()).filter(Boolean).join('\n\n');
}

export function loadReuters(file: string): ReutersArticle[] {
  return readFileSync(file, 'utf8').split('\n').filter(Boolean)
    .map((l) => JSON.parse(l) as { id: string; body: string })
    .map((a) => ({ id: a.id, body: cleanBody(a.body) }))
    .filter((a) => a.body.split(/\s+/).length >= 60);
}

export function wordCount(p: string): number {
  return p.split(/\s+/).filter(Boolean).length;
}

/** Paragraphs of at least `minWords` words. */
export function paragraphsOf(body: string, minWords: number): string[] {
  return body.split('\n\n').filter((p) => wordCount(p) >= minWords);
}

/**
 * The ScrapingHub extraction benchmark's ground-truth article bodies (modern web pages, some not
 * in English), in key order, paragraphs separated by blank lines; null (said on stderr) when absent.
 */
export function loadScrapingHubBodies(): { id: string; body: string }[] | null {
  const file = sharedPath('data/extraction/scrapinghub/ground-truth.json');
  if (!file) return null;
  const gt = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { articleBody: string }>;
  return Object.keys(gt).sort().map((id) => ({ id, body: gt[id].articleBody.replace(/\n+/g, '\n\n') }));
}
