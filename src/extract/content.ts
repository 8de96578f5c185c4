/**
 * Stage 2: find the article's main content in a cleaned tree (after Readability's
 * grabArticle). Paragraph-like elements score their ancestors; the best-scoring container,
 * discounted by its link density, wins; siblings that look like more of the same article join it.
 * Every pass is iterative over a pre-order element list: no recursion over the DOM.
 */
import { isTag, isText, rawText, type Element, type ParentNode } from './dom.js';
import { BLOCK_TAGS, CONTENT_SELECTORS_CLASS, NEGATIVE_CLASS, PARAGRAPH_TAGS, POSITIVE_CLASS } from './rules.js';

/** Per-element text statistics, gathered bottom-up in one pass. */
export interface Stats {
  /** Characters of text (whitespace runs counted once). */
  text: number;
  /** Characters of text inside links. */
  link: number;
  /** Commas (Latin and CJK): a cheap signal of prose. */
  commas: number;
  /** Whether a block-level element sits anywhere inside. */
  hasBlock: boolean;
  /**
   * Text not inside any descendant block: the element's own run of prose. A <div> that mixes
   * text and <br>s with block children writes its article this way.
   */
  inline: number;
  inlineCommas: number;
  inlineLink: number;
}

/** Paragraphs shorter than this are captions, buttons or labels, not prose (Readability: 25). */
const MIN_PARAGRAPH_CHARS = 25;
/** How many ancestor levels a paragraph's score reaches (Readability: 5). */
const ANCESTOR_LEVELS = 5;
/** Near-top candidates looked at when promoting their common ancestor (Readability: 5 top candidates). */
const MAX_RIVALS = 50;
/** Cap on scored paragraphs: keeps pathological pages linear and fast. */
const MAX_SCORED_PARAGRAPHS = 20000;

/**
 * Text statistics of every element (chrome widgets and all inside them left out), bottom-up in
 * one pass. Kept in typed arrays indexed by pre-order position: pages with a million elements
 * must not allocate a million objects.
 */
export class TreeStats {
  readonly order: Element[] = [];
  /** Position of each element's parent in `order`, -1 for the root (or its children when it is the document). */
  readonly parentAt: Int32Array;
  readonly text: Float64Array;
  readonly link: Float64Array;
  readonly commas: Float64Array;
  readonly hasBlock: Uint8Array;
  readonly inline: Float64Array;
  readonly inlineCommas: Float64Array;
  readonly inlineLink: Float64Array;
  private index: Map<Element, number> | null = null;

  constructor(root: ParentNode, chrome: ReadonlySet<Element>) {
    const order = this.order;
    const parents: number[] = [];
    const stackEl: Element[] = [];
    const stackParent: number[] = [];
    if (isTag(root)) {
      // The root (usually <body>) is a candidate too: prose written straight into it scores it.
      stackEl.push(root);
      stackParent.push(-1);
    } else {
      for (let i = root.children.length - 1; i >= 0; i--) {
        const k = root.children[i];
        if (isTag(k) && !chrome.has(k)) {
          stackEl.push(k);
          stackParent.push(-1);
        }
      }
    }
    while (stackEl.length > 0) {
      const el = stackEl.pop()!;
      const parent = stackParent.pop()!;
      const at = order.length;
      order.push(el);
      parents.push(parent);
      for (let i = el.children.length - 1; i >= 0; i--) {
        const k = el.children[i];
        if (isTag(k) && !chrome.has(k)) {
          stackEl.push(k);
          stackParent.push(at);
        }
      }
    }
    const n = order.length;
    this.parentAt = Int32Array.from(parents);
    this.text = new Float64Array(n);
    this.link = new Float64Array(n);
    this.commas = new Float64Array(n);
    this.hasBlock = new Uint8Array(n);
    this.inline = new Float64Array(n);
    this.inlineCommas = new Float64Array(n);
    this.inlineLink = new Float64Array(n);
    // Reverse pre-order visits every child before its parent.
    for (let i = n - 1; i >= 0; i--) {
      const el = order[i];
      for (const k of el.children) {
        if (!isText(k)) continue;
        // Length with whitespace runs counted once, and commas, in one scan of the text.
        const d = k.data;
        let chars = 0;
        let inSpace = false;
        let commas = 0;
        for (let j = 0; j < d.length; j++) {
          const c = d.charCodeAt(j);
          const space = c === 32 || c === 10 || c === 9 || c === 13 || c === 12;
          if (!space || !inSpace) chars++;
          inSpace = space;
          if (c === 44 || c === 0xff0c || c === 0x3001) commas++;
        }
        this.text[i] += chars;
        this.inline[i] += chars;
        this.commas[i] += commas;
        this.inlineCommas[i] += commas;
      }
      if (el.name === 'a') {
        this.link[i] = this.text[i];
        this.inlineLink[i] = this.inline[i];
      }
      const p = this.parentAt[i];
      if (p < 0) continue;
      this.text[p] += this.text[i];
      this.link[p] += this.link[i];
      this.commas[p] += this.commas[i];
      const block = BLOCK_TAGS.has(el.name);
      if (this.hasBlock[i] || block) this.hasBlock[p] = 1;
      if (!block) {
        this.inline[p] += this.inline[i];
        this.inlineCommas[p] += this.inlineCommas[i];
        this.inlineLink[p] += this.inlineLink[i];
      }
    }
  }

