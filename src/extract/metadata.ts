/**
 * Stage 0: page metadata, read from the whole (uncleaned) document in one walk.
 * Precedence, most explicit first (trafilatura's metadata.py order):
 *   title     JSON-LD headline > og:title > twitter:title > <h1> > <title> minus site suffix
 *   published JSON-LD datePublished > article:published_time and kin > <time datetime>
 *   byline    JSON-LD author > meta author > rel=author / byline element text
 *   language  <html lang> > Content-Language (meta, header) > og:locale > JSON-LD inLanguage
 *   canonical <link rel=canonical> > og:url
 */
import { forEachElement, isText, rawText, type AnyNode, type Document, type Element } from './dom.js';
import { normaliseSpace } from './text.js';
import { BYLINE_PREFIX, WRITTEN_DATE } from './rules.js';

export interface Metadata {
  title: string | null;
  /** The <title> text, kept to recognise a heading that repeats it. */
  documentTitle: string | null;
  byline: string | null;
  published: string | null;
  language: string | null;
  canonicalUrl: string | null;
  siteName: string | null;
  /** JSON-LD `articleBody` of an Article: a fallback for pages whose HTML carries no text. */
  articleBody: string | null;
}

/** Meta names/properties holding the publication date, best first. */
const DATE_META = [
  'article:published_time', 'og:article:published_time', 'datepublished', 'date', 'pubdate',
  'publishdate', 'publish-date', 'publish_date', 'published_time', 'dc.date.issued', 'dc.date',
  'dcterms.date', 'dcterms.created', 'sailthru.date', 'parsely-pub-date', 'article.published',
  'cxenseparse:recs:publishtime', 'originalpublicationdate', 'article_date_original', 'og:updated_time',
];
const AUTHOR_META = ['author', 'article:author', 'dc.creator', 'parsely-author', 'sailthru.author', 'byl'];
/** Classes/itemprops of the <time> holding the publication date. */
const PUBLISHED_TIME_CLASS = /published|datepublished|entry-date|post-date|pubdate|article-date|publish/i;
/** Theme classes of the headline element ("entry-title", "post-title", "article__headline"). */
const HEADLINE_CLASS = /(entry|post|article|story)[-_]{0,2}(title|headline)|(^|\s)headline(\s|$)/i;
const BYLINE_CLASS = /(^|\s|[_-])(byline|author|writer|reporter|contributor)(\s|$|[_-]|name)/;

interface JsonLdFacts {
  headline?: string;
  datePublished?: string;
  author?: string;
  inLanguage?: string;
  url?: string;
  articleBody?: string;
}

/** Keeps what matters from one JSON-LD block; looks into @graph and arrays (bounded, iterative). */
function readJsonLd(source: string, article: JsonLdFacts, page: JsonLdFacts): void {
  let data: unknown;
  try {
    data = JSON.parse(source);
  } catch {
    return; // Broken JSON-LD is common; the other sources still apply.
  }
  const queue: unknown[] = [data];
  let budget = 500; // A hostile page could nest thousands of objects; metadata is shallow.
  while (queue.length > 0 && budget-- > 0) {
    const item = queue.shift();
    if (Array.isArray(item)) {
      queue.push(...(item as unknown[]).slice(0, 100));
      continue;
    }
    if (!item || typeof item !== 'object') continue;
    const o = item as Record<string, unknown>;
    if (Array.isArray(o['@graph'])) queue.push(...(o['@graph'] as unknown[]).slice(0, 100));
    const type = ([] as unknown[]).concat(o['@type'] ?? []).map(String).join(' ');
    const isArticle = /Article|Posting|Report|BlogPosting|NewsArticle|WebPage/i.test(type);
    if (!isArticle) continue;
    // An Article's facts beat a WebPage's: they go to separate records, merged at the end.
    const into = /Article|Posting|Report/i.test(type) ? article : page;
    const take = (key: keyof JsonLdFacts, v: unknown): void => {
      if (typeof v === 'string' && v.trim() && into[key] === undefined) into[key] = v.trim();
    };
    take('headline', o.headline ?? o.name);
    take('datePublished', o.datePublished ?? o.dateCreated);
    take('inLanguage', o.inLanguage);
    take('articleBody', o.articleBody);
    take('url', o.url);
    const author = ([] as unknown[]).concat(o.author ?? o.creator ?? []);
    const names = author
      .map((a) => (typeof a === 'string' ? a : a && typeof a === 'object' ? (a as Record<string, unknown>).name : undefined))
      .filter((n): n is string => typeof n === 'string' && n.trim() !== '');
    if (names.length > 0) take('author', names.join(', '));
  }
}

/** Text pieces that are not a name: dates, times, weekdays, "By", profile links. */
const NOT_A_NAME = /^(by|posted by|written by|words by|from|author:?|view (all|more)\b.*|more (articles|stories)\b.*|follow\b.*|(mon|tues|wednes|thurs|fri|satur|sun)day,?|updated\b.*|published\b.*)$/i;
const CONNECTOR = /^(and|&|,|und|et|y|e)$/i;

