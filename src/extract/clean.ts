/**
 * Stage 1: remove (or mark) page chrome before looking for the article (trafilatura's tree cleaning,
 * Readability's "unlikely candidates"). Drops, with their contents:
 *   - tags that never hold article prose (scripts, styles, forms, nav, aside, footer, media);
 *   - ARIA roles of chrome (navigation, banner, complementary, ...);
 *   - elements hidden from readers (`hidden`, `aria-hidden`, inline display:none);
 *   - class/id patterns of widgets (share bars, comments, related rails, breadcrumbs).
 * Comments and processing instructions vanish with them since only elements and text are kept.
 */
import { isTag, isText, type AnyNode, type Element, type ParentNode } from './dom.js';
import { CHROME_CLASS, DROP_ROLES, DROP_TAGS, MAYBE_CONTENT_CLASS, NEVER_DROP_BY_CLASS, UNLIKELY_CLASS } from './rules.js';

const HIDDEN_STYLE = /display\s*:\s*none|visibility\s*:\s*hidden/i;

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

/**
 * Why `el` is a chrome widget by its class/id (share bar, related rail, "read more" box), or
 * null. Widgets stay in the tree, outside the article text, so their "READ MORE" and "Source"
 * links can still be classified.
 */
export function chromeReason(el: Element): string | null {
  const name = el.name;
  const a = el.attribs;
  if (NEVER_DROP_BY_CLASS.has(name)) return null;
  const c = a.class;
  const id = a.id;
  if (!c && !id) return null;
  const ci = `${c ?? ''} ${id ?? ''}`.toLowerCase();
  if (CHROME_CLASS.test(ci)) return `class/id "${ci.trim()}"`;
  if (UNLIKELY_CLASS.test(ci) && !MAYBE_CONTENT_CLASS.test(ci)) return `class/id "${ci.trim()}"`;
  return null;
}

/**
 * Removes dropped elements from the tree in place and returns the chrome widgets left in it.
 * One pass: each parent's children array is rebuilt at most once (removing children one by one
 * would be quadratic on wide pages).
 */
export function cleanTree(root: ParentNode): Set<Element> {
  const chrome = new Set<Element>();
  const stack: ParentNode[] = [root];
  while (stack.length > 0) {
    const parent = stack.pop()!;
    const kids = parent.children;
    let changed = false;
    const kept: AnyNode[] = [];
    for (const kid of kids) {
      if (isTag(kid)) {
        if (isDropped(kid)) {
          changed = true;
          kid.parent = null;
          continue;
        }
        if (chromeReason(kid) !== null) chrome.add(kid);
        kept.push(kid);
        stack.push(kid);
      } else if (isText(kid)) {
        kept.push(kid);
      } else {
        // Comments, CDATA, directives: never article text.
        changed = true;
        kid.parent = null;
      }
    }
    if (changed) {
      for (let i = 0; i < kept.length; i++) {
        kept[i].prev = i > 0 ? kept[i - 1] : null;
        kept[i].next = i + 1 < kept.length ? kept[i + 1] : null;
      }
      parent.children = kept;
    }
  }
  return chrome;
}
