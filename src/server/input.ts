/**
 * What a request asks to analyse: exactly one of `url`, `html` or `text` (JSON body or the web
 * page's form), turned into a RawPage. URLs go through ingest's fetchPage and its address policy,
 * the same rules as the CLI.
 */
import { fetchPage } from '../ingest/index.js';
import type { RawPage } from '../model.js';
import { ApiError } from './errors.js';

export interface PageRequest {
  url?: string;
  html?: string;
  text?: string;
  /** Optional id / metadata, used by /v1/index. */
  id?: string;
  title?: string;
  published?: string;
}

const INPUT_FIELDS = ['url', 'html', 'text'] as const;
const META_FIELDS = ['id', 'title', 'published'] as const;

/** Validates a parsed JSON body; the message says exactly what is wrong. */
export function parsePageRequest(body: unknown): PageRequest {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ApiError(400, 'invalid_request', 'the body must be a JSON object with one of "url", "html" or "text"');
  }
  const o = body as Record<string, unknown>;
  const given = INPUT_FIELDS.filter((k) => o[k] !== undefined && o[k] !== null);
  if (given.length !== 1) {
    throw new ApiError(400, 'invalid_request', given.length === 0
      ? 'give one of "url", "html" or "text"'
      : `give only one of "url", "html" or "text" (got ${given.map((k) => `"${k}"`).join(', ')})`);
  }
  const out: PageRequest = {};
  for (const k of [...INPUT_FIELDS, ...META_FIELDS]) {
    const v = o[k];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string') throw new ApiError(400, 'invalid_request', `"${k}" must be a string`);
    out[k] = v;
  }
  const value = out[given[0]] ?? '';
  if (value.trim() === '') throw new ApiError(422, 'unusable_input', `"${given[0]}" is empty`);
  return out;
}

export interface FetchRules {
  allowPrivate: boolean;
  fetchTimeoutMs: number;
  maxFetchBytes: number;
}

export async function pageFromRequest(req: PageRequest, rules: FetchRules): Promise<RawPage> {
  const fetchedAt = new Date().toISOString();
  const meta: Record<string, unknown> = {};
  if (req.title) meta.title = req.title;
  if (req.published) meta.published = req.published;
  if (req.url !== undefined) {
    let parsed: URL;
    try {
      parsed = new URL(req.url.trim());
    } catch {
      throw new ApiError(422, 'unusable_input', '"url" is not a valid absolute URL');
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new ApiError(422, 'unusable_input', '"url" must be an http or https URL');
    }
    const page = await fetchPage(parsed.href, { allowPrivate: rules.allowPrivate, timeoutMs: rules.fetchTimeoutMs, maxBytes: rules.maxFetchBytes });
    return { ...page, id: req.id ?? page.id, meta: { ...page.meta, ...meta } };
  }
  const id = req.id ?? 'request';
  if (req.html !== undefined) return { id, html: req.html, fetchedAt, charset: { name: 'utf-8', source: 'given' }, meta };
  return { id, text: req.text ?? '', fetchedAt, meta };
}

/** The web page's single text box: a URL, HTML or plain text, told apart as a person would. */
export function guessKind(input: string): 'url' | 'html' | 'text' {
  const t = input.trim();
  if (/^https?:\/\/\S+$/i.test(t)) return 'url';
  if (/^<(!doctype|html|head|body|article|div|p|main|section|meta|title)\b/i.test(t) || /<\/(p|div|html|body|article)>/i.test(t)) return 'html';
  return 'text';
}