/**
 * The name(s) in a byline element: its text pieces (one per text node) without dates, times,
 * "By" and links such as "View more articles"; pieces joined by "and" stay together
 * ("<a>Jane Roe</a> and <a>John Doe</a>").
 */
function bylineFromElement(el: Element): string {
  const pieces: string[] = [];
  const stack: AnyNode[] = [el];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (isText(n)) {
      const t = normaliseSpace(n.data.replace(WRITTEN_DATE, ' ').replace(/\b\d{1,2}:\d{2}\b/g, ' ')).replace(BYLINE_PREFIX, '');
      const bare = t.replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, '');
      if (bare && !NOT_A_NAME.test(bare) && /\p{L}/u.test(bare)) pieces.push(CONNECTOR.test(bare) ? bare.toLowerCase() : bare);
    } else if ('children' in n) {
      const kids = n.children;
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
    }
  }
  if (pieces.length === 0) return '';
  let name = pieces[0];
  for (let i = 1; i + 1 < pieces.length && CONNECTOR.test(pieces[i]); i += 2) name += ` ${pieces[i]} ${pieces[i + 1]}`;
  return name;
}

/**
 * ISO 8601 form of a date string: an ISO date-time with offset is kept as written (the offset is
 * information); other parseable forms become UTC ISO; a bare date stays a date.
 */
export function normaliseDate(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const s = raw.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return s;
  const iso = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|[+-]\d{2}:?\d{2})?$/.exec(s);
  if (iso) {
    const [, d, t, z] = iso;
    const time = t.length === 5 ? `${t}:00` : t;
    if (!z) return `${d}T${time}`; // Local time as published; no offset invented.
    const offset = z === 'Z' ? 'Z' : z.includes(':') ? z : `${z.slice(0, 3)}:${z.slice(3)}`;
    return Number.isNaN(Date.parse(`${d}T${time}${offset}`)) ? null : `${d}T${time}${offset}`;
  }
  if (/^\d{10}$/.test(s) || /^\d{13}$/.test(s)) {
    // Unix timestamps (seconds or milliseconds), used by some CMS meta tags.
    const ms = s.length === 10 ? Number(s) * 1000 : Number(s);
    return new Date(ms).toISOString();
  }
  const t = Date.parse(s);
  if (Number.isNaN(t)) return null;
  const y = new Date(t).getUTCFullYear();
  if (y < 1990 || y > 2100) return null;
  return new Date(t).toISOString();
}

/** Drops " - Site Name" / " | Site" suffixes (and prefixes) from a <title>. */
export function stripSiteName(title: string, siteName: string | null): string {
  let t = title;
  if (siteName) {
    const esc = siteName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    t = t.replace(new RegExp(`\\s*[-|–—:·•»]\\s*${esc}\\s*$`, 'i'), '').replace(new RegExp(`^${esc}\\s*[-|–—:·•»]\\s*`, 'i'), '');
  }
  const parts = t.split(/\s+[|–—·•»]\s+|\s+-\s+/);
  if (parts.length > 1) {
    // Keep the longest part: the headline is longer than the site name.
    const longest = parts.reduce((a, b) => (b.length > a.length ? b : a));
    if (longest.split(/\s+/).length >= 2) return longest.trim();
  }
  return t.trim();
}

export function primaryLanguage(tag: string | null | undefined): string | null {
  if (!tag) return null;
  const m = /^\s*([a-zA-Z]{2,3})(?:[-_]|\s*$|,)/.exec(tag);
  return m ? m[1].toLowerCase() : null;
}

function resolveUrl(href: string | undefined | null, base: string | null): string | null {
  if (!href) return null;
  try {
    return new URL(href.trim(), base ?? undefined).href;
  } catch {
    return null;
  }
}