  /** Position of `el` in `order`, or -1 (chrome, or outside the root). */
  indexOf(el: Element): number {
    // Built on first use only: most lookups go by position.
    if (!this.index) {
      this.index = new Map();
      for (let i = 0; i < this.order.length; i++) this.index.set(this.order[i], i);
    }
    return this.index.get(el) ?? -1;
  }

  /** Statistics of the element at position `i`. */
  at(i: number): Stats {
    return {
      text: this.text[i], link: this.link[i], commas: this.commas[i], hasBlock: this.hasBlock[i] === 1,
      inline: this.inline[i], inlineCommas: this.inlineCommas[i], inlineLink: this.inlineLink[i],
    };
  }

  get(el: Element): Stats | undefined {
    const i = this.indexOf(el);
    return i < 0 ? undefined : this.at(i);
  }
}

/** Readability's class weight: content-ish names gain, chrome-ish names lose. */
function classWeight(el: Element): number {
  const ci = `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`.toLowerCase();
  let w = 0;
  if (el.attribs.itemprop === 'articleBody' || CONTENT_SELECTORS_CLASS.test(ci)) w += 25; // declared body
  if (ci.trim() === '') return w;
  if (NEGATIVE_CLASS.test(ci)) w -= 25;
  if (POSITIVE_CLASS.test(ci)) w += 25;
  return w;
}

/** Readability's initial score by tag: containers of prose start higher than lists and headings. */
function tagWeight(name: string): number {
  switch (name) {
    case 'div': case 'article': case 'section': case 'main':
      return 5;
    case 'pre': case 'td': case 'blockquote':
      return 3;
    case 'address': case 'ol': case 'ul': case 'dl': case 'dd': case 'dt': case 'li': case 'form':
      return -3;
    case 'h1': case 'h2': case 'h3': case 'h4': case 'h5': case 'h6': case 'th':
      return -5;
    default:
      return 0;
  }
}

export function linkDensity(s: Stats | undefined): number {
  return s && s.text > 0 ? s.link / s.text : 0;
}

/** A <div> (or <section>) with no block inside is written as a paragraph: score it as one. */
function isParagraphLike(el: Element, hasBlock: boolean): boolean {
  if (PARAGRAPH_TAGS.has(el.name)) return true;
  return (el.name === 'div' || el.name === 'section') && !hasBlock;
}

export interface ContentChoice {
  /** Subtrees holding the article, in document order. */
  roots: Element[];
  top: Element | null;
}

/** The main-content subtrees of a cleaned tree. Empty `roots` when nothing looks like prose. */
export function findContent(root: ParentNode, chrome: ReadonlySet<Element>): ContentChoice {
  const tree = new TreeStats(root, chrome);
  const { order, parentAt } = tree;
  const score = new Float64Array(order.length);
  const candidates: number[] = [];
  const isCandidate = new Uint8Array(order.length);

  const award = (from: number, points: number): void => {
    let anc = from;
    for (let level = 0; level < ANCESTOR_LEVELS && anc >= 0; level++) {
      if (!isCandidate[anc]) {
        isCandidate[anc] = 1;
        candidates.push(anc);
        score[anc] = tagWeight(order[anc].name) + classWeight(order[anc]);
      }
      // Parent gets it all, grandparent half, higher ancestors a third per level (Readability).
      const divider = level === 0 ? 1 : level === 1 ? 2 : level * 3;
      score[anc] += points / divider;
      anc = parentAt[anc];
    }
  };
  // One point per paragraph, one per comma, one per 100 characters (at most 3): long, punctuated
  // prose is what articles are made of; menus and captions are short and comma-free.
  const points = (chars: number, commas: number): number => 1 + commas + Math.min(Math.floor(chars / 100), 3);

  let scored = 0;
  for (let i = 0; i < order.length; i++) {
    const el = order[i];
    if (isParagraphLike(el, tree.hasBlock[i] === 1)) {
      if (tree.text[i] < MIN_PARAGRAPH_CHARS) continue;
      if (++scored > MAX_SCORED_PARAGRAPHS) break;
      award(parentAt[i], points(tree.text[i], tree.commas[i]));
    } else if (tree.inline[i] - tree.inlineLink[i] >= MIN_PARAGRAPH_CHARS && BLOCK_TAGS.has(el.name) && el.name !== 'html') {
      // Text written straight into a container (between <br>s or beside block children) is a
      // paragraph too (Readability wraps such runs in <p>); the container is its parent.
      if (++scored > MAX_SCORED_PARAGRAPHS) break;
      award(i, points(tree.inline[i], tree.inlineCommas[i]));
    }
  }

  // Link-heavy containers are menus and story lists, whatever their size.
  let top: Element | null = null;
  let topScore = -Infinity;
  const finalScore = new Map<Element, number>();
  for (const i of candidates) {
    const f = score[i] * (1 - linkDensity(tree.at(i)));
    finalScore.set(order[i], f);
    if (f > topScore) {
      topScore = f;
      top = order[i];
    }
  }
  if (!top) return { roots: [], top: null };

  top = promoteCommonAncestor(top, topScore, finalScore);
  top = climbWhileParentScoresBetter(top, finalScore);
  // A wrapper whose only element child is the candidate holds nothing more: use the wrapper,
  // so its siblings (the rest of the article) are considered next.
  while (top !== root && top.parent && top.parent !== root && isTag(top.parent) && top.parent.name !== 'body' && elementChildren(top.parent).length === 1) {
    top = top.parent;
  }
  return { roots: withArticleSiblings(top, finalScore, tree), top };
}

