/**
 * Stage 3b: which assembled blocks are the article. Drops what survives tree cleaning because it
 * sits inside the content container: boilerplate lines ("READ MORE:", "Posted in", "- Advertisement
 * -"), the headline repeated in the body, link lists, a lone byline line, and trailing widget
 * headings. "Source" and "READ MORE" lines go to link classification instead. Repeated
 * paragraphs stay: meal plans, refrains and table rows repeat on purpose.
 */
import type { Metadata } from './metadata.js';
import { stripSiteName } from './metadata.js';
import { blockRole, type LinkCollector } from './links.js';
import { BOILERPLATE_LINES, BYLINE_LINE, DATELINE_WORDS, WRITTEN_DATE } from './rules.js';
import type { Block } from './text.js';

/** Blocks with more link text than this share are link lists (related stories, tags), not prose. */
const MAX_BLOCK_LINK_DENSITY = 0.5;
/** ...unless they carry at least this many characters outside their links. */
const MIN_OWN_TEXT = 80;
/** The longest line a BOILERPLATE_LINES pattern can match (their bounds are below this). */
const MAX_BOILERPLATE_CHARS = 420;
/** What precedes the name on a byline line: "By", "Von", "Author:". */
const BYLINE_LINE_PREFIX = /^\S+:?\s+(by\s+)?/i;

/** A full sentence: six words or more, ending with a full stop, "!", "?" or an ellipsis. */
function isSentence(text: string): boolean {
  return /[.!?…]["”’»)]?$/.test(text) && text.split(' ').length >= 6;
}

/** A chrome line; labels are also tried without the punctuation around them ("- Advertisement -"). */
function isBoilerplate(text: string): boolean {
  // Every pattern is bounded to a few hundred characters: longer paragraphs are prose.
  if (text.length > MAX_BOILERPLATE_CHARS) return false;
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

export interface Selection {
  kept: Block[];
  /** A byline found as a line of text ("By Jane Roe") when the page declared none. */
  visibleByline: string | null;
  /** The date of a dateline ("June 3rd, 2022 by admin"), as YYYY-MM-DD. */
  visibleDate: string | null;
}

/**
 * A dateline: a short line that is a written date plus at most a few words ("Posted on", "by
 * admin", a time). Returns the date as YYYY-MM-DD (null when unparseable), or undefined when
 * the line is not a dateline.
 */
export function readDateline(text: string): string | null | undefined {
  if (text.length > 80) return undefined;
  const m = WRITTEN_DATE.exec(text);
  if (!m) return undefined;
  const rest = (text.slice(0, m.index) + ' ' + text.slice(m.index + m[0].length)).replace(DATELINE_WORDS, ' ');
  const words = rest.split(/[\s|,·•–—-]+/).filter((w) => /\p{L}/u.test(w));
  // "by <name>" leaves a name of up to three words.
  if (words.length > 3) return undefined;
  const written = m[0].replace(/(\d)(st|nd|rd|th)\b/i, '$1');
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(written);
  if (iso) return written;
  if (/^\d/.test(written) && /[./]/.test(written)) return null; // 03/06/2022: day or month first? Unknowable.
  const t = Date.parse(written);
  if (Number.isNaN(t)) return null;
  // Date.parse reads a bare written date as local midnight: take the local calendar day.
  const d = new Date(t);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The article's blocks; links of source/related lines are handed to `collector`. */
export function selectArticleBlocks(blocks: readonly Block[], meta: Metadata, collector: LinkCollector): Selection {
  const titleKeys = new Set<string>();
  let maxTitleLength = 0;
  for (const t of [meta.title, meta.documentTitle, meta.documentTitle && stripSiteName(meta.documentTitle, meta.siteName)]) {
    if (!t) continue;
    titleKeys.add(titleKey(t));
    // A heading that repeats the title is about as long (punctuation may differ).
    maxTitleLength = Math.max(maxTitleLength, t.length + 20);
  }

  let visibleByline: string | null = null;
  let visibleDate: string | null = null;
  const kept: Block[] = [];
  let bodyParagraphs = 0;
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
    // A standfirst (summary, dek, teaser text) opens an article; one after the body has begun
    // is the teaser of another story in a list of links.
    if (block.kind === 'standfirst' && bodyParagraphs >= 2) continue;
    if (block.kind === 'p') bodyParagraphs++;
    // A dateline near the top ("June 3rd, 2022 by admin") is metadata.
    if (kept.length < 3) {
      const date = readDateline(block.text);
      if (date !== undefined) {
        visibleDate ??= date;
        const by = /\bby\s+([^|,·•–—]{1,40})$/i.exec(block.text);
        if (by) visibleByline ??= by[1].trim();
        continue;
      }
    }
    // A lone "By Jane Roe" line near the top is the byline, not body text.
    if (kept.length < 3 && block.text.length <= 100 && BYLINE_LINE.test(block.text)) {
      visibleByline ??= block.text.replace(BYLINE_LINE_PREFIX, '').split(/\s*[,|–—·]\s*/)[0];
      continue;
    }
    kept.push(block);
  }
  // A heading with nothing after it titles a widget ("Tell us what you think", "More stories")
  // whose body was removed: not part of the article.
  while (kept.length > 0 && kept[kept.length - 1].kind === 'heading') kept.pop();
  return { kept, visibleByline, visibleDate };
}
