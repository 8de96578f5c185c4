/**
 * extract(page) -> Article: the article of a news page, cleanly.
 *
 * Stages (each in its own module):
 *   0. metadata.ts  title, byline, date, language, canonical URL from the whole document
 *   1. clean.ts     drop scripts/forms/nav/aside/footer/hidden; mark class/id chrome widgets
 *   2. content.ts   score containers, pick the main content and its sibling blocks
 *   3. text.ts      assemble paragraphs; here: filter boilerplate lines, a heading repeating the
 *                   title, link lists
 *   4. links.ts     classify links as source / related / inline
 * Plain-text input skips 0-2: paragraphs are split on blank lines.
 */
import type { Article, RawPage } from '../model.js';
import { cleanTree } from './clean.js';
import { findContent } from './content.js';
import { forEachElement, parseHtml, rawText, type Element, type ParentNode } from './dom.js';
import { LinkCollector, blockRole, hostOf } from './links.js';
import { readMetadata, stripSiteName } from './metadata.js';
import { BOILERPLATE_LINES, BYLINE_LINE, PAGE_SOURCE_ANCHOR } from './rules.js';

const BYLINE_LINE_PREFIX = /^\S+:?\s+(by\s+)?/i;
import { collectBlocks, joinParagraphs, normaliseSpace, paragraphsFromPlainText, type Block } from './text.js';

export { normaliseDate } from './metadata.js';

/** Blocks with more link text than this share are link lists (related stories, tags), not prose. */
const MAX_BLOCK_LINK_DENSITY = 0.5;
/** ...unless they carry at least this many characters outside their links. */
const MIN_OWN_TEXT = 80;
/** Less article text than this sends extraction to a second, less strict pass. */
const MIN_ARTICLE_CHARS = 250;
/** Paragraphs at least this long are dropped when they repeat an earlier one. */
const MIN_DEDUP_CHARS = 40;

export function extract(page: RawPage): Article {
  if (typeof page.html !== 'string') return fromPlainText(page);
  return fromHtml(page, page.html);
}

function fromPlainText(page: RawPage): Article {
  const { text, paragraphs } = joinParagraphs(paragraphsFromPlainText(page.text ?? ''));
  const m = page.meta ?? {};
  const str = (k: string): string | null => {
    const v = m[k];
    return typeof v === 'string' && v.trim() ? v.trim() : null;
  };
  return {
    url: page.url ?? null,
    canonicalUrl: null,
    title: str('title'),
    byline: str('byline') ?? str('author'),
    published: str('published') ?? str('date'),
    language: str('language'),
    text,
    paragraphs,
    links: [],
  };
}

