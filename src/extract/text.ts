/**
 * Text assembly: turns a DOM subtree into normalised paragraphs (one per block element,
 * `<br>` breaks a paragraph), remembering the links inside each, then joins paragraphs into
 * the article text with spans. Iterative walk: no recursion over the DOM.
 */
import type { Paragraph } from '../model.js';
import { isTag, isText, type AnyNode, type Element } from './dom.js';
import { BLOCK_TAGS, HEADING_TAGS } from './rules.js';

export interface RawLink {
  href: string;
  text: string;
  /** The paragraph's words just before the link (up to 40 characters), e.g. "reporting via". */
  before?: string;
}

/** A paragraph as found in the page, before boilerplate filtering. */
export interface Block {
  text: string;
  kind: Paragraph['kind'];
  /** Normalised characters inside links. */
  linkChars: number;
  links: RawLink[];
  /** The innermost block element the text came from. */
  element: Element | null;
  /** Inside a chrome widget: never article text, but its links may be classified. */
  chrome: boolean;
}

const STANDFIRST_CLASS = /standfirst|summary|lede|(^|[\s_-])lead|(^|[\s_-])dek(\s|$|[_-])|intro|subtitle|sub-title|excerpt|description|deck/;

/** Collapses whitespace runs (incl. NBSP and zero-width joiners of copy-paste) to one space. */
export function normaliseSpace(s: string): string {
  return s.replace(/[\s\u00a0\u200b\u2028\u2029\ufeff]+/g, ' ').trim();
}

function kindOf(el: Element): Paragraph['kind'] {
  const n = el.name;
  if (HEADING_TAGS.has(n)) return 'heading';
  if (n === 'li' || n === 'dd' || n === 'dt') return 'list-item';
  if (n === 'blockquote') return 'quote';
  const ci = `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`.toLowerCase();
  if (STANDFIRST_CLASS.test(ci)) return 'standfirst';
  return 'p';
}

/**
 * A table cell used for page layout rather than data: it holds blocks or line breaks (a menu, a
 * column of text). Data cells hold a value or a phrase. Only direct children are looked at.
 */
function isLayoutCell(cell: Element): boolean {
  for (const k of cell.children) {
    if (isTag(k) && (k.name === 'br' || BLOCK_TAGS.has(k.name))) return true;
  }
  return false;
}

/**
 * Blocks (paragraphs) of the subtrees `roots`, in document order. Blocks inside `chrome`
 * elements are flagged so.
 */
export function collectBlocks(roots: readonly AnyNode[], chrome: ReadonlySet<Element>): Block[] {
  let chromeDepth = 0;
  // Cells of layout tables (page columns, not data) are paragraphs of their own.
  const layoutCells = new Set<Element>();
  const blocks: Block[] = [];
  let buf = '';
  let links: RawLink[] = [];
  // Open anchors: where their text starts in `buf`.
  const openLinks: { href: string; start: number }[] = [];
  const blockStack: Element[] = [];
  const flush = (): void => {
    const text = normaliseSpace(buf);
    if (text) {
      const element = blockStack.length > 0 ? blockStack[blockStack.length - 1] : null;
      let kind: Paragraph['kind'] = element ? kindOf(element) : 'p';
      // <li><p>..</p></li> and <blockquote><p>..</p></blockquote>: the wrapper names the kind.
      if (kind === 'p' && blockStack.length > 1) {
        const outer = kindOf(blockStack[blockStack.length - 2]);
        if (outer === 'quote' || outer === 'list-item' || outer === 'heading') kind = outer;
      }
      let linkChars = 0;
      for (const l of links) linkChars += l.text.length;
      // A link still open here wraps this block (<a><h3>Headline</h3><p>teaser</p></a>): its
      // text so far is link text too, and the link belongs to this block as well.
      if (openLinks.length > 0) {
        const outer = openLinks[0];
        const inLink = normaliseSpace(buf.slice(outer.start));
        linkChars += inLink.length;
        if (inLink) links.push({ href: outer.href, text: inLink });
      }
      blocks.push({ text, kind, linkChars: Math.min(linkChars, text.length), links, element, chrome: chromeDepth > 0 });
    }
    buf = '';
    links = [];
    for (const o of openLinks) o.start = 0;
  };

  // Stack of work: a node to enter, or an element to leave (marked by `exit`).
  type Work = { node: AnyNode; exit: boolean };
  const stack: Work[] = [];
  for (let i = roots.length - 1; i >= 0; i--) stack.push({ node: roots[i], exit: false });
  while (stack.length > 0) {
    const { node, exit } = stack.pop()!;
    if (isText(node)) {
      buf += node.data;
      continue;
    }
    if (!isTag(node)) continue;
    const name = node.name;
    if (exit) {
      if (name === 'a') {
        const open = openLinks.pop();
        if (open) {
          const text = normaliseSpace(buf.slice(open.start));
          if (text) links.push({ href: open.href, text, before: normaliseSpace(buf.slice(Math.max(0, open.start - 60), open.start)).slice(-40) });
        }
      }
      if (BLOCK_TAGS.has(name) || layoutCells.has(node)) {
        flush();
        blockStack.pop();
      }
      if (chrome.has(node)) {
        flush();
        chromeDepth--;
      }
      continue;
    }
    if (chrome.has(node)) {
      // A widget is never part of a neighbouring paragraph.
      flush();
      chromeDepth++;
    }
    if (name === 'br' || name === 'hr') {
      flush();
      continue;
    }
    const cell = name === 'td' || name === 'th';
    if (cell && isLayoutCell(node)) layoutCells.add(node);
    if (BLOCK_TAGS.has(name) || layoutCells.has(node)) {
      flush();
      blockStack.push(node);
    } else if (name === 'a') {
      openLinks.push({ href: node.attribs.href ?? '', start: buf.length });
    } else if (cell) {
      buf += ' '; // Cells of a data row read as one line, never glued together.
    }
    stack.push({ node, exit: true });
    const kids = node.children;
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i], exit: false });
  }
  flush();
  return blocks;
}

/** Joins paragraphs with "\n\n" and records each one's span. */
export function joinParagraphs(items: readonly { text: string; kind: Paragraph['kind'] }[]): {
  text: string;
  paragraphs: Paragraph[];
} {
  const paragraphs: Paragraph[] = [];
  const parts: string[] = [];
  let offset = 0;
  for (const item of items) {
    if (parts.length > 0) offset += 2;
    paragraphs.push({ start: offset, end: offset + item.text.length, kind: item.kind });
    parts.push(item.text);
    offset += item.text.length;
  }
  return { text: parts.join('\n\n'), paragraphs };
}

/** Plain-text input: paragraphs are separated by blank lines; lines inside one are joined. */
export function paragraphsFromPlainText(text: string): { text: string; kind: Paragraph['kind'] }[] {
  const out: { text: string; kind: Paragraph['kind'] }[] = [];
  for (const chunk of text.replace(/\r\n?/g, '\n').split(/\n[ \t\u00a0]*\n/)) {
    const t = normaliseSpace(chunk);
    if (t) out.push({ text: t, kind: 'p' });
  }
  return out;
}
