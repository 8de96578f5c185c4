/**
 * DOM helpers for extraction. Every walk here is iterative (explicit stack), never recursive:
 * pages with 100,000 nested elements must not overflow the call stack. domutils' own
 * `textContent`, `getElementsByTagName` and `findAll` recurse, so we do not call them.
 */
import { Parser } from 'htmlparser2';
import { DomHandler, Element, Text, isTag, isText, type AnyNode, type Document, type ParentNode } from 'domhandler';

export type { AnyNode, Document, ParentNode };
export { Element, Text, isTag, isText };

/**
 * Deeper elements are flattened into their ancestor at this depth. Real pages nest < 100 deep;
 * htmlparser2 keeps its open-element stack with Array#unshift, so each open tag costs O(depth)
 * and 10 million nested <div>s (a 50 MB page) would take hours. Capping the depth keeps parsing
 * linear whatever the input.
 */
export const MAX_DEPTH = 1000;

/** The parts of htmlparser2's Parser (v12) that capping depth needs; checked before use. */
interface ParserInternals {
  stack?: unknown;
  popElement?: unknown;
}

class DepthCappedParser extends Parser {
  override onopentagname(start: number, endIndex: number): void {
    const internals = this as unknown as ParserInternals;
    const stack = internals.stack;
    if (Array.isArray(stack) && stack.length >= MAX_DEPTH && typeof internals.popElement === 'function') {
      // Close the innermost element (as an implied close) so the new one opens beside it.
      (internals.popElement as (implied: boolean) => void).call(this, true);
    }
    super.onopentagname(start, endIndex);
  }
}

export function parseHtml(html: string): Document {
  const handler = new DomHandler(undefined, { withStartIndices: false, withEndIndices: false });
  const parser = new DepthCappedParser(handler, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
  parser.end(html);
  return handler.root;
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

/** Moves all of the document's top-level nodes into a new <body> element and returns it. */
export function wrapInBody(doc: Document): Element {
  const body = new Element('body', {}, doc.children);
  for (const k of doc.children) k.parent = body;
  body.parent = doc;
  doc.children = [body];
  return body;
}
