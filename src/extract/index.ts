/**
 * extract(page) -> Article: the article of a news page, cleanly.
 *
 * Stages (each in its own module):
 *   0. metadata.ts  title, byline, date, language, canonical URL from the whole document
 *   1. clean.ts     drop scripts/forms/nav/aside/footer/hidden; mark class/id chrome widgets
 *   2. content.ts   score containers, pick the main content and its sibling blocks
 *   3. text.ts      assemble paragraphs (one per block element, <br> breaks), normalise spaces
 *      boilerplate.ts  drop chrome lines left inside the content, the repeated headline, link lists
 *   4. links.ts     classify links as source / related / inline
 * Plain-text input skips 0-2: paragraphs are split on blank lines.
 */
import type { Article, RawPage } from '../model.js';
import { cleanTree } from './clean.js';
import { findContent } from './content.js';
import { forEachElement, parseHtml, rawText, wrapInBody, type Document, type Element, type ParentNode } from './dom.js';
import { selectArticleBlocks } from './boilerplate.js';
import { LinkCollector, hostOf } from './links.js';
import { guessLanguage } from './lang-guess.js';
import { readMetadata } from './metadata.js';
import { PAGE_SOURCE_ANCHOR } from './rules.js';
import { collectBlocks, joinParagraphs, normaliseSpace, paragraphsFromPlainText, type Block } from './text.js';

/** Less article text than this sends extraction to a second, less strict pass. */
const MIN_ARTICLE_CHARS = 250;

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
    language: str('language') ?? guessLanguage(text),
    text,
    paragraphs,
    links: [],
  };
}

/** Characters of non-chrome, link-poor text in blocks: how much article a pass found. */
function proseLength(blocks: readonly Block[]): number {
  let n = 0;
  for (const b of blocks) if (!b.chrome && b.linkChars < b.text.length / 2) n += b.text.length;
  return n;
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
  const hasWidgets = [...chromeKinds.values()].some((k) => k === 'widget');
  if (hasWidgets && proseLength(blocks) < MIN_ARTICLE_CHARS) {
    // Readability's second pass: when class/id rules leave (almost) nothing, they probably hid
    // the article (a theme calling its main column "widget"); retry keeping only comment
    // threads out, and take the retry if it finds more.
    const onlyComments = new Set([...chromeKinds].filter(([, k]) => k === 'comments').map(([el]) => el));
    const retry = collectBlocks(findContent(body, onlyComments).roots, onlyComments);
    if (proseLength(retry) > proseLength(blocks)) blocks = retry;
  }

  const { kept, visibleByline, visibleDate } = selectArticleBlocks(blocks, meta, collector);
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

  // Script-rendered pages (the article only in JSON for the browser) leave the HTML without
  // text; many still declare the body in JSON-LD. Used only when the page text came out short.
  const declaredBody = meta.articleBody ? paragraphsFromPlainText(meta.articleBody.replace(/\n/g, '\n\n')) : [];
  const declaredLength = declaredBody.reduce((n, p) => n + p.text.length, 0);
  const keptLength = kept.reduce((n, b) => n + b.text.length, 0);
  const useDeclared = keptLength < MIN_ARTICLE_CHARS && declaredLength > keptLength * 2;
  const { text, paragraphs } = joinParagraphs(useDeclared ? declaredBody : kept);
  return {
    url: page.url ?? null,
    canonicalUrl: meta.canonicalUrl,
    title: meta.title,
    byline: meta.byline ?? visibleByline,
    published: meta.published ?? visibleDate,
    language: chooseLanguage(meta.language, guessLanguage(text)),
    text,
    paragraphs,
    links: collector.links,
  };
}

/**
 * The declared language, unless the text itself clearly says otherwise: themes ship with a
 * hard-coded <html lang="en-US"> whatever the site writes in. The guess is null on thin evidence.
 */
function chooseLanguage(declared: string | null, guessed: string | null): string | null {
  return guessed ?? declared;
}

/**
 * The <body>. A fragment or bare text has none (htmlparser2 invents no <body>): then everything
 * at the top level is wrapped in one, so text outside any element is scored like any other.
 */
function findBody(doc: Document): Element {
  let body = null as Element | null;
  forEachElement(doc, (el) => {
    if (body) return 'skip';
    if (el.name === 'body') {
      body = el;
      return 'skip';
    }
    return undefined;
  });
  return body ?? wrapInBody(doc);
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

/**
 * The article as plain text: its headline, a blank line, then the body. The headline is part of
 * what was copied (and spun), so `unspin extract page | unspin restore -` should see it too; a
 * body that already opens with it does not get it twice.
 */
export function articlePlainText(article: Article, withTitle = true): string {
  const title = article.title?.trim() ?? '';
  if (!withTitle || title === '') return article.text;
  const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
  if (squash(article.text.slice(0, title.length + 40)).startsWith(squash(title))) return article.text;
  return `${title}\n\n${article.text}`;
}