export function readMetadata(doc: Document, pageUrl: string | null, headers?: Record<string, string>): Metadata {
  const meta = new Map<string, string>();
  const ldArticle: JsonLdFacts = {};
  const ldPage: JsonLdFacts = {};
  // Assigned inside the walk callback; declared wide so TypeScript does not narrow it to null.
  let htmlLang = null as string | null;
  let docTitle = null as string | null;
  let canonical = null as string | null;
  let firstTime = null as string | null;
  let publishedTime = null as string | null;
  let firstH1 = null as string | null;
  let classHeadline = null as string | null;
  let relAuthor = null as string | null;
  let bylineText = null as string | null;

  forEachElement(doc, (el: Element) => {
    const a = el.attribs;
    switch (el.name) {
      case 'html':
        if (a.lang || a['xml:lang']) htmlLang ??= a.lang || a['xml:lang'];
        break;
      case 'title':
        docTitle ??= normaliseSpace(rawText(el));
        return 'skip';
      case 'meta': {
        const key = (a.property ?? a.name ?? a.itemprop ?? a['http-equiv'] ?? '').toLowerCase().trim();
        const value = a.content;
        if (key && value && !meta.has(key)) meta.set(key, value.trim());
        break;
      }
      case 'link':
        if ((a.rel ?? '').toLowerCase().split(/\s+/).includes('canonical')) canonical ??= a.href ?? null;
        break;
      case 'script':
        if ((a.type ?? '').toLowerCase().includes('ld+json')) readJsonLd(rawText(el), ldArticle, ldPage);
        return 'skip';
      case 'style':
        return 'skip';
      case 'time':
        if (a.datetime && firstTime === null) firstTime = a.datetime;
        // A <time> the theme marks as the publication date beats the first one on the page
        // (which may belong to a "latest news" list or an update note).
        if (a.datetime && publishedTime === null && (a.pubdate !== undefined || PUBLISHED_TIME_CLASS.test(`${a.class ?? ''} ${a.itemprop ?? ''}`))) publishedTime = a.datetime;
        break;
      case 'h1':
        firstH1 ??= normaliseSpace(rawText(el)) || null;
        if (HEADLINE_CLASS.test(a.class ?? '')) classHeadline ??= normaliseSpace(rawText(el)) || null;
        break;
      case 'h2':
      case 'h3':
        if (HEADLINE_CLASS.test(a.class ?? '')) classHeadline ??= normaliseSpace(rawText(el)) || null;
        break;
      case 'a':
        if ((a.rel ?? '').toLowerCase().split(/\s+/).includes('author')) relAuthor ??= normaliseSpace(rawText(el)) || null;
        break;
      default:
        break;
    }
    if (a.itemprop === 'datePublished') {
      const v = a.datetime ?? a.content;
      if (v && !meta.has('itemprop:datepublished')) meta.set('itemprop:datepublished', v);
    }
    if (bylineText === null && (a.class || a.itemprop === 'author' || a.rel === 'author')) {
      const ci = `${a.class ?? ''} ${a.itemprop ?? ''}`.toLowerCase();
      if (BYLINE_CLASS.test(ci) || a.itemprop === 'author') {
        // "By Jane Roe -", "Jane Roe |": the name without the punctuation around it.
        const t = bylineFromElement(el);
        if (t && t.length <= 80 && t.split(' ').length <= 8) bylineText = t;
      }
    }
    return undefined;
  });

  // An Article's JSON-LD is the most explicit statement there is; a WebPage's `name` is often the
  // <title> with the site's name, so it ranks below OpenGraph and meta tags.
  const ld = ldArticle;
  const siteName = meta.get('og:site_name') ?? null;
  const ogTitle = meta.get('og:title') ?? meta.get('twitter:title') ?? null;
  let title = ld.headline ?? ogTitle ?? null;
  if (!title && ldPage.headline && !docTitle) title = ldPage.headline;
  if (!title) {
    const stripped = docTitle ? stripSiteName(docTitle, siteName) : null;
    // A heading the theme calls the entry/post title is the headline (Blogger puts the blog's
    // name in the <h1>); else an <h1> that the <title> contains; a lone <h1> may be the logo.
    if (classHeadline) title = classHeadline;
    else title = firstH1 && (!stripped || stripped.includes(firstH1) || firstH1.includes(stripped)) ? firstH1 : stripped ?? firstH1;
  }

  let published: string | null = normaliseDate(ld.datePublished);
  if (!published) {
    for (const key of DATE_META) {
      published = normaliseDate(meta.get(key));
      if (published) break;
    }
  }
  published ??= normaliseDate(meta.get('itemprop:datepublished')) ?? normaliseDate(ldPage.datePublished) ?? normaliseDate(publishedTime) ?? normaliseDate(firstTime);

  let byline: string | null = ld.author ?? ldPage.author ?? null;
  if (!byline) {
    for (const key of AUTHOR_META) {
      const v = meta.get(key);
      // article:author is often a profile URL, which is not a name.
      if (v && !/^https?:/i.test(v)) {
        byline = v;
        break;
      }
    }
  }
  byline ??= relAuthor ?? bylineText;

  const language =
    primaryLanguage(htmlLang) ??
    primaryLanguage(meta.get('content-language')) ??
    primaryLanguage(headers?.['content-language']) ??
    primaryLanguage(meta.get('og:locale')) ??
    primaryLanguage(ld.inLanguage ?? ldPage.inLanguage) ??
    primaryLanguage(meta.get('dc.language') ?? meta.get('language'));

  const canonicalUrl = resolveUrl(canonical ?? meta.get('og:url'), pageUrl);

  return {
    title: title ? normaliseSpace(title) : null,
    documentTitle: docTitle,
    byline: byline ? normaliseSpace(byline) : null,
    published,
    language,
    canonicalUrl,
    siteName,
    articleBody: ld.articleBody ?? null,
  };
}
