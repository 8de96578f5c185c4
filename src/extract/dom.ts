/**
 * DOM helpers for extraction. Every walk here is iterative (explicit stack), never recursive:
 * pages with 100,000 nested elements must not overflow the call stack. domutils' own
 * `textContent`, `getElementsByTagName` and `findAll` recurse, so we do not call them.
 */
import { parseDocument } from 'htmlparser2';
import { Element, Text, isTag, isText, type AnyNode, type Document, type ParentNode } from 'domhandler';

export type { AnyNode, Document, ParentNode };
export { Element, Text, isTag, isText };

export function parseHtml(html: string): Document {
  return parseDocument(html, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
}

/** Calls `visit` for every element under `root` in document order (pre-order), root excluded. */
export function forEachElement(root: ParentNode, visit: (el: Element) => void | 'skip'): void {
  const stack: AnyNode[] = [];
  for (let i = root.children.length - 1; i >= 0; i--) stack.push(root.children[i]);
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!isTag(node)) continue;
    if (visit(node) === 'skip') continue;
    const kids = node.children;
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
}

/** All elements under `root` (pre-order) whose tag name is in `names`. */
export function elementsByTag(root: ParentNode, names: ReadonlySet<string> | string): Element[] {
  const out: Element[] = [];
  const match = typeof names === 'string' ? (n: string) => n === names : (n: string) => names.has(n);
  forEachElement(root, (el) => {
    if (match(el.name)) out.push(el);
  });
  return out;
}

/** Concatenated text of all text nodes under `node` (no whitespace normalisation). */
export function rawText(node: AnyNode): string {
  if (isText(node)) return node.data;
  if (!isTag(node) && !('children' in node)) return '';
  const parts: string[] = [];
  const stack: AnyNode[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (isText(n)) parts.push(n.data);
    else if ('children' in n) {
      const kids = n.children;
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
    }
  }
  return parts.join('');
}

/** Detaches `node` from its parent (domutils' removeElement without its sibling bookkeeping cost). */
export function detach(node: AnyNode): void {
  const parent = node.parent;
  if (parent) {
    const i = parent.children.indexOf(node);
    if (i >= 0) parent.children.splice(i, 1);
  }
  if (node.prev) node.prev.next = node.next;
  if (node.next) node.next.prev = node.prev;
  node.parent = null;
  node.prev = null;
  node.next = null;
}

export function attr(el: Element, name: string): string | undefined {
  return el.attribs[name];
}

/** Class and id joined, lower-cased: what class/id pattern rules look at. */
export function classAndId(el: Element): string {
  const c = el.attribs.class;
  const id = el.attribs.id;
  if (!c && !id) return '';
  return `${c ?? ''} ${id ?? ''}`.toLowerCase();
}

/** Depth of `el` counted through parents (iterative). */
export function ancestors(el: AnyNode): Element[] {
  const out: Element[] = [];
  let p = el.parent;
  while (p) {
    if (isTag(p)) out.push(p);
    p = p.parent;
  }
  return out;
}
