/**
 * Pages for the index: any input ingestion reads (files, .html.gz, URLs, stdin), extracted to
 * an Article, then fingerprinted. Kept apart from add.ts so JSONL indexing works on its own.
 */
import { UnspinError } from '../errors.js';
import { extract } from '../extract/index.js';
import { readInputs, type IngestOptions } from '../ingest/index.js';
import type { Article } from '../model.js';
import { recordFromArticle, type JsonRecord } from './records.js';
import type { IndexRecord } from './store.js';

type Item = { ok: true; record: IndexRecord } | { ok: false; id: string; error: UnspinError };

function extractOrFail(where: string, run: () => Article): Article {
  let article: Article;
  try {
    article = run();
  } catch (e) {
    if (e instanceof UnspinError) throw e;
    throw new UnspinError('input', `${where}: could not extract an article (${e instanceof Error ? e.message : String(e)})`);
  }
  if (article.text.trim() === '') throw new UnspinError('input', `${where}: no article text found`);
  return article;
}

export function recordFromHtml(rec: JsonRecord, where: string): IndexRecord {
  const article = extractOrFail(where, () => extract({ id: rec.id ?? where, url: rec.url ?? undefined, html: rec.html ?? '', fetchedAt: new Date().toISOString() }));
  const r = recordFromArticle(rec.id, article);
  return { ...r, title: rec.title ?? r.title, published: rec.published ?? r.published, url: rec.url ?? r.url };
}

export async function* pageRecords(inputs: string[], opts: IngestOptions): AsyncGenerator<Item> {
  for await (const item of readInputs(inputs, opts)) {
    if (!item.ok) {
      yield { ok: false, id: item.id, error: item.error };
      continue;
    }
    try {
      const article = extractOrFail(item.page.id, () => extract(item.page));
      const meta = item.page.meta ?? {};
      const id = typeof meta.id === 'string' ? meta.id : null;
      yield { ok: true, record: recordFromArticle(id, { ...article, url: article.url ?? item.page.url ?? null }) };
    } catch (e) {
      yield { ok: false, id: item.page.id, error: e instanceof UnspinError ? e : new UnspinError('input', String(e)) };
    }
  }
}
