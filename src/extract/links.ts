/**
 * Link classification.
 *   source  - the page declares where its text came from: a paragraph or anchor saying
 *             "Source", "via", "originally published at/on", or a canonical URL on another host.
 *   related - links on "READ MORE:", "Related", "See also" lines: other stories, not this one.
 *   inline  - links inside the article's own paragraphs.
 */
import type { ArticleLink } from '../model.js';
import type { Block, RawLink } from './text.js';
import { RELATED_LINE, SOURCE_ANCHOR, SOURCE_LEAD, SOURCE_LINE } from './rules.js';

/** Absolute http(s) URL of an href, or null for fragments, javascript:, mailto: and junk. */
export function absoluteHref(href: string, base: string | null): string | null {
  const h = href.trim();
  if (!h || h.startsWith('#')) return null;
  try {
    const u = base ? new URL(h, base) : new URL(h);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/** How a block relates to the article, judged by its wording. */
/** Characters a related-stories line may have besides its links ("READ MORE: ", "See also "). */
const MAX_RELATED_LINE_OWN_TEXT = 40;
/** Characters a source line may have besides its link ("Source: ", "Read the original at "). */
const MAX_SOURCE_LINE_OWN_TEXT = 40;

export function blockRole(block: Pick<Block, 'text' | 'links' | 'linkChars'>): 'source' | 'related' | null {
  // "READ MORE: <a>other story</a>": the words introduce links and little else ("Related to
  // this, the council..." is a sentence).
  if (RELATED_LINE.test(block.text) && block.links.length > 0 && block.text.length - block.linkChars <= MAX_RELATED_LINE_OWN_TEXT) return 'related';
  if (SOURCE_LINE.test(block.text)) return 'source';
  // A line that is little more than a link saying "Source" / "Original article" (a sentence
  // that merely contains such a link, like "We walked the <a>Via Appia</a>", is not).
  if (block.links.some((l) => SOURCE_ANCHOR.test(l.text)) && block.text.length - block.linkChars <= MAX_SOURCE_LINE_OWN_TEXT) return 'source';
  return null;
}

export class LinkCollector {
  private readonly seen = new Set<string>();
  readonly links: ArticleLink[] = [];
  /** `pageHost`: a page cannot declare itself its own source (e.g. its feed footer). */
  constructor(
    private readonly base: string | null,
    private readonly pageHost: string | null = null,
  ) {}

  add(kind: ArticleLink['kind'], raw: RawLink, reason: string): void {
    const href = absoluteHref(raw.href, this.base);
    if (!href) return;
    if (kind === 'source' && this.pageHost && hostOf(href) === this.pageHost) {
      kind = 'related';
      reason = `${reason}, same site as the page`;
    }
    const key = `${kind} ${href}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.links.push({ kind, href, text: raw.text, reason });
  }

  /** Links of one block, given its role (null = a kept article paragraph). */
  addBlock(block: Block, role: 'source' | 'related' | null): void {
    for (const l of block.links) {
      if (role === 'source') {
        // On a "Source: X via Y" line, prefer the anchor that itself says so.
        const reason = SOURCE_ANCHOR.test(l.text) ? `anchor text "${l.text}"` : `on a "${block.text.slice(0, 30)}" line`;
        this.add('source', l, reason);
      } else if (role === 'related') {
        const lead = RELATED_LINE.exec(block.text)?.[0] ?? 'related';
        this.add('related', l, `"${lead.replace(/:$/, '')}" line`);
      } else if (l.before && SOURCE_LEAD.test(l.before)) {
        // "... reporting via <a>Wire</a>": the sentence itself declares the source.
        this.add('source', l, `"${SOURCE_LEAD.exec(l.before)![0].trim()}" before the link`);
      } else {
        this.add('inline', l, 'in the article text');
      }
    }
  }

  hasSource(): boolean {
    return this.links.some((l) => l.kind === 'source');
  }
}

export function hostOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, '').toLowerCase();
  } catch {
    return null;
  }
}
