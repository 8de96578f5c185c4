/**
 * Feeds (RSS 2.0, RSS 1.0/RDF, Atom) and sitemaps (urlset, sitemapindex) as lists of URLs to
 * crawl. fast-xml-parser does the XML; this module only knows which elements carry the links.
 * Input is untrusted: it is validated first (a malformed document is an exit-3 input error
 * naming the line), entity expansion is off, and the number of entries is capped.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { UnspinError } from '../../errors.js';

export type XmlSourceKind = 'feed' | 'sitemap' | 'sitemap-index';

export interface SourceEntry {
  url: string;
  title?: string;
  /** ISO 8601 when the document gives a parseable date (feed pubDate/updated, sitemap lastmod). */
  published?: string;
}

export interface XmlSource {
  kind: XmlSourceKind;
  entries: SourceEntry[];
  /** Entries left out because they had no usable http(s) link. */
  skipped: number;
}

/**
 * Content types a feed or sitemap arrives with beyond the XML types pages already accept:
 * the feed types, and gzip for sitemap.xml.gz served as a file rather than content-encoded.
 */
export const FEED_CONTENT_TYPES: readonly string[] = [
  'application/rss+xml', 'application/atom+xml', 'application/rdf+xml',
  'application/gzip', 'application/x-gzip',
];

/** A sitemap may list 50,000 URLs (sitemaps.org); more than that is not a sitemap we trust. */
export const MAX_ENTRIES = 50_000;

type Node = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  // Entities: none expanded beyond the XML built-ins, so a billion-laughs document stays small.
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => ['item', 'entry', 'url', 'sitemap', 'link'].includes(name),
});

/** The document's root element name without namespace prefix, or null when it is not XML. */
export function xmlRootName(text: string): string | null {
  const head = text.slice(0, 4096).replace(/^\uFEFF/, '');
  const m = /^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*|<!DOCTYPE[^[>]*(?:\[[\s\S]*?\])?\s*>\s*|<\?[^>]*\?>\s*)*<([A-Za-z_][\w.:-]*)/.exec(head);
  if (!m) return null;
  return m[1].replace(/^.*:/, '').toLowerCase();
}

/** Which XML source a document is, from its root element; null for anything else (HTML, text). */
export function sniffXmlSource(text: string): XmlSourceKind | null {
  const root = xmlRootName(text);
  if (root === 'rss' || root === 'feed' || root === 'rdf') return 'feed';
  if (root === 'urlset') return 'sitemap';
  if (root === 'sitemapindex') return 'sitemap-index';
  return null;
}

function text(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() || undefined;
  if (typeof v === 'number') return String(v);
  if (v && typeof v === 'object' && '#text' in v) return text((v as Node)['#text']);
  return undefined;
}

function isoDate(v: unknown): string | undefined {
  const s = text(v);
  if (!s) return undefined;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

function absoluteHttp(href: string | undefined, base: string | undefined): string | null {
  if (!href) return null;
  try {
    const u = new URL(href, base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

function list(v: unknown): Node[] {
  if (Array.isArray(v)) return v.filter((x): x is Node => x !== null && typeof x === 'object');
  return v && typeof v === 'object' ? [v as Node] : [];
}

/** Atom links: the rel="alternate" (or rel-less) href; RSS links: the element text. */
function entryLink(entry: Node): string | undefined {
  const links = Array.isArray(entry.link) ? entry.link as unknown[] : entry.link === undefined ? [] : [entry.link];
  for (const l of links) {
    if (l && typeof l === 'object') {
      const n = l as Node;
      const rel = typeof n['@rel'] === 'string' ? n['@rel'] : 'alternate';
      if (rel === 'alternate' && typeof n['@href'] === 'string') return n['@href'];
    }
  }
  for (const l of links) {
    const t = text(l);
    if (t) return t;
  }
  // RSS items may carry only a permalink guid.
  const guid = entry.guid;
  if (guid && typeof guid === 'object' && (guid as Node)['@isPermaLink'] === 'false') return undefined;
  return text(guid);
}

function collect(items: Node[], base: string | undefined, pick: (n: Node) => SourceEntry | null): { entries: SourceEntry[]; skipped: number } {
  const entries: SourceEntry[] = [];
  let skipped = 0;
  for (const item of items.slice(0, MAX_ENTRIES)) {
    const e = pick(item);
    const url = absoluteHttp(e?.url, base);
    if (e && url) entries.push({ ...e, url });
    else skipped++;
  }
  return { entries, skipped: skipped + Math.max(0, items.length - MAX_ENTRIES) };
}

/**
 * Parses a feed or sitemap. `where` names the document in messages; `base` resolves relative
 * links. Throws UnspinError('input') for malformed XML or a document of another kind.
 */
export function parseXmlSource(xml: string, where: string, base?: string): XmlSource {
  const kind = sniffXmlSource(xml);
  if (kind === null) {
    throw new UnspinError('input', `${where}: not a feed or sitemap (expected an <rss>, <feed>, <rdf:RDF>, <urlset> or <sitemapindex> document)`);
  }
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new UnspinError('input', `${where}: malformed XML at line ${valid.err.line}, column ${valid.err.col} (${valid.err.msg})`);
  }
  let doc: Node;
  try {
    doc = parser.parse(xml) as Node;
  } catch (e) {
    throw new UnspinError('input', `${where}: malformed XML (${e instanceof Error ? e.message : String(e)})`);
  }
  if (kind === 'sitemap' || kind === 'sitemap-index') {
    const root = (doc[kind === 'sitemap' ? 'urlset' : 'sitemapindex'] ?? {}) as Node;
    const items = list(root[kind === 'sitemap' ? 'url' : 'sitemap']);
    return { kind, ...collect(items, base, (n) => {
      const url = text(n.loc);
      return url ? { url, published: isoDate(n.lastmod) } : null;
    }) };
  }
  const rss = doc.rss as Node | undefined;
  const channel = rss ? list(rss.channel)[0] ?? {} : {};
  const items = rss ? list(channel.item) : doc.feed ? list((doc.feed as Node).entry) : list((doc.RDF as Node | undefined)?.item);
  return { kind, ...collect(items, base, (n) => {
    const url = entryLink(n);
    return url ? { url, title: text(n.title), published: isoDate(n.pubDate ?? n.published ?? n.updated ?? n.date) } : null;
  }) };
}