function elementChildren(el: ParentNode): Element[] {
  const out: Element[] = [];
  for (const k of el.children) if (isTag(k)) out.push(k);
  return out;
}

/**
 * When several near-top candidates share an ancestor, the article is split in blocks (e.g. text
 * interrupted by ads): the ancestor that holds at least three of them is the real container.
 */
function promoteCommonAncestor(top: Element, topScore: number, finalScore: Map<Element, number>): Element {
  let rivals: { el: Element; f: number }[] = [];
  for (const [el, f] of finalScore) if (el !== top && f >= topScore * 0.75) rivals.push({ el, f });
  if (rivals.length < 3) return top;
  // The best few are enough to find their common ancestor; thousands (a page of identical
  // blocks) would make this quadratic.
  rivals = rivals.sort((a, b) => b.f - a.f).slice(0, MAX_RIVALS);
  const rivalAncestors = rivals.map(({ el }) => {
    const set = new Set<ParentNode>();
    for (let p = el.parent; p; p = p.parent) set.add(p);
    return set;
  });
  for (let p = top.parent; p && isTag(p) && p.name !== 'body' && p.name !== 'html'; p = p.parent) {
    let holds = 0;
    for (const set of rivalAncestors) if (set.has(p)) holds++;
    if (holds >= 3) return p;
  }
  return top;
}

/** A parent scoring higher than the candidate holds more of the article (Readability). */
function climbWhileParentScoresBetter(top: Element, finalScore: Map<Element, number>): Element {
  let lastScore = finalScore.get(top) ?? 0;
  const threshold = lastScore / 3;
  for (let p = top.parent; p && isTag(p) && p.name !== 'body' && p.name !== 'html'; p = p.parent) {
    const ps = finalScore.get(p);
    if (ps === undefined) continue;
    if (ps < threshold) break;
    if (ps > lastScore) return p;
    lastScore = ps;
  }
  return top;
}

/** The candidate plus siblings that read as more of the same article (Readability's sibling step). */
function withArticleSiblings(top: Element, finalScore: Map<Element, number>, stats: TreeStats): Element[] {
  const parent = top.parent;
  if (!parent) return [top];
  const topScore = finalScore.get(top) ?? 0;
  const threshold = Math.max(10, topScore * 0.2);
  const topClass = top.attribs.class ?? '';
  const roots: Element[] = [];
  for (const sib of parent.children) {
    if (sib === top) {
      roots.push(sib);
      continue;
    }
    if (!isTag(sib)) continue;
    const s = stats.get(sib);
    if (!s) continue;
    let bonus = 0;
    // Same class as the candidate: likely another chunk of the same body.
    if (topClass && sib.attribs.class === topClass) bonus += topScore * 0.2;
    const sc = finalScore.get(sib);
    // Menus score too when they are long enough: a sibling that is mostly links never joins.
    if (sc !== undefined && sc + bonus >= threshold && linkDensity(s) < 0.5) {
      roots.push(sib);
      continue;
    }
    const ld = linkDensity(s);
    // Another chunk built like the candidate (same tag and class: a CMS writes each paragraph
    // block in the same wrapper), with prose and few links, is more of the same body.
    if (sib.name === top.name && (sib.attribs.class ?? '') === topClass && s.text > 80 && ld < 0.25) {
      roots.push(sib);
      continue;
    }
    if (!isParagraphLike(sib, s.hasBlock)) continue;
    // A long, link-poor paragraph next to the article is article; so is a short full sentence.
    if (s.text > 80 && ld < 0.25) roots.push(sib);
    else if (s.text > 0 && s.text <= 80 && ld === 0 && /\.( |$)/.test(rawText(sib))) roots.push(sib);
  }
  return roots;
}