/** A full sentence: six words or more, ending with a full stop, "!", "?" or an ellipsis. */
function isSentence(text: string): boolean {
  return /[.!?…]["”’»)]?$/.test(text) && text.split(' ').length >= 6;
}

/** Characters of non-chrome, link-poor text in blocks: how much article a pass found. */
function proseLength(blocks: readonly Block[]): number {
  let n = 0;
  for (const b of blocks) if (!b.chrome && b.linkChars < b.text.length / 2) n += b.text.length;
  return n;
}

/** A chrome line; labels are also tried without the punctuation around them ("- Advertisement -"). */
function isBoilerplate(text: string): boolean {
  if (BOILERPLATE_LINES.some((re) => re.test(text))) return true;
  if (text.length > 60) return false;
  const bare = text.replace(/^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu, '');
  return bare !== text && bare.length > 0 && BOILERPLATE_LINES.some((re) => re.test(bare));
}

/**
 * The headline is metadata, not body text: an <h1> inside the content, or a block repeating the
 * title (a standfirst heading equal to the h1, or the title with or without the site's name).
 */
function isHeadline(block: Block, titleKeys: ReadonlySet<string>, maxTitleLength: number): boolean {
  if (block.element?.name === 'h1') return true;
  if (block.text.length > maxTitleLength) return false;
  const key = titleKey(block.text);
  if (titleKeys.has(key)) return true;
  if (block.kind !== 'heading' || key.length < 12) return false;
  // "Title | Site" vs "Title": one contains the other and is most of it.
  for (const t of titleKeys) {
    if ((t.includes(key) && key.length >= t.length * 0.6) || (key.includes(t) && t.length >= key.length * 0.6)) return true;
  }
  return false;
}

/** Comparable form of a heading or title: case, punctuation and spacing ignored. */
function titleKey(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

function fromHtml(page: RawPage, html: string): Article {
  const doc = parseHtml(html);
  const meta = readMetadata(doc, page.url ?? null, page.headers);
  const base = page.url ?? meta.canonicalUrl;
  const collector = new LinkCollector(base, hostOf(page.url ?? meta.canonicalUrl));
  const pageSourceAnchors = findPageSourceAnchors(doc);

  const chromeKinds = cleanTree(doc);
  const body = findBody(doc);
  const chrome: ReadonlySet<Element> = new Set(chromeKinds.keys());
  let blocks = collectBlocks(findContent(body, chrome).roots, chrome);
  if (proseLength(blocks) < MIN_ARTICLE_CHARS) {
    // Readability's second pass: when class/id rules leave (almost) nothing, they probably hid
    // the article (a theme calling its main column "widget"); retry keeping only comment
    // threads out, and take the retry if it finds more.
    const onlyComments = new Set([...chromeKinds].filter(([, k]) => k === 'comments').map(([el]) => el));
    const retry = collectBlocks(findContent(body, onlyComments).roots, onlyComments);
    if (proseLength(retry) > proseLength(blocks)) blocks = retry;
  }

  const titleKeys = new Set<string>();
  let maxTitleLength = 0;
  for (const t of [meta.title, meta.documentTitle, meta.documentTitle && stripSiteName(meta.documentTitle, meta.siteName)]) {
    if (!t) continue;
    titleKeys.add(titleKey(t));
    // A heading that repeats the title is about as long (punctuation may differ).
    maxTitleLength = Math.max(maxTitleLength, t.length + 20);
  }

  let visibleByline: string | null = null;
  const kept: Block[] = [];
  const seen = new Set<string>();
  for (const block of blocks) {
    const role = blockRole(block);
    if (role) {
      collector.addBlock(block, role);
      continue;
    }
    if (block.chrome) continue;
    if (isBoilerplate(block.text)) continue;
    // The headline (or a standfirst heading repeating it) is metadata, not body text.
    if (isHeadline(block, titleKeys, maxTitleLength)) continue;
    // Mostly-link blocks with little text of their own are link lists (related stories, tags);
    // a list item that links its lead sentence and then explains it is still prose, and so is
    // a full sentence that happens to be mostly a link (headlines in lists do not end in a stop).
    if (block.linkChars / block.text.length > MAX_BLOCK_LINK_DENSITY && block.text.length - block.linkChars < MIN_OWN_TEXT && !isSentence(block.text)) continue;
    // A lone "By Jane Roe" line near the top is the byline, not body text.
    if (kept.length < 3 && block.text.length <= 100 && BYLINE_LINE.test(block.text)) {
      visibleByline ??= block.text.replace(BYLINE_LINE_PREFIX, '').split(/\s*[,|–—·]\s*/)[0];
      continue;
    }
    // A paragraph repeated word for word is a carousel or gallery caption, not prose. (Short
    // ones, like table cells or "1 tackle", may well repeat.)
    if (block.text.length >= MIN_DEDUP_CHARS) {
      if (seen.has(block.text)) continue;
      seen.add(block.text);
    }
    kept.push(block);
  }
  // A heading with nothing after it titles a widget ("Tell us what you think", "More stories")
  // whose body was removed: not part of the article.
  while (kept.length > 0 && kept[kept.length - 1].kind === 'heading') kept.pop();
  for (const block of kept) collector.addBlock(block, null);

  // A canonical URL on another host declares the original publisher.
  const pageHost = hostOf(page.url ?? null);
  const canonicalHost = hostOf(meta.canonicalUrl);
  if (pageHost && canonicalHost && pageHost !== canonicalHost && meta.canonicalUrl) {
    collector.add('source', { href: meta.canonicalUrl, text: '' }, 'canonical URL on another host');
  }
  if (!collector.hasSource()) {
    for (const a of pageSourceAnchors) collector.add('source', a, `anchor text "${a.text}"`);
  }

  const { text, paragraphs } = joinParagraphs(kept);
  return {
    url: page.url ?? null,
    canonicalUrl: meta.canonicalUrl,
    title: meta.title,
    byline: meta.byline ?? visibleByline,
    published: meta.published,
    language: meta.language,
    text,
    paragraphs,
    links: collector.links,
  };
}

function findBody(doc: ParentNode): ParentNode {
  let body: Element | null = null;
  forEachElement(doc, (el) => {
    if (body) return 'skip';
    if (el.name === 'body') {
      body = el;
      return 'skip';
    }
    return undefined;
  });
  return body ?? doc;
}

/** Anchors anywhere on the page whose whole text says "Source" / "Original article". */
function findPageSourceAnchors(doc: ParentNode): { href: string; text: string }[] {
  const out: { href: string; text: string }[] = [];
  forEachElement(doc, (el) => {
    if (el.name === 'script' || el.name === 'style') return 'skip';
    if (el.name !== 'a' || !el.attribs.href || el.children.length > 5) return undefined;
    const text = normaliseSpace(rawText(el));
    if (text.length <= 40 && PAGE_SOURCE_ANCHOR.test(text)) out.push({ href: el.attribs.href, text });
    return 'skip';
  });
  return out;
}


