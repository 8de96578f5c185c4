/**
 * Real-page fixtures (after Readability's test/test-pages): each folder holds `source.html`,
 * optionally `url.txt` (the address the page was read from), and `expected.json`, the extraction
 * we expect. `scripts/generate-testcase.ts` rewrites expected.json when behaviour changes on
 * purpose; test/extract-pages.test.ts compares and prints a line diff.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { extract } from '../../src/extract/index.js';
import type { Article } from '../../src/model.js';

export const pagesDir = path.dirname(fileURLToPath(import.meta.url));

/** What a fixture's expected.json holds: the Article with paragraphs spelled out as text. */
export interface Expectation {
  url: string | null;
  canonicalUrl: string | null;
  title: string | null;
  byline: string | null;
  published: string | null;
  language: string | null;
  links: Article['links'];
  paragraphs: { kind: string; text: string }[];
}

export function listPages(): string[] {
  return readdirSync(pagesDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(pagesDir, d.name, 'source.html')))
    .map((d) => d.name)
    .sort();
}

export function expectationOf(article: Article): Expectation {
  return {
    url: article.url,
    canonicalUrl: article.canonicalUrl,
    title: article.title,
    byline: article.byline,
    published: article.published,
    language: article.language,
    links: article.links,
    paragraphs: article.paragraphs.map((p) => ({ kind: p.kind, text: article.text.slice(p.start, p.end) })),
  };
}

export function extractPage(name: string): Article {
  const dir = path.join(pagesDir, name);
  const html = readFileSync(path.join(dir, 'source.html'), 'utf8');
  const urlFile = path.join(dir, 'url.txt');
  const url = existsSync(urlFile) ? readFileSync(urlFile, 'utf8').trim() : undefined;
  return extract({ id: name, url, html, fetchedAt: '2000-01-01T00:00:00Z' });
}

export function expectedPath(name: string): string {
  return path.join(pagesDir, name, 'expected.json');
}

export function serialise(e: Expectation): string {
  return JSON.stringify(e, null, 2) + '\n';
}
