/**
 * Stage 1: remove (or mark) page chrome before looking for the article (trafilatura's tree
 * cleaning, Readability's "unlikely candidates").
 *   Dropped from the tree with their contents: tags that never hold article prose (scripts,
 *   styles, forms, nav, aside, footer, media), ARIA roles of chrome, elements hidden from
 *   readers, comments and processing instructions.
 *   Marked as chrome (kept, so "READ MORE" and "Source" links inside can be classified, but
 *   never article text): class/id patterns of widgets (share bars, comment threads, related
 *   rails, breadcrumbs) — unless the element holds most of the page's prose, which makes it a
 *   layout wrapper with an unlucky name ("has-sidebar", "page-ad-margins").
 */
import { isTag, isText, type AnyNode, type Element, type ParentNode } from './dom.js';
import {
  CHROME_CLASS, COMMENT_CLASS, DROP_ROLES, DROP_TAGS, MAYBE_CONTENT_CLASS, NEVER_DROP_BY_CLASS, UNLIKELY_CLASS,
  WIDGET_TAGS, EMBEDDED_POST_CLASS, CONTENT_SELECTORS_CLASS,
} from './rules.js';

const HIDDEN_STYLE = /display\s*:\s*none|visibility\s*:\s*hidden/i;
/** A widget-named element holding more than this share of the page's non-link text is layout. */
const LAYOUT_PROSE_SHARE = 0.5;

/** Whether `el` never holds article text: dropped from the tree with its contents. */
export function isDropped(el: Element): boolean {
  if (DROP_TAGS.has(el.name)) return true;
  const a = el.attribs;
  const role = a.role;
  if (role && DROP_ROLES.has(role.toLowerCase())) return true;
  // Hidden content is not part of what a reader sees (and often holds duplicated or spam text).
  if (a.hidden !== undefined || a['aria-hidden'] === 'true') return true;
  return a.style !== undefined && HIDDEN_STYLE.test(a.style);
}

/** class and id as lower-case words joined by '-' (see rules.ts). */
export function classWords(el: Element): string {
  const c = el.attribs.class;
  const id = el.attribs.id;
  if (!c && !id) return '';
  return `${c ?? ''} ${id ?? ''}`
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .split(/[\s_-]+/)
    .filter(Boolean)
    .join('-');
}

export type ChromeKind = 'comments' | 'widget';

/** What kind of chrome `el` is by its class/id, or null. */
export function chromeKind(el: Element, memo?: Map<string, ChromeKind | null>): ChromeKind | null {
  if (WIDGET_TAGS.has(el.name)) return 'widget';
  if (NEVER_DROP_BY_CLASS.has(el.name)) return null;
  const c = el.attribs.class;
  const id = el.attribs.id;
  if (!c && !id) return null;
  // Pages repeat the same few class names thousands of times: judge each once.
  const key = `${c ?? ''}#${id ?? ''}`;
  const known = memo?.get(key);
  if (known !== undefined) return known;
  const kind = kindOfWords(classWords(el));
  if (memo && memo.size < 100_000) memo.set(key, kind);
  return kind;
}

function kindOfWords(words: string): ChromeKind | null {
  if (!words) return null;
  if (COMMENT_CLASS.test(words)) return 'comments';
  if (CHROME_CLASS.test(words)) return 'widget';
  if (UNLIKELY_CLASS.test(words) && !MAYBE_CONTENT_CLASS.test(words)) return 'widget';
  return null;
}

/**
 * Removes dropped elements from the tree in place and returns the chrome left in it, by kind.
 * One pass: each parent's children array is rebuilt at most once (removing children one by one
 * would be quadratic on wide pages).
 */
