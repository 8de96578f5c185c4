/**
 * Turning what a user gives `index add` into IndexRecords: ids, content hashes, dates and the
 * fingerprint. JSONL records are `{id?, url?, title?, published?, text? | html?}`; the Reuters
 * style `{body, date}` is accepted as an alias of `{text, published}`.
 */
import { createHash } from 'node:crypto';
import { UnspinError } from '../errors.js';
import type { Article } from '../model.js';
import { fingerprint } from './fingerprint.js';
import type { IndexRecord } from './store.js';

/** Whitespace-insensitive text hash: re-wrapped or re-indented copies count as the same text. */
export function contentHash(text: string): string {
  return createHash('sha256').update(text.replace(/\s+/g, ' ').trim()).digest('hex');
}

/** Stable id when the record has none: its URL, else a hash of its text. */
export function deriveId(url: string | null, hash: string): string {
  if (url) return url;
  return `sha256:${hash.slice(0, 24)}`;
}

const MONTHS: Record<string, string> = {
  JAN: '01', FEB: '02', MAR: '03', APR: '04', MAY: '05', JUN: '06', JUL: '07', AUG: '08', SEP: '09', OCT: '10', NOV: '11', DEC: '12',
};

/** ISO 8601 from the date formats records carry; null when unrecognisable (never a guess). */
export function normaliseDate(value: unknown): string | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  const v = value.trim();
  // Reuters-21578: "26-FEB-1987 15:01:01.79"
  const r = /^(\d{1,2})-([A-Za-z]{3})-(\d{4})(?:\s+(\d{2}):(\d{2}):(\d{2}))?/.exec(v);
  if (r && MONTHS[r[2].toUpperCase()]) {
    const day = r[1].padStart(2, '0');
    const date = `${r[3]}-${MONTHS[r[2].toUpperCase()]}-${day}`;
    return r[4] ? `${date}T${r[4]}:${r[5]}:${r[6]}Z` : date;
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
}

/** A parsed JSONL line before extraction: either plain text or HTML to extract. */
export interface JsonRecord {
  id: string | null;
  url: string | null;
  title: string | null;
  published: string | null;
  text: string | null;
  html: string | null;
}

export function parseJsonRecord(line: string, where: string): JsonRecord {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (e) {
    throw new UnspinError('input', `${where}: not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new UnspinError('input', `${where}: expected a JSON object`);
  const o = value as Record<string, unknown>;
  const id = typeof o.id === 'number' ? String(o.id) : str(o.id);
  const text = typeof o.text === 'string' ? o.text : typeof o.body === 'string' ? o.body : null;
  const html = typeof o.html === 'string' ? o.html : null;
  if ((text === null || text.trim() === '') && (html === null || html.trim() === '')) {
    throw new UnspinError('input', `${where}: the record has no text (expected "text", "body" or "html")`);
  }
  return {
    id, url: str(o.url), title: str(o.title),
    published: normaliseDate(o.published ?? o.date ?? o.datePublished),
    text, html,
  };
}

/** Reuters-style hard-wrapped bodies: single newlines inside paragraphs, indented paragraph starts. */
export function normaliseText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\n[ \t]+/g, '\n\n')
    .replace(/([^\n])\n(?!\n)/g, '$1 ')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export function recordFromText(fields: { id: string | null; url: string | null; title: string | null; published: string | null }, rawText: string): IndexRecord {
  const text = normaliseText(rawText);
  if (text === '') throw new UnspinError('input', `${fields.id ?? fields.url ?? 'record'}: no text to index`);
  const hash = contentHash(text);
  return {
    id: fields.id ?? deriveId(fields.url, hash),
    url: fields.url, title: fields.title, published: fields.published,
    text, contentHash: hash, terms: fingerprint(text).terms,
  };
}

export function recordFromArticle(id: string | null, article: Article): IndexRecord {
  const url = article.canonicalUrl ?? article.url;
  return recordFromText({ id, url, title: article.title, published: article.published }, article.text);
}