export function cleanTree(root: ParentNode): Map<Element, ChromeKind> {
  const candidates = new Map<Element, ChromeKind>();
  const memo = new Map<string, ChromeKind | null>();
  const embeds: Element[] = [];
  const markers: Element[] = [];
  const markerMemo = new Map<string, boolean>();
  const order: Element[] = [];
  const stack: ParentNode[] = [root];
  while (stack.length > 0) {
    const parent = stack.pop()!;
    const kids = parent.children;
    // The kept children, created at the first removal only (most parents lose nothing).
    let kept: AnyNode[] | null = null;
    for (let i = 0; i < kids.length; i++) {
      const kid = kids[i];
      let keep = false;
      if (isTag(kid)) {
        if (!isDropped(kid)) {
          keep = true;
          const kind = chromeKind(kid, memo);
          if (kind) candidates.set(kid, kind);
          if (kid.name === 'blockquote' && kid.attribs.class && EMBEDDED_POST_CLASS.test(kid.attribs.class)) embeds.push(kid);
          if (isArticleMarker(kid, markerMemo)) markers.push(kid);
          order.push(kid);
          stack.push(kid);
        }
      } else if (isText(kid)) {
        keep = true;
      }
      // Comments, CDATA and directives are never article text: they go with dropped elements.
      if (keep) {
        kept?.push(kid);
      } else {
        kept ??= kids.slice(0, i);
        kid.parent = null;
      }
    }
    if (kept) {
      for (let i = 0; i < kept.length; i++) {
        kept[i].prev = i > 0 ? kept[i - 1] : null;
        kept[i].next = i + 1 < kept.length ? kept[i + 1] : null;
      }
      parent.children = kept;
    }
  }
  keepEmbeddedPosts(embeds, candidates);
  keepArticlesNamedLikeComments(markers, candidates);
  return keepLayoutWrappers(root, order, candidates);
}

/** The headline or a declared article body: what a comment thread never contains. */
function isArticleMarker(el: Element, memo: Map<string, boolean>): boolean {
  if (el.name === 'h1' || el.attribs.itemprop === 'articleBody') return true;
  const c = el.attribs.class;
  if (!c) return false;
  let known = memo.get(c);
  if (known === undefined) {
    known = CONTENT_SELECTORS_CLASS.test(c.toLowerCase());
    if (memo.size < 100_000) memo.set(c, known);
  }
  return known;
}

/**
 * A "comments"-named element around the headline or the declared article body is the article
 * (themes put "has-comments" or "comments-open" on the post wrapper), not a comment thread.
 */
function keepArticlesNamedLikeComments(markers: readonly Element[], candidates: Map<Element, ChromeKind>): void {
  const seen = new Set<Element>();
  for (const marker of markers) {
    for (let el: Element | null = marker; el && !seen.has(el); el = el.parent && isTag(el.parent) ? el.parent : null) {
      seen.add(el);
      if (candidates.get(el) === 'comments') candidates.delete(el);
    }
  }
}

/** How far above an embedded post its wrapper widgets can be. */
const EMBED_WRAPPER_LEVELS = 4;

/** An embedded tweet or post is quoted by the article: its wrapper widgets are not chrome. */
function keepEmbeddedPosts(embeds: readonly Element[], candidates: Map<Element, ChromeKind>): void {
  for (const embed of embeds) {
    let el: Element | null = embed;
    for (let level = 0; el && level <= EMBED_WRAPPER_LEVELS; level++) {
      if (candidates.get(el) === 'widget') candidates.delete(el);
      el = el.parent && isTag(el.parent) ? el.parent : null;
    }
  }
}

/** Non-link text per element, bottom-up; `order` lists parents before children. */
function proseChars(order: readonly Element[]): Map<Element, number> {
  const prose = new Map<Element, number>();
  for (let i = order.length - 1; i >= 0; i--) {
    const el = order[i];
    let n = prose.get(el) ?? 0;
    if (el.name !== 'a') {
      for (const k of el.children) if (isText(k)) n += k.data.trim().length;
    } else {
      n = 0;
    }
    prose.set(el, n);
    const p = el.parent;
    if (p && isTag(p)) prose.set(p, (prose.get(p) ?? 0) + n);
  }
  return prose;
}

function keepLayoutWrappers(root: ParentNode, order: readonly Element[], candidates: Map<Element, ChromeKind>): Map<Element, ChromeKind> {
  const chrome = new Map<Element, ChromeKind>();
  if (candidates.size === 0) return chrome;
  const prose = proseChars(order);
  let total = 0;
  for (const k of root.children) {
    if (isTag(k)) total += prose.get(k) ?? 0;
    else if (isText(k)) total += k.data.trim().length;
  }
  for (const [el, kind] of candidates) {
    if (kind === 'widget' && total > 0 && (prose.get(el) ?? 0) > total * LAYOUT_PROSE_SHARE) continue;
    chrome.set(el, kind);
  }
  return chrome;
}
